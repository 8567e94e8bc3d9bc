"""Throwaway PostgreSQL databases, for the tests and the benchmarks: created (empty, or
as a copy of a template), migrated, and dropped with whatever is still connected.

The server never calls this. It lives beside the migrations so the tests and the
benchmarks share one way to make a database instead of each keeping its own. Names are
checked before they go into SQL (CREATE DATABASE takes no bind parameters).
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a safe database name: {name!r} (lower-case letters, digits, _)")
    return name


def new_name(prefix: str) -> str:
    """A fresh database name: `prefix` and 12 random hex digits."""
    return _checked(f"{prefix}_{uuid.uuid4().hex[:12]}")


def database_url(admin_dsn: str, name: str) -> str:
    """The SQLAlchemy URL of database `name` on the server `admin_dsn` points at."""
    dsn = admin_dsn.rsplit("/", 1)[0] + "/" + _checked(name)
    return dsn.replace("postgresql://", "postgresql+asyncpg://", 1)


async def execute(admin_dsn: str, *statements: str) -> None:
    """Run statements on the admin connection (a plain `postgresql://` DSN), in order."""
    import asyncpg

    conn = await asyncpg.connect(admin_dsn, timeout=10)
    try:
        for sql in statements:
            await conn.execute(sql)
    finally:
        await conn.close()


async def create(
    admin_dsn: str, name: str, *, template: str | None = None, replace: bool = False
) -> str:
    """Create database `name` (a copy of `template`, if given; dropping one of that name
    first if `replace`); its SQLAlchemy URL."""
    sql = f"CREATE DATABASE {_checked(name)}"
    if template is not None:
        sql += f" TEMPLATE {_checked(template)}"
    drop = [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"] if replace else []
    await execute(admin_dsn, *drop, sql)
    return database_url(admin_dsn, name)


async def drop(admin_dsn: str, names: Iterable[str], *, attempts: int = 3) -> None:
    """Drop these databases, disconnecting their users; a busy server may refuse the
    admin connection for a moment, so it tries `attempts` times before raising."""
    statements = [f"DROP DATABASE IF EXISTS {_checked(n)} WITH (FORCE)" for n in names]
    if not statements:
        return
    for attempt in range(1, attempts + 1):
        try:
            await execute(admin_dsn, *statements)
            return
        except Exception:
            if attempt == attempts:
                raise
            await asyncio.sleep(2)


@asynccontextmanager
async def database(admin_dsn: str, prefix: str) -> AsyncIterator[str]:
    """A fresh, migrated database `<prefix>_<random>` (its SQLAlchemy URL), dropped at
    the end."""
    from server.db.migrate import upgrade_async

    name = new_name(prefix)
    url = await create(admin_dsn, name)
    try:
        await upgrade_async(url)
        yield url
    finally:
        await drop(admin_dsn, [name], attempts=5)


@contextmanager
def database_sync(admin_dsn: str, prefix: str) -> Iterator[str]:
    """`database` for callers without an event loop (each step runs its own)."""
    from server.db.migrate import upgrade

    name = new_name(prefix)
    url = asyncio.run(create(admin_dsn, name))
    try:
        upgrade(url)
        yield url
    finally:
        asyncio.run(drop(admin_dsn, [name], attempts=5))
