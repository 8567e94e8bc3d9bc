"""The engine and the two kinds of transaction the services use: read and write.

SQLite allows one writer: writes take an in-process lock and `BEGIN IMMEDIATE`, so two
writers queue instead of failing with "database is locked"; `busy_timeout` covers other
processes. PostgreSQL needs neither: the workspace row lock taken when a seq is
allocated serialises writers of one workspace until commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from server.db import sqlite_driver

_WRITE = "sangdam_write"
_WRITES = "sangdam_statements_written"


def statements_written(conn: AsyncConnection) -> int:
    """How many statements other than SELECT this connection has sent, ever.

    Compared before and after a step, it tells whether the step may have changed
    anything: a step that only read can be abandoned without a savepoint to roll back
    to. Counted before each statement runs, so one that failed counts too."""
    n: int = conn.sync_connection.info.get(_WRITES, 0) if conn.sync_connection else 0
    return n


class Database:
    def __init__(
        self, url: str, *, pool_size: int = 20, max_overflow: int | None = None, echo: bool = False
    ) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 30}
            if ":memory:" in url or url.rstrip("/").endswith("sqlite+aiosqlite:"):
                raise ValueError("use a file for SQLite: every connection must see one database")
            parsed = make_url(url)
            if parsed.drivername == "sqlite+aiosqlite" and parsed.database and not parsed.query:
                # One thread hand-off per statement instead of four (sqlite_driver.py).
                kwargs["async_creator"] = partial(
                    sqlite_driver.connect, parsed.database, timeout=30, check_same_thread=False
                )
        else:
            overflow = pool_size if max_overflow is None else max_overflow
            kwargs.update(pool_size=pool_size, max_overflow=overflow, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        self._write_lock = asyncio.Lock()
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine)
        _count_writes(self.engine)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """A transaction that may write; commits on success, rolls back on error."""
        if self.is_sqlite:
            async with self._write_lock, self._writer.begin() as conn:
                yield conn
        else:
            async with self.engine.begin() as conn:
                yield conn

    @asynccontextmanager
    async def read(self, *, snapshot: bool = False) -> AsyncIterator[AsyncConnection]:
        """A read transaction; `snapshot` gives one consistent view across statements.

        SQLite in WAL mode gives that to every read transaction already.
        """
        async with self.engine.connect() as conn:
            if snapshot and not self.is_sqlite:
                await conn.execution_options(isolation_level="REPEATABLE READ")
            async with conn.begin():
                yield conn

    async def dispose(self) -> None:
        await self.engine.dispose()


def _count_writes(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("SELECT"):  # a WITH ... SELECT counts: on the safe side
            info = conn.info
            info[_WRITES] = info.get(_WRITES, 0) + 1


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",  # a commit acknowledged to a client survives a crash
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def null_pool_engine(url: str) -> AsyncEngine:
    """For one-shot tools (migrations, CLI) that must not keep connections."""
    return create_async_engine(url, poolclass=NullPool)
