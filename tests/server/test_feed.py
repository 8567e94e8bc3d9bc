"""The change log, catch-up and bootstrap: ordered, gap-free, full rows, right audience."""

# covers: Y2, C1

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from sqlalchemy import select, update

from protocol.kinds import Entity
from server.db import models as m
from server.db.database import Database
from server.sync.changelog import ChangeWriter
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat


async def all_changes(
    client: httpx.AsyncClient, headers: dict[str, str], since: int = 0
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while True:
        page = (await client.get(f"/sync/changes?since={since}&limit=7", headers=headers)).json()
        out += page["changes"]
        since = page["to"]
        if not page["more"]:
            return out


async def bootstrap(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    r = await client.get("/sync/bootstrap", headers=headers, params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in r.text.splitlines()]


async def test_log_is_gap_free_and_carries_full_rows(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    ana = Pusher(client, await login(client, "ana"))
    chat = await start_chat(client, world)
    await ana.do("add_tag", chat_id=chat["chat_id"], tag="환불")
    await ana.do("set_description", chat_id=chat["chat_id"], description="desc")
    async with db.read() as conn:
        seqs = (await conn.scalars(select(m.ChangeLog.seq).order_by(m.ChangeLog.seq))).all()
        head = await conn.scalar(select(m.Workspace.last_seq))
        row = (await conn.execute(select(m.Chat))).one()
    assert list(seqs) == list(range(1, head + 1))
    changes = await all_changes(client, ana.headers)
    last_chat = [c for c in changes if c["entity"] == "chat"][-1]
    assert last_chat["data"]["tags"] == ["환불"] and last_chat["data"]["description"] == "desc"
    assert last_chat["data"]["customer_id"] == str(row.customer_id), "the whole row, not a diff"
    tagged = [c for c in changes if c["entity"] == "tag"]
    assert tagged and tagged[0]["data"]["name"] == "환불"
    mine = [c for c in changes if c.get("client_id") == str(ana.client_id)]
    assert {c["mutation_id"] for c in mine} == {1, 2}, "entries say which mutation made them"


async def test_tombstones_travel_with_null_data(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    async with db.write() as conn:
        w = ChangeWriter(conn, world.workspace_id)
        w.tombstone(Entity.TAG, "some-tag-id")
        await w.flush()
    changes = await all_changes(client, headers)
    assert changes[-1]["op"] == "delete" and changes[-1]["data"] is None
    assert changes[-1]["id"] == "some-tag-id"


async def test_notes_never_reach_the_customer_feed(client: httpx.AsyncClient, world: World) -> None:
    ana = Pusher(client, await login(client, "ana"))
    chat = await start_chat(client, world, text="hello")
    other = await start_chat(client, world, text="someone else")
    await ana.do(
        "send_message",
        chat_id=chat["chat_id"],
        message_id=uuid.uuid4(),
        kind="note",
        blocks=text("secret"),
    )
    await ana.do(
        "send_message", chat_id=chat["chat_id"], message_id=uuid.uuid4(), blocks=text("public")
    )
    await ana.do(
        "send_message", chat_id=other["chat_id"], message_id=uuid.uuid4(), blocks=text("not yours")
    )
    cust = {"Authorization": f"Bearer {chat['token']}"}
    page = (await client.get(f"/customer/chats/{chat['chat_id']}/changes", headers=cust)).json()
    texts = [c["data"]["blocks"][0]["text"] for c in page["changes"]]
    assert texts == ["hello", "public"]
    assert {c["entity"] for c in page["changes"]} == {"message"}
    # managers do see the note (C1: a note is for the managers)
    mgr = await all_changes(client, ana.headers)
    assert "secret" in [c["data"]["blocks"][0]["text"] for c in mgr if c["entity"] == "message"]


async def test_old_or_future_cursor_gets_410(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    await start_chat(client, world)
    r = await client.get("/sync/changes?since=100000", headers=headers)
    assert r.status_code == 410 and r.json()["error"]["code"] == "resync_required"
    async with db.write() as conn:
        await conn.execute(update(m.Workspace).values(pruned_seq=3))
    r = await client.get("/sync/changes?since=2", headers=headers)
    assert r.status_code == 410
    body = r.json()["error"]
    assert body["current"]["pruned_seq"] == 3 and "bootstrap" in body["message"]
    assert (await client.get("/sync/changes?since=3", headers=headers)).status_code == 200


async def test_bootstrap_streams_reference_then_heads_newest_first(
    client: httpx.AsyncClient, world: World
) -> None:
    ana = Pusher(client, await login(client, "ana"))
    chats = [await start_chat(client, world, text=f"chat {i}") for i in range(5)]
    await ana.do("star", chat_id=chats[1]["chat_id"])
    # chat 1 gets a newer message: it moves to the top
    await ana.do(
        "send_message", chat_id=chats[1]["chat_id"], message_id=uuid.uuid4(), blocks=text("bump")
    )
    lines = await bootstrap(client, ana.headers, page_size=2)
    kinds = [line["type"] for line in lines]
    assert kinds == ["reference", "chats", "chats", "chats", "end"]
    ref = lines[0]
    assert ref["me"]["id"] == str(world.managers["ana"])
    assert {x["name"] for x in ref["managers"]} == {"Owner", "Ana", "Ben"}
    assert [t["name"] for t in ref["teams"]] == ["Support"]
    got = {(c["scope"], c["key"], c["state"]): c["count"] for c in ref["counts"]}
    assert got[("", "all", "open")] == 5
    assert got[(str(world.managers["ana"]), "starred", "open")] == 1
    heads = [c for line in lines[1:-1] for c in line["chats"]]
    order = [c["last_message_preview"] for c in heads]
    assert order == ["bump", "chat 4", "chat 3", "chat 2", "chat 0"]
    states = [s for line in lines[1:-1] for s in line["states"]]
    assert [s["starred"] for s in states if s["chat_id"] == chats[1]["chat_id"]] == [True]
    customers = {c["id"] for line in lines[1:-1] for c in line["customers"]}
    assert customers == {c["customer_id"] for c in chats}
    end = lines[-1]
    head = (await client.get("/sync/changes?since=0&limit=1", headers=ana.headers)).json()["head"]
    assert end["as_of_seq"] == head and end["chats"] == 5


async def test_bootstrap_resumes_after_a_page(client: httpx.AsyncClient, world: World) -> None:
    headers = await login(client, "ana")
    for i in range(5):
        await start_chat(client, world, text=f"chat {i}")
    first = await bootstrap(client, headers, page_size=2)
    after = first[1]["next"]
    rest = await bootstrap(client, headers, page_size=2, after=after)
    assert rest[0]["type"] == "chats", "no reference data when resuming"
    previews = [c["last_message_preview"] for line in rest[:-1] for c in line["chats"]]
    assert previews == ["chat 2", "chat 1", "chat 0"]
    bad = await client.get("/sync/bootstrap", headers=headers, params={"after": "yesterday|x"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_request"


async def test_bootstrap_then_feed_reproduces_the_chat(
    client: httpx.AsyncClient, world: World
) -> None:
    """A client that bootstraps and then follows from as_of_seq ends with the server's row."""
    ana = Pusher(client, await login(client, "ana"))
    chat = await start_chat(client, world)
    lines = await bootstrap(client, ana.headers)
    rows = {c["id"]: c for line in lines if line["type"] == "chats" for c in line["chats"]}
    cursor = lines[-1]["as_of_seq"]
    await ana.do("add_tag", chat_id=chat["chat_id"], tag="VIP")
    await ana.do(
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=world.managers["ben"],
        expected_assignee_id=None,
    )
    for c in await all_changes(client, ana.headers, since=cursor):
        if c["entity"] == "chat":
            rows[c["id"]] = c["data"]
    server = (await client.get(f"/chats/{chat['chat_id']}", headers=ana.headers)).json()
    assert rows[chat["chat_id"]] == server


async def test_messages_page_backwards(client: httpx.AsyncClient, world: World) -> None:
    ana = Pusher(client, await login(client, "ana"))
    chat = await start_chat(client, world, text="m0")
    for i in range(1, 8):
        await ana.do(
            "send_message", chat_id=chat["chat_id"], message_id=uuid.uuid4(), blocks=text(f"m{i}")
        )
    url = f"/chats/{chat['chat_id']}/messages"
    page = (await client.get(url, params={"limit": 3}, headers=ana.headers)).json()
    assert [x["blocks"][0]["text"] for x in page["messages"]] == ["m5", "m6", "m7"] and page["more"]
    page = (
        await client.get(
            url, params={"limit": 3, "before": page["messages"][0]["seq"]}, headers=ana.headers
        )
    ).json()
    assert [x["blocks"][0]["text"] for x in page["messages"]] == ["m2", "m3", "m4"]
    page = (
        await client.get(
            url, params={"limit": 3, "before": page["messages"][0]["seq"]}, headers=ana.headers
        )
    ).json()
    assert [x["blocks"][0]["text"] for x in page["messages"]] == ["m0", "m1"] and not page["more"]
