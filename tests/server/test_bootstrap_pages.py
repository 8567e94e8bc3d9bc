"""The bootstrap in short transactions: a client that stalls mid-download holds no
database connection (a second client finishes on a pool of one meanwhile), and what
changes during a download reaches the client, through the pages or the feed after
as_of_seq, with nothing lost and nothing applied twice doing harm.

The stream is driven as StreamingResponse drives it: a stalled client is a generator
suspended at its `yield` (the server's send to that client does not return)."""

# covers: Y2

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
from sqlalchemy.pool import QueuePool

from protocol.kinds import Entity
from server.auth.service import Principal
from server.db.database import Database
from server.services import Services
from server.sync import bootstrap, retention
from tests.support.pusher import Pusher, text
from tests.support.world import World, login, start_chat

# How long the first client stalls; the 60 s proves no more than this (set
# SANGDAM_TEST_BOOTSTRAP_STALL_S=60 to see it), so the suite keeps it short.
STALL_S = float(os.environ.get("SANGDAM_TEST_BOOTSTRAP_STALL_S", 2))
WAIT = 30.0


async def principal(services: Services, headers: dict[str, str]) -> Principal:
    return await services.auth.authenticate(headers["Authorization"].removeprefix("Bearer "))


async def read_all(lines: AsyncIterator[bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) async for line in lines]


async def all_changes(
    client: httpx.AsyncClient, headers: dict[str, str], since: int
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while True:
        page = (await client.get(f"/sync/changes?since={since}&limit=50", headers=headers)).json()
        out += page["changes"]
        since = page["to"]
        if not page["more"]:
            return out


async def test_a_stalled_bootstrap_holds_no_connection(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    headers = await login(client, "ana")
    me = await principal(services, headers)
    for i in range(4):
        await start_chat(client, world, text=f"chat {i}")
    tiny = Database(services.settings.database_url, pool_size=1, max_overflow=0)
    pool = tiny.engine.pool
    assert isinstance(pool, QueuePool)
    try:
        stalled = bootstrap.stream(tiny, me, page_size=1)
        first = [json.loads(await anext(stalled)) for _ in range(2)]
        assert [line["type"] for line in first] == ["reference", "chats"]
        assert pool.checkedout() == 0  # read one page, then stopped reading: holds nothing

        other = await asyncio.wait_for(read_all(bootstrap.stream(tiny, me, page_size=1)), WAIT)
        assert other[-1] == {"type": "end", "as_of_seq": other[-1]["as_of_seq"], "chats": 4}
        await asyncio.sleep(STALL_S)  # the first client is still stalled
        assert pool.checkedout() == 0

        rest = await asyncio.wait_for(read_all(stalled), WAIT)
        assert rest[-1]["type"] == "end" and rest[-1]["chats"] == 4
        previews = [c["last_message_preview"] for x in first[1:] + rest[:-1] for c in x["chats"]]
        assert previews == ["chat 3", "chat 2", "chat 1", "chat 0"]
    finally:
        await tiny.dispose()


async def test_changes_during_a_bootstrap_are_not_lost(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    headers = await login(client, "ana")
    ana = Pusher(client, headers)
    me = await principal(services, headers)
    chats = [await start_chat(client, world, text=f"chat {i}") for i in range(4)]
    download = bootstrap.stream(services.db, me, page_size=1)
    lines = [json.loads(await anext(download)) for _ in range(2)]  # reference, "chat 3"
    assert [c["last_message_preview"] for c in lines[1]["chats"]] == ["chat 3"]

    # While the client downloads: chat 0 (not paged yet) moves ahead of the keyset
    # position, a new chat arrives there too, and chat 3 (already paged) is starred.
    await ana.do(
        "send_message", chat_id=chats[0]["chat_id"], message_id=uuid.uuid4(), blocks=text("bump")
    )
    chats.append(await start_chat(client, world, text="new"))
    await ana.do("star", chat_id=chats[3]["chat_id"])
    lines += await read_all(download)
    end = lines[-1]
    assert end["type"] == "end"

    # The client: pages first, then the feed from as_of_seq, each entry a whole row.
    rows: dict[str, dict[str, Any]] = {}
    states: dict[str, dict[str, Any] | None] = {}
    customers: set[str] = set()
    for line in lines:
        if line["type"] == "chats":
            rows.update({c["id"]: c for c in line["chats"]})
            states.update({s["chat_id"]: s for s in line["states"]})
            customers |= {c["id"] for c in line["customers"]}
    paged = dict(rows)
    replayed = 0
    for c in await all_changes(client, headers, since=end["as_of_seq"]):
        if c["entity"] == Entity.CHAT:
            rows[c["id"]] = c["data"]
            replayed += c["id"] in paged  # a row the pages already had: applied again
        elif c["entity"] == Entity.CHAT_STATE:
            states[c["data"]["chat_id"] if c["data"] else c["id"]] = c["data"]

    assert replayed > 0  # the feed did repeat what the pages held, harmlessly
    assert set(rows) == {c["chat_id"] for c in chats}
    # The moved and the new chat came in the pages with their customers, not only as
    # bare rows from the feed.
    assert {chats[0]["chat_id"], chats[4]["chat_id"]} <= set(paged)
    assert customers == {c["customer_id"] for c in chats}
    for c in chats:
        server = (await client.get(f"/chats/{c['chat_id']}", headers=headers)).json()
        assert rows[c["chat_id"]] == server
    starred = states[chats[3]["chat_id"]]
    assert starred is not None and starred["starred"] is True


async def test_a_floor_below_the_kept_log_is_refused_not_answered_in_part(
    services: Services, client: httpx.AsyncClient, world: World
) -> None:
    """A resumed download sends its floor as `since`; once pruning has passed it, the
    chats changed after it can no longer all be found: 410, never a partial answer."""
    headers = await login(client, "ana")
    me = await principal(services, headers)
    for i in range(3):
        await start_chat(client, world, text=f"chat {i}")
    floor = (await client.get("/sync/changes?since=0&limit=1", headers=headers)).json()["head"]
    first = await client.get("/sync/bootstrap?page_size=1", headers=headers)
    after = json.loads(first.text.splitlines()[1])["next"]
    ok = await client.get(
        "/sync/bootstrap", params={"after": after, "since": floor}, headers=headers
    )
    assert ok.status_code == 200 and json.loads(ok.text.splitlines()[-1])["type"] == "end"

    # Pruned past the floor during a stall; a download that stalls meanwhile ends with
    # no `end` line (it cannot be taken as whole) and its resumption is refused.
    stalled = bootstrap.stream(services.db, me, page_size=1, since=floor)
    await anext(stalled)
    await start_chat(client, world, text="after the floor")
    await retention.prune(services.db, keep=1)
    rest = await read_all(stalled)
    assert [line["type"] for line in rest][-1] == "resync_required"
    assert all(line["type"] != "end" for line in rest)

    refused = await client.get(
        "/sync/bootstrap", params={"after": after, "since": floor}, headers=headers
    )
    assert refused.status_code == 410
    error = refused.json()["error"]
    assert error["code"] == "resync_required"
    assert error["current"]["pruned_seq"] > floor
    # Starting over (no floor) works.
    again = await client.get("/sync/bootstrap", headers=headers)
    assert json.loads(again.text.splitlines()[-1])["type"] == "end"
