"""The members' loads routing reads (manager_load, kept by server.inbox.loads) equal a
recount from the chats after every way a chat's assignee or state changes: routed on
arrival, assigned and reassigned by hand, unassigned, closed, reopened, snoozed, woken by
the customer, deleted, and in bulk; and routing decides from them (R1, R4)."""

# covers: R1, R4

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import update

from server import admin
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.inbox import loads
from tests.support.pusher import Pusher
from tests.support.world import World, login, make_world, start_chat

NAMES = ("owner", "ana", "ben", "cho")


async def check(db: Database, world: World) -> dict[str, int]:
    """The kept loads equal a recount; returns them by name."""
    async with db.read() as conn:
        kept = await loads.stored(conn, world.workspace_id)
    async with db.write() as conn:
        rebuilt = {k: v for k, v in (await loads.recount(conn, world.workspace_id)).items() if v}
    assert kept == rebuilt
    names = {v: k for k, v in world.managers.items()}
    return {names[mid]: n for mid, n in kept.items()}


async def test_kept_loads_equal_a_recount_through_every_change(
    client: httpx.AsyncClient, db: Database
) -> None:
    world = await make_world(db, NAMES)
    ids = world.managers
    async with db.write() as conn:  # room for two each
        await conn.execute(
            update(m.Manager)
            .where(m.Manager.workspace_id == world.workspace_id)
            .values(max_auto_assign=2)
        )
    team = await admin.create_team(
        db, world.workspace_id, "Desk", [ids["ana"], ids["ben"]], auto_assign=True
    )
    owner = Pusher(client, await login(client, "owner"))

    async def chat(chat_id: str) -> dict[str, Any]:
        r = await client.get(f"/chats/{chat_id}", headers=owner.headers)
        assert r.status_code == 200, r.text
        return dict(r.json())

    async def do(name: str, **args: Any) -> None:
        res = await owner.do(name, **args)
        assert res["status"] == "applied", res

    # routed on arrival (R1): ana, ben, ana, ben, then both are full and one waits (R4)
    started = [await start_chat(client, world, text=f"c{i}", team_id=str(team)) for i in range(5)]
    routed = [c["chat_id"] for c in started]
    assert await check(db, world) == {"ana": 2, "ben": 2}
    waiting = routed[4]
    assert (await chat(waiting))["assignee_id"] is None
    first = (await chat(routed[0]))["assignee_id"]
    # reassigned by hand: a chat to cho, and the room it leaves goes to the waiting one (R3)
    await do("assign", chat_id=routed[0], assignee_id=ids["cho"], expected_assignee_id=first)
    assert (await chat(waiting))["assignee_id"] == first
    assert await check(db, world) == {"ana": 2, "ben": 2, "cho": 1}
    # unassigned by hand
    await do("assign", chat_id=routed[0], assignee_id=None, expected_assignee_id=ids["cho"])
    assert await check(db, world) == {"ana": 2, "ben": 2}
    # closed, reopened, snoozed: only open chats count
    assignees = {c: (await chat(c))["assignee_id"] for c in routed[1:4]}
    ben_chat = next(c for c, who in assignees.items() if who == str(ids["ben"]))
    await do("set_state", chat_id=ben_chat, state="closed", expected_state="open")
    assert await check(db, world) == {"ana": 2, "ben": 1}
    await do("set_state", chat_id=ben_chat, state="open", expected_state="closed")
    assert await check(db, world) == {"ana": 2, "ben": 2}
    until = utcnow() + timedelta(hours=1)
    await do(
        "set_state", chat_id=ben_chat, state="snoozed", expected_state="open", snooze_until=until
    )
    assert await check(db, world) == {"ana": 2, "ben": 1}
    # the customer writes to the snoozed chat: it opens again, still ben's
    token = next(c["token"] for c in started if c["chat_id"] == ben_chat)
    customer = {"Authorization": f"Bearer {token}"}
    r = await client.post(
        f"/customer/chats/{ben_chat}/messages",
        headers=customer,
        json={"id": str(uuid.uuid4()), "text": "저기요"},
    )
    assert r.status_code in (200, 201), r.text
    assert (await chat(ben_chat))["state"] == "open"
    assert await check(db, world) == {"ana": 2, "ben": 2}
    # deleted for good
    assert (await client.delete(f"/chats/{ben_chat}", headers=owner.headers)).status_code == 204
    assert await check(db, world) == {"ana": 2, "ben": 1}
    # in bulk: every chat left to cho (routed[0] was unassigned), then all of cho's closed
    spare = [(await start_chat(client, world, text=f"s{i}"))["chat_id"] for i in range(3)]
    r = await client.post(
        "/chats/bulk",
        headers=owner.headers,
        json={
            "chat_ids": [c for c in [*routed, *spare] if c != ben_chat],
            "action": {"name": "assign", "args": {"assignee_id": str(ids["cho"])}},
        },
    )
    assert r.status_code == 200, r.text
    assert await check(db, world) == {"cho": 7}
    r = await client.post(
        "/chats/bulk",
        headers=owner.headers,
        json={
            "filter": {"section": f"assignee:{ids['cho']}"},
            "action": {"name": "set_state", "args": {"state": "closed"}},
        },
    )
    assert r.status_code == 200, r.text
    assert await check(db, world) == {}
