"""The realtime hub's buffer stays within its byte cap however many workspaces a worker
watches, and a socket that falls behind what it holds still gets every change exactly
once (paged from the database). The hub is driven directly with 200 workspaces' entries
(200 live servers' worth of sockets would be too slow); a live server with a tiny cap
shows real sockets catching up from the database."""

# covers: Y2

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from sqlalchemy import insert, update

from server.db import models as m
from server.db.database import Database
from server.sync.feed import Reader
from server.sync.realtime import Hub, Subscriber, entry_cost
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world, start_chat

pytestmark = pytest.mark.timeout(120)

WORKSPACES = 200
ROUNDS = 4
PER_ROUND = 5  # entries per workspace per round
PAD = "가" * 200  # ~1.2 KB of JSON per entry once escaped
CAP = 1024 * 1024  # far below the ~5 MB written: the buffer must evict
WAIT = 30.0


async def eventually(check: Callable[[], bool], what: str, within: float = WAIT) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(0.02)


class FakeSocket:
    """Records the frames a subscriber is sent; `gate` cleared makes it stall (lag)."""

    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []
        self.gate = asyncio.Event()
        self.gate.set()

    async def send_text(self, data: str) -> None:
        await self.gate.wait()
        self.frames.append(json.loads(data))

    def seqs(self) -> list[int]:
        return [c["seq"] for f in self.frames if f["type"] == "changes" for c in f["changes"]]


def held(hub: Hub) -> tuple[int, int]:
    """(bytes, entries) recounted from the workspaces' buffers and frame caches."""
    spaces = hub._spaces.values()
    entries = sum(len(s.buffer) for s in spaces)
    size = sum(entry_cost(text) for s in spaces for _item, text in s.buffer)
    size += sum(len(f) for s in spaces for f in s.frames.values())
    return size, entries


async def test_two_hundred_workspaces_stay_under_the_cap(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    hub = Hub(db, ping_interval=3600, head_poll=3600, buffer_bytes=CAP)
    ids = [uuid.uuid4() for _ in range(WORKSPACES)]
    async with db.write() as conn:
        await conn.execute(
            insert(m.Workspace), [{"id": i, "name": f"w{n}"} for n, i in enumerate(ids)]
        )
    sockets = {i: FakeSocket() for i in ids}
    serving = [
        asyncio.create_task(hub.serve(i, Subscriber(sockets[i], Reader(uuid.uuid4()), 0)))
        for i in ids
    ]
    try:
        await eventually(lambda: all(s.frames for s in sockets.values()), "every first ping")
        laggard = sockets[ids[0]]
        laggard.gate.clear()  # stalls from its next frame on
        head = 0
        peak = 0
        for _round in range(ROUNDS):
            rows = [
                {
                    "workspace_id": i,
                    "seq": head + k,
                    "entity": "message",
                    "entity_id": str(uuid.uuid4()),
                    "op": "upsert",
                    "data": {"text": PAD},
                }
                for i in ids
                for k in range(1, PER_ROUND + 1)
            ]
            head += PER_ROUND
            async with db.write() as conn:
                await conn.execute(insert(m.ChangeLog), rows)
                await conn.execute(update(m.Workspace).values(last_seq=head))
            for i in ids:
                hub.ring(i, head)
            # Every socket but the laggard keeps up; watch the cap all along.
            deadline = time.monotonic() + WAIT
            while not all(sockets[i].seqs()[-1:] == [head] for i in ids[1:]):
                assert hub.buffered_bytes <= CAP
                peak = max(peak, hub.buffered_bytes)
                assert time.monotonic() < deadline, "the sockets did not keep up"
                await asyncio.sleep(0.01)
            assert held(hub) == (hub.buffered_bytes, hub.buffered_entries)
            assert hub.buffered_bytes <= CAP
        assert peak > CAP // 2  # the cap, not a lack of data, bounded it
        assert hub.buffered_entries < WORKSPACES * head  # entries were evicted
        oldest = hub._spaces[ids[0]].buffer
        # The laggard's stalled frame took seqs up to PER_ROUND; what follows is gone
        # from the buffer, so it must page from the database.
        assert not oldest or oldest[0][0].seq > PER_ROUND + 1

        for i in ids[1:]:
            assert sockets[i].seqs() == list(range(1, head + 1))
        laggard.gate.set()
        await eventually(lambda: laggard.seqs()[-1:] == [head], "the laggard catching up")
        assert laggard.seqs() == list(range(1, head + 1))  # every change exactly once
        assert hub.buffered_bytes <= CAP
    finally:
        for task in serving:
            task.cancel()
        await asyncio.gather(*serving, return_exceptions=True)
        await hub.close()
        await db.dispose()
    assert hub.buffered_bytes == 0 and hub.buffered_entries == 0  # nobody watches: all freed


async def test_real_sockets_catch_up_from_the_database_past_a_tiny_buffer(
    live_server: Callable[..., LiveServer], sqlite_url: str
) -> None:
    db = Database(sqlite_url)
    try:
        world = await make_world(db)
    finally:
        await db.dispose()
    # A cap below one entry's cost: every frame after the ping comes from the database.
    server = await asyncio.to_thread(live_server, sqlite_url, SANGDAM_HUB_BUFFER_BYTES="300")
    async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client:
        r = await client.post(
            "/auth/login", json={"email": World.email("ana"), "password": PASSWORD}
        )
        assert r.status_code == 200, r.text
        headers = {"Authorization": f"Bearer {r.json()['token']}"}
        seen: list[int] = []
        async with aconnect_ws(
            "/sync/ws",
            client,
            params={"since": 0},
            headers=dict(headers),  # httpx_ws adds its upgrade headers to the dict it gets
            session_class=AsyncWebSocketSession,
        ) as ws:
            async with httpx.AsyncClient(base_url=server.url, timeout=WAIT) as public:
                for n in range(12):
                    await start_chat(public, world, text=f"chat {n}")
            r = await client.get("/sync/changes", params={"since": 0, "limit": 1}, headers=headers)
            assert r.status_code == 200, (r.status_code, r.text)
            head = int(r.json()["head"])

            async def follow() -> None:
                while True:
                    frame = json.loads(await ws.receive_text())
                    if frame["type"] == "changes":
                        seen.extend(c["seq"] for c in frame["changes"])
                        if frame["to"] >= head:
                            return

            await asyncio.wait_for(follow(), WAIT)
        r = await client.get("/sync/changes", params={"since": 0, "limit": 1000}, headers=headers)
        expected = [c["seq"] for c in r.json()["changes"]]
        assert seen == expected  # every change the manager may see, exactly once, in order
