"""A chat too big for one transaction is deleted for good (H5) in batches: a desktop
watching live and one that was closed during the delete both end with the chat and its
messages gone from their caches, and the counts the server has."""

# covers: H5

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from desktop.sync.status import Phase
from server.db.database import Database
from server.inbox import counts
from server.inbox.service import PURGE_BATCH
from tests.desktop_sync.support import (
    WAIT,
    LiveFactory,
    Login,
    Recorder,
    engine,
    eventually,
    login,
    open_cache,
    start_chat,
    world_on,
)

pytestmark = pytest.mark.timeout(180)

MESSAGES = 2 * PURGE_BATCH + 50  # two batches, and some left for the last transaction


async def fill(client: httpx.AsyncClient, who: Login, chat_id: str, n: int) -> None:
    client_id = str(uuid.uuid4())
    for start in range(0, n, 100):
        muts = [
            {
                "mutation_id": i + 1,
                "name": "send_message",
                "args": {
                    "chat_id": chat_id,
                    "message_id": str(uuid.uuid4()),
                    "blocks": [{"type": "text", "text": f"비밀 {i}"}],
                },
            }
            for i in range(start, min(n, start + 100))
        ]
        r = await client.post(
            "/sync/push", headers=who.headers, json={"client_id": client_id, "mutations": muts}
        )
        assert r.status_code == 200, r.text


async def server_counts(url: str, who: Login) -> dict[counts.Key, int]:
    db = Database(url)
    try:
        async with db.read() as conn:
            found = await counts.stored(conn, uuid.UUID(who.workspace_id))
    finally:
        await db.dispose()
    return {k: n for k, n in found.items() if k[0] in ("", who.manager_id) and k[2] == "open"}


async def test_desktops_converge_after_a_batched_delete(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = await world_on(sqlite_url)
    server = live_server(sqlite_url)
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        keep = await start_chat(client, world, "keep")
        big = (await start_chat(client, world, "the long one"))["chat_id"]
        ana, owner = await login(client, "ana"), await login(client, "owner")
        await fill(client, ana, big, MESSAGES)

        caches = [open_cache(tmp_path / name, server, ana) for name in ("live", "closed")]
        recs = [Recorder(), Recorder()]
        engines = [engine(c, server, ana, r) for c, r in zip(caches, recs, strict=True)]
        try:
            for eng, cache, rec in zip(engines, caches, recs, strict=True):
                await eng.start()
                await eventually(
                    lambda c=cache, r=rec: (
                        bool(c.get_meta().bootstrap_done) and r.phase is Phase.ONLINE
                    ),
                    "online",
                )
                await eng.load_messages(big)
                assert cache.reads.messages(big, limit=10)
            await engines[1].stop()  # closed while the chat is deleted

            r = await client.delete(f"/chats/{big}", headers=owner.headers)
            assert r.status_code == 204, r.text
            engines[1] = engine(caches[1], server, ana, Recorder())  # the app opened again
            await engines[1].start()

            def converged(cache: object) -> bool:
                reads = cache.reads  # type: ignore[attr-defined]
                return reads.chat(big) is None and not reads.messages(big, limit=10)

            for cache in caches:
                await eventually(lambda c=cache: converged(c), "the chat gone from the cache")
            want = await server_counts(sqlite_url, ana)
            for cache in caches:
                assert cache.reads.chat(keep["chat_id"]) is not None
                have = {k: n for k, n in cache.reads.counts("open").items() if n}
                assert have == want
        finally:
            for eng, cache in zip(engines, caches, strict=True):
                await eng.stop()
                cache.close()
