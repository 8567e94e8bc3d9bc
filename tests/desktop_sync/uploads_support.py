"""What the upload tests share: files with known bytes, an engine on a client whose
requests the test can see and hold (a gate on PATCH or POST), and the server's view of
a chat's messages."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from desktop.sync.engine import SyncEngine
from tests.desktop_sync.support import (
    FAST,
    WAIT,
    Login,
    Recorder,
    eventually,
    login,
    open_cache,
    start_chat,
    world_on,
)
from tests.support.live import LiveServer
from tests.support.world import World

# The tests' PATCH size: the app's own (protocol.uploads.CHUNK_BYTES, 64 MiB) would make
# every multi-PATCH test file hundreds of MiB; what is tested (resume, cuts, progress)
# does not depend on the size.
CHUNK = 2 * 1024 * 1024


def make_file(path: Path, size: int) -> str:
    """A file of random bytes; its sha256."""
    data = os.urandom(size)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class Wire:
    """The requests the app's client made, and gates that hold some until opened."""

    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    holds: dict[str, asyncio.Event] = field(default_factory=dict)  # method -> gate

    def hold(self, method: str) -> asyncio.Event:
        gate = asyncio.Event()
        self.holds[method] = gate
        return gate

    async def on_request(self, request: httpx.Request) -> None:
        self.requests.append((request.method, request.url.path))
        gate = self.holds.get(request.method)
        if gate is not None and request.url.path.startswith("/uploads"):
            await gate.wait()

    def count(self, method: str, prefix: str = "/uploads") -> int:
        return sum(1 for m, p in self.requests if m == method and p.startswith(prefix))


@dataclass
class App:
    engine: SyncEngine
    rec: Recorder
    wire: Wire
    client: httpx.AsyncClient  # the test's own (the server's view)
    who: Login
    chat_id: str
    customer_token: str

    async def server_messages(self) -> list[dict[str, Any]]:
        r = await self.client.get(
            f"/chats/{self.chat_id}/messages", params={"limit": 100}, headers=self.who.headers
        )
        assert r.status_code == 200, r.text
        messages: list[dict[str, Any]] = r.json()["messages"]
        return messages

    async def confirmed(self, message_id: str) -> dict[str, Any]:
        """Wait until the message is on the server and in the cache; the server's copy."""
        await eventually(
            lambda: any(
                m.id == message_id and m.seq is not None
                for m in self.engine.cache.reads.messages(self.chat_id, limit=200)
            ),
            f"message {message_id} confirmed in the cache",
        )
        [m] = [m for m in await self.server_messages() if m["id"] == message_id]
        return m


@dataclass
class Served:
    """A server and its world, shared by a module's tests (each makes its own chat)."""

    server: LiveServer
    world: World


def serve(sqlite_url: str, log_path: Path, **env: str) -> Served:
    """A world written first, then a server on it (stop it at the end)."""
    world = asyncio.run(world_on(sqlite_url))
    server = LiveServer(sqlite_url, "memory", env=env, log_path=log_path)
    server.start()
    return Served(server, world)


@asynccontextmanager
async def running_app(served: Served, folder: Path) -> AsyncIterator[App]:
    """A new chat on `served`, and ana's engine on a watched client, started and
    bootstrapped."""
    server, world = served.server, served.world
    wire = Wire()
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=WAIT) as client,
        httpx.AsyncClient(
            base_url=server.url, timeout=WAIT, event_hooks={"request": [wire.on_request]}
        ) as app_client,
    ):
        chat = await start_chat(client, world, "hello")
        ana = await login(client, "ana")
        cache = open_cache(folder, server, ana)
        rec = Recorder()
        engine = SyncEngine(
            cache,
            ana.token,
            client=app_client,
            on_changed=rec.on_changed,
            on_status=rec.on_status,
            on_refused=rec.on_refused,
            on_unauthorized=rec.on_unauthorized,
            backoff=FAST,
        )
        engine.uploader.tus.chunk = CHUNK
        await engine.start()
        chat_id = chat["chat_id"]
        await eventually(lambda: cache.reads.chat(chat_id) is not None, "the chat in the cache")
        try:
            yield App(engine, rec, wire, client, ana, chat_id, chat["token"])
        finally:
            await engine.stop()
            cache.close()
