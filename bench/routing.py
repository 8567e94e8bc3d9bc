"""Auto-assignment throughput, and one manager's sidebar summary at 100,000 chats, on
PostgreSQL.

A fresh database ``sangdam_bench_<random>`` is created and migrated, and dropped at the
end. One workspace: 200 managers in 10 teams with auto-assignment (20 members each, a
quarter of them in a second team too), maximums of 2 to 6 open chats each.

1. Routing, in-process (no HTTP): ``CustomerService.start_chat`` called by N concurrent
   tasks, each call a whole arrival (customer, chat, link, routing, first message) in
   its own transaction, as ``POST /customer/chats`` runs it. More chats arrive than the
   members can take, so the run covers both outcomes: assigned and queued. Then chats
   are closed through ``PushService`` (``set_state``), each close giving its assignee the
   oldest waiting chat (R3).
2. The workspace grows to 100,000 chats by bulk inserts (COPY; varied states, assignees,
   teams, media, tags, queued chats, one manager's unread/starred rows), the counts are
   rebuilt with ``counts.recount`` in one write transaction, and
   ``sections.sidebar(conn, workspace, manager, OPEN)`` is timed: median of the calls,
   each in its own read transaction as ``GET /inbox/sidebar`` does it.
3. Routing again, now among 100,000 chats.

    python -m bench.routing [--chats 1000] [--tasks 12] [--total 100000] [--calls 50]

The last line printed is JSON with ``routed_per_s`` (step 1) and ``sidebar_summary_ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert

from bench._support import PG_ADMIN_DSN, median, percentile
from protocol import schemas as s
from protocol.kinds import ChatState, Medium, Role
from server.auth.service import Principal
from server.config import Settings
from server.db import models as m
from server.db import throwaway
from server.db.types import utcnow
from server.inbox import counts, sections
from server.routing import service as routing
from server.services import Services

MANAGERS = 200
TEAMS = 10
TAGS = [f"tag{i}" for i in range(12)]
MEDIA = [md.value for md in Medium]


# ---- the database -----------------------------------------------------------------------


@asynccontextmanager
async def bench_database() -> AsyncIterator[str]:
    async with throwaway.database(PG_ADMIN_DSN, "sangdam_bench") as url:
        yield url


# ---- the workspace ----------------------------------------------------------------------


@dataclass
class Workspace:
    id: uuid.UUID
    owner: uuid.UUID
    managers: list[uuid.UUID]
    teams: list[uuid.UUID]
    members: dict[uuid.UUID, list[uuid.UUID]]  # team -> managers


async def build_workspace(svc: Services, rng: random.Random) -> Workspace:
    """Written directly, in a few bulk statements."""
    now = utcnow()
    wid, owner = uuid.uuid4(), uuid.uuid4()
    managers = [uuid.uuid4() for _ in range(MANAGERS)]
    teams = [uuid.uuid4() for _ in range(TEAMS)]
    members: dict[uuid.UUID, list[uuid.UUID]] = {t: [] for t in teams}
    for i, mid in enumerate(managers):
        members[teams[i % TEAMS]].append(mid)
        if i % 4 == 0:  # a quarter also in the next team
            members[teams[(i + 1) % TEAMS]].append(mid)

    def manager(mid: uuid.UUID, n: int, role: Role, most: int) -> dict[str, Any]:
        return {
            "id": mid,
            "workspace_id": wid,
            "email": f"m{n}@{wid.hex[:8]}.bench",
            "name": f"Manager {n}",
            "password_hash": "-",
            "role": role.value,
            "permissions": [],
            "max_auto_assign": most,
            "created_at": now,
        }

    async with svc.db.write() as conn:
        await conn.execute(
            insert(m.Workspace).values(
                id=wid, name="Bench Co", last_seq=0, pruned_seq=0, created_at=now
            )
        )
        await conn.execute(
            insert(m.Manager),
            [manager(owner, 0, Role.OWNER, 0)]
            + [
                manager(mid, i + 1, Role.MANAGER, rng.randint(2, 6))
                for i, mid in enumerate(managers)
            ],
        )
        await conn.execute(
            insert(m.Team),
            [
                {
                    "id": t,
                    "workspace_id": wid,
                    "name": f"Team {i}",
                    "auto_assign": True,
                    "created_at": now,
                }
                for i, t in enumerate(teams)
            ],
        )
        await conn.execute(
            insert(m.TeamMember),
            [{"team_id": t, "manager_id": mid} for t, ids in members.items() for mid in ids],
        )
    return Workspace(wid, owner, managers, teams, members)


# ---- 1 and 3: routing -------------------------------------------------------------------


async def route_chats(
    svc: Services, ws: Workspace, n: int, tasks: int, rng: random.Random
) -> tuple[float, Counter[str]]:
    """n arrivals by `tasks` concurrent callers; returns (seconds, outcome counts)."""
    todo: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        todo.put_nowait(i)
    teams = [rng.choice(ws.teams) for _ in range(n)]

    async def worker() -> None:
        while True:
            try:
                i = todo.get_nowait()
            except asyncio.QueueEmpty:
                return
            await svc.customers.start_chat(
                s.StartChatRequest(workspace_id=ws.id, team_id=teams[i], text=f"routing bench {i}")
            )

    async with svc.db.read() as conn:
        before = await outcome(conn, ws)
    inside = RouteTimer()
    started = time.perf_counter()
    with inside:
        await asyncio.gather(*(worker() for _ in range(tasks)))
    took = time.perf_counter() - started
    async with svc.db.read() as conn:
        after = await outcome(conn, ws)
    after.subtract(before)
    after["route_ms_total"] = round(inside.seconds * 1000)
    return took, after


class RouteTimer:
    """Adds up the time spent inside routing.route (the decision, and giving or queueing
    the chat) while installed: how much of an arrival is routing's own."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._original: Any = None

    def __enter__(self) -> RouteTimer:
        self._original = original = routing.route

        async def timed(w: Any, chat: Any) -> Any:
            started = time.perf_counter()
            try:
                return await original(w, chat)
            finally:
                self.seconds += time.perf_counter() - started

        routing.route = timed
        return self

    def __exit__(self, *_exc: object) -> None:
        routing.route = self._original


async def outcome(conn: Any, ws: Workspace) -> Counter[str]:
    rows = await conn.execute(
        select(
            (m.Chat.assignee_id.is_not(None)).label("assigned"),
            (m.Chat.queued_since.is_not(None)).label("queued"),
            func.count(),
        )
        .where(m.Chat.workspace_id == ws.id, m.Chat.state == ChatState.OPEN.value)
        .group_by("assigned", "queued")
    )
    found: Counter[str] = Counter()
    for assigned, queued, n in rows:
        found["assigned" if assigned else "queued" if queued else "unassigned"] += n
    return found


async def close_chats(svc: Services, ws: Workspace, n: int, tasks: int) -> float:
    """Close n assigned open chats (each close refills its assignee); returns seconds."""
    async with svc.db.read() as conn:
        chats = (
            await conn.scalars(
                select(m.Chat.id)
                .where(
                    m.Chat.workspace_id == ws.id,
                    m.Chat.state == ChatState.OPEN.value,
                    m.Chat.assignee_id.is_not(None),
                )
                .limit(n)
            )
        ).all()
    me = Principal(ws.owner, ws.id, uuid.uuid4(), Role.OWNER, frozenset(), True)
    todo = list(chats)

    async def worker() -> None:
        client_id = uuid.uuid4()
        mutation_id = 0
        while todo:
            chat_id = todo.pop()
            mutation_id += 1
            req = s.PushRequest.model_validate(
                {
                    "client_id": client_id,
                    "mutations": [
                        {
                            "mutation_id": mutation_id,
                            "name": "set_state",
                            "args": {
                                "chat_id": str(chat_id),
                                "state": "closed",
                                "expected_state": "open",
                            },
                        }
                    ],
                }
            )
            [result] = (await svc.push.push(me, req)).results
            if result.status != "applied":
                raise RuntimeError(f"close refused: {result}")

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(tasks)))
    return time.perf_counter() - started


# ---- 2: 100,000 chats and the sidebar ---------------------------------------------------


async def grow(svc: Services, ws: Workspace, total: int, rng: random.Random) -> int:
    """Bulk-insert chats until the workspace holds `total`; returns how many were added."""
    async with svc.db.read() as conn:
        have = int(
            await conn.scalar(
                select(func.count()).select_from(m.Chat).where(m.Chat.workspace_id == ws.id)
            )
            or 0
        )
    add = max(0, total - have)
    now = utcnow()
    async with svc.db.write() as conn:
        await conn.execute(
            insert(m.Tag),
            [{"id": uuid.uuid4(), "workspace_id": ws.id, "name": t} for t in TAGS],
        )
        rows = await conn.execute(select(m.Tag.name, m.Tag.id).where(m.Tag.workspace_id == ws.id))
        tag_ids = {name: tid for name, tid in rows}
    batch = 5_000
    for start in range(0, add, batch):
        customers: list[dict[str, Any]] = []
        chats: list[dict[str, Any]] = []
        chat_tags: list[dict[str, Any]] = []
        for _ in range(min(batch, add - start)):
            cid, chat_id = uuid.uuid4(), uuid.uuid4()
            at = now - timedelta(seconds=rng.randint(0, 180 * 86400))
            customers.append(
                {
                    "id": cid,
                    "workspace_id": ws.id,
                    "name": f"Customer {start + len(customers)}",
                    "profile": {},
                    "created_at": at,
                }
            )
            roll = rng.random()
            state = "open" if roll < 0.15 else "snoozed" if roll < 0.2 else "closed"
            team = rng.choice(ws.teams) if rng.random() < 0.8 else None
            assignee = None
            queued = None
            if team is not None and state == "open" and rng.random() < 0.1:
                queued = at
            elif rng.random() < 0.85:
                assignee = rng.choice(ws.members[team] if team else ws.managers)
            tags = sorted(rng.sample(TAGS, rng.choice((0, 0, 1, 2))))
            chats.append(
                {
                    "id": chat_id,
                    "workspace_id": ws.id,
                    "customer_id": cid,
                    "medium": rng.choice(MEDIA),
                    "state": state,
                    "snooze_until": now + timedelta(days=1) if state == "snoozed" else None,
                    "team_id": team,
                    "assignee_id": assignee,
                    "tags": tags,
                    "follower_ids": [],
                    "queued_since": queued,
                    "last_message_at": at,
                    "last_message_preview": "bulk",
                    "created_at": at,
                }
            )
            chat_tags += [{"chat_id": chat_id, "tag_id": tag_ids[t]} for t in tags]
        async with svc.db.write() as conn:
            await copy_rows(conn, m.Customer.__table__, customers)
            await copy_rows(conn, m.Chat.__table__, chats)
            await copy_rows(conn, m.ChatTag.__table__, chat_tags)
    return add


async def copy_rows(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Bulk insert with PostgreSQL's COPY (asyncpg), every column given: a value missing
    from a row takes the column's Python-side default, as an ORM insert would."""
    if not rows:
        return
    columns = list(table.columns)
    fill = {c.name: _default(c) for c in columns}
    jsonish = {c.name for c in columns if isinstance(c.type.dialect_impl(conn.dialect), JSONB)}
    records = [
        tuple(
            json.dumps(v) if c.name in jsonish else v
            for c in columns
            for v in (row[c.name] if c.name in row else fill[c.name](),)
        )
        for row in rows
    ]
    raw = (await conn.get_raw_connection()).driver_connection
    await raw.copy_records_to_table(table.name, records=records, columns=[c.name for c in columns])


def _default(column: Any) -> Any:
    default = column.default
    if default is None:
        return lambda: None
    if default.is_callable:
        return lambda: default.arg(None)
    return lambda: default.arg


async def own_rows(svc: Services, ws: Workspace, me: uuid.UUID, n: int, rng: random.Random) -> None:
    """One manager's view of n chats: unread, starred, in their sessions."""
    async with svc.db.write() as conn:
        ids = (
            await conn.scalars(select(m.Chat.id).where(m.Chat.workspace_id == ws.id).limit(n))
        ).all()
        await conn.execute(
            pg_insert(m.ChatState).on_conflict_do_nothing(),
            [
                {
                    "manager_id": me,
                    "chat_id": c,
                    "starred": rng.random() < 0.1,
                    "read_seq": 0,
                    "unread_count": rng.choice((0, 0, 1, 3)),
                    "mentioned": False,
                    "in_sessions": rng.random() < 0.5,
                }
                for c in ids
            ],
        )


async def time_sidebar(svc: Services, ws: Workspace, me: uuid.UUID, calls: int) -> list[float]:
    for _ in range(5):  # warm the pool and the caches
        async with svc.db.read() as conn:
            await sections.sidebar(conn, ws.id, me, ChatState.OPEN)
    times: list[float] = []
    for _ in range(calls):
        started = time.perf_counter()
        async with svc.db.read() as conn:
            side = await sections.sidebar(conn, ws.id, me, ChatState.OPEN)
        times.append((time.perf_counter() - started) * 1000)
    assert side["all"] > 0
    return times


async def time_summary(svc: Services, ws: Workspace, me: uuid.UUID, calls: int) -> list[float]:
    """counts.summary alone: the chat_count rows the sidebar is built from."""
    times: list[float] = []
    for _ in range(calls):
        async with svc.db.read() as conn:
            started = time.perf_counter()
            rows = await counts.summary(conn, ws.id, me)
            times.append((time.perf_counter() - started) * 1000)
    assert rows
    return times


async def time_one_state(svc: Services, ws: Workspace, me: uuid.UUID, calls: int) -> list[float]:
    """For comparison: the same rows narrowed to one state in SQL (the sidebar shows one)."""
    times: list[float] = []
    for _ in range(calls):
        async with svc.db.read() as conn:
            started = time.perf_counter()
            rows = await conn.execute(
                select(m.ChatCount.scope, m.ChatCount.key, m.ChatCount.count).where(
                    m.ChatCount.workspace_id == ws.id,
                    m.ChatCount.scope.in_(["", str(me)]),
                    m.ChatCount.state == ChatState.OPEN.value,
                    m.ChatCount.count != 0,
                )
            )
            found = [r._asdict() for r in rows]
            times.append((time.perf_counter() - started) * 1000)
    assert found
    return times


# ---- the run ------------------------------------------------------------------------------


def ms(values: Sequence[float]) -> str:
    return (
        f"median {median(values):.2f} ms, p95 {percentile(values, 95):.2f} ms, "
        f"min {min(values):.2f} ms, max {max(values):.2f} ms"
    )


async def run(args: argparse.Namespace) -> dict[str, float]:
    rng = random.Random(args.seed)
    async with bench_database() as url:
        svc = Services.build(
            Settings(
                database_url=url,
                doorbell="memory",
                public_address_chats=1_000_000,
                public_workspace_chats=1_000_000,
            )
        )
        try:
            ws = await build_workspace(svc, rng)
            capacity = sum(
                int(n)
                for n in (
                    await _scalars(
                        svc,
                        select(m.Manager.max_auto_assign).where(m.Manager.id.in_(ws.managers)),
                    )
                )
            )
            print(
                f"workspace: {MANAGERS} managers in {TEAMS} auto-assigning teams, "
                f"room for {capacity} open chats between them"
            )

            took, got = await route_chats(svc, ws, args.chats, args.tasks, rng)
            routed_per_s = args.chats / took
            print(
                f"routing (in-process CustomerService.start_chat, {args.tasks} tasks): "
                f"{args.chats} arrivals in {took:.2f} s = {routed_per_s:.0f} chats/s "
                f"({got['assigned']} assigned, {got['queued']} queued)"
            )
            print(
                f"  arrivals of one workspace run one at a time (count rows, workspace lock): "
                f"{took * 1000 / args.chats:.1f} ms each, of which "
                f"{got['route_ms_total'] / args.chats:.1f} ms inside routing.route"
            )
            closes = min(200, got["assigned"])
            took_c = await close_chats(svc, ws, closes, args.tasks)
            print(
                f"refill (PushService set_state closed, {args.tasks} tasks): {closes} closes, "
                f"each giving the oldest waiting chat, in {took_c:.2f} s "
                f"= {closes / took_c:.0f} closes/s"
            )

            started = time.perf_counter()
            added = await grow(svc, ws, args.total, rng)
            me = ws.managers[0]
            await own_rows(svc, ws, me, 3_000, rng)
            loaded = time.perf_counter() - started
            started = time.perf_counter()
            async with svc.db.write() as conn:
                entries = await counts.recount(conn, ws.id)
            print(
                f"bulk load: {added} chats in {loaded:.1f} s; recount of {args.total} chats "
                f"in {time.perf_counter() - started:.1f} s ({len(entries)} count rows)"
            )
            async with svc.db.read() as conn:
                await conn.exec_driver_sql("ANALYZE")
            times = await time_sidebar(svc, ws, me, args.calls)
            summary_ms = median(times)
            print(f"sidebar summary of one manager at {args.total} chats: {ms(times)}")
            parts = await time_summary(svc, ws, me, args.calls)
            one_state = await time_one_state(svc, ws, me, args.calls)
            print(
                f"  of which the count rows query (counts.summary, every state): median "
                f"{median(parts):.2f} ms; narrowed to the open state in SQL it would take "
                f"{median(one_state):.2f} ms"
            )
            print(
                f"  ({args.calls} calls of sections.sidebar(conn, ws, manager, OPEN), each in "
                f"its own read transaction; target < 20 ms: "
                f"{'met' if summary_ms < 20 else 'NOT met'})"
            )

            n_late = max(100, args.chats // 8)
            took_l, got_l = await route_chats(svc, ws, n_late, args.tasks, rng)
            print(
                f"routing among {args.total} chats: {n_late} arrivals in {took_l:.2f} s "
                f"= {n_late / took_l:.0f} chats/s "
                f"({got_l['assigned']} assigned, {got_l['queued']} queued)"
            )
        finally:
            await svc.db.dispose()
    return {"routed_per_s": round(routed_per_s, 1), "sidebar_summary_ms": round(summary_ms, 3)}


async def _scalars(svc: Services, stmt: Any) -> list[Any]:
    async with svc.db.read() as conn:
        return list((await conn.scalars(stmt)).all())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=1_000, help="arrivals to route")
    parser.add_argument("--tasks", type=int, default=12, help="concurrent callers")
    parser.add_argument("--total", type=int, default=100_000, help="chats for the sidebar")
    parser.add_argument("--calls", type=int, default=50, help="sidebar calls to time")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
