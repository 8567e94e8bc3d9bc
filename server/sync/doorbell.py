"""After a commit, tell every worker's realtime hub that a workspace's log grew.

The log is the truth; a lost ring only delays delivery until the hub's next head poll.
Three kinds: in-process (one worker), PostgreSQL LISTEN/NOTIFY, Redis pub/sub. Rings are
coalesced: a burst of commits sends one notification per workspace with the highest seq.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Listener = Callable[[uuid.UUID, int], None]
CHANNEL = "sangdam_doorbell"


class Doorbell:
    """In-process: rings go straight to this worker's listeners."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def listen(self, fn: Listener) -> None:
        self._listeners.append(fn)

    def ring(self, workspace_id: uuid.UUID, seq: int) -> None:
        self._deliver(workspace_id, seq)

    def _deliver(self, workspace_id: uuid.UUID, seq: int) -> None:
        for fn in self._listeners:
            try:
                fn(workspace_id, seq)
            except Exception:  # a listener's bug must not stop the others
                log.exception("doorbell listener failed")

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


class _BroadcastDoorbell(Doorbell):
    """Rings locally at once, and publishes to other workers from one sender task."""

    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[uuid.UUID, int] = {}
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def ring(self, workspace_id: uuid.UUID, seq: int) -> None:
        self._deliver(workspace_id, seq)
        if seq > self._pending.get(workspace_id, 0):
            self._pending[workspace_id] = seq
        self._wake.set()

    def _received(self, payload: str) -> None:
        try:
            ws, seq = payload.split(":")
            self._deliver(uuid.UUID(ws), int(seq))
        except ValueError:
            log.warning("ignored a malformed doorbell payload %r", payload)

    async def _send_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            pending, self._pending = self._pending, {}
            for ws, seq in pending.items():
                try:
                    await self._publish(f"{ws}:{seq}")
                except Exception:
                    log.warning("doorbell publish failed; hubs will poll", exc_info=True)
                    await asyncio.sleep(0.5)

    async def _publish(self, payload: str) -> None:
        raise NotImplementedError

    async def start(self) -> None:
        await self._connect()
        self._tasks.append(asyncio.create_task(self._send_loop()))

    async def _connect(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        for t in self._tasks:
            t.cancel()
        for t in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        await self._close()

    async def _close(self) -> None:
        return None


class PostgresDoorbell(_BroadcastDoorbell):
    """NOTIFY after commit, on a connection of its own; LISTEN on another."""

    def __init__(self, database_url: str) -> None:
        super().__init__()
        from sqlalchemy.engine import make_url

        self._dsn = (
            make_url(database_url)
            .set(drivername="postgresql")
            .render_as_string(hide_password=False)
        )
        self._listen_conn: Any = None
        self._send_conn: Any = None

    async def _connect(self) -> None:
        import asyncpg

        self._listen_conn = await asyncpg.connect(self._dsn)
        self._send_conn = await asyncpg.connect(self._dsn)
        await self._listen_conn.add_listener(CHANNEL, self._on_notify)

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        self._received(payload)

    async def _publish(self, payload: str) -> None:
        await self._send_conn.execute("SELECT pg_notify($1, $2)", CHANNEL, payload)

    async def _close(self) -> None:
        for conn in (self._listen_conn, self._send_conn):
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close()


class RedisDoorbell(_BroadcastDoorbell):
    def __init__(self, redis_url: str) -> None:
        super().__init__()
        self._url = redis_url
        self._redis: Any = None
        self._pubsub: Any = None

    async def _connect(self) -> None:
        import redis.asyncio as aioredis

        self._redis = aioredis.from_url(self._url)
        self._pubsub = self._redis.pubsub()
        await self._pubsub.subscribe(CHANNEL)
        self._tasks.append(asyncio.create_task(self._receive_loop()))

    async def _receive_loop(self) -> None:
        while True:
            try:
                async for msg in self._pubsub.listen():
                    if msg.get("type") == "message":
                        data = msg["data"]
                        self._received(data.decode() if isinstance(data, bytes) else str(data))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.warning("redis doorbell lost its subscription; retrying", exc_info=True)
                await asyncio.sleep(1)
                with contextlib.suppress(Exception):
                    await self._pubsub.subscribe(CHANNEL)

    async def _publish(self, payload: str) -> None:
        await self._redis.publish(CHANNEL, payload)

    async def _close(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.aclose()
        if self._redis is not None:
            with contextlib.suppress(Exception):
                await self._redis.aclose()


def make_doorbell(kind: str, database_url: str, redis_url: str) -> Doorbell:
    match kind:
        case "memory":
            return Doorbell()
        case "postgres":
            return PostgresDoorbell(database_url)
        case "redis":
            return RedisDoorbell(redis_url)
    raise ValueError(f"unknown doorbell {kind!r}: use memory, postgres or redis")
