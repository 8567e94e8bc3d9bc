"""Login, logout and who a bearer token belongs to."""

from __future__ import annotations

import asyncio
import logging
import math
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import Role
from server.auth import throttle
from server.auth.live import LiveSessions
from server.auth.secrets import (
    CUSTOMER_TOKEN_PREFIX,
    MANAGER_TOKEN_PREFIX,
    MAX_WAITING,
    HashingBusy,
    Passwords,
    new_token,
    token_hash,
)
from server.config import Settings
from server.db.database import Database
from server.db.models import AuthToken, Chat, CustomerLink, Manager
from server.db.types import utcnow
from server.errors import ServiceError
from server.ratelimit import Blocks, Windows

log = logging.getLogger(__name__)

_INSERT_LINK = insert(CustomerLink)  # built once: an arrival makes one


@dataclass(frozen=True, slots=True)
class Principal:
    """The manager behind a request."""

    manager_id: uuid.UUID
    workspace_id: uuid.UUID
    token_id: uuid.UUID
    role: Role
    permissions: frozenset[str]
    operator_seat: bool


@dataclass(frozen=True, slots=True)
class CustomerPrincipal:
    """A customer holding the token of one chat: that chat and nothing else."""

    chat_id: uuid.UUID
    customer_id: uuid.UUID
    workspace_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    expires_at: datetime
    manager_id: uuid.UUID
    workspace_id: uuid.UUID


def too_many(wait: int) -> ServiceError:
    return ServiceError(
        ErrorCode.TOO_MANY_ATTEMPTS,
        f"Too many login attempts. Try again in {wait} s.",
        headers={"Retry-After": str(wait)},
    )


def _hashing_busy() -> ServiceError:
    """Not the caller's fault (many logins at once, a morning's rush or a flood): a code of
    its own, so an app retries by itself instead of telling its agent they failed."""
    return ServiceError(
        ErrorCode.LOGIN_BUSY,
        "Too many logins right now. Try again in 1 s.",
        headers={"Retry-After": "1"},
    )


async def _password_row(conn: AsyncConnection, email: str) -> Any:
    return (
        await conn.execute(
            select(
                Manager.id, Manager.workspace_id, Manager.password_hash, Manager.deactivated_at
            ).where(Manager.email == email)
        )
    ).first()


class AuthService:
    def __init__(self, db: Database, settings: Settings, windows: Windows | None = None) -> None:
        """`windows`: where login attempts are counted (memory or Redis); None counts
        them in the database (PostgreSQL's workers without Redis share its table)."""
        self.db = db
        self.settings = settings
        self.windows = windows
        self.blocks = Blocks()  # addresses over the login limit (server/floodgate.py)
        self._cache: dict[bytes, tuple[float, Principal, datetime]] = {}
        self.live = LiveSessions()
        self.passwords = Passwords(
            memory_kib=settings.argon2_memory_kib,
            time_cost=settings.argon2_time_cost,
            max_waiting=settings.login_hash_waiting or MAX_WAITING,
        )

    async def login(
        self,
        email: str,
        password: str,
        device_name: str | None = None,
        address: str | None = None,
    ) -> Session:
        """Counts the attempt per account and per client address before any hash: over
        either limit the answer is 429 with Retry-After and costs no argon2. A success
        resets the account's count, not the address's (a sprayer guessing one password
        over many accounts stays limited)."""
        email = email.strip().lower()
        now = utcnow()
        window = self.settings.login_window
        # The address first: every attempt counts against it, also one at an account
        # that is over its limit (a sprayer spends its address's budget, and once over,
        # the floodgate answers that address before routing).
        checks = [(email, self.settings.login_account_attempts)]
        if address:
            checks.insert(0, (throttle.address_key(address), self.settings.login_address_attempts))
        over: ServiceError | None = None
        if self.windows is not None:
            for key, limit in checks:
                count, left = await self.windows.hit(f"login:{key}", window.total_seconds())
                if count > limit:
                    self._block(key, left)
                    raise too_many(max(1, math.ceil(left)))  # no read, no hash
            if self.passwords.busy():  # refused below anyway: spare the read
                raise _hashing_busy()
            async with self.db.read() as conn:
                row = await _password_row(conn, email)
        else:
            async with self.db.write() as conn:
                for key, limit in checks:
                    attempt = await throttle.count_attempt(conn, key, now, window)
                    if attempt.count > limit:
                        self._block(key, attempt.retry_after(now))
                        over = too_many(attempt.retry_after(now))
                        break
                row = await _password_row(conn, email)
        if over is not None:
            raise over
        try:
            ok = await self.passwords.verify_async(row.password_hash if row else None, password)
        except HashingBusy:
            raise _hashing_busy() from None
        if not ok or row is None:
            raise ServiceError(ErrorCode.BAD_CREDENTIALS, "Wrong email or password.")
        if row.deactivated_at is not None:  # said only to who knows the password
            raise ServiceError(
                ErrorCode.MANAGER_DEACTIVATED,
                "This account was deactivated: ask an admin of the workspace.",
                status=401,
            )
        if self.windows is not None:
            await self.windows.reset(f"login:{email}")
        async with self.db.write() as conn:
            if self.windows is None:
                await throttle.reset(conn, email)
            return await self.open_session(conn, row.id, row.workspace_id, device_name)

    async def open_session(
        self,
        conn: AsyncConnection,
        manager_id: uuid.UUID,
        workspace_id: uuid.UUID,
        device_name: str | None = None,
    ) -> Session:
        """A new bearer token for a manager, inside the caller's transaction (a login, an
        accepted invitation)."""
        token = new_token(MANAGER_TOKEN_PREFIX)
        now = utcnow()
        expires = now + self.settings.token_lifetime
        await conn.execute(
            insert(AuthToken).values(
                id=uuid.uuid4(),
                token_hash=token_hash(token),
                manager_id=manager_id,
                device_name=device_name,
                created_at=now,
                expires_at=expires,
            )
        )
        return Session(token, expires, manager_id, workspace_id)

    def _block(self, key: str, seconds: float) -> None:
        if key.startswith(throttle.address_key("")):  # an address, not an account
            self.blocks.block(key, seconds)

    async def logout(self, principal: Principal) -> None:
        await self.revoke(principal.token_id)

    async def revoke(self, token_id: uuid.UUID) -> None:
        """End one session: its token stops working and its sockets on this worker close
        at once (other workers' within `session_check_interval`)."""
        self._cache = {k: v for k, v in self._cache.items() if v[1].token_id != token_id}
        async with self.db.write() as conn:
            await conn.execute(
                update(AuthToken)
                .where(AuthToken.id == token_id, AuthToken.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
        self.live.end_token(token_id)

    async def revoke_manager(self, manager_id: uuid.UUID) -> None:
        """End every session of a manager (a password change, a deactivation)."""
        self._cache = {k: v for k, v in self._cache.items() if v[1].manager_id != manager_id}
        async with self.db.write() as conn:
            await conn.execute(
                update(AuthToken)
                .where(AuthToken.manager_id == manager_id, AuthToken.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
        self.live.end_manager(manager_id)

    async def change_password(self, manager_id: uuid.UUID, password: str) -> None:
        """Set a new password and end every session of the manager: a leaked token or a
        device left logged in stops working with the old password."""
        hashed = await self.passwords.hash_async(password)
        async with self.db.write() as conn:
            await conn.execute(
                update(Manager).where(Manager.id == manager_id).values(password_hash=hashed)
            )
        await self.revoke_manager(manager_id)

    async def ended_sessions(self, token_ids: list[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these tokens no longer open a session (revoked, expired, gone)."""
        ended: set[uuid.UUID] = set()
        now = utcnow()
        for start in range(0, len(token_ids), 500):
            chunk = token_ids[start : start + 500]
            async with self.db.read() as conn:
                rows = (
                    await conn.execute(
                        select(AuthToken.id).where(
                            AuthToken.id.in_(chunk),
                            AuthToken.revoked_at.is_(None),
                            AuthToken.expires_at > now,
                        )
                    )
                ).all()
            valid = {row.id for row in rows}
            ended.update(t for t in chunk if t not in valid)
        return ended

    async def watch_sessions(self, every: float) -> None:
        """Close the sockets of sessions that ended elsewhere or expired: one query per
        worker per `every` seconds, however many sockets it holds."""
        while True:
            await asyncio.sleep(every)
            token_ids = self.live.token_ids()
            if not token_ids:
                continue
            try:
                ended = await self.ended_sessions(token_ids)
            except Exception:
                log.warning("session check failed; retrying", exc_info=True)
                continue
            if not ended:
                continue
            self._cache = {k: v for k, v in self._cache.items() if v[1].token_id not in ended}
            for token_id in ended:
                self.live.end_token(token_id)

    async def authenticate(self, token: str | None) -> Principal:
        """Who holds this token. Answers are cached for a few seconds per worker, so a
        busy client does not pay a database round trip per request; logging out on this
        worker drops its entry at once, other workers notice within the cache's life."""
        if not token or not token.startswith(MANAGER_TOKEN_PREFIX):
            raise ServiceError(ErrorCode.UNAUTHENTICATED, "A manager bearer token is required.")
        key = token_hash(token)
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            _, principal, expires_at = hit
            if expires_at > utcnow():
                return principal
        query = (
            select(
                AuthToken.id,
                AuthToken.expires_at,
                AuthToken.revoked_at,
                Manager.id.label("manager_id"),
                Manager.workspace_id,
                Manager.role,
                Manager.permissions,
                Manager.operator_seat,
                Manager.deactivated_at,
            )
            .join(Manager, Manager.id == AuthToken.manager_id)
            .where(AuthToken.token_hash == key)
        )
        async with self.db.read() as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            raise ServiceError(ErrorCode.UNAUTHENTICATED, "Unknown token: log in again.")
        if row.revoked_at is not None or row.deactivated_at is not None:
            raise ServiceError(ErrorCode.TOKEN_REVOKED, "This token was logged out.")
        if row.expires_at <= utcnow():
            raise ServiceError(ErrorCode.TOKEN_EXPIRED, "This token has expired: log in again.")
        principal = Principal(
            manager_id=row.manager_id,
            workspace_id=row.workspace_id,
            token_id=row.id,
            role=Role(row.role),
            permissions=frozenset(row.permissions),
            operator_seat=row.operator_seat,
        )
        if len(self._cache) >= 10_000:
            self._cache.clear()
        self._cache[key] = (now + self.settings.auth_cache_seconds, principal, row.expires_at)
        return principal

    async def authenticate_customer(
        self, token: str | None, chat_id: uuid.UUID
    ) -> CustomerPrincipal:
        who = await self.customer_of(token)
        if who.chat_id != chat_id:
            raise ServiceError(ErrorCode.FORBIDDEN, "This token opens another chat.")
        return who

    async def authenticate_any(self, token: str | None) -> Principal | CustomerPrincipal:
        """A manager or a chat's customer, told apart by the token's prefix (uploads and
        downloads take both)."""
        if token and token.startswith(CUSTOMER_TOKEN_PREFIX):
            return await self.customer_of(token)
        if not token or not token.startswith(MANAGER_TOKEN_PREFIX):
            raise ServiceError(
                ErrorCode.UNAUTHENTICATED, "A manager token or a chat's customer token is required."
            )
        return await self.authenticate(token)

    async def customer_of(self, token: str | None) -> CustomerPrincipal:
        """The customer holding this token, and the one chat it opens."""
        if not token or not token.startswith(CUSTOMER_TOKEN_PREFIX):
            raise ServiceError(ErrorCode.UNAUTHENTICATED, "This chat's customer token is required.")
        async with self.db.read() as conn:
            row = (
                await conn.execute(
                    select(
                        CustomerLink.chat_id,
                        CustomerLink.revoked_at,
                        Chat.customer_id,
                        Chat.workspace_id,
                    )
                    .join(Chat, Chat.id == CustomerLink.chat_id)
                    .where(CustomerLink.token_hash == token_hash(token))
                )
            ).first()
        if row is None or row.revoked_at is not None:
            raise ServiceError(ErrorCode.UNAUTHENTICATED, "This chat link is not valid.")
        return CustomerPrincipal(row.chat_id, row.customer_id, row.workspace_id)

    async def new_customer_link(self, conn: AsyncConnection, chat_id: uuid.UUID) -> str:
        token = new_token(CUSTOMER_TOKEN_PREFIX)
        await conn.execute(
            _INSERT_LINK,
            {
                "id": uuid.uuid4(),
                "chat_id": chat_id,
                "token_hash": token_hash(token),
                "created_at": utcnow(),
            },
        )
        return token
