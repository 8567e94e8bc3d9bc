"""What the desktop sync tests share: a world on a real server, logins, an engine whose
callbacks are recorded, and waiting for a condition without sleeping blindly."""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.effects import Pending
from desktop.sync.engine import SyncEngine
from desktop.sync.follower import Backoff
from desktop.sync.status import Phase, Status
from protocol import schemas as s
from server.db.database import Database
from tests.support.live import ROOT, LiveServer
from tests.support.world import PASSWORD, World, make_world

LiveFactory = Callable[..., LiveServer]
WAIT = 15.0  # the longest any one expectation may take before the test fails
FAST = Backoff(base=0.05, cap=0.5)  # reconnect quickly in tests


async def world_on(url: str) -> World:
    """The workspace and managers, written before any server process opens the file."""
    db = Database(url)
    try:
        return await make_world(db)
    finally:
        await db.dispose()


async def eventually(check: Callable[[], bool], what: str, within: float = WAIT) -> float:
    """Wait until `check()` holds; returns how long it took."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > within:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(0.01)
    return time.monotonic() - start


@dataclass
class Login:
    token: str
    manager_id: str
    workspace_id: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def login(client: httpx.AsyncClient, name: str) -> Login:
    r = await client.post("/auth/login", json={"email": World.email(name), "password": PASSWORD})
    assert r.status_code == 200, r.text
    body = r.json()
    return Login(body["token"], body["manager_id"], body["workspace_id"])


async def start_chat(client: httpx.AsyncClient, world: World, text: str) -> dict[str, str]:
    r = await client.post(
        "/customer/chats", json={"workspace_id": str(world.workspace_id), "text": text}
    )
    assert r.status_code == 201, r.text
    body: dict[str, str] = r.json()
    return body


async def customer_says(client: httpx.AsyncClient, chat: dict[str, str], text: str) -> None:
    r = await client.post(
        f"/customer/chats/{chat['chat_id']}/messages",
        json={"id": str(uuid.uuid4()), "text": text},
        headers={"Authorization": f"Bearer {chat['token']}"},
    )
    assert r.status_code == 201, r.text


async def server_texts(client: httpx.AsyncClient, who: Login, chat_id: str) -> list[str]:
    """Every message text of a chat as the server holds it, oldest first (system event
    lines left out)."""
    texts: list[str] = []
    before: int | None = None
    while True:
        params: dict[str, Any] = {"limit": 200}
        if before is not None:
            params["before"] = before
        r = await client.get(f"/chats/{chat_id}/messages", params=params, headers=who.headers)
        assert r.status_code == 200, r.text
        page = r.json()
        texts = [m["blocks"][0]["text"] for m in page["messages"] if m["kind"] != "event"] + texts
        if not page["more"] or not page["messages"]:
            return texts
        before = page["messages"][0]["seq"]


async def push_as(client: httpx.AsyncClient, who: Login, name: str, **args: Any) -> dict[str, Any]:
    """Another manager's app: one mutation under a fresh client id."""
    r = await client.post(
        "/sync/push",
        headers=who.headers,
        json={
            "client_id": str(uuid.uuid4()),
            "mutations": [{"mutation_id": 1, "name": name, "args": args}],
        },
    )
    assert r.status_code == 200, r.text
    [result] = r.json()["results"]
    return dict(result)


@dataclass
class Recorder:
    """The UI's side of the engine's callbacks."""

    changed: list[ChangedIds] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    refused: list[tuple[Pending, s.ErrorDetail]] = field(default_factory=list)
    unauthorized: int = 0
    on_change: Callable[[ChangedIds], None] | None = None

    def on_changed(self, changed: ChangedIds) -> None:
        self.changed.append(changed)
        if self.on_change is not None:
            self.on_change(changed)

    def on_status(self, status: Status) -> None:
        self.statuses.append(status)

    def on_refused(self, mutation: Pending, error: s.ErrorDetail) -> None:
        self.refused.append((mutation, error))

    def on_unauthorized(self) -> None:
        self.unauthorized += 1

    @property
    def phase(self) -> Phase | None:
        return self.statuses[-1].phase if self.statuses else None


def open_cache(folder: Path, server: LiveServer, who: Login) -> Cache:
    return Cache.for_login(server.url, who.workspace_id, who.manager_id, folder=folder)


def engine(
    cache: Cache, server: LiveServer, who: Login, rec: Recorder, **options: Any
) -> SyncEngine:
    options.setdefault("backoff", FAST)
    return SyncEngine(
        cache,
        who.token,
        server_url=server.url,
        on_changed=rec.on_changed,
        on_status=rec.on_status,
        on_refused=rec.on_refused,
        on_unauthorized=rec.on_unauthorized,
        **options,
    )


def cached_texts(cache: Cache, chat_id: str) -> list[tuple[str, bool]]:
    """(text, pending) of every cached message of a chat, in the order shown; system
    event lines (assigned, closed, ...) left out."""
    return [
        (m.message["blocks"][0]["text"], m.pending)
        for m in cache.reads.messages(chat_id, limit=1000)
        if m.message.get("kind") != "event"
    ]


async def run_app(module: str, args: list[str], kill_at: str | None) -> list[str]:
    """Run `python -m module args`; SIGKILL it when it prints `kill_at`. What it printed."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    lines: list[str] = []
    try:
        async with asyncio.timeout(60):
            while True:
                raw = await proc.stdout.readline()
                if not raw:
                    break
                line = raw.decode().strip()
                lines.append(line)
                if line == kill_at:
                    proc.kill()
                    break
            code = await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    if kill_at is None:
        err = (await proc.stderr.read()).decode()
        assert code == 0, err[-3000:]
    else:
        assert code == -9, lines
    return lines
