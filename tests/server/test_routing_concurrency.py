"""Auto-assignment under concurrency: two server processes on one PostgreSQL database.

500 chats arrive at once for a team whose members can take 50 between them. Arrival
order is the order in which the servers committed the chats: the change-log seq of each
chat's first entry (every writer of a workspace takes its row lock). Checked from the
database: exactly the first 50 arrivals are assigned, nobody above their maximum, the
other 450 wait in arrival order; then closing every assigned chat, from both servers at
once, gives each closer the oldest waiting chats, first in first out. Then assignments
by hand, closes and settings changes race the arrivals: no request may fail.
"""

# covers: R1, R2, R3, R4, S7, N3

from __future__ import annotations

import asyncio
import contextlib
import random
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from server import admin
from server.db import models as m
from server.db.database import Database
from server.inbox import counts
from server.inbox import loads as member_loads
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(300)]

LiveFactory = Callable[..., LiveServer]
MAXIMA = (10, 9, 8, 7, 6, 5, 5)  # 50 between them
MEMBERS = tuple(f"m{i}" for i in range(len(MAXIMA)))
CHATS = 500
AT_ONCE = 50  # arrivals in flight at any moment, over both servers
SPREAD = 6.0  # seconds over which the other requests are spread, while chats arrive


class Cluster:
    """Two servers on one database, one HTTP client, the managers' logins."""

    def __init__(self, servers: list[LiveServer], client: httpx.AsyncClient) -> None:
        self.servers = servers
        self.client = client
        self.gate = asyncio.Semaphore(AT_ONCE)
        self.heads: dict[str, dict[str, str]] = {}

    @classmethod
    async def start(cls, live_server: LiveFactory, url: str, client: httpx.AsyncClient) -> Cluster:
        servers = await asyncio.gather(
            *(asyncio.to_thread(live_server, url, "postgres") for _ in range(2))
        )
        return cls(list(servers), client)

    def url(self, i: int) -> str:
        return self.servers[i % 2].url

    async def login(self, *names: str) -> None:
        for name in names:
            r = await self.client.post(
                self.url(0) + "/auth/login",
                json={"email": World.email(name), "password": PASSWORD},
            )
            assert r.status_code == 200, r.text
            self.heads[name] = {"Authorization": f"Bearer {r.json()['token']}"}

    async def arrive(self, i: int, world: World, team: uuid.UUID) -> str:
        async with self.gate:
            r = await self.client.post(
                self.url(i) + "/customer/chats",
                json={
                    "workspace_id": str(world.workspace_id),
                    "team_id": str(team),
                    "text": f"customer {i}",
                },
            )
        assert r.status_code == 201, r.text
        chat_id: str = r.json()["chat_id"]
        return chat_id

    async def push(
        self, i: int, who: str, name: str, *, gated: bool = True, **args: Any
    ) -> dict[str, Any]:
        """One mutation from a fresh sync client (so pushes may run side by side);
        `gated`: waits its turn among the requests in flight (AT_ONCE)."""
        mutation = {"mutation_id": 1, "name": name, "args": args}
        async with self.gate if gated else contextlib.nullcontext():
            r = await self.client.post(
                self.url(i) + "/sync/push",
                headers=self.heads[who],
                json={"client_id": str(uuid.uuid4()), "mutations": [mutation]},
            )
        assert r.status_code == 200, r.text
        result: dict[str, Any] = r.json()["results"][0]
        return result

    def alive(self) -> bool:
        return all(s.proc is not None and s.proc.poll() is None for s in self.servers)


def client() -> httpx.AsyncClient:
    # idle connections are dropped before the server's own keep-alive timeout (5 s) could
    # close one just as it is reused
    limits = httpx.Limits(
        max_connections=2 * AT_ONCE, max_keepalive_connections=2 * AT_ONCE, keepalive_expiry=2.0
    )
    return httpx.AsyncClient(timeout=120, limits=limits)


async def build(url: str, maxima: tuple[int, ...] = MAXIMA) -> tuple[World, uuid.UUID]:
    """The workspace, written before any server opens the database."""
    db = Database(url)
    try:
        world = await make_world(db, ("owner", *MEMBERS))
        async with db.write() as conn:
            for name, n in zip(MEMBERS, maxima, strict=True):
                await conn.execute(
                    update(m.Manager)
                    .where(m.Manager.id == world.managers[name])
                    .values(max_auto_assign=n)
                )
        team = await admin.create_team(
            db,
            world.workspace_id,
            "Desk",
            [world.managers[n] for n in MEMBERS],
            auto_assign=True,
        )
        return world, team
    finally:
        await db.dispose()


async def read_state(url: str, world: World) -> dict[str, Any]:
    """Chats, the seq at which each was created, and the notification entries."""
    db = Database(url)
    try:
        async with db.read() as conn:
            chats = {
                r.id: r
                for r in await conn.execute(
                    select(m.Chat).where(m.Chat.workspace_id == world.workspace_id)
                )
            }
            created = {
                uuid.UUID(eid): seq
                for eid, seq in await conn.execute(
                    select(m.ChangeLog.entity_id, func.min(m.ChangeLog.seq))
                    .where(
                        m.ChangeLog.workspace_id == world.workspace_id,
                        m.ChangeLog.entity == "chat",
                    )
                    .group_by(m.ChangeLog.entity_id)
                )
            }
            maxima = {
                mid: n
                for mid, n in await conn.execute(
                    select(m.Manager.id, m.Manager.max_auto_assign).where(
                        m.Manager.workspace_id == world.workspace_id
                    )
                )
            }
            notes = [
                dict(d)
                for d in await conn.scalars(
                    select(m.ChangeLog.data).where(
                        m.ChangeLog.workspace_id == world.workspace_id,
                        m.ChangeLog.entity == "notification",
                    )
                )
            ]
        async with db.read() as conn:
            kept = await counts.stored(conn, world.workspace_id)
            kept_loads = await member_loads.stored(conn, world.workspace_id)
        async with db.write() as conn:
            rebuilt = {
                k: v for k, v in (await counts.recount(conn, world.workspace_id)).items() if v
            }
            rebuilt_loads = {
                k: v for k, v in (await member_loads.recount(conn, world.workspace_id)).items() if v
            }
        return {
            "chats": chats,
            "created": created,
            "notes": notes,
            "maxima": maxima,
            "counts_ok": kept == rebuilt,
            "loads_ok": kept_loads == rebuilt_loads,
        }
    finally:
        await db.dispose()


def check_invariants(
    state: dict[str, Any], world: World, *, full: bool = True
) -> tuple[list[uuid.UUID], list[Any]]:
    """What must hold at rest; returns (assigned chat ids, waiting chats oldest first).
    `full`: every member is exactly at their maximum (nobody assigned by hand)."""
    chats = state["chats"]
    assert state["counts_ok"], "the sidebar counts kept by deltas differ from a recount"
    assert state["loads_ok"], "the members' loads kept by deltas differ from a recount"
    for c in chats.values():
        assert not (c.assignee_id is not None and c.queued_since is not None), c.id
    loads = Counter(c.assignee_id for c in chats.values() if c.state == "open" and c.assignee_id)
    anyone_waits = any(c.state == "open" and c.queued_since for c in chats.values())
    for name in MEMBERS:
        mid = world.managers[name]
        load, most = loads[mid], state["maxima"][mid]
        if full:
            assert load == most, f"{name}: {load}/{most}"
        else:  # nobody waits while a member has room
            assert load >= most or not anyone_waits, f"{name}: {load}/{most}"
    waiting = sorted(
        (c for c in chats.values() if c.state == "open" and c.queued_since is not None),
        key=lambda c: c.queued_since,
    )
    assert len({c.queued_since for c in waiting}) == len(waiting), "two chats share a place"
    # queue order == arrival order
    arrivals = [c.id for c in waiting]
    assert arrivals == sorted(arrivals, key=state["created"].__getitem__)
    assigned = [c.id for c in chats.values() if c.state == "open" and c.assignee_id]
    return assigned, waiting


async def test_five_hundred_arrivals_on_two_servers(
    live_server: LiveFactory, postgres_url: str
) -> None:
    world, team = await build(postgres_url)
    async with client() as http:
        cl = await Cluster.start(live_server, postgres_url, http)
        ids = await asyncio.gather(*(cl.arrive(i, world, team) for i in range(CHATS)))
        assert len(set(ids)) == CHATS

        state = await read_state(postgres_url, world)
        assert len(state["chats"]) == CHATS
        first, waiting = check_invariants(state, world)
        created = state["created"]
        assert len(first) == sum(MAXIMA) and len(waiting) == CHATS - sum(MAXIMA)
        # the first 50 to arrive were assigned, every later one waits
        assert max(created[c] for c in first) < min(created[c.id] for c in waiting)
        # N3: one "assigned" entry per assigned chat, to its assignee; waiting ones told nobody
        chats = state["chats"]
        told = sorted(
            (n["chat_id"], n["manager_id"]) for n in state["notes"] if n["reason"] == "assigned"
        )
        assert told == sorted((str(c), str(chats[c].assignee_id)) for c in first)
        waiting_ids = {str(c.id) for c in waiting}
        assert not [n for n in state["notes"] if n["chat_id"] in waiting_ids]

        # what a manager sees through either server: S7's count, and the queue in order
        await cl.login("owner", *MEMBERS)
        for i in range(2):
            r = await http.get(cl.url(i) + "/inbox/sidebar", headers=cl.heads["owner"])
            assert r.json()["queue"] == [
                {"team_id": str(team), "name": "Desk", "count": len(waiting)}
            ]
            r = await http.get(
                cl.url(i) + f"/inbox/sections/queue:{team}",
                params={"sort": "oldest", "limit": 500},
                headers=cl.heads["owner"],
            )
            assert [c["id"] for c in r.json()["chats"]] == [str(c.id) for c in waiting]

        # R3 under concurrency: every assigned chat closed at once, over both servers, by
        # its assignee; each close gives its closer the oldest waiting chat
        names = {world.managers[n]: n for n in MEMBERS}

        async def close(i: int, chat_id: uuid.UUID) -> None:
            res = await cl.push(
                i,
                names[chats[chat_id].assignee_id],
                "set_state",
                chat_id=str(chat_id),
                state="closed",
                expected_state="open",
            )
            assert res["status"] == "applied", res

        await asyncio.gather(*(close(i, c) for i, c in enumerate(first)))
        assert cl.alive()

    state = await read_state(postgres_url, world)
    second, still = check_invariants(state, world)
    assert sorted(second) == sorted(c.id for c in waiting[: len(first)]), "not the oldest"
    assert [c.id for c in still] == [c.id for c in waiting[len(first) :]]
    assert all(state["chats"][c].state == "closed" for c in first)
    assert len([n for n in state["notes"] if n["reason"] == "assigned"]) == 2 * sum(MAXIMA)


async def test_assignments_by_hand_race_the_arrivals(
    live_server: LiveFactory, postgres_url: str
) -> None:
    """Assigning by hand (from the queue, or from one member to another) while chats
    arrive: this used to deadlock with routing on PostgreSQL, each transaction holding
    what the other needed (the assignee's count row, the workspace row)."""
    world, team = await build(postgres_url)
    rng = random.Random(5)
    async with client() as http:
        cl = await Cluster.start(live_server, postgres_url, http)
        await cl.login("owner")
        ids: list[str] = []
        by_hand: Counter[str] = Counter()

        async def arrive(i: int) -> None:
            ids.append(await cl.arrive(i, world, team))

        async def assign(i: int) -> None:
            await asyncio.sleep(rng.random() * SPREAD)  # while the chats keep arriving
            if not ids:
                return
            chat_id, who = rng.choice(ids), rng.choice(MEMBERS)
            for _ in range(3):  # routing may assign it between our read and our push
                r = await http.get(cl.url(i) + f"/chats/{chat_id}", headers=cl.heads["owner"])
                res = await cl.push(
                    i,
                    "owner",
                    "assign",
                    chat_id=chat_id,
                    assignee_id=str(world.managers[who]),
                    expected_assignee_id=r.json()["assignee_id"],
                    gated=False,
                )
                if res["status"] == "applied":
                    by_hand[who] += 1
                    return
                assert res["error"]["code"] == "stale_value", res

        await asyncio.gather(*(arrive(i) for i in range(300)), *(assign(i) for i in range(120)))
        assert cl.alive()
    assert sum(by_hand.values()) > 40  # enough of them ran while chats arrived
    state = await read_state(postgres_url, world)
    assert len(state["chats"]) == 300
    check_invariants(state, world, full=False)
    loads = Counter(c.assignee_id for c in state["chats"].values() if c.state == "open")
    for name, most in zip(MEMBERS, MAXIMA, strict=True):
        assert loads[world.managers[name]] <= most + by_hand[name], name


async def test_closes_and_settings_changes_race_the_arrivals(
    live_server: LiveFactory, postgres_url: str
) -> None:
    """Closing chats and changing managers' settings while chats arrive. Both used to
    lock rows (a closed chat's counts, the manager's row) before the workspace row, which
    routing holds while it bumps counts and updates the manager it gives a chat to: a
    deadlock, which PostgreSQL broke with a 500. Every writer now takes the workspace row
    first (sync.changelog.lock_workspace)."""
    # room for every chat: each arrival gives one to a member (and updates their row)
    world, team = await build(postgres_url, (1000,) * len(MEMBERS))
    rng = random.Random(9)
    failures: list[str] = []
    async with client() as http:
        cl = await Cluster.start(live_server, postgres_url, http)
        await cl.login("owner")
        ids: list[str] = []

        async def arrive(i: int) -> None:
            try:
                ids.append(await cl.arrive(i, world, team))
            except (AssertionError, httpx.HTTPError) as exc:
                failures.append(f"arrive: {exc!r}"[:120])

        async def meddle(i: int) -> None:
            await asyncio.sleep(rng.random() * SPREAD)
            try:
                if i % 2 or not ids:
                    who = world.managers[rng.choice(MEMBERS)]
                    body = {
                        "max_auto_assign": rng.randint(900, 1000),
                        "notify_unassigned": i % 4 == 1,
                    }
                    r = await http.patch(
                        cl.url(i) + f"/managers/{who}", headers=cl.heads["owner"], json=body
                    )
                    assert r.status_code == 200, r.text
                else:
                    chat_id = rng.choice(ids)
                    r = await http.get(cl.url(i) + f"/chats/{chat_id}", headers=cl.heads["owner"])
                    res = await cl.push(
                        i,
                        "owner",
                        "set_state",
                        chat_id=chat_id,
                        state="closed" if r.json()["state"] == "open" else "open",
                        expected_state=r.json()["state"],
                        gated=False,
                    )
                    assert res["status"] == "applied" or res["error"]["code"] == "stale_value"
            except (AssertionError, httpx.HTTPError) as exc:
                failures.append(f"meddle: {exc!r}"[:120])

        await asyncio.gather(*(arrive(i) for i in range(250)), *(meddle(i) for i in range(100)))
    assert failures == []
    state = await read_state(postgres_url, world)
    check_invariants(state, world, full=False)
