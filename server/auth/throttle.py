"""Login attempts counted before the password is checked: one atomic upsert per key.

A key is an account (its email) or a client address (`addr:` + host). Each key allows
`limit` attempts per fixed window; the row's `blocked_until` is the window's end and
`failures` the attempts in it. Counting first, in one statement, means concurrent
guesses cannot all slip past a read-then-write check, and a refused attempt costs no hash.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from server.db.models import LoginThrottle
from server.db.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class Attempt:
    count: int  # this attempt's number in its window, 1-based
    window_end: datetime

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until the window ends (at least 1)."""
        return max(1, math.ceil((self.window_end - now).total_seconds()))


def address_key(host: str) -> str:
    return f"addr:{host}"


async def count_attempt(
    conn: AsyncConnection, key: str, now: datetime, window: timedelta
) -> Attempt:
    """Add one attempt to `key`'s current window (a new window if the last one ended)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    col = LoginThrottle.__table__.c
    now_v = literal(now, UTCDateTime())
    ended = or_(col.blocked_until.is_(None), col.blocked_until <= now_v)
    stmt = (
        dialect.insert(LoginThrottle)
        .values(key=key, failures=1, blocked_until=now + window, updated_at=now)
        .on_conflict_do_update(
            index_elements=["key"],
            set_={
                "failures": case((ended, 1), else_=col.failures + 1),
                "blocked_until": case(
                    (ended, literal(now + window, UTCDateTime())), else_=col.blocked_until
                ),
                "updated_at": now_v,
            },
        )
        .returning(col.failures, col.blocked_until)
    )
    row = (await conn.execute(stmt)).one()
    return Attempt(int(row.failures), row.blocked_until)


async def forget_ended(conn: AsyncConnection, now: datetime) -> int:
    """Drop rows whose window has ended (the next attempt would start a new one anyway),
    so guesses at many unknown emails do not grow the table for good."""
    col = LoginThrottle.__table__.c
    ended = or_(col.blocked_until.is_(None), col.blocked_until < now)
    result = await conn.execute(delete(LoginThrottle).where(ended))
    return int(result.rowcount or 0)


async def reset(conn: AsyncConnection, key: str) -> None:
    await conn.execute(delete(LoginThrottle).where(LoginThrottle.key == key))
