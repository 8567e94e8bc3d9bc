"""Sidebar sections and their counts, for each manager, live through the feed."""

# covers: S1, S2, S3, S4, S6, S8, S9, S10, S12, L1

from __future__ import annotations

import random
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import insert

from server.db import models as m
from server.db.database import Database
from server.inbox import counts
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat


async def sidebar(client: httpx.AsyncClient, p: Pusher, state: str = "open") -> dict[str, Any]:
    r = await client.get("/inbox/sidebar", params={"state": state}, headers=p.headers)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def section(client: httpx.AsyncClient, p: Pusher, name: str, **params: Any) -> list[str]:
    r = await client.get(f"/inbox/sections/{name}", params=params, headers=p.headers)
    assert r.status_code == 200, r.text
    return [c["id"] for c in r.json()["chats"]]


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> tuple[Pusher, Pusher]:
    return Pusher(client, await login(client, "ana")), Pusher(client, await login(client, "ben"))


async def test_all_mine_unassigned_and_state_filter(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher]
) -> None:
    ana, ben = people
    chats = [(await start_chat(client, world, text=f"c{i}"))["chat_id"] for i in range(4)]
    await ana.do(
        "assign", chat_id=chats[0], assignee_id=world.managers["ana"], expected_assignee_id=None
    )
    await ana.do(
        "assign", chat_id=chats[1], assignee_id=world.managers["ben"], expected_assignee_id=None
    )
    await ana.do(
        "set_team", chat_id=chats[2], team_id=world.teams["support"], expected_team_id=None
    )
    await ana.do("set_state", chat_id=chats[3], state="closed", expected_state="open")
    side = await sidebar(client, ana)
    assert (side["all"], side["mine"], side["unassigned"]) == (3, 1, 1)
    assert side["unassigned_teams"] == [
        {"team_id": str(world.teams["support"]), "name": "Support", "count": 1}
    ]
    assert (await sidebar(client, ben))["mine"] == 1
    closed = await sidebar(client, ana, "closed")
    assert (closed["all"], closed["unassigned"]) == (1, 1)
    assert await section(client, ana, "mine") == [chats[0]]
    assert await section(client, ana, "unassigned") == [chats[2]]
    assert await section(client, ana, f"unassigned_team:{world.teams['support']}") == [chats[2]]
    assert await section(client, ana, "all", state="closed") == [chats[3]]
    # L1: newest first by default, oldest first on request
    assert await section(client, ana, "all") == [chats[2], chats[1], chats[0]]
    assert await section(client, ana, "all", sort="oldest") == [chats[0], chats[1], chats[2]]
    # a new message moves a chat to the top
    await ana.do("send_message", chat_id=chats[0], message_id=uuid.uuid4(), blocks=text("bump"))
    assert (await section(client, ana, "all"))[0] == chats[0]


async def test_starred_and_unread_are_per_manager(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher]
) -> None:
    ana, ben = people
    chat = (await start_chat(client, world))["chat_id"]
    await ana.do("star", chat_id=chat)
    await ana.do(
        "assign", chat_id=chat, assignee_id=world.managers["ana"], expected_assignee_id=None
    )
    await ben.do("send_message", chat_id=chat, message_id=uuid.uuid4(), blocks=text("from ben"))
    a, b = await sidebar(client, ana), await sidebar(client, ben)
    assert (a["starred"], a["unread"]) == (1, 1)
    assert (b["starred"], b["unread"]) == (0, 0)
    assert await section(client, ana, "starred") == [chat]
    assert await section(client, ana, "unread") == [chat]
    assert await section(client, ben, "starred") == []
    await ana.do("mark_read", chat_id=chat)
    assert (await sidebar(client, ana))["unread"] == 0
    # my counts move with the chat's state
    await ana.do("set_state", chat_id=chat, state="closed", expected_state="open")
    assert (await sidebar(client, ana))["starred"] == 0
    assert (await sidebar(client, ana, "closed"))["starred"] == 1


async def test_assignees_over_their_maximum_show_it(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher], db: Database
) -> None:
    ana, _ = people
    from sqlalchemy import update

    async with db.write() as conn:
        await conn.execute(
            update(m.Manager).where(m.Manager.id == world.managers["ben"]).values(max_auto_assign=1)
        )
    for _ in range(2):
        chat = (await start_chat(client, world))["chat_id"]
        await ana.do(
            "assign", chat_id=chat, assignee_id=world.managers["ben"], expected_assignee_id=None
        )
    chat = (await start_chat(client, world))["chat_id"]
    await ana.do(
        "assign", chat_id=chat, assignee_id=world.managers["ana"], expected_assignee_id=None
    )
    assignees = (await sidebar(client, ana))["assignees"]
    assert [(a["name"], a["count"], a["over_max"]) for a in assignees] == [
        ("Ben", 2, True),
        ("Ana", 1, False),
    ]


async def test_integrations_in_fixed_order_connected_only(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher], db: Database
) -> None:
    ana, _ = people
    async with db.write() as conn:
        await conn.execute(
            insert(m.Integration),
            [
                {
                    "id": uuid.uuid4(),
                    "workspace_id": world.workspace_id,
                    "medium": md,
                    "name": md.title(),
                    "connected": md != "instagram",
                    "config": {},
                }
                for md in ("line", "kakao", "phone", "instagram")
            ],
        )
    kakao = (await start_chat(client, world, medium="kakao"))["chat_id"]
    await start_chat(client, world, medium="web")
    integrations = (await sidebar(client, ana))["integrations"]
    assert [(i["medium"], i["count"]) for i in integrations] == [
        ("phone", 0),
        ("kakao", 1),
        ("line", 0),
    ]
    # one list per medium: its chats and no other
    assert await section(client, ana, "medium:kakao") == [kakao]
    assert await section(client, ana, "medium:phone") == []


async def test_tags_count_open_chats(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher]
) -> None:
    ana, _ = people
    a, b = [(await start_chat(client, world))["chat_id"] for _ in range(2)]
    await ana.do("add_tag", chat_id=a, tag="환불")
    await ana.do("add_tag", chat_id=b, tag="환불")
    await ana.do("add_tag", chat_id=b, tag="VIP")
    await ana.do("set_state", chat_id=a, state="closed", expected_state="open")
    assert (await sidebar(client, ana))["tags"] == [
        {"name": "VIP", "count": 1},
        {"name": "환불", "count": 1},
    ]
    assert await section(client, ana, "tag:환불") == [b]


async def test_counts_travel_in_the_feed(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher]
) -> None:
    ana, ben = people
    chat = (await start_chat(client, world))["chat_id"]
    await ana.do("star", chat_id=chat)
    mine = (await client.get("/sync/changes?since=0", headers=ana.headers)).json()["changes"]
    theirs = (await client.get("/sync/changes?since=0", headers=ben.headers)).json()["changes"]
    entries = {c["id"]: c["data"]["count"] for c in mine if c["entity"] == "count"}
    assert entries["|all|open"] == 1
    assert entries[f"{world.managers['ana']}|starred|open"] == 1
    assert not [c for c in theirs if c["entity"] == "count" and c["data"]["scope"]]


async def test_bad_section_names(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher]
) -> None:
    ana, _ = people
    for name in ("nope", "queue:not-a-uuid", "medium:fax"):
        r = await client.get(f"/inbox/sections/{name}", headers=ana.headers)
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


async def test_incremental_counts_equal_a_recount(
    client: httpx.AsyncClient, world: World, people: tuple[Pusher, Pusher], db: Database
) -> None:
    """Random work, then the counts kept by deltas must equal counting from scratch."""
    rng = random.Random(7)
    ana, ben = people
    chats = [
        (await start_chat(client, world, medium=rng.choice(["web", "kakao", "email"])))["chat_id"]
        for _ in range(6)
    ]
    managers = [world.managers["ana"], world.managers["ben"], None]
    model: dict[str, dict[str, Any]] = {
        c: {"state": "open", "assignee": None, "team": None} for c in chats
    }
    for i in range(150):
        chat = rng.choice(chats)
        who = rng.choice([ana, ben])
        roll = rng.random()
        if roll < 0.2:
            new = rng.choice(managers)
            res = await who.do(
                "assign",
                chat_id=chat,
                assignee_id=new,
                expected_assignee_id=model[chat]["assignee"],
            )
            if res["status"] == "applied":
                model[chat]["assignee"] = str(new) if new else None
        elif roll < 0.35:
            new_state = rng.choice(["open", "closed"])
            res = await who.do(
                "set_state", chat_id=chat, state=new_state, expected_state=model[chat]["state"]
            )
            if res["status"] == "applied":
                model[chat]["state"] = new_state
        elif roll < 0.5:
            team = rng.choice([world.teams["support"], None])
            res = await who.do(
                "set_team", chat_id=chat, team_id=team, expected_team_id=model[chat]["team"]
            )
            if res["status"] == "applied":
                model[chat]["team"] = str(team) if team else None
        elif roll < 0.65:
            await who.do(
                rng.choice(["add_tag", "remove_tag"]), chat_id=chat, tag=rng.choice(["a", "b", "c"])
            )
        elif roll < 0.75:
            await who.do("star", chat_id=chat, starred=rng.random() < 0.5)
        elif roll < 0.85:
            await who.do("mark_read", chat_id=chat)
        else:
            await who.do(
                "send_message", chat_id=chat, message_id=uuid.uuid4(), blocks=text(f"m{i}")
            )
    async with db.read() as conn:
        kept = await counts.stored(conn, world.workspace_id)
    async with db.write() as conn:
        rebuilt = {k: v for k, v in (await counts.recount(conn, world.workspace_id)).items() if v}
    assert kept == rebuilt
