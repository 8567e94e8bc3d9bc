"""Arrivals (a new chat, routed) beside ordinary pushes, and one manager's sidebar
summary, in a workspace of 100,000 chats on PostgreSQL.

A fresh database ``sangdam_bench_<random>`` is created and migrated, and dropped at the
end. One workspace: 200 managers in 10 teams with auto-assignment (20 members each, a
quarter of them in a second team too). It grows to ``--total`` chats by COPY (varied
states, assignees, teams, media, tags, queued chats, one manager's unread/starred rows);
each manager's maximum is then set to their open chats + 1 to 3, so the arrivals both
get assigned and queue; the sidebar counts and the members' loads are rebuilt
(``counts.recount``, ``loads.recount``) and the tables analysed. Nothing before this
point is timed.

Then, in rounds push, arrival, arrival, push (so a machine that gets busier or quieter
weighs on both alike), each of ``--ops / 2`` operations made one after another by one
caller, in-process (no HTTP), each its own transaction holding the workspace lock:
- push: ``PushService.push`` of one ``send_message`` mutation on a seeded open chat.
- arrival: ``CustomerService.start_chat`` (customer, chat, link, routing, first
  message), as ``POST /customer/chats`` runs it: a push's work plus routing.
Clocks (``time.perf_counter``): a round's clock starts just before its first call and
stops when its last call returns; ``push_per_s`` and ``routed_per_s`` are the calls over
the summed time of their two rounds, and ``ratio`` = routed_per_s / push_per_s (target
>= 0.5: routing costs no more than a push). The statements each operation ran are
counted too (SQLAlchemy's ``before_cursor_execute``).

Every arrival is checked against R1, R2 and R4 by replaying the arrivals in commit order
(the change-log seq of each chat's first entry) against the loads, maximums and
last-assignment times read before the round: each goes to the member the rule picks, or
waits in its team's queue, in arrival order, exactly when no member has room. The kept
loads must equal a recount at the end (``rule_violations`` and ``loads_ok``).

Last, ``sections.sidebar(conn, workspace, manager, OPEN)`` is called ``--calls`` times,
each in its own read transaction as ``GET /inbox/sidebar`` does it; its clock starts
before the transaction opens and stops after it closes: ``sidebar_summary_ms`` is the
median (target < 20).

    python -m bench.routing [--ops 400] [--total 100000] [--calls 50] [--explain]

The last line printed is JSON with ``routed_per_s``, ``push_per_s``, ``ratio`` and
``sidebar_summary_ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import event, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert

from bench._support import MEDIA_KEY, PG_ADMIN_DSN, median, percentile
from protocol import schemas as s
from protocol.kinds import ChatState, Medium, Role
from server.auth.service import Principal
from server.config import Settings
from server.db import models as m
from server.db import throwaway
from server.db.types import utcnow
from server.inbox import counts, loads, sections
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


# ---- arrivals and pushes ---------------------------------------------------------------


class Statements:
    """Counts the statements the engine sends while installed."""

    def __init__(self, svc: Services) -> None:
        self.n = 0
        self._engine = svc.db.engine.sync_engine

    def _count(self, *_args: Any) -> None:
        self.n += 1

    def __enter__(self) -> Statements:
        event.listen(self._engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self._engine, "before_cursor_execute", self._count)


async def arrivals(
    svc: Services, ws: Workspace, teams: list[uuid.UUID], stmts: Statements
) -> tuple[float, list[uuid.UUID], int]:
    """One arrival per team given, one after another: (seconds, chat ids, statements)."""
    ids: list[uuid.UUID] = []
    before = stmts.n
    started = time.perf_counter()
    for i, team in enumerate(teams):
        made = await svc.customers.start_chat(
            s.StartChatRequest(workspace_id=ws.id, team_id=team, text=f"routing bench {i}")
        )
        ids.append(made.chat_id)
    return time.perf_counter() - started, ids, stmts.n - before


@dataclass
class Pusher:
    """One sync client of the owner, sending messages to seeded open chats."""

    me: Principal
    chats: list[uuid.UUID]
    client_id: uuid.UUID = field(default_factory=uuid.uuid4)
    mutation_id: int = 0

    async def pushes(self, svc: Services, n: int, stmts: Statements) -> tuple[float, int]:
        """n send_message pushes, one after another: (seconds, statements)."""
        before = stmts.n
        started = time.perf_counter()
        for _ in range(n):
            self.mutation_id += 1
            chat_id = self.chats[self.mutation_id % len(self.chats)]
            req = s.PushRequest.model_validate(
                {
                    "client_id": self.client_id,
                    "mutations": [
                        {
                            "mutation_id": self.mutation_id,
                            "name": "send_message",
                            "args": {
                                "chat_id": str(chat_id),
                                "message_id": str(uuid.uuid4()),
                                "blocks": [{"type": "text", "text": f"push {self.mutation_id}"}],
                            },
                        }
                    ],
                }
            )
            [result] = (await svc.push.push(self.me, req)).results
            if result.status != "applied":
                raise RuntimeError(f"push refused: {result}")
        return time.perf_counter() - started, stmts.n - before


@dataclass
class Rota:
    """What R1, R2 and R4 decide from, read before a round of arrivals."""

    members: dict[uuid.UUID, list[uuid.UUID]]  # team -> eligible members
    load: dict[uuid.UUID, int]  # counted from the chats
    most: dict[uuid.UUID, int]
    last: dict[uuid.UUID, float]  # last assignment, as a timestamp (-inf: never)


async def read_rota(conn: Any, ws: Workspace) -> Rota:
    members: dict[uuid.UUID, list[uuid.UUID]] = {t: [] for t in ws.teams}
    rows = await conn.execute(
        select(m.TeamMember.team_id, m.TeamMember.manager_id)
        .join(m.Team, m.Team.id == m.TeamMember.team_id)
        .join(m.Manager, m.Manager.id == m.TeamMember.manager_id)
        .where(
            m.Team.workspace_id == ws.id,
            m.Team.auto_assign.is_(True),
            m.TeamMember.auto_assign.is_(True),
            m.Manager.operator_seat.is_(True),
            m.Manager.available.is_(True),
        )
    )
    for team, manager in rows:
        members[team].append(manager)
    most, last = {}, {}
    for mid, n, at in await conn.execute(
        select(m.Manager.id, m.Manager.max_auto_assign, m.Manager.last_assigned_at).where(
            m.Manager.workspace_id == ws.id
        )
    ):
        most[mid] = int(n)
        last[mid] = at.timestamp() if at is not None else float("-inf")
    load: Counter[uuid.UUID] = Counter()
    for mid, n in await conn.execute(
        select(m.Chat.assignee_id, func.count())
        .where(
            m.Chat.workspace_id == ws.id,
            m.Chat.state == ChatState.OPEN.value,
            m.Chat.assignee_id.is_not(None),
        )
        .group_by(m.Chat.assignee_id)
    ):
        load[mid] = int(n)
    return Rota(members, dict(load), most, last)


async def check_arrivals(
    conn: Any, ws: Workspace, rota: Rota, ids: list[uuid.UUID]
) -> Counter[str]:
    """Replay the arrivals in commit order against the rules; returns outcome counts and
    `violations` (each printed)."""
    rows = {r.id: r for r in await conn.execute(select(m.Chat).where(m.Chat.id.in_(ids)))}
    first = {
        uuid.UUID(eid): seq
        for eid, seq in await conn.execute(
            select(m.ChangeLog.entity_id, func.min(m.ChangeLog.seq))
            .where(
                m.ChangeLog.workspace_id == ws.id,
                m.ChangeLog.entity == "chat",
                m.ChangeLog.entity_id.in_([str(i) for i in ids]),
            )
            .group_by(m.ChangeLog.entity_id)
        )
    }
    load = Counter(rota.load)
    last = dict(rota.last)
    clock = max([t for t in last.values()] + [0.0])
    queued_last: dict[uuid.UUID, Any] = {}
    found: Counter[str] = Counter()

    def bad(why: str) -> None:
        found["violations"] += 1
        if found["violations"] <= 5:
            print(f"  ! {why}")

    for chat_id in sorted(ids, key=lambda c: first[c]):
        chat = rows[chat_id]
        room = [mid for mid in rota.members[chat.team_id] if load[mid] < rota.most[mid]]
        if room:  # R1 (R4: below their maximum)
            want = min(room, key=lambda mid: (load[mid], last[mid], str(mid)))
            found["assigned"] += 1
            if chat.assignee_id != want or chat.queued_since is not None:
                bad(f"chat {chat_id} went to {chat.assignee_id}, R1 says {want}")
            who = chat.assignee_id or want
            load[who] += 1
            clock += 1.0
            last[who] = clock
        else:  # R2: it waits, after those before it
            found["queued"] += 1
            if chat.assignee_id is not None or chat.queued_since is None:
                bad(f"chat {chat_id} was not queued: nobody of its team has room")
            elif chat.team_id in queued_last and chat.queued_since < queued_last[chat.team_id]:
                bad(f"chat {chat_id} queued before an earlier arrival")
            else:
                queued_last[chat.team_id] = chat.queued_since
    for mid, n in load.items():
        if n > rota.most[mid] and n > rota.load.get(mid, 0):
            bad(f"manager {mid} has {n} open chats, above their maximum {rota.most[mid]}")
    return found


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
    """counts.summary alone, for the open state: the chat_count rows the sidebar reads."""
    times: list[float] = []
    for _ in range(calls):
        async with svc.db.read() as conn:
            started = time.perf_counter()
            rows = await counts.summary(conn, ws.id, me, ChatState.OPEN.value)
            times.append((time.perf_counter() - started) * 1000)
    assert rows
    return times


# ---- the run ------------------------------------------------------------------------------


def ms(values: Sequence[float]) -> str:
    return (
        f"median {median(values):.2f} ms, p95 {percentile(values, 95):.2f} ms, "
        f"min {min(values):.2f} ms, max {max(values):.2f} ms"
    )


async def explain(svc: Services, ws: Workspace, me: uuid.UUID) -> None:
    """The plans of what routing and the sidebar read, at this size (EXPLAIN ANALYZE)."""
    team = ws.teams[0]
    reads = {
        "a team's members with their loads (route)": (
            routing._ELIGIBLE_IN_TEAM,
            {"team_id": team},
        ),
        "a member's own teams and load (refill)": (routing._ELIGIBLE_SELF, {"manager_id": me}),
        "a team's oldest waiting chats (refill)": (
            routing._QUEUE_HEAD,
            {"workspace_id": ws.id, "team_id": team, "n": 3},
        ),
        "the sidebar's count rows of the open state": (
            counts._SUMMARY_OF_STATE,
            {"workspace_id": ws.id, "scopes": ["", str(me)], "state": ChatState.OPEN.value},
        ),
    }
    async with svc.db.read() as conn:
        for what, (stmt, params) in reads.items():
            sql = stmt.params(**params).compile(
                dialect=conn.dialect, compile_kwargs={"literal_binds": True}
            )
            print(f"EXPLAIN {what}:")
            for (line,) in await conn.execute(text(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")):
                print(f"    {line}")


async def set_maxima(svc: Services, ws: Workspace, rng: random.Random) -> int:
    """Each member's maximum: their open chats now + 1 to 3. Returns the room in all."""
    async with svc.db.write() as conn:
        load = await loads.recount(conn, ws.id)
        room = 0
        for mid in ws.managers:
            extra = rng.randint(1, 3)
            room += extra
            await conn.execute(
                update(m.Manager)
                .where(m.Manager.id == mid)
                .values(max_auto_assign=load.get(mid, 0) + extra)
            )
    return room


async def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    async with bench_database() as url:
        svc = Services.build(
            Settings(
                database_url=url,
                doorbell="memory",
                public_address_chats=1_000_000,
                public_workspace_chats=1_000_000,
                media_key=MEDIA_KEY["SANGDAM_MEDIA_KEY"],  # PostgreSQL wants one
            )
        )
        try:
            ws = await build_workspace(svc, rng)
            started = time.perf_counter()
            added = await grow(svc, ws, args.total, rng)
            me = ws.managers[0]
            await own_rows(svc, ws, me, 3_000, rng)
            loaded = time.perf_counter() - started
            room = await set_maxima(svc, ws, rng)
            started = time.perf_counter()
            async with svc.db.write() as conn:
                entries = await counts.recount(conn, ws.id)
                await loads.recount(conn, ws.id)
            print(
                f"workspace: {MANAGERS} managers in {TEAMS} auto-assigning teams; bulk load of "
                f"{added} chats in {loaded:.1f} s; counts and loads rebuilt in "
                f"{time.perf_counter() - started:.1f} s ({len(entries)} count rows); "
                f"room for {room} more open chats"
            )
            async with svc.db.read() as conn:
                await conn.exec_driver_sql("ANALYZE")
                open_chats = (
                    await conn.scalars(
                        select(m.Chat.id)
                        .where(m.Chat.workspace_id == ws.id, m.Chat.state == ChatState.OPEN.value)
                        .limit(200)
                    )
                ).all()
            if args.explain:
                await explain(svc, ws, ws.managers[1])
            owner = Principal(ws.owner, ws.id, uuid.uuid4(), Role.OWNER, frozenset(), True)
            pusher = Pusher(owner, list(open_chats))
            await pusher.pushes(svc, 20, Statements(svc))  # warm the pool and the caches
            half = args.ops // 2
            teams = [rng.choice(ws.teams) for _ in range(2 * half)]
            push_s = arrive_s = 0.0
            push_stmts = arrive_stmts = 0
            found: Counter[str] = Counter()
            with Statements(svc) as stmts:
                for side in ("push", "arrival", "arrival", "push"):
                    if side == "push":
                        took, n = await pusher.pushes(svc, half, stmts)
                        push_s, push_stmts = push_s + took, push_stmts + n
                        continue
                    async with svc.db.read() as conn:
                        rota = await read_rota(conn, ws)
                    batch, teams = teams[:half], teams[half:]
                    took, ids, n = await arrivals(svc, ws, batch, stmts)
                    arrive_s, arrive_stmts = arrive_s + took, arrive_stmts + n
                    async with svc.db.read() as conn:
                        found += await check_arrivals(conn, ws, rota, ids)
            push_per_s = 2 * half / push_s
            routed_per_s = 2 * half / arrive_s
            ratio = routed_per_s / push_per_s
            print(
                f"pushes (PushService, send_message, one after another): {2 * half} in "
                f"{push_s:.2f} s = {push_per_s:.0f}/s, {push_s * 500 / half:.1f} ms and "
                f"{push_stmts / (2 * half):.1f} statements each"
            )
            print(
                f"arrivals (CustomerService.start_chat, one after another): {2 * half} in "
                f"{arrive_s:.2f} s = {routed_per_s:.0f}/s, {arrive_s * 500 / half:.1f} ms and "
                f"{arrive_stmts / (2 * half):.1f} statements each "
                f"({found['assigned']} assigned, {found['queued']} queued)"
            )
            print(
                f"  ratio arrivals/pushes {ratio:.2f} (target >= 0.5: "
                f"{'met' if ratio >= 0.5 else 'NOT met'}); R1, R2, R4 replayed in commit "
                f"order: {found['violations']} violations"
            )
            async with svc.db.read() as conn:
                kept = await loads.stored(conn, ws.id)
            async with svc.db.write() as conn:
                rebuilt = {k: v for k, v in (await loads.recount(conn, ws.id)).items() if v}
            loads_ok = kept == rebuilt
            print(f"kept loads equal a recount: {loads_ok}")
            busy = os.getloadavg()[0]
            print(f"machine load (1 min) after the rounds: {busy:.1f} on {os.cpu_count()} cores")

            times = await time_sidebar(svc, ws, me, args.calls)
            summary_ms = median(times)
            print(f"sidebar summary of one manager at {args.total} chats: {ms(times)}")
            parts = await time_summary(svc, ws, me, args.calls)
            print(
                f"  of which the count rows of the open state (counts.summary): median "
                f"{median(parts):.2f} ms"
            )
            print(
                f"  ({args.calls} calls of sections.sidebar(conn, ws, manager, OPEN), each in "
                f"its own read transaction; target < 20 ms: "
                f"{'met' if summary_ms < 20 else 'NOT met'})"
            )
        finally:
            await svc.db.dispose()
    return {
        "routed_per_s": round(routed_per_s, 1),
        "push_per_s": round(push_per_s, 1),
        "ratio": round(ratio, 3),
        "arrivals_assigned": found["assigned"],
        "arrivals_queued": found["queued"],
        "rule_violations": found["violations"],
        "loads_ok": loads_ok,
        "statements_per_arrival": round(arrive_stmts / (2 * half), 1),
        "statements_per_push": round(push_stmts / (2 * half), 1),
        "sidebar_summary_ms": round(summary_ms, 3),
        "load_average": round(busy, 1),
    }


async def _scalars(svc: Services, stmt: Any) -> list[Any]:
    async with svc.db.read() as conn:
        return list((await conn.scalars(stmt)).all())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ops", type=int, default=400, help="arrivals, and as many pushes")
    parser.add_argument("--total", type=int, default=100_000, help="chats for the sidebar")
    parser.add_argument("--calls", type=int, default=50, help="sidebar calls to time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="print the plans of the reads")
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
