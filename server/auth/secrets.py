"""Passwords (argon2) and tokens (random, stored as SHA-256 only)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import secrets
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MANAGER_TOKEN_PREFIX = "sdm_"
CUSTOMER_TOKEN_PREFIX = "sdc_"
INVITATION_TOKEN_PREFIX = "sdi_"  # an invitation to join as a manager (issue 17)

# Hashes waiting for (or in) the pool, per worker, beyond which a login is refused at
# once (429, Retry-After: 1) instead of queueing: a flood of logins that pass the
# per-account and per-address limits (many accounts, many addresses) cannot build a
# backlog that keeps the cores busy long after it stops.
MAX_WAITING = 8


def _lowest_priority() -> None:
    """Hashing threads run at the lowest CPU priority (Linux: nice is per thread), so
    when the cores are short the event loop's pushes and sockets go first and logins
    wait."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):  # a sandbox without setpriority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


# argon2 takes ~200 ms of CPU (and releases the GIL): run it here, never on the event
# loop, on at most half the cores per worker (at least one), at the lowest priority.
_HASHING = ThreadPoolExecutor(
    max_workers=max(1, (os.cpu_count() or 2) // 2),
    thread_name_prefix="argon2",
    initializer=_lowest_priority,
)


class HashingBusy(Exception):
    """More than MAX_WAITING hashes are waiting in this worker: come back shortly."""


class Passwords:
    def __init__(self, *, memory_kib: int = 65536, time_cost: int = 3) -> None:
        self._hasher = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost)
        # Verified against when the email is unknown, so both paths cost the same.
        self._dummy = self._hasher.hash(secrets.token_hex(8))
        self.waiting = 0  # verifications queued or running on the pool

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    async def hash_async(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(_HASHING, self.hash, password)

    def busy(self) -> bool:
        """MAX_WAITING hashes wait already: `verify_async` would raise HashingBusy."""
        return self.waiting >= MAX_WAITING

    async def verify_async(self, stored_hash: str | None, password: str) -> bool:
        """`verify` on the hashing pool: the event loop keeps serving meanwhile. Raises
        HashingBusy, computing nothing, when MAX_WAITING are waiting already."""
        if self.busy():
            raise HashingBusy
        self.waiting += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(_HASHING, self.verify, stored_hash, password)
        finally:
            self.waiting -= 1

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
