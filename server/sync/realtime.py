"""The realtime feed: one hub per worker fans each log entry out to every socket.

The hub reads new entries once per doorbell ring (or head poll) and keeps the latest in
a buffer, each encoded to JSON once. When the head moves, the hub sends each idle socket
one frame covering everything past its cursor, right there in its own loop (an eager
task: no wake-up, no scheduling, when the socket takes the bytes at once). A socket
that cannot take them keeps its send as a task of its own and is skipped until it is
done; then it catches up in one frame, so a slow socket gets fewer, larger frames
instead of a growing queue. Frames built for one cursor are cached, so the thousand
sockets of one workspace share one string. A socket idle for `ping_interval` gets a ping.

The buffer is bounded in bytes across all workspaces of the worker (`buffer_bytes`): the
oldest entries, of whatever workspace, go first. A socket whose cursor is older than
what its workspace's buffer still holds pages from the database, as on a replay, so a
worker's memory does not grow with its tenants.

A socket's first frame is a ping with the head as the connection found it, so a client
can tell what happened while it was away (up to that head: replayed) from what happens
as it watches (after it), and say "5 new messages in 3 chats" once instead of fifty times.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Protocol

from server.db.database import Database
from server.sync.feed import Item, Reader, check_cursor, log_bounds, read_items

log = logging.getLogger(__name__)

BUFFER_BYTES = 64 * 1024 * 1024  # default cap of a worker's buffer, all workspaces together
PAGE = 1_000  # entries per frame when a socket catches up from the database
# What an entry costs beyond its encoded text: the slim Item, its tuple, the deque slot
# and its place in the age index measure ~370 bytes with tracemalloc; the str header and
# the uuids the Item points to make up the rest.
ENTRY_OVERHEAD = 480


class Socket(Protocol):
    async def send_text(self, data: str) -> None: ...


@dataclass(eq=False)
class Subscriber:
    socket: Socket
    reader: Reader
    cursor: int
    busy: bool = False  # a send (frames, or a ping) is under way; the hub skips it
    last_kick: float = 0.0  # loop time of the last wake-up; a ping follows ping_interval of quiet
    failed: asyncio.Future[None] | None = None  # holds the error of a send that failed
    task: asyncio.Task[None] | None = None  # a send that had to wait for the socket


@dataclass
class _Workspace:
    head: int
    buffer: deque[tuple[Item, str]] = field(default_factory=deque)
    subscribers: set[Subscriber] = field(default_factory=set)
    frames: dict[tuple[int, int, uuid.UUID | None], str] = field(default_factory=dict)
    frame_bytes: int = 0  # the frames cache's share of the hub's bytes
    target: int = 0
    fetching: asyncio.Task[None] | None = None


def _encode(item: Item) -> str:
    return json.dumps(item.change, separators=(",", ":"))


def encode_frame(since: int, to: int, head: int, changes: list[str]) -> str:
    return (
        f'{{"type":"changes","from":{since},"to":{to},"head":{head},"changes":['
        + ",".join(changes)
        + "]}"
    )


def entry_cost(text: str) -> int:
    """The bytes one buffered entry is counted for (its JSON is ASCII: len is bytes)."""
    return len(text) + ENTRY_OVERHEAD


class Hub:
    def __init__(
        self,
        db: Database,
        *,
        ping_interval: float,
        head_poll: float,
        buffer_bytes: int = BUFFER_BYTES,
    ) -> None:
        self.db = db
        self.ping_interval = ping_interval
        self.head_poll = head_poll
        self.buffer_bytes = buffer_bytes
        self._spaces: dict[uuid.UUID, _Workspace] = {}
        self._poller: asyncio.Task[None] | None = None
        # Every buffered entry, oldest first: (workspace, seq) -> its cost in bytes.
        self._ages: OrderedDict[tuple[uuid.UUID, int], int] = OrderedDict()
        self._bytes = 0

    @property
    def buffered_bytes(self) -> int:
        """What the buffer holds now, counted as `entry_cost` says (never above the cap)."""
        return self._bytes

    @property
    def buffered_entries(self) -> int:
        return len(self._ages)

    def _keep(self, workspace_id: uuid.UUID, space: _Workspace, item: Item, text: str) -> None:
        """Buffer one entry, then drop the oldest entries (any workspace) past the cap."""
        cost = entry_cost(text)
        slim = Item(item.seq, item.manager_id, item.chat_id, item.internal, item.entity, {})
        space.buffer.append((slim, text))
        self._ages[(workspace_id, item.seq)] = cost
        self._bytes += cost
        while self._bytes > self.buffer_bytes and self._ages:
            (ws, seq), old = self._ages.popitem(last=False)
            self._bytes -= old
            owner = self._spaces.get(ws)
            # Each workspace's entries enter in seq order, so its oldest is at the left.
            if owner is not None and owner.buffer and owner.buffer[0][0].seq == seq:
                owner.buffer.popleft()

    def _drop_frames(self, space: _Workspace) -> None:
        space.frames.clear()
        self._bytes -= space.frame_bytes
        space.frame_bytes = 0

    def _cache_frame(
        self, space: _Workspace, key: tuple[int, int, uuid.UUID | None], frame: str
    ) -> None:
        """Frames are a cache: one that would overflow the cap is simply not kept."""
        if self._bytes + len(frame) <= self.buffer_bytes:
            space.frames[key] = frame
            space.frame_bytes += len(frame)
            self._bytes += len(frame)

    def _forget(self, workspace_id: uuid.UUID, space: _Workspace) -> None:
        """Drop a workspace nobody watches any more, and its bytes."""
        self._spaces.pop(workspace_id, None)
        self._drop_frames(space)
        for item, _text in space.buffer:
            self._bytes -= self._ages.pop((workspace_id, item.seq), 0)
        space.buffer.clear()

    # -- doorbell side ------------------------------------------------------------------

    def ring(self, workspace_id: uuid.UUID, seq: int) -> None:
        space = self._spaces.get(workspace_id)
        if space is None or seq <= space.head:
            return
        space.target = max(space.target, seq)
        if space.fetching is None:
            space.fetching = asyncio.create_task(self._fetch(workspace_id, space))

    async def _fetch(self, workspace_id: uuid.UUID, space: _Workspace) -> None:
        try:
            while space.head < space.target:
                async with self.db.read() as conn:
                    items = await read_items(conn, workspace_id, space.head, PAGE)
                if not items:
                    break
                self._drop_frames(space)  # built for the old head
                for item in items:
                    self._keep(workspace_id, space, item, _encode(item))
                space.head = items[-1].seq
                now = asyncio.get_running_loop().time()
                for sub in list(space.subscribers):
                    sub.last_kick = now
                    self._kick(workspace_id, space, sub)
        except Exception:
            log.exception("realtime fetch failed for %s; the head poll will retry", workspace_id)
        finally:
            space.fetching = None
            if not space.subscribers and self._spaces.get(workspace_id) is space:
                self._forget(workspace_id, space)

    async def _poll_heads(self) -> None:
        """The backstop for lost doorbells: re-read heads of watched workspaces."""
        while True:
            await asyncio.sleep(self.head_poll)
            for ws in list(self._spaces):
                try:
                    async with self.db.read() as conn:
                        _pruned, head = await log_bounds(conn, ws)
                except Exception:
                    log.warning("head poll failed", exc_info=True)
                    continue
                self.ring(ws, head)

    # -- socket side ---------------------------------------------------------------------

    async def serve(self, workspace_id: uuid.UUID, sub: Subscriber) -> None:
        """Keep one socket fed until a send to it fails (raised here) or this is cancelled."""
        space = self._spaces.get(workspace_id)
        if space is None:
            async with self.db.read() as conn:
                _pruned, head = await log_bounds(conn, workspace_id)
            space = self._spaces.setdefault(workspace_id, _Workspace(head=head, target=head))
        if self._poller is None:
            self._poller = asyncio.create_task(self._poll_heads())
        loop = asyncio.get_running_loop()
        sub.failed = loop.create_future()
        space.subscribers.add(sub)
        try:
            sub.last_kick = loop.time()
            self._kick(workspace_id, space, sub, ping=True)  # the head first, then the replay
            while True:
                quiet_until = sub.last_kick + self.ping_interval
                if loop.time() >= quiet_until:
                    sub.last_kick = loop.time()
                    self._kick(workspace_id, space, sub, ping=True)  # skipped while busy
                    continue
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(sub.failed), quiet_until - loop.time())
        finally:
            space.subscribers.discard(sub)
            if sub.task is not None:
                sub.task.cancel()
            if (
                not space.subscribers
                and space.fetching is None
                and self._spaces.get(workspace_id) is space
            ):
                self._forget(workspace_id, space)

    def ephemeral(self, workspace_id: uuid.UUID, frame: str, *, skip_manager: uuid.UUID) -> int:
        """Send a frame that is not in the log (presence: who views or types in a chat)
        to the workspace's other managers' sockets; returns how many. A socket busy with
        a send is skipped: such a frame is refreshed every few seconds, never queued."""
        space = self._spaces.get(workspace_id)
        if space is None:
            return 0
        sent = 0
        for sub in list(space.subscribers):
            if sub.busy or sub.reader.manager_id == skip_manager:
                continue
            self._kick(workspace_id, space, sub, extra=frame)
            sent += 1
        return sent

    def _kick(
        self,
        workspace_id: uuid.UUID,
        space: _Workspace,
        sub: Subscriber,
        *,
        ping: bool = False,
        extra: str | None = None,
    ) -> None:
        """Start sending `sub` what it lacks, unless a send to it is under way (that send
        catches up by itself). The send runs eagerly: when the socket takes the bytes at
        once it is over before this returns, and no task is ever scheduled."""
        if sub.busy:
            return
        sub.busy = True
        task = asyncio.eager_task_factory(
            asyncio.get_running_loop(), self._send(workspace_id, space, sub, ping, extra)
        )
        if not task.done():
            sub.task = task

    async def _send(
        self,
        workspace_id: uuid.UUID,
        space: _Workspace,
        sub: Subscriber,
        ping: bool,
        extra: str | None = None,
    ) -> None:
        try:
            if extra is not None:
                await sub.socket.send_text(extra)
            if ping:
                await sub.socket.send_text(f'{{"type":"ping","head":{space.head}}}')
            while sub.cursor < space.head:
                frame = self._buffered_frame(space, sub)
                if frame is None:
                    frame = await self._paged_frame(workspace_id, space, sub)
                await sub.socket.send_text(frame)
        except Exception as exc:  # the socket is gone: serve() ends with this error
            if sub.failed is not None and not sub.failed.done():
                sub.failed.set_exception(exc)
            return  # stays busy: nothing more is sent to it
        sub.busy = False
        sub.task = None

    def _buffered_frame(self, space: _Workspace, sub: Subscriber) -> str | None:
        """What `sub` lacks, from the buffer (None: it is too far behind for that). A
        plain function: the one call per socket per change that must be cheap."""
        since = sub.cursor
        first = space.buffer[0][0].seq if space.buffer else space.head + 1
        if since + 1 < first:
            return None
        to = space.buffer[-1][0].seq
        public_key = (since, to, None)
        own_key = (since, to, sub.reader.manager_id)
        frame = space.frames.get(public_key) or space.frames.get(own_key)
        if frame is None:
            window = list(itertools.islice(space.buffer, since + 1 - first, None))
            private = any(item.manager_id is not None for item, _ in window)
            shared = not private
            changes = [text for item, text in window if sub.reader.sees(item)]
            frame = encode_frame(since, to, space.head, changes)
            self._cache_frame(space, public_key if shared else own_key, frame)
        sub.cursor = to
        return frame

    async def _paged_frame(
        self, workspace_id: uuid.UUID, space: _Workspace, sub: Subscriber
    ) -> str:
        """What `sub` lacks, a page from the database: it fell behind the buffer."""
        since = sub.cursor
        async with self.db.read() as conn:
            items = await read_items(conn, workspace_id, since, PAGE)
            # Entries pruned while this socket lagged would be skipped silently; end
            # the socket instead: the client reconnects and is told to resync (4410).
            pruned, _head = await log_bounds(conn, workspace_id)
        check_cursor(since, pruned, space.head)
        to = items[-1].seq
        changes = [_encode(i) for i in items if sub.reader.sees(i)]
        sub.cursor = to
        return encode_frame(since, to, space.head, changes)

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        for space in self._spaces.values():
            if space.fetching is not None:
                space.fetching.cancel()
