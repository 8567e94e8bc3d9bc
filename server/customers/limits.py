"""Rate limits of the public endpoints: fixed windows counted in this worker's memory.

Each worker counts on its own (N workers let through up to N times a limit); that bounds
a flood without a round trip per request. Keys are client addresses and workspace ids;
the table is capped so a spray of keys cannot grow it without end.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from protocol.errors import ErrorCode
from server.config import Settings
from server.errors import ServiceError

MAX_KEYS = 100_000


@dataclass
class FixedWindows:
    """Hits per key in windows that start at a key's first hit."""

    clock: Callable[[], float] = time.monotonic
    _windows: dict[object, tuple[float, int]] = field(default_factory=dict)

    def hit(self, key: object, limit: int, window_s: float) -> tuple[bool, float]:
        """Count a hit: (over `limit`?, seconds until the key's window ends)."""
        now = self.clock()
        start, count = self._windows.get(key, (now, 0))
        if now - start >= window_s:
            start, count = now, 0
        count += 1
        if key not in self._windows and len(self._windows) >= MAX_KEYS:
            self._forget(now, window_s)
        self._windows[key] = (start, count)
        return count > limit, start + window_s - now

    def _forget(self, now: float, window_s: float) -> None:
        self._windows = {k: v for k, v in self._windows.items() if now - v[0] < window_s}
        if len(self._windows) >= MAX_KEYS:
            self._windows.clear()


def refused(wait_s: float) -> ServiceError:
    """The one answer for a limited caller, a limited workspace and an unknown workspace,
    so the answer does not tell whether a workspace exists."""
    wait = max(1, math.ceil(wait_s))
    return ServiceError(
        ErrorCode.TOO_MANY_ATTEMPTS,
        f"Too many requests. Try again in {wait} s.",
        headers={"Retry-After": str(wait)},
    )


class PublicLimits:
    """The limits of everything a customer or the website snippet can call."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self._requests = FixedWindows(clock)
        self._chats = FixedWindows(clock)

    @property
    def _window(self) -> float:
        return self.settings.public_window.total_seconds()

    def request(self, address: str | None) -> None:
        """Any public request from `address`."""
        limit = self.settings.public_address_requests
        over, wait = self._requests.hit(address, limit, self._window)
        if over:
            raise refused(wait)

    def new_chat(self, address: str | None, workspace_id: uuid.UUID) -> float:
        """A chat started from `address` in `workspace_id`. Returns the seconds left in
        the workspace's window, for the answer to an unknown workspace."""
        s = self.settings
        over, wait = self._chats.hit(("addr", address), s.public_address_chats, self._window)
        if over:
            raise refused(wait)
        over, wait = self._chats.hit(("ws", workspace_id), s.public_workspace_chats, self._window)
        if over:
            raise refused(wait)
        return wait
