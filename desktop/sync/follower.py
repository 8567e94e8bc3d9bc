"""Following the server's change feed: one WebSocket, one cursor, HTTP for the holes.

ARCHITECTURE "Data flow" 3. The server replays its change log from our cursor, then
streams frames `{from, to, head, changes}` and, when idle, pings `{head}`. The cursor is
the only state that matters: every change up to it has been handed to `on_changes`, and
the caller stores the cursor in the same transaction as those changes. Whatever goes
wrong (a dropped connection, a lost frame, a restarted server) the follower resumes from
the cursor, over the WebSocket or `GET /sync/changes`, so nothing is skipped and nothing
is applied twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect, WebSocketUpgradeError, aconnect_ws

log = logging.getLogger(__name__)

# The server's close codes (server.sync.router; desktop never imports server).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_RESYNC = 4410
# No frame for this many ping intervals: the connection is dead even if TCP says not.
LIVENESS_PINGS = 2.5

Change = dict[str, Any]
OnChanges = Callable[[list[Change], int], Awaitable[None]]
Notify = Callable[[], Awaitable[None]]


class Phase(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    RECONNECTING = "reconnecting"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class FollowerState:
    """What the UI shows: "online", or "reconnecting in 4 s" after `attempt` failures."""

    phase: Phase
    retry_in: float | None = None  # seconds until the next attempt (RECONNECTING)
    attempt: int = 0  # failures in a row
    reason: str | None = None  # why it is reconnecting or stopped


@dataclass(frozen=True, slots=True)
class Backoff:
    """Full-jitter exponential backoff: a delay drawn from [0, min(cap, base * 2**n)).

    The jitter is the point: when a server restarts, every desktop loses it at the same
    instant; drawing the whole delay at random spreads their returns over the window
    instead of sending them back in waves.
    """

    base: float = 0.5
    cap: float = 30.0
    rand: Callable[[], float] = random.random  # [0, 1); injectable for tests

    def ceiling(self, attempt: int) -> float:
        return min(self.cap, self.base * 2.0 ** min(attempt, 64))

    def delay(self, attempt: int) -> float:
        return self.rand() * self.ceiling(attempt)


class _Terminal(Exception):
    """Following cannot continue: the caller must act (bootstrap again, log in) or
    asked us to stop."""

    def __init__(self, reason: str, notify: Notify | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.notify = notify


class FeedFollower:
    """The client side of the realtime feed; the desktop sync engine builds on it.

    `on_changes(changes, cursor)` gets each batch in seq order, never a seq twice; it
    should persist the changes and the cursor together, because the follower moves its
    own cursor only after the callback returns (a failed callback is retried from the
    old cursor after a reconnect). `cursor` may advance with an empty batch: entries
    hidden from this manager still move it on.

    `run()` follows until `stop()`, `on_resync_required` (the log no longer reaches our
    cursor: bootstrap again) or `on_unauthorized` (log in again); a follower is used once.
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        token: str,
        *,
        cursor: int,
        on_changes: OnChanges,
        on_resync_required: Notify | None = None,
        on_unauthorized: Notify | None = None,
        on_state: Callable[[FollowerState], None] | None = None,
        ping_interval: float = 20.0,
        backoff: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        page_limit: int = 500,
        on_presence: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        """`client` is the app's one long-lived client, with `base_url` set to the
        server; the follower neither opens nor closes it. `ping_interval` must match the
        server's (SANGDAM_PING_INTERVAL_S): the liveness timeout is derived from it."""
        self._client = client
        self._headers = {"Authorization": f"Bearer {token}"}
        self._cursor = cursor
        self._on_changes = on_changes
        self._on_resync_required = on_resync_required
        self._on_unauthorized = on_unauthorized
        self._on_state = on_state
        self._liveness = ping_interval * LIVENESS_PINGS
        self._backoff = backoff or Backoff()
        self._sleep = sleep
        self._page_limit = page_limit
        self._state = FollowerState(Phase.CONNECTING)
        self._runner: asyncio.Task[None] | None = None
        self._stopping = False
        self._in_callback = False
        self._stale_pings = 0
        self._got_frame = False
        self._last_error: str | None = None
        self._live_from: int | None = None
        self._on_presence = on_presence
        self._ws: AsyncWebSocketSession | None = None  # the open connection, for `send`
        # Counters for diagnostics and tests.
        self.connections = 0  # WebSocket sessions opened
        self.http_pages = 0  # `GET /sync/changes` requests made

    @property
    def cursor(self) -> int:
        """The last seq handed to `on_changes` (or passed as hidden from us)."""
        return self._cursor

    @property
    def state(self) -> FollowerState:
        return self._state

    @property
    def live_from(self) -> int | None:
        """The server's head when this connection's first frame came: the changes up to it
        happened while we were away (a catch-up), those after it as we watched. None
        before the first frame of a connection."""
        return self._live_from

    # -- lifecycle -----------------------------------------------------------------------

    async def run(self) -> None:
        """Follow the feed until stopped; returns normally however it ends."""
        if self._runner is not None:
            raise RuntimeError("this follower is already running")
        if self._stopping:  # stop() came first
            self._set_state(FollowerState(Phase.STOPPED, reason="stopped"))
            return
        self._runner = asyncio.create_task(self._follow())
        try:
            await self._runner
        except asyncio.CancelledError:
            me = asyncio.current_task()
            if not self._stopping or (me is not None and me.cancelling()):
                raise  # run() itself was cancelled, not by stop()
        finally:
            if self._state.phase is not Phase.STOPPED:
                self._set_state(FollowerState(Phase.STOPPED, reason="stopped"))

    def stop(self) -> None:
        """Stop following (call it on the event loop's thread). A batch being handed to
        `on_changes` is let finish first, so the caller's write of changes and cursor is
        never cancelled halfway."""
        self._stopping = True
        if self._runner is not None and not self._in_callback:
            self._runner.cancel()

    # -- the reconnect loop ----------------------------------------------------------------

    async def _follow(self) -> None:
        attempt = 0
        while True:
            self._got_frame = False
            self._last_error = None
            self._live_from = None
            try:
                await self._session()
                reason = "the server closed the connection"
            except _Terminal as end:
                await self._end(end)
                return
            except Exception as exc:  # network, server restart, bad frame: try again
                leaf = _leaf(exc)
                if isinstance(leaf, _Terminal):
                    await self._end(leaf)
                    return
                reason = _describe(leaf)
                log.info("realtime connection lost: %s", reason)
            if self._stopping:
                await self._end(_Terminal("stopped"))
                return
            if self._got_frame:  # that session worked: start the backoff over
                attempt = 0
            delay = self._backoff.delay(attempt)
            attempt += 1
            self._set_state(FollowerState(Phase.RECONNECTING, delay, attempt, reason))
            await self._sleep(delay)

    async def _end(self, end: _Terminal) -> None:
        self._set_state(FollowerState(Phase.STOPPED, reason=end.reason))
        if end.notify is not None and not self._stopping:
            await end.notify()

    async def _session(self) -> None:
        """One WebSocket connection, from the handshake until it fails.

        httpx-ws runs a task group around the session, which wraps any exception that
        leaves the `async with` in an ExceptionGroup; catching inside and re-raising
        outside keeps the errors plain.
        """
        if self._state.phase is Phase.RECONNECTING:  # keep showing why, not when
            self._set_state(dataclasses.replace(self._state, retry_in=None))
        else:
            self._set_state(FollowerState(Phase.CONNECTING))
        failure: Exception | None = None
        try:
            async with aconnect_ws(
                "/sync/ws",
                self._client,
                params={"since": self._cursor},
                headers=self._headers,
                keepalive_ping_interval_seconds=None,  # our own liveness timeout covers it
                session_class=AsyncWebSocketSession,
            ) as ws:
                self.connections += 1
                self._set_state(FollowerState(Phase.ONLINE))
                self._ws = ws
                try:
                    await self._receive(ws)
                except Exception as exc:
                    failure = exc
                finally:
                    self._ws = None
        except WebSocketUpgradeError as exc:
            if exc.response.status_code == 401:
                raise _Terminal("unauthorized", self._on_unauthorized) from exc
            raise
        if failure is not None:
            raise failure

    async def _receive(self, ws: AsyncWebSocketSession) -> None:
        while True:
            try:
                text = await ws.receive_text(timeout=self._liveness)
            except TimeoutError:
                raise ConnectionError(f"no frame for {self._liveness:g} s") from None
            except WebSocketDisconnect as exc:
                reason = self._last_error or exc.reason or f"close code {exc.code}"
                if exc.code == CLOSE_RESYNC:
                    raise _Terminal(f"resync required: {reason}", self._on_resync_required) from exc
                if exc.code == CLOSE_UNAUTHENTICATED:
                    raise _Terminal(f"unauthorized: {reason}", self._on_unauthorized) from exc
                raise
            self._got_frame = True
            frame = json.loads(text)
            if not isinstance(frame, dict):
                raise ValueError(f"a frame that is not an object: {text[:100]!r}")
            await self.handle_frame(frame)

    # -- frames ----------------------------------------------------------------------------

    async def handle_frame(self, frame: dict[str, Any]) -> None:
        """Every frame from the server enters here (a test can override it to lose one)."""
        kind = frame.get("type")
        if self._live_from is None and kind in ("changes", "ping"):
            self._live_from = int(frame["head"])
        if kind == "changes":
            await self._changes_frame(int(frame["from"]), int(frame["to"]), list(frame["changes"]))
        elif kind == "ping":
            await self._ping(int(frame["head"]))
        elif kind == "error":
            error = frame.get("error") or {}
            self._last_error = str(error.get("message") or error.get("code") or error)
            log.warning("the realtime server reported: %s", self._last_error)
        elif kind == "presence" and self._on_presence is not None:
            self._on_presence(frame)
        # anything else (a pong, a kind added by a newer server) is not ours to handle

    async def send(self, frame: dict[str, Any]) -> bool:
        """Send a frame on the open connection (presence); False when offline: such a
        frame is ephemeral and simply not sent."""
        ws = self._ws
        if ws is None:
            return False
        try:
            await ws.send_text(json.dumps(frame))
        except Exception as exc:  # the connection is going: the receive loop will say
            log.info("a frame could not be sent: %s", exc)
            return False
        return True

    async def _changes_frame(self, start: int, to: int, changes: list[Change]) -> None:
        """A frame covers (start, to]. If `start` is past our cursor, the frames between
        were lost: pull them over HTTP first. If it is before, the frame overlaps what we
        have (an HTTP pull got ahead of the socket): only the new part is applied."""
        self._stale_pings = 0
        if start > self._cursor:
            log.info("realtime gap (%d, %d]: pulling it over HTTP", self._cursor, start)
            await self._pull(until=start)
        await self._deliver([c for c in changes if c["seq"] > self._cursor], to)

    async def _ping(self, head: int) -> None:
        """The server pings only when it has sent us everything up to `head`. One ping
        ahead of us can be a race with a frame on its way; two in a row means a frame
        (or a doorbell) was lost, and we pull over HTTP rather than wait for the next
        change to reveal the gap."""
        if head <= self._cursor:
            self._stale_pings = 0
            return
        self._stale_pings += 1
        if self._stale_pings >= 2:
            self._stale_pings = 0
            log.info("pings show head %d past cursor %d: pulling over HTTP", head, self._cursor)
            await self._pull(until=None)

    async def _pull(self, until: int | None) -> None:
        """`GET /sync/changes` from the cursor, page by page, up to `until` (or the head)."""
        while True:
            since = self._cursor
            r = await self._client.get(
                "/sync/changes",
                params={"since": since, "limit": self._page_limit},
                headers=self._headers,
            )
            self.http_pages += 1
            if r.status_code == 410:
                raise _Terminal(f"resync required: {_message(r)}", self._on_resync_required)
            if r.status_code == 401:
                raise _Terminal(f"unauthorized: {_message(r)}", self._on_unauthorized)
            r.raise_for_status()
            page = r.json()
            to = int(page["to"])
            await self._deliver([c for c in page["changes"] if c["seq"] > since], to)
            if not page["more"] or to <= since or (until is not None and to >= until):
                return

    async def _deliver(self, changes: list[Change], to: int) -> None:
        """Hand a batch to the caller, then move the cursor: the order that makes a
        crash in between cost a re-fetch, never a lost change."""
        cursor = max(self._cursor, to)
        if not changes and cursor == self._cursor:
            return
        self._in_callback = True
        try:
            await self._on_changes(changes, cursor)
        except Exception:
            # Not a network blip but the cache (a full disk, a bug): say so loudly. The
            # cursor stays, so the batch comes again after the reconnect.
            log.exception("on_changes failed at cursor %d; retrying after a reconnect", cursor)
            raise
        finally:
            self._in_callback = False
        self._cursor = cursor
        if self._stopping:  # stop() waited for this batch; now honour it
            raise _Terminal("stopped")

    def _set_state(self, state: FollowerState) -> None:
        self._state = state
        if self._on_state is not None:
            try:
                self._on_state(state)
            except Exception:  # a display bug must not stop the feed
                log.exception("on_state callback failed")


def _leaf(exc: BaseException) -> BaseException:
    """The first real exception inside (nested) exception groups."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _describe(exc: BaseException) -> str:
    if isinstance(exc, WebSocketDisconnect):
        return f"closed by the server (code {exc.code}{': ' + exc.reason if exc.reason else ''})"
    return str(exc) or type(exc).__name__


def _message(r: httpx.Response) -> str:
    try:
        return str(r.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"HTTP {r.status_code}"
