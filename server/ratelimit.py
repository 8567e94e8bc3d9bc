"""Fixed-window counters for rate limits: in this worker's memory, or shared through Redis.

A key allows `limit` hits per window, the window starting at the key's first hit. With
Redis configured (the Redis doorbell), every worker counts in Redis with one atomic
script (INCR, and PEXPIRE on a key's first hit), so N workers let through one limit, not
N. Without it, each worker counts in its own memory. A Redis that stops answering falls
back to memory for as long as it is gone (a limit per worker beats no limit, and beats
refusing everyone), and says so once in the log.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

log = logging.getLogger(__name__)

MAX_KEYS = 100_000
REDIS_PREFIX = "sangdam:limit:"

# KEYS[1]: the key; ARGV[1]: the window in ms. Returns {hits in this window, ms left}.
_HIT = """
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
"""


class Windows(Protocol):
    async def hit(self, key: str, window_s: float) -> tuple[int, float]:
        """Count one hit of `key`: (hits in its current window, this one included;
        seconds until that window ends)."""
        ...

    async def reset(self, key: str) -> None:
        """Forget `key`'s window (its next hit starts a new one)."""
        ...

    async def close(self) -> None: ...


@dataclass
class MemoryWindows:
    """This worker's counts."""

    clock: Callable[[], float] = time.monotonic
    _windows: dict[str, tuple[float, int]] = field(default_factory=dict)

    def hit_now(self, key: str, window_s: float) -> tuple[int, float]:
        now = self.clock()
        start, count = self._windows.get(key, (now, 0))
        if now - start >= window_s:
            start, count = now, 0
        count += 1
        if key not in self._windows and len(self._windows) >= MAX_KEYS:
            self._forget(now, window_s)
        self._windows[key] = (start, count)
        return count, start + window_s - now

    async def hit(self, key: str, window_s: float) -> tuple[int, float]:
        return self.hit_now(key, window_s)

    async def reset(self, key: str) -> None:
        self._windows.pop(key, None)

    async def close(self) -> None:
        return None

    def _forget(self, now: float, window_s: float) -> None:
        self._windows = {k: v for k, v in self._windows.items() if now - v[0] < window_s}
        if len(self._windows) >= MAX_KEYS:
            self._windows.clear()


class RedisWindows:
    """Counts shared by every worker on one Redis; memory while Redis is unreachable."""

    def __init__(self, redis_url: str, fallback: MemoryWindows | None = None) -> None:
        import redis.asyncio as aioredis

        self._redis: Any = aioredis.from_url(redis_url, socket_timeout=1, socket_connect_timeout=1)
        self._script: Any = self._redis.register_script(_HIT)
        self.fallback = fallback or MemoryWindows()
        self._down = False

    async def hit(self, key: str, window_s: float) -> tuple[int, float]:
        try:
            n, ttl_ms = await self._script(
                keys=[REDIS_PREFIX + key], args=[max(1, int(window_s * 1000))]
            )
        except Exception:
            self._went_down()
            return await self.fallback.hit(key, window_s)
        if self._down:
            log.warning("rate limits: Redis answers again; counting there")
            self._down = False
        return int(n), int(ttl_ms) / 1000

    async def reset(self, key: str) -> None:
        await self.fallback.reset(key)
        try:
            await self._redis.delete(REDIS_PREFIX + key)
        except Exception:
            self._went_down()

    def _went_down(self) -> None:
        if not self._down:
            log.warning("rate limits: Redis does not answer; counting per worker", exc_info=True)
            self._down = True

    async def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a broken connection
            await self._redis.aclose()


def make_windows(doorbell: str, redis_url: str) -> Windows:
    """Shared through Redis when the workers use the Redis doorbell, else per worker."""
    if doorbell == "redis":
        return RedisWindows(redis_url)
    return MemoryWindows()


@dataclass
class Blocks:
    """Keys this worker has seen over their limit, until their window ends: a request
    that would only be refused again is answered before routing (`server/floodgate.py`),
    so a flood from a limited address costs the worker little more than its HTTP."""

    clock: Callable[[], float] = time.monotonic
    _until: dict[str, float] = field(default_factory=dict)

    def block(self, key: str, seconds: float) -> None:
        if key not in self._until and len(self._until) >= MAX_KEYS:
            now = self.clock()
            self._until = {k: u for k, u in self._until.items() if u > now}
            if len(self._until) >= MAX_KEYS:
                self._until.clear()
        self._until[key] = self.clock() + seconds

    def wait(self, key: str) -> float | None:
        """Seconds `key` stays blocked, or None."""
        until = self._until.get(key)
        if until is None:
            return None
        left = until - self.clock()
        if left <= 0:
            del self._until[key]
            return None
        return left
