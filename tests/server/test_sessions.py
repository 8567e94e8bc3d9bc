"""My sessions (S5) is live on the server: the S11 switch, assignment (P1's automatic
follow), reassignment, following and mentions move chats in and out, with the sidebar
count and the chat_state entries every desktop follows."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from server.db.database import Database
from server.inbox import counts
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat


@pytest.fixture
async def people(client: httpx.AsyncClient, world: World) -> dict[str, Pusher]:
    return {n: Pusher(client, await login(client, n)) for n in ("owner", "ana", "ben")}


async def sessions(client: httpx.AsyncClient, p: Pusher) -> set[str]:
    """The chats of p's My sessions (open), checked against the sidebar's count."""
    page = (await client.get("/inbox/sections/sessions?limit=500", headers=p.headers)).json()
    ids = {c["id"] for c in page["chats"]}
    side = (await client.get("/inbox/sidebar", headers=p.headers)).json()
    assert side["sessions"] == len(ids), "the sidebar count is the list's length"
    return ids


async def feed_flags(client: httpx.AsyncClient, p: Pusher, since: int) -> dict[str, bool]:
    """in_sessions of p's chat_state entries after `since`, last one per chat."""
    r = await client.get(f"/sync/changes?since={since}&limit=1000", headers=p.headers)
    flags: dict[str, bool] = {}
    for ch in r.json()["changes"]:
        if ch["entity"] == "chat_state" and ch["data"] is not None:
            flags[ch["data"]["chat_id"]] = ch["data"]["in_sessions"]
    return flags


async def head(client: httpx.AsyncClient, p: Pusher) -> int:
    r = await client.get("/sync/changes?since=0&limit=1", headers=p.headers)
    return int(r.json()["head"])


async def switch(client: httpx.AsyncClient, world: World, p: Pusher, name: str, on: bool) -> None:
    r = await client.patch(
        f"/managers/{world.managers[name]}", headers=p.headers, json={"notify_unassigned": on}
    )
    assert r.status_code == 200, r.text


async def assign(p: Pusher, chat: str, to: uuid.UUID | None, was: uuid.UUID | None) -> None:
    res = await p.do("assign", chat_id=chat, assignee_id=to, expected_assignee_id=was)
    assert res["status"] == "applied", res


async def counts_exact(db: Database, world: World) -> None:
    async with db.read() as conn:
        stored = await counts.stored(conn, world.workspace_id)
    async with db.write() as conn:
        rebuilt = {k: n for k, n in (await counts.recount(conn, world.workspace_id)).items() if n}
    assert stored == rebuilt


async def test_the_switch_adds_and_removes_unassigned_chats(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: S5, S11
    ana, owner = people["ana"], people["owner"]
    c1 = (await start_chat(client, world))["chat_id"]
    assert await sessions(client, ana) == set(), "switch off: an unassigned chat is not mine"
    since = await head(client, ana)
    await switch(client, world, ana, "ana", True)
    assert await sessions(client, ana) == {c1}, "on: every unassigned chat joins"
    assert (await feed_flags(client, ana, since))[c1] is True, "desktops hear it live"
    c2 = (await start_chat(client, world))["chat_id"]
    assert await sessions(client, ana) == {c1, c2}, "a new unassigned chat joins"
    assert await sessions(client, owner) == set(), "not someone else's"
    await assign(owner, c2, world.managers["ben"], None)
    assert await sessions(client, ana) == {c1}, "assigned to someone else: no longer unassigned"
    since = await head(client, ana)
    await switch(client, world, ana, "ana", False)
    assert await sessions(client, ana) == set(), "off: the unassigned chats leave"
    assert (await feed_flags(client, ana, since))[c1] is False
    await counts_exact(db, world)


async def test_assignment_reassignment_and_following(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: S5, P1
    ana, ben, owner = people["ana"], people["ben"], people["owner"]
    a, b = world.managers["ana"], world.managers["ben"]
    chat = (await start_chat(client, world))["chat_id"]
    since = await head(client, ana)
    await assign(owner, chat, a, None)
    assert chat in await sessions(client, ana), "assigned to me: without waiting for a message"
    assert (await feed_flags(client, ana, since))[chat] is True
    await assign(owner, chat, b, a)
    assert chat not in await sessions(client, ana), "reassigned: its automatic follow went"
    assert chat in await sessions(client, ben)
    got = (await client.get(f"/chats/{chat}", headers=ana.headers)).json()
    assert got["follower_ids"] == [str(b)], "P1: the new assignee follows, the old one not"

    assert (await ana.do("follow", chat_id=chat))["status"] == "applied"
    assert chat in await sessions(client, ana), "following joins"
    await assign(owner, chat, a, b)
    await assign(owner, chat, world.managers["owner"], a)
    assert chat in await sessions(client, ana), "an explicit follow survives reassignment"
    assert chat not in await sessions(client, ben)
    assert (await ana.do("unfollow", chat_id=chat))["status"] == "applied"
    assert chat not in await sessions(client, ana), "unfollowing leaves"
    await assign(owner, chat, None, world.managers["owner"])
    assert chat not in await sessions(client, people["owner"]), "unassigned: the owner's goes"
    await assign(owner, chat, b, None)
    assert (await ben.do("follow", chat_id=chat))["status"] == "applied"
    await assign(owner, chat, a, b)
    assert chat in await sessions(client, ben), "following what was mine makes it explicit"
    await counts_exact(db, world)


async def test_a_mention_joins_until_unfollowed(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: S5, N5
    ana, ben, owner = people["ana"], people["ben"], people["owner"]
    chat = (await start_chat(client, world))["chat_id"]
    await assign(owner, chat, world.managers["ben"], None)
    assert chat not in await sessions(client, ana)
    res = await ben.do(
        "send_message",
        chat_id=chat,
        message_id=uuid.uuid4(),
        kind="note",
        blocks=text("@Ana 확인 부탁해요"),
        mentions={"manager_ids": [world.managers["ana"]]},
    )
    assert res["status"] == "applied", res
    assert chat in await sessions(client, ana), "mentioned: it joins"
    assert (await ana.do("mark_read", chat_id=chat))["status"] == "applied"
    assert chat in await sessions(client, ana), "reading it keeps it"
    assert (await ana.do("unfollow", chat_id=chat))["status"] == "applied"
    assert chat not in await sessions(client, ana), "unfollowing forgets the mention"
    await counts_exact(db, world)


async def test_closed_sessions_keep_their_own_count(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: S5, S12
    ana, owner = people["ana"], people["owner"]
    chat = (await start_chat(client, world))["chat_id"]
    await assign(owner, chat, world.managers["ana"], None)
    res = await ana.do("set_state", chat_id=chat, state="closed", expected_state="open")
    assert res["status"] == "applied", res
    side: dict[str, Any] = (
        await client.get("/inbox/sidebar?state=closed", headers=ana.headers)
    ).json()
    assert side["sessions"] == 1 and chat not in await sessions(client, ana)
    await counts_exact(db, world)


async def test_migration_0005_recomputes_sessions_and_makes_desktops_bootstrap(
    client: httpx.AsyncClient, world: World, people: dict[str, Pusher], db: Database
) -> None:
    # covers: S5, L5, Y2
    """Rows as the live rule left them, taken down to 0004 (no rule, no search text) and
    up again: the backfill gives the same sessions and counts, search finds the old
    messages, and a cursor from before is told to bootstrap again."""
    import asyncio

    from alembic import command

    from server.db.migrate import alembic_config, upgrade

    ana, ben, owner = people["ana"], people["ben"], people["owner"]
    waiting = (await start_chat(client, world, "배송조회 부탁해요"))["chat_id"]
    await switch(client, world, ana, "ana", True)
    given = (await start_chat(client, world))["chat_id"]
    await assign(owner, given, world.managers["ben"], None)
    assert (await ana.do("follow", chat_id=given))["status"] == "applied"
    res = await ben.do(
        "send_message",
        chat_id=given,
        message_id=uuid.uuid4(),
        kind="note",
        blocks=text("@Owner 봐주세요"),
        mentions={"manager_ids": [world.managers["owner"]]},
    )
    assert res["status"] == "applied", res
    before = {n: await sessions(client, p) for n, p in people.items()}
    assert before == {"owner": {given}, "ana": {waiting, given}, "ben": {given}}
    cursor = await head(client, ana)

    cfg = alembic_config(db.url)
    await asyncio.to_thread(command.downgrade, cfg, "0004")
    await asyncio.to_thread(upgrade, db.url)

    after = {n: await sessions(client, p) for n, p in people.items()}
    assert after == before
    await counts_exact(db, world)
    r = await client.get(f"/sync/changes?since={cursor}", headers=ana.headers)
    assert r.status_code == 410, "desktops holding the old flags bootstrap again"
    found = (await client.get("/search", params={"q": "배송"}, headers=ana.headers)).json()
    assert [h["chat"]["id"] for h in found["hits"]] == [waiting], "old messages are searchable"
    found = (await client.get("/search", params={"q": "배송조회"}, headers=ana.headers)).json()
    assert [h["chat"]["id"] for h in found["hits"]] == [waiting], "and indexed"
    await assign(owner, given, world.managers["ana"], world.managers["ben"])
    assert given not in await sessions(client, ben), "the assignee's follow was automatic"
