"""The realtime feed against real server processes, followed by the desktop's FeedFollower:
resuming from a stored cursor, a killed server, two servers sharing a database, frames
lost on the way, resync and auth failures, malformed client frames, idle pings."""

# covers: Y2

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from sqlalchemy import update

from desktop.sync.follower import Backoff, FeedFollower, Phase
from server.db import models as m
from server.db.database import Database
from server.sync.router import CLOSE_RESYNC
from tests.support.databases import redis_or_skip
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world

pytestmark = pytest.mark.timeout(60)

LiveFactory = Callable[..., LiveServer]
PROBE = "X-Test-Probe"  # the test's own requests, left out of the follower's count
WAIT = 10.0  # seconds any one expectation may take before the test fails, never hangs


# ---- helpers --------------------------------------------------------------------------


async def world_on(url: str) -> World:
    """The workspace and managers, written before any server process opens the database."""
    db = Database(url)
    try:
        return await make_world(db)
    finally:
        await db.dispose()


async def start_servers(
    live_server: LiveFactory, url: str, n: int = 1, doorbell: str = "memory", **env: str
) -> list[LiveServer]:
    """Start `n` servers side by side (each start blocks until /health answers)."""
    return list(
        await asyncio.gather(
            *(asyncio.to_thread(live_server, url, doorbell, **env) for _ in range(n))
        )
    )


async def eventually(check: Callable[[], bool], what: str, within: float = WAIT) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(0.02)


@dataclass
class Session:
    """One manager logged in to one server through the app's one long-lived client."""

    client: httpx.AsyncClient
    token: str
    paths: list[str]  # every request made through the client, for counting HTTP pulls

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def pulls(self) -> int:
        return self.paths.count("/sync/changes")

    async def head(self) -> int:
        r = await self.client.get(
            "/sync/changes", params={"since": 0, "limit": 1}, headers={**self.headers, PROBE: "1"}
        )
        assert r.status_code == 200, r.text
        return int(r.json()["head"])

    async def push(self, name: str, **args: Any) -> None:
        self._next += 1
        r = await self.client.post(
            "/sync/push",
            headers=self.headers,
            json={
                "client_id": str(self._client_id),
                "mutations": [{"mutation_id": self._next, "name": name, "args": args}],
            },
        )
        assert r.status_code == 200, r.text
        assert r.json()["results"][0]["status"] == "applied", r.text

    _client_id: uuid.UUID = field(default_factory=uuid.uuid4)
    _next: int = 0


@asynccontextmanager
async def session(server: LiveServer, name: str = "ana") -> AsyncIterator[Session]:
    paths: list[str] = []

    async def record(request: httpx.Request) -> None:
        if PROBE not in request.headers:
            paths.append(request.url.path)

    async with httpx.AsyncClient(
        base_url=server.url, timeout=WAIT, event_hooks={"request": [record]}
    ) as client:
        r = await client.post(
            "/auth/login", json={"email": World.email(name), "password": PASSWORD}
        )
        assert r.status_code == 200, r.text
        yield Session(client, r.json()["token"], paths)


@dataclass
class Chat:
    """A customer's chat; `texts` are the customer's messages in the order posted."""

    client: httpx.AsyncClient
    chat_id: str
    token: str
    texts: list[str]

    @classmethod
    async def start(cls, client: httpx.AsyncClient, world: World, text: str) -> Chat:
        r = await client.post(
            "/customer/chats", json={"workspace_id": str(world.workspace_id), "text": text}
        )
        assert r.status_code == 201, r.text
        body = r.json()
        return cls(client, body["chat_id"], body["token"], [text])

    async def say(self, text: str, via: httpx.AsyncClient | None = None) -> None:
        r = await (via or self.client).post(
            f"/customer/chats/{self.chat_id}/messages",
            json={"id": str(uuid.uuid4()), "text": text},
            headers={"Authorization": f"Bearer {self.token}"},
        )
        assert r.status_code == 201, r.text
        self.texts.append(text)


@dataclass
class Recorder:
    """The caller's side of `on_changes`: what a local cache would store, and its cursor."""

    cursor: int = 0
    changes: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # checked at the end, not raised:
    # a raising callback only makes the follower retry, which would hide the cause

    async def __call__(self, changes: list[dict[str, Any]], cursor: int) -> None:
        seqs = [c["seq"] for c in changes]
        if cursor < self.cursor or not all(self.cursor < seq <= cursor for seq in seqs):
            self.problems.append(f"batch {seqs} -> {cursor} after cursor {self.cursor}")
        self.changes.extend(changes)
        self.cursor = cursor

    @property
    def seqs(self) -> list[int]:
        return [c["seq"] for c in self.changes]

    def texts(self) -> list[str]:
        return [
            c["data"]["blocks"][0]["text"]
            for c in self.changes
            if c["entity"] == "message" and c["data"]["kind"] != "event"
        ]

    async def reaches(self, seq: int, within: float = WAIT) -> None:
        await eventually(lambda: self.cursor >= seq, f"cursor {seq} (at {self.cursor})", within)

    def assert_exactly_once(self, head: int) -> None:
        """Every entry 1..head, each once, in order (the tests' writers see all of them)."""
        assert self.problems == []
        assert len(self.seqs) == len(set(self.seqs)), "a change was applied twice"
        assert self.seqs == list(range(1, head + 1))
        assert self.cursor == head


@dataclass
class Calls:
    resync: int = 0
    unauthorized: int = 0

    async def on_resync(self) -> None:
        self.resync += 1

    async def on_unauthorized(self) -> None:
        self.unauthorized += 1


class LossyFollower(FeedFollower):
    """Loses the next `changes` frame once `lose_next()` is called, as a broken network
    or a bug between socket and cache would: the follower must notice and recover."""

    armed = False
    lost: list[dict[str, Any]]

    def lose_next(self) -> None:
        self.armed = True
        self.lost = []

    async def handle_frame(self, frame: dict[str, Any]) -> None:
        if self.armed and frame.get("type") == "changes":
            self.armed = False
            self.lost.append(frame)
            return
        await super().handle_frame(frame)


def follower(
    s: Session,
    rec: Recorder,
    calls: Calls | None = None,
    cls: type[FeedFollower] = FeedFollower,
    **kw: Any,
) -> FeedFollower:
    calls = calls or Calls()
    return cls(
        s.client,
        s.token,
        cursor=rec.cursor,
        on_changes=rec,
        on_resync_required=calls.on_resync,
        on_unauthorized=calls.on_unauthorized,
        **kw,
    )


@asynccontextmanager
async def running(f: FeedFollower) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(f.run())
    try:
        yield task
    finally:
        f.stop()
        await asyncio.wait_for(task, WAIT)


async def ends(task: Awaitable[None]) -> None:
    """run() must return by itself (resync, unauthorized), not hang."""
    await asyncio.wait_for(task, WAIT)


@asynccontextmanager
async def raw_socket(s: Session, since: int) -> AsyncIterator[AsyncWebSocketSession]:
    """A bare WebSocket, for what the follower never sends or checks by itself."""
    async with aconnect_ws(
        "/sync/ws",
        s.client,
        params={"since": since},
        headers=s.headers,
        session_class=AsyncWebSocketSession,
    ) as ws:
        yield ws


async def receive_until(
    ws: AsyncWebSocketSession, match: Callable[[dict[str, Any]], bool], within: float = WAIT
) -> dict[str, Any]:
    async def loop() -> dict[str, Any]:
        while True:
            frame: dict[str, Any] = json.loads(await ws.receive_text())
            if match(frame):
                return frame

    return await asyncio.wait_for(loop(), within)


# ---- resume ---------------------------------------------------------------------------


async def test_resume_from_stored_cursor_gets_every_change_once(
    live_server: LiveFactory, db_url: str
) -> None:
    world = await world_on(db_url)
    [server] = await start_servers(live_server, db_url)
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "message 0")
        rec = Recorder()
        stopped = asyncio.Event()

        async def write() -> None:
            for i in range(1, 51):
                if i == 21:  # the rest happens while the follower is away
                    await stopped.wait()
                await chat.say(f"message {i}")
                if i % 10 == 0:
                    await ana.push("star", chat_id=chat.chat_id, starred=i % 20 == 0)
            await ana.push("set_description", chat_id=chat.chat_id, description="resumed")

        writer = asyncio.create_task(write())
        async with running(follower(ana, rec)):
            await eventually(lambda: len(rec.texts()) >= 5, "five messages")
        stopped.set()  # the follower is gone; its cursor is what the cache stored
        await asyncio.wait_for(writer, WAIT)
        head = await ana.head()
        assert rec.cursor < head

        again = follower(ana, rec)  # a new process, from the stored cursor
        async with running(again):
            await rec.reaches(head)
        rec.assert_exactly_once(head)
        assert rec.texts() == chat.texts
        assert again.connections == 1


async def test_follower_survives_a_killed_server(live_server: LiveFactory, sqlite_url: str) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "before the crash")
        rec = Recorder()
        f = follower(ana, rec, backoff=Backoff(cap=1.0))  # retry often while it restarts
        async with running(f):
            await rec.reaches(await ana.head())
            for i in range(5):  # written, perhaps not yet sent, when the server dies
                await chat.say(f"sent before the kill {i}")
            await asyncio.to_thread(server.kill)
            await eventually(lambda: f.state.phase is Phase.RECONNECTING, "reconnecting")
            await asyncio.to_thread(server.start)
            for i in range(5):
                await chat.say(f"sent after the restart {i}")
            head = await ana.head()
            await rec.reaches(head)
            assert f.state.phase is Phase.ONLINE
        rec.assert_exactly_once(head)
        assert rec.texts() == chat.texts
        assert f.connections >= 2


# ---- two servers, one database ----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("doorbell", ["postgres", pytest.param("redis", marks=pytest.mark.redis)])
async def test_two_servers_deliver_each_others_changes(
    live_server: LiveFactory, postgres_url: str, doorbell: str
) -> None:
    # The head poll is the backstop for lost rings; push it out of the way so only the
    # doorbell can deliver within the deadline below.
    env = {"SANGDAM_HEAD_POLL_S": "60"}
    if doorbell == "redis":
        env["SANGDAM_REDIS_URL"] = redis_or_skip()
    world = await world_on(postgres_url)
    a, b = await start_servers(live_server, postgres_url, 2, doorbell, **env)
    async with AsyncExitStack() as stack:
        on_a = await stack.enter_async_context(session(a))
        on_b = await stack.enter_async_context(session(b))
        rec_a, rec_b = Recorder(), Recorder()
        await stack.enter_async_context(running(follower(on_a, rec_a)))
        await stack.enter_async_context(running(follower(on_b, rec_b)))
        head = await on_a.head()
        await rec_a.reaches(head)
        await rec_b.reaches(head)

        chat = await Chat.start(on_a.client, world, "hello via A")
        writes: list[Callable[[], Awaitable[None]]] = [
            lambda: chat.say("via B", via=on_b.client),
            lambda: chat.say("via A", via=on_a.client),
            lambda: on_b.push("star", chat_id=chat.chat_id, starred=True),
            lambda: on_a.push("add_tag", chat_id=chat.chat_id, tag="vip"),
            lambda: chat.say("via B again", via=on_b.client),
        ]
        for write in [None, *writes]:
            if write is not None:
                await write()
            head = await on_a.head()
            await asyncio.gather(rec_a.reaches(head, 3.0), rec_b.reaches(head, 3.0))
    for rec in (rec_a, rec_b):
        rec.assert_exactly_once(head)
        assert rec.texts() == chat.texts


# ---- lost frames --------------------------------------------------------------------------


async def test_a_frame_gap_is_pulled_over_http(live_server: LiveFactory, sqlite_url: str) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "first")
        rec = Recorder()
        f = follower(ana, rec, cls=LossyFollower)
        assert isinstance(f, LossyFollower)
        async with running(f):
            await rec.reaches(await ana.head())
            pulls = ana.pulls()
            f.lose_next()
            await chat.say("this frame is lost")
            await eventually(lambda: bool(f.lost), "the lost frame")
            missed = f.lost[0]["to"]
            assert rec.cursor < missed
            await chat.say("this frame shows the gap")
            head = await ana.head()
            await rec.reaches(head)
            assert ana.pulls() > pulls
            assert f.http_pages == ana.pulls() - pulls
        rec.assert_exactly_once(head)
        assert rec.texts() == chat.texts


async def test_pings_past_the_cursor_make_the_follower_pull(
    live_server: LiveFactory, sqlite_url: str
) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url, SANGDAM_PING_INTERVAL_S="0.3")
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "first")
        rec = Recorder()
        # The server pings every 0.3 s; a roomier liveness timeout keeps a slow machine
        # from reconnecting (which would replay the frame instead of pulling it).
        f = follower(ana, rec, cls=LossyFollower, ping_interval=1.0)
        assert isinstance(f, LossyFollower)
        async with running(f):
            await rec.reaches(await ana.head())
            f.lose_next()
            await chat.say("the last frame for a while, and it is lost")
            head = await ana.head()
            await eventually(lambda: bool(f.lost), "the lost frame")
            # No later frame reveals the gap; the pings' head does, within two pings.
            await rec.reaches(head, within=3.0)
            assert ana.pulls() >= 1
        rec.assert_exactly_once(head)


# ---- resync and auth ----------------------------------------------------------------------


async def test_resync_required_over_ws_and_http(live_server: LiveFactory, sqlite_url: str) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "first")
        head = await ana.head()

        # A cursor ahead of the head (a database restored from an older backup).
        calls, rec = Calls(), Recorder(cursor=head + 100)
        ahead = follower(ana, rec, calls)
        await ends(ahead.run())
        assert (calls.resync, calls.unauthorized) == (1, 0)
        assert ahead.state.phase is Phase.STOPPED and rec.changes == []

        # Over HTTP: the follower loses a frame, the log is pruned past its cursor, and
        # the pull that would fill the gap gets 410.
        calls, rec = Calls(), Recorder()
        f = follower(ana, rec, calls, cls=LossyFollower)
        assert isinstance(f, LossyFollower)
        task = asyncio.create_task(f.run())
        await rec.reaches(head)
        f.lose_next()
        await chat.say("lost")
        await eventually(lambda: bool(f.lost), "the lost frame")
        pruned = await ana.head()
        db = Database(sqlite_url)
        try:
            async with db.write() as conn:
                await conn.execute(
                    update(m.Workspace)
                    .where(m.Workspace.id == world.workspace_id)
                    .values(pruned_seq=pruned)
                )
        finally:
            await db.dispose()
        await chat.say("reveals the gap")
        await ends(task)
        assert (calls.resync, calls.unauthorized) == (1, 0)
        assert rec.cursor == head and f.http_pages == 1
        r = await ana.client.get("/sync/changes", params={"since": head}, headers=ana.headers)
        assert r.status_code == 410 and r.json()["error"]["code"] == "resync_required"

        # Over the WebSocket: a cursor below what is kept.
        calls = Calls()
        await ends(follower(ana, Recorder(cursor=pruned - 1), calls).run())
        assert (calls.resync, calls.unauthorized) == (1, 0)
        async with raw_socket(ana, 0) as ws:
            error = await receive_until(ws, lambda fr: True)
            assert error["type"] == "error" and error["error"]["code"] == "resync_required"
            with pytest.raises(Exception) as closed:
                await ws.receive_text(timeout=WAIT)
            assert getattr(closed.value, "code", None) == CLOSE_RESYNC


async def test_unauthorized_over_ws_and_http(live_server: LiveFactory, sqlite_url: str) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "first")

        calls = Calls()
        stranger = FeedFollower(
            ana.client,
            "not-a-token",
            cursor=0,
            on_changes=Recorder(),
            on_resync_required=calls.on_resync,
            on_unauthorized=calls.on_unauthorized,
        )
        await ends(stranger.run())
        assert (calls.resync, calls.unauthorized) == (0, 1)
        assert stranger.state.phase is Phase.STOPPED

        # Logged out while connected: the socket closes with 4401 (a frame lost just
        # before makes no difference): the follower asks to log in again, once.
        calls, rec = Calls(), Recorder()
        f = follower(ana, rec, calls, cls=LossyFollower)
        assert isinstance(f, LossyFollower)
        task = asyncio.create_task(f.run())
        await rec.reaches(await ana.head())
        f.lose_next()
        await chat.say("lost")
        await eventually(lambda: bool(f.lost), "the lost frame")
        r = await ana.client.post("/auth/logout", headers=ana.headers)
        assert r.status_code == 204, r.text
        await chat.say("reveals the gap")
        await ends(task)
        assert (calls.resync, calls.unauthorized) == (0, 1)


# ---- the raw socket: client frames and pings ---------------------------------------------


async def test_malformed_client_frames_get_an_error_and_the_socket_lives_on(
    live_server: LiveFactory, sqlite_url: str
) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url)
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "first")
        head = await ana.head()
        async with raw_socket(ana, head) as ws:
            for garbage in ("{not json", "[1, 2]", '{"type": "subscribe"}', b"\x00binary"):
                if isinstance(garbage, bytes):
                    await ws.send_bytes(garbage)
                else:
                    await ws.send_text(garbage)
                error = await receive_until(ws, lambda fr: fr["type"] != "ping")
                assert error["type"] == "error" and error["error"]["code"] == "bad_request"
            await ws.send_text('{"type": "ping"}')
            assert (await receive_until(ws, lambda fr: fr["type"] != "ping"))["type"] == "pong"
            await chat.say("still listening?")
            frame = await receive_until(ws, lambda fr: fr["type"] == "changes")
            assert frame["from"] == head
            texts = [
                c["data"]["blocks"][0]["text"]
                for c in frame["changes"]
                if c["entity"] == "message" and c["data"]["kind"] != "event"
            ]
            assert texts == ["still listening?"]


async def test_idle_socket_gets_pings_that_carry_the_head(
    live_server: LiveFactory, sqlite_url: str
) -> None:
    world = await world_on(sqlite_url)
    [server] = await start_servers(live_server, sqlite_url, SANGDAM_PING_INTERVAL_S="0.3")
    async with session(server) as ana:
        chat = await Chat.start(ana.client, world, "first")
        head = await ana.head()
        started = time.monotonic()  # pings are timed from the connection, not the hello
        async with raw_socket(ana, head) as ws:
            # the first frame at once: the head as the connection found it
            hello = json.loads(await ws.receive_text(timeout=2.0))
            assert hello == {"type": "ping", "head": head}
            for _ in range(2):
                frame = json.loads(await ws.receive_text(timeout=2.0))
                assert frame == {"type": "ping", "head": head}
            assert time.monotonic() - started >= 0.5  # two intervals, not a flood
            await chat.say("news")
            frame = await receive_until(ws, lambda fr: fr["type"] == "changes")
            new_head = await ana.head()
            assert (frame["from"], frame["to"], frame["head"]) == (head, new_head, new_head)
            ping = await receive_until(ws, lambda fr: fr["type"] == "ping", within=2.0)
            assert ping == {"type": "ping", "head": new_head}
