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


def _hashing_cpus() -> set[int]:
    """The CPUs password hashing may use: the upper half of those this process may run
    on (at least one), so the other half stays free for the event loop."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on this platform
        cpus = list(range(os.cpu_count() or 2))
    return set(cpus[len(cpus) - max(1, len(cpus) // 2) :])


HASHING_CPUS = _hashing_cpus()

# The default bound (Settings.login_hash_waiting) of the hashes waiting for (or in) the
# pool, per worker, beyond which a login is refused at once (429, Retry-After: 1)
# instead of queueing: one running and one next per hashing CPU. A flood of logins that
# pass the per-account and per-address limits (many accounts, many addresses) cannot
# build a backlog that keeps a core busy long after it stops, nor hash more than a few
# times before the limits close on it.
MAX_WAITING = 2 * len(HASHING_CPUS)


def _hashing_thread() -> None:
    """Hashing threads run at the lowest CPU priority and only on HASHING_CPUS (Linux:
    both are per thread, and inherited by the threads a thread starts). argon2 computes
    its lanes (4 by default) on threads of its own: without the CPU bound one login
    check takes every core of a 2-core machine, the event loop's too."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):  # a sandbox without setpriority
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        with contextlib.suppress(OSError):  # ...or without sched_setaffinity
            os.sched_setaffinity(0, HASHING_CPUS)  # 0: the calling thread


# argon2 takes ~170 ms of CPU (and releases the GIL): run it here, never on the event
# loop, on a thread per hashing CPU, at the lowest priority.
_HASHING = ThreadPoolExecutor(
    max_workers=len(HASHING_CPUS),
    thread_name_prefix="argon2",
    initializer=_hashing_thread,
)


class HashingBusy(Exception):
    """`max_waiting` hashes are waiting in this worker already: come back shortly."""


class Passwords:
    def __init__(
        self, *, memory_kib: int = 65536, time_cost: int = 3, max_waiting: int = MAX_WAITING
    ) -> None:
        self._hasher = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost)
        # Verified against when the email is unknown, so both paths cost the same.
        self._dummy = self._hasher.hash(secrets.token_hex(8))
        self.waiting = 0  # verifications queued or running on the pool
        self.max_waiting = max_waiting

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    async def hash_async(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(_HASHING, self.hash, password)

    def busy(self) -> bool:
        """`max_waiting` hashes wait already: `verify_async` would raise HashingBusy."""
        return self.waiting >= self.max_waiting

    async def verify_async(self, stored_hash: str | None, password: str) -> bool:
        """`verify` on the hashing pool: the event loop keeps serving meanwhile. Raises
        HashingBusy, computing nothing, when `max_waiting` are waiting already."""
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
