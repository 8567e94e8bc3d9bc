""" "Clear cache" against a real server: the file is emptied in place and downloaded
again; what only this computer holds (the outbox, refused messages) stays, and the
outbox is sent once afterwards."""

# covers: Y3

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import httpx
import pytest

from desktop.sync import clear
from desktop.sync.status import Phase
from tests.desktop_sync.support import (
    WAIT,
    LiveFactory,
    Recorder,
    cached_texts,
    engine,
    eventually,
    login,
    open_cache,
    server_texts,
    start_chat,
    world_on,
)

pytestmark = pytest.mark.timeout(120)


async def test_clearing_keeps_the_outbox_and_refused_messages_and_downloads_the_rest(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        chats = [await start_chat(client, world, f"chat {i}") for i in range(3)]
        ana = await login(client, "ana")
        cid = chats[0]["chat_id"]
        cache = open_cache(tmp_path, server, ana)
        rec = Recorder()
        eng = engine(cache, server, ana, rec, autopush=False)
        await eng.start()
        await eventually(lambda: rec.phase is Phase.ONLINE, "online")
        assert cache.reads.chat_count() == 3
        # a message the server refuses (a mention of nobody): kept as failed, with its reason
        bad = await eng.send_message(cid, "@nobody", mentions={"manager_ids": [str(uuid.uuid4())]})
        eng.push_now()
        await eventually(lambda: cache.outbox() == [], "the refusal")
        await eng.stop()
        # ...and, with the server away, one waiting to be sent and a star
        eng = engine(cache, server, ana, Recorder(), autopush=False)
        await eng.start()
        await eng.send_message(cid, "written before the clear")
        await eng.star(cid, True)
        await eng.stop()
        client_id = cache.client_id
        path = cache.path
        cache.close()

        assert clear.unsent(path) == clear.Unsent(messages=1, other=1, failed=1)
        before = clear.size_on_disk(path)
        kept = clear.clear(path)
        assert kept == clear.Unsent(messages=1, other=1, failed=1)
        assert clear.size_on_disk(path) < before
        assert clear.unsent(path) == kept

        cache = open_cache(tmp_path, server, ana)
        assert cache.reads.chat_count() == 0 and cache.client_id == client_id
        assert not cache.get_meta().bootstrap_done and cache.get_meta().cursor is None
        assert [p.name for p in cache.outbox()] == ["send_message", "star"]
        rec = Recorder()
        eng = engine(cache, server, ana, rec)
        try:
            await eng.start()
            await eventually(lambda: cache.outbox() == [], "the outbox to be sent")
            await eventually(lambda: cache.reads.chat_count() == 3, "the chats downloaded again")
            assert await server_texts(client, ana, cid) == ["chat 0", "written before the clear"]
            state = cache.reads.chat_state(cid)
            assert state is not None and state["starred"]
            await eng.load_messages(cid)
            texts = cached_texts(cache, cid)
            assert ("written before the clear", False) in texts
            [failed] = [m for m in cache.reads.messages(cid) if m.id == bad]
            assert failed.failed_reason and not failed.pending
        finally:
            await eng.stop()
            cache.close()


def test_a_missing_file_has_nothing_to_keep_and_clears_to_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    assert clear.unsent(path) == clear.Unsent() and not clear.Unsent().any
    assert clear.clear(path) == clear.Unsent()
    assert clear.size_on_disk(path) == 0


def test_a_file_that_is_not_a_cache_is_left_alone_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    with pytest.raises(clear.ClearError, match="not a cache file"):
        clear.clear(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT text FROM notes").fetchall() == [("mine",)]
    with pytest.raises(clear.ClearError, match="cannot be read"):
        clear.unsent(path)
