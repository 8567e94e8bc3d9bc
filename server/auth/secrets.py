"""Passwords (argon2) and tokens (random, stored as SHA-256 only)."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MANAGER_TOKEN_PREFIX = "sdm_"
CUSTOMER_TOKEN_PREFIX = "sdc_"

# argon2 takes ~180 ms of CPU (and releases the GIL): run it here, never on the event
# loop, and at most two at once per worker so a login flood cannot take every core.
_HASHING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="argon2")


class Passwords:
    def __init__(self, *, memory_kib: int = 65536, time_cost: int = 3) -> None:
        self._hasher = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost)
        # Verified against when the email is unknown, so both paths cost the same.
        self._dummy = self._hasher.hash(secrets.token_hex(8))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    async def hash_async(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(_HASHING, self.hash, password)

    async def verify_async(self, stored_hash: str | None, password: str) -> bool:
        """`verify` on the hashing pool: the event loop keeps serving meanwhile."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_HASHING, self.verify, stored_hash, password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
