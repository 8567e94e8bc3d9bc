"""Passwords (argon2) and tokens (random, stored as SHA-256 only)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MANAGER_TOKEN_PREFIX = "sdm_"
CUSTOMER_TOKEN_PREFIX = "sdc_"


class Passwords:
    def __init__(self, *, memory_kib: int = 65536, time_cost: int = 3) -> None:
        self._hasher = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost)
        # Verified against when the email is unknown, so both paths cost the same.
        self._dummy = self._hasher.hash(secrets.token_hex(8))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._dummy, password) and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()
