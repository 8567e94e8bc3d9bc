"""The sync engine against a real server process: bootstrap (and its resumption), a start
from the cache with the server down, changes from others in real time, offline work
that arrives once, refusals rolled back, the log pruned past the cursor (410), and a
cache file from another schema version."""

# covers: Y2, Y3

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from desktop.sync.status import Phase
from server.db import models as m
from server.db.database import Database
from tests.desktop_sync.support import (
    WAIT,
    LiveFactory,
    Recorder,
    cached_texts,
    customer_says,
    engine,
    eventually,
    login,
    open_cache,
    push_as,
    server_texts,
    start_chat,
    world_on,
)

pytestmark = pytest.mark.timeout(120)


async def many_chats(client: httpx.AsyncClient, world: Any, n: int) -> list[dict[str, str]]:
    """n chats, in creation order (so the last is the newest)."""
    out: list[dict[str, str]] = []
    for i in range(0, n, 10):
        out += await asyncio.gather(
            *(start_chat(client, world, f"chat {j}") for j in range(i, min(n, i + 10)))
        )
    return out


def shown(cache: Any, chat_id: str) -> dict[str, Any]:
    row = cache.reads.chat(chat_id)
    assert row is not None, f"chat {chat_id} is not in the cache"
    return dict(row)


# ---- bootstrap ---------------------------------------------------------------------------


async def test_bootstrap_writes_and_announces_the_first_page_before_the_rest(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chats = await many_chats(client, world, 230)
        ana = await login(client, "ana")
    cache = open_cache(tmp_path, server, ana)
    seen: list[tuple[int, bool]] = []
    rec = Recorder(
        on_change=lambda changed: seen.append(
            (cache.reads.chat_count(state=None), cache.get_meta().bootstrap_done)
        )
    )
    eng = engine(cache, server, ana, rec, page_size=20)
    try:
        await eng.start()
        await eventually(lambda: rec.phase is Phase.ONLINE, "online")
        # The UI heard of the first 20 chats while the other 210 were still to come.
        first = next(count for count, _ in seen if count > 0)
        assert first == 20 and (20, False) in seen
        progress = [st.chats for st in rec.statuses if st.phase is Phase.BOOTSTRAPPING]
        assert progress[:3] == [0, 20, 40] and progress[-1] == 230
        assert cache.reads.chat_count() == 230
        async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
            r = await client.get("/inbox/sections/all", params={"limit": 50}, headers=ana.headers)
        assert [r.id for r in cache.reads.chat_rows(limit=50)] == [
            c["id"] for c in r.json()["chats"]
        ]
        assert {x["name"] for x in cache.reads.reference("manager")} == {"Owner", "Ana", "Ben"}
        counts = cache.reads.counts("open")
        assert counts[("", "all", "open")] == 230 and counts[("", "unassigned", "open")] == 230
        meta = cache.get_meta()
        assert (
            meta.bootstrap_done and meta.cursor == meta.as_of_seq and meta.bootstrap_after is None
        )
        # Messages load lazily, then live in the cache.
        chat_id = chats[0]["chat_id"]
        assert (
            cache.reads.messages(chat_id) == []
            and cache.reads.history_from(chat_id) == (meta.cursor or 0) + 1
        )
        assert await eng.load_messages(chat_id) is False
        assert cached_texts(cache, chat_id) == [("chat 0", False)]
        assert cache.reads.history_from(chat_id) == 0
    finally:
        await eng.stop()
        cache.close()


class CutOnce(httpx.AsyncBaseTransport):
    """The network: breaks the first bootstrap stream after `lines` lines, and lets the
    world change while the app is cut off."""

    def __init__(self, lines: int, meanwhile: Any) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.lines = lines
        self.meanwhile = meanwhile
        self.bootstraps: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path != "/sync/bootstrap":
            return response
        self.bootstraps.append(str(request.url.params.get("after")))
        if len(self.bootstraps) > 1:
            return response
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Cut(response.stream, self.lines, self.meanwhile),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


class _Cut(httpx.AsyncByteStream):
    def __init__(self, inner: Any, lines: int, meanwhile: Any) -> None:
        self.inner, self.lines, self.meanwhile = inner, lines, meanwhile

    async def __aiter__(self) -> AsyncIterator[bytes]:
        passed = 0
        async for chunk in self.inner:
            for i, byte in enumerate(chunk):
                if byte == 0x0A:
                    passed += 1
                    if passed == self.lines:
                        yield chunk[: i + 1]
                        await self.meanwhile()
                        raise httpx.ReadError("the network went away")
            yield chunk

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_an_interrupted_bootstrap_resumes_and_misses_nothing(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chats = await many_chats(client, world, 60)
        ana = await login(client, "ana")
        late: dict[str, Any] = {}

        async def meanwhile() -> None:
            # Cut off after the reference line and two pages (the 20 newest chats): a
            # chat of the first page and one of the unsent ones get new messages, and a
            # new chat starts. None of them is where a resumed stream would look.
            await customer_says(client, chats[-1], "news in a chat already cached")
            await customer_says(client, chats[5], "news in a chat not yet sent")
            late.update(await start_chat(client, world, "a brand new chat"))

        net = CutOnce(lines=3, meanwhile=meanwhile)
        app_client = httpx.AsyncClient(base_url=server.url, transport=net, timeout=WAIT)
        cache = open_cache(tmp_path, server, ana)
        rec = Recorder()
        eng = engine(cache, server, ana, rec, page_size=10, client=app_client)
        try:
            await eng.start()
            await eventually(lambda: rec.phase is Phase.ONLINE, "online")
            assert net.bootstraps[0] == "None" and net.bootstraps[1].count("|") == 1  # ?after=
            await eventually(lambda: cache.reads.chat_count() == 61, "all 61 chats")
            await eventually(
                lambda: (
                    shown(cache, chats[5]["chat_id"])["last_message_preview"]
                    == "news in a chat not yet sent"
                ),
                "the unsent chat's news",
            )
            assert shown(cache, chats[-1]["chat_id"])["last_message_preview"] == (
                "news in a chat already cached"
            )
            assert cache.reads.chat_rows(limit=1)[0].id == late["chat_id"]
        finally:
            await eng.stop()
            await app_client.aclose()
            cache.close()


# ---- Y1: from the cache, before the network ---------------------------------------------


async def test_the_app_starts_from_its_cache_with_the_server_down_then_catches_up(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "first")
        ana = await login(client, "ana")
        cache = open_cache(tmp_path, server, ana)
        first = engine(cache, server, ana, Recorder())
        await first.start()
        await eventually(lambda: cache.get_meta().bootstrap_done, "bootstrap")
        await first.stop()
        cache.close()
        # While the app is closed: news, then the server goes down.
        await customer_says(client, chat, "while you were away")
        await asyncio.to_thread(server.stop)

    began = time.monotonic()
    cache = open_cache(tmp_path, server, ana)
    rows = cache.reads.chat_rows()
    assert [r.id for r in rows] == [chat["chat_id"]] and rows[0].customer_name
    assert time.monotonic() - began < 1.0  # no network in the way
    rec = Recorder()
    eng = engine(cache, server, ana, rec)
    try:
        await eng.start()
        await eventually(lambda: rec.phase is Phase.OFFLINE, "offline")
        assert cache.reads.chat_rows()[0].chat["last_message_preview"] == "first"
        assert any(st.retry_in is not None for st in rec.statuses)
        await asyncio.to_thread(server.start)
        await eventually(lambda: rec.phase is Phase.ONLINE, "online again")
        await eventually(
            lambda: (
                cache.reads.chat_rows()[0].chat["last_message_preview"] == "while you were away"
            ),
            "the news",
        )
    finally:
        await eng.stop()
        cache.close()


# ---- Y2: others' changes in real time ----------------------------------------------------


async def test_another_managers_change_reaches_the_cache_within_a_second(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "hello")
        ana, ben = await login(client, "ana"), await login(client, "ben")
        cache = open_cache(tmp_path, server, ana)
        rec = Recorder()
        eng = engine(cache, server, ana, rec)
        try:
            await eng.start()
            await eventually(lambda: rec.phase is Phase.ONLINE, "online")
            cid = chat["chat_id"]
            await eng.load_messages(cid)

            began = time.monotonic()
            result = await push_as(
                client,
                ben,
                "assign",
                chat_id=cid,
                assignee_id=ben.manager_id,
                expected_assignee_id=None,
            )
            assert result["status"] == "applied"
            took = await eventually(
                lambda: shown(cache, cid)["assignee_id"] == ben.manager_id,
                "ben's assignment",
                within=1.0,
            )
            assert time.monotonic() - began < 1.0, took

            began = time.monotonic()
            await customer_says(client, chat, "are you there?")
            await eventually(
                lambda: cached_texts(cache, cid)[-1] == ("are you there?", False),
                "the customer's message",
                within=1.0,
            )
            assert time.monotonic() - began < 1.0
            assert any(cid in c.messages for c in rec.changed)
            assert cache.reads.counts("open")[("", f"assignee:{ben.manager_id}", "open")] == 1

            # The session ends on the server (here a logout from elsewhere): the socket
            # closes with 4401 and the app is told to log in again, once.
            r = await client.post("/auth/logout", headers=ana.headers)
            assert r.status_code == 204, r.text
            took = await eventually(lambda: rec.unauthorized > 0, "log in again")
            assert took < 5.0 and rec.unauthorized == 1
        finally:
            await eng.stop()
            cache.close()


# ---- Y3: offline work, once each, in order ------------------------------------------------


async def test_offline_actions_survive_an_engine_restart_and_arrive_once_in_order(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        a = await start_chat(client, world, "chat a")
        b = await start_chat(client, world, "chat b")
        ana = await login(client, "ana")
    cache = open_cache(tmp_path, server, ana)
    rec = Recorder()
    eng = engine(cache, server, ana, rec)
    await eng.start()
    await eventually(lambda: rec.phase is Phase.ONLINE, "online")
    await eng.load_messages(a["chat_id"])
    await asyncio.to_thread(server.stop)
    await eventually(lambda: rec.phase is Phase.OFFLINE, "offline")

    sent = [f"offline {i}" for i in range(20)]
    for text in sent:
        await eng.send_message(a["chat_id"], text)
    await eng.star(a["chat_id"])
    await eng.add_tag(a["chat_id"], "vip")
    await eng.set_description(a["chat_id"], "waiting for #refund")
    await eng.assign(b["chat_id"], ana.manager_id)
    await eng.set_state(b["chat_id"], "closed")
    # Shown at once, while nothing could be sent.
    assert cached_texts(cache, a["chat_id"]) == [("chat a", False)] + [(t, True) for t in sent]
    assert shown(cache, b["chat_id"])["state"] == "closed"
    assert [r.id for r in cache.reads.chat_rows("mine", state="closed")] == [b["chat_id"]]
    assert rec.statuses[-1].waiting == 25 and "25 waiting to send" in rec.statuses[-1].describe()

    # The app restarts, still offline: a new engine on the same cache file.
    await eng.stop()
    cache.close()
    cache = open_cache(tmp_path, server, ana)
    assert len(cache.outbox_pending()) == 25
    rec = Recorder()
    eng = engine(cache, server, ana, rec)
    try:
        await eng.start()
        await eventually(lambda: rec.phase is Phase.OFFLINE, "offline after the restart")
        assert cached_texts(cache, a["chat_id"])[-1] == ("offline 19", True)

        await asyncio.to_thread(server.start)
        await eventually(lambda: cache.outbox() == [], "the outbox to empty", within=30)
        async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
            assert await server_texts(client, ana, a["chat_id"]) == ["chat a", *sent]
            truth_a = (await client.get(f"/chats/{a['chat_id']}", headers=ana.headers)).json()
            truth_b = (await client.get(f"/chats/{b['chat_id']}", headers=ana.headers)).json()
        assert truth_a["tags"] == ["vip"] and truth_a["description"] == "waiting for #refund"
        assert (truth_b["assignee_id"], truth_b["state"]) == (ana.manager_id, "closed")
        assert cached_texts(cache, a["chat_id"]) == [("chat a", False)] + [(t, False) for t in sent]
        assert cache.reads.chat_state(a["chat_id"])["starred"] is True  # type: ignore[index]
        assert rec.refused == [] and rec.statuses[-1].waiting == 0
    finally:
        await eng.stop()
        cache.close()


# ---- refusals -----------------------------------------------------------------------------


async def test_refused_mutations_are_rolled_back_with_their_reason(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "hello")
        ana, ben = await login(client, "ana"), await login(client, "ben")
        cid = chat["chat_id"]
        cache = open_cache(tmp_path, server, ana)
        rec = Recorder()
        eng = engine(cache, server, ana, rec, autopush=False)
        try:
            await eng.start()
            await eventually(lambda: rec.phase is Phase.ONLINE, "online")
            await eng.load_messages(cid)
            # Ana saw the chat unassigned and open; Ben takes it and snoozes it meanwhile...
            r = await push_as(
                client,
                ben,
                "assign",
                chat_id=cid,
                assignee_id=ben.manager_id,
                expected_assignee_id=None,
            )
            assert r["status"] == "applied"
            await eventually(
                lambda: shown(cache, cid)["assignee_id"] == ben.manager_id, "ben's change"
            )
            # ...so what Ana does now carries what she saw then.
            await eng.assign(cid, ana.manager_id, expected=None)
            await eng.set_state(cid, "closed", expected="snoozed")
            bad = await eng.send_message(
                cid, "@nobody", mentions={"manager_ids": [str(uuid.uuid4())]}
            )
            await eng.add_tag(cid, "kept")
            mine = shown(cache, cid)
            assert (mine["assignee_id"], mine["state"], mine["tags"]) == (
                ana.manager_id,
                "closed",
                ["kept"],
            )
            assert cached_texts(cache, cid)[-1] == ("@nobody", True)

            eng.push_now()
            await eventually(lambda: len(rec.refused) == 3, "three refusals")
            await eventually(lambda: cache.outbox() == [], "the outbox to empty")
            reasons = [(p.name, e.code, e.current) for p, e in rec.refused]
            assert reasons == [
                ("assign", "stale_value", ben.manager_id),
                ("set_state", "stale_value", "open"),
                ("send_message", "invalid_value", None),
            ]
            back = shown(cache, cid)
            assert (back["assignee_id"], back["state"], back["tags"]) == (
                ben.manager_id,
                "open",
                ["kept"],
            )
            [failed] = [m for m in cache.reads.messages(cid) if m.id == bad]
            assert not failed.pending and failed.failed_reason and "manager" in failed.failed_reason
            async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as c2:
                assert await server_texts(c2, ana, cid) == ["hello"]
            await eng.discard_failed(bad)
            assert cached_texts(cache, cid) == [("hello", False)]
        finally:
            await eng.stop()
            cache.close()


# ---- 410: the log no longer reaches the cursor --------------------------------------------


async def test_a_pruned_log_means_bootstrap_again_and_the_outbox_stays(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        keep = await start_chat(client, world, "keep")
        gone = await start_chat(client, world, "to be deleted")
        ana, owner = await login(client, "ana"), await login(client, "owner")
        cache = open_cache(tmp_path, server, ana)
        first = engine(cache, server, ana, Recorder())
        await first.start()
        await eventually(lambda: cache.get_meta().bootstrap_done, "bootstrap")
        await first.load_messages(keep["chat_id"])
        await first.stop()
        old_cursor = cache.get_meta().cursor

        # While the app is closed: news, a new chat, a deletion; then the log is pruned
        # past the app's cursor.
        await customer_says(client, keep, "news")
        new = await start_chat(client, world, "new chat")
        r = await client.delete(f"/chats/{gone['chat_id']}", headers=owner.headers)
        assert r.status_code == 204, r.text
        head = int(
            (
                await client.get("/sync/changes", params={"since": old_cursor}, headers=ana.headers)
            ).json()["head"]
        )
        db = Database(sqlite_url)
        try:
            async with db.write() as conn:
                await conn.execute(
                    update(m.Workspace)
                    .where(m.Workspace.id == world.workspace_id)
                    .values(pruned_seq=head)
                )
        finally:
            await db.dispose()

        rec = Recorder()
        eng = engine(cache, server, ana, rec, autopush=False)
        mid = await eng.send_message(keep["chat_id"], "written before the resync")
        try:
            await eng.start()
            await eventually(
                lambda: (
                    any(st.phase is Phase.BOOTSTRAPPING for st in rec.statuses)
                    and rec.phase is Phase.ONLINE
                    and cache.get_meta().bootstrap_done
                ),
                "online after a new bootstrap",
            )
            ids = {row.id for row in cache.reads.chat_rows()}
            assert ids == {keep["chat_id"], new["chat_id"]}
            assert cache.get_meta().cursor >= head  # type: ignore[operator]
            # The outbox and what it shows came through.
            assert [p.name for p in cache.outbox_pending()] == ["send_message"]
            assert cached_texts(cache, keep["chat_id"]) == [("written before the resync", True)]
            eng.push_now()
            await eventually(lambda: cache.outbox() == [], "the outbox to empty")
            assert await server_texts(client, ana, keep["chat_id"]) == [
                "keep",
                "news",
                "written before the resync",
            ]
            assert [m.id for m in cache.reads.messages(keep["chat_id"])] == [mid]
        finally:
            await eng.stop()
            cache.close()


# ---- a cache from another version ------------------------------------------------------------


async def test_a_schema_mismatch_rebuilds_the_cache_and_keeps_the_outbox(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chat = await start_chat(client, world, "hello")
        ana = await login(client, "ana")
        cid = chat["chat_id"]
        cache = open_cache(tmp_path, server, ana)
        first = engine(cache, server, ana, Recorder(), autopush=False)
        await first.start()
        await eventually(lambda: cache.get_meta().bootstrap_done, "bootstrap")
        await first.send_message(cid, "queued by the old version")
        await first.add_tag(cid, "old")
        await first.stop()
        client_id = cache.client_id
        cache.close()
        with sqlite3.connect(cache.path) as db:
            db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")

        cache = open_cache(tmp_path, server, ana)
        assert cache.rebuilt and cache.reads.chat_count() == 0 and cache.client_id == client_id
        assert [p.name for p in cache.outbox()] == ["send_message", "add_tag"]
        rec = Recorder()
        eng = engine(cache, server, ana, rec)
        try:
            await eng.start()
            await eventually(lambda: cache.outbox() == [], "the outbox to empty")
            assert await server_texts(client, ana, cid) == ["hello", "queued by the old version"]
            assert shown(cache, cid)["tags"] == ["old"]
            r = await client.get(f"/chats/{cid}", headers=ana.headers)
            assert r.json()["tags"] == ["old"]
        finally:
            await eng.stop()
            cache.close()
