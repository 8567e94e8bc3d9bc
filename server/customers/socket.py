"""The customer's realtime feed: `/customer/chats/{id}/feed`, one chat's changes over a
WebSocket.

It rides on the managers' hub (server.sync.realtime) without sharing its frames: the
hub feeds a `Nudge`, a socket that keeps nothing and only says "the workspace moved, and
this frame may concern the chat" (the chat's id appears in it). On such a nudge the
socket reads the chat's own entries after its cursor with the same query as
`GET /customer/chats/{id}/changes` (server.customers.feed), so the customer sees exactly
what polling would show: the chat's messages, notes never, opaque cursors only.

The token comes in the first frame, never in the URL (access logs write URLs out).
Revoking the chat's links on this worker ends its sockets at once (AuthService.live);
every `recheck` seconds the socket checks its token again, which catches links revoked
on other workers and deleted chats. Close codes: 4401 the link no longer works, 4410
the cursor cannot be followed (reload the chat), 4400 a bad first frame or cursor,
1013 anything else the server could not do now (the page tries again).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect

from protocol.errors import ErrorCode
from server.auth.service import AuthService, CustomerPrincipal
from server.customers.cursors import Cursors
from server.customers.feed import customer_changes_page
from server.db.database import Database
from server.errors import ServiceError
from server.sync.feed import Reader, log_bounds
from server.sync.realtime import Hub, Subscriber

AUTH_WAIT = 5.0  # seconds a new socket has to send its `auth` frame
PAGE = 200  # entries per `changes` frame
CLOSE_BAD_REQUEST = 4400
CLOSE_UNAUTHENTICATED = 4401
CLOSE_RESYNC = 4410
CLOSE_TRY_AGAIN = 1013  # the server could not serve it now (RFC 6455 "try again later")
# The hub's reader for a nudge: no manager, so it sees only the entries every manager
# sees (and its frames are the ones managers share; their content is never sent on).
_NOBODY = Reader(uuid.UUID(int=0))


class Nudge:
    """A hub socket that keeps no frame: it wakes the customer's socket when a frame
    may concern the chat (its id appears in it)."""

    def __init__(self, chat_id: uuid.UUID, wake: asyncio.Event) -> None:
        self._key = str(chat_id)
        self._wake = wake
        self.moved = True  # read once at the start

    async def send_text(self, data: str) -> None:
        if self._key in data:
            self.moved = True
            self._wake.set()


# Only these mean "the link no longer works" (4401): the page then shows so for good,
# and the website snippet forgets the chat. Anything else is worth another try.
_DEAD_LINK = frozenset(
    {
        ErrorCode.UNAUTHENTICATED,
        ErrorCode.TOKEN_EXPIRED,
        ErrorCode.TOKEN_REVOKED,
        ErrorCode.FORBIDDEN,
        ErrorCode.NOT_FOUND,
    }
)


def _code(exc: ServiceError) -> int:
    if exc.code is ErrorCode.RESYNC_REQUIRED:
        return CLOSE_RESYNC
    if exc.code is ErrorCode.BAD_REQUEST:
        return CLOSE_BAD_REQUEST
    if exc.code in _DEAD_LINK:
        return CLOSE_UNAUTHENTICATED
    return CLOSE_TRY_AGAIN


class CustomerFeed:
    """One customer socket: authenticate, then send the chat's changes as they come."""

    def __init__(
        self,
        websocket: WebSocket,
        chat_id: uuid.UUID,
        *,
        db: Database,
        auth: AuthService,
        hub: Hub,
        cursors: Cursors,
        recheck: float,
    ) -> None:
        self.ws = websocket
        self.chat_id = chat_id
        self.db = db
        self.auth = auth
        self.hub = hub
        self.cursors = cursors
        self.recheck = recheck
        self.wake = asyncio.Event()
        self.pong_due = False
        self.live = False  # a first `changes` frame was sent

    async def run(self) -> None:
        await self.ws.accept()
        try:
            token, since = await self._hello()
            who = await self.auth.authenticate_customer(token, self.chat_id)
            if since is None:
                since = self.cursors.seal(self.chat_id, 0)
            self.cursors.open(self.chat_id, since)  # 4400 before anything else
            await self._follow(who, token, since)
        except ServiceError as exc:
            await self._close(_code(exc), exc)
        except (WebSocketDisconnect, RuntimeError):
            return

    async def _hello(self) -> tuple[str, str | None]:
        """`{"type":"auth","token":...,"since":<cursor or null>}` within AUTH_WAIT. A late
        or malformed first frame is a bad request (4400: the page connects again), not a
        dead link: on a loaded machine the frame may come after AUTH_WAIT."""
        refused = ServiceError(
            ErrorCode.BAD_REQUEST,
            'Send {"type":"auth","token":...,"since":...} as the first frame.',
        )
        try:
            message = await asyncio.wait_for(self.ws.receive(), AUTH_WAIT)
            frame = json.loads(message.get("text") or "")
        except (TimeoutError, ValueError):
            raise refused from None
        if not isinstance(frame, dict) or frame.get("type") != "auth":
            raise refused
        token, since = frame.get("token"), frame.get("since")
        if not isinstance(token, str) or not (since is None or isinstance(since, str)):
            raise refused
        return token, since

    async def _follow(self, who: CustomerPrincipal, token: str, cursor: str) -> None:
        async with self.db.read() as conn:
            _pruned, head = await log_bounds(conn, who.workspace_id)
        nudge = Nudge(self.chat_id, self.wake)
        sub = Subscriber(nudge, _NOBODY, head)
        loop = asyncio.get_running_loop()
        with self.auth.live.hold_chat(self.chat_id) as ended:
            tasks = [
                asyncio.create_task(self.hub.serve(who.workspace_id, sub)),
                asyncio.create_task(self._receive()),
                asyncio.create_task(self._relay(ended)),
            ]
            for task in tasks[:2]:
                task.add_done_callback(lambda _t: self.wake.set())
            try:
                next_check = loop.time() + self.recheck
                while True:
                    if any(t.done() for t in tasks[:2]):
                        return  # the client left, or the hub lost the socket
                    now = loop.time()
                    if ended.is_set() or now >= next_check:
                        ended.clear()
                        if tasks[2].done():
                            tasks[2] = asyncio.create_task(self._relay(ended))
                        await self.auth.authenticate_customer(token, self.chat_id)
                        next_check = now + self.recheck
                    if self.pong_due:
                        self.pong_due = False
                        await self.ws.send_text('{"type":"pong"}')
                    if nudge.moved:
                        nudge.moved = False
                        cursor = await self._send_changes(who, cursor)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self.wake.wait(), max(0.0, next_check - now))
                    self.wake.clear()
            finally:
                for task in tasks:
                    task.cancel()
                for task in tasks:
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task

    async def _relay(self, ended: asyncio.Event) -> None:
        await ended.wait()
        self.wake.set()

    async def _send_changes(self, who: CustomerPrincipal, cursor: str) -> str:
        """Every change after `cursor`, in frames of at most PAGE; the new cursor. The
        first call sends a frame even when nothing changed: the client is live from it."""
        while True:
            async with self.db.read() as conn:
                page = await customer_changes_page(
                    conn, self.cursors, who.workspace_id, self.chat_id, cursor, PAGE
                )
            if page["changes"] or not self.live:
                await self.ws.send_text(json.dumps({"type": "changes", **page}, default=str))
                self.live = True
            cursor = str(page["to"])
            if not page["more"]:
                return cursor

    async def _receive(self) -> None:
        """The client may send `{"type":"ping"}` (answered with a pong); nothing else."""
        while True:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            try:
                frame: Any = json.loads(message.get("text") or "")
            except ValueError:
                frame = None
            if isinstance(frame, dict) and frame.get("type") == "ping":
                self.pong_due = True
                self.wake.set()

    async def _close(self, code: int, exc: ServiceError | None) -> None:
        with contextlib.suppress(Exception):  # the client may be gone already
            if exc is not None:
                await self.ws.send_text(json.dumps({"type": "error", **exc.body()}))
            await self.ws.close(code=code, reason=exc.code.value if exc else "")
