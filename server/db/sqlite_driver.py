"""aiosqlite connections that hand each statement to their thread once, never four times.

aiosqlite runs each call on the connection's own thread and wakes the event loop with
the answer. SQLAlchemy's adapter makes four such calls per statement (open a cursor,
execute, fetch all rows, close the cursor); each hand-off costs more than SQLite's own
work on these small statements, and under load each one also waits for the GIL while
SQLite's single writer is held. Here:

- `execute` does all four in one call and keeps the rows; fetching and closing are then
  plain reads of that list (SQLAlchemy's adapter fetches every row at execute anyway);
- every statement runs on the connection's thread, never on the event loop's: a write
  transaction's statements too, though most take tens of microseconds, because some
  (a batch of a chat's delete, a recount, a prune) take milliseconds, and while one runs
  on the loop's thread no socket, push or timer of this worker moves. `INLINE_WRITES`
  (off) ran them on the loop's thread after BEGIN IMMEDIATE, to spare the hand-off; it
  stays only to measure that choice against this one;
- commit and rollback outside a transaction (the pool resets every connection it takes
  back) are no-ops in sqlite3, so they skip the hand-off.

The SQL, the transactions and the results are the same as with plain aiosqlite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

import aiosqlite

_Outcome = tuple[Any, int, int | None, list[Any]]  # description, rowcount, lastrowid, rows
INLINE_WRITES = False  # True: write-transaction statements on the loop's thread (to compare)


def _drain(cur: sqlite3.Cursor) -> _Outcome:
    try:
        rows = cur.fetchall() if cur.description else []
        return cur.description, cur.rowcount, cur.lastrowid, rows
    finally:
        cur.close()


class BatchedCursor:
    """The part of aiosqlite's Cursor that SQLAlchemy's adapter uses."""

    arraysize = 1

    def __init__(self, connection: BatchedConnection) -> None:
        self._connection = connection
        self._rows: list[Any] = []
        self._pos = 0
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    async def __aenter__(self) -> BatchedCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def execute(self, sql: str, parameters: Any = None) -> BatchedCursor:
        conn = self._connection._conn
        args = (sql,) if parameters is None else (sql, parameters)
        outcome: _Outcome = await self._connection._execute(lambda: _drain(conn.execute(*args)))
        self.description, self.rowcount, self.lastrowid, self._rows = outcome
        self._pos = 0
        if sql == "BEGIN IMMEDIATE" and INLINE_WRITES:
            self._connection._inline = True
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> BatchedCursor:
        conn = self._connection._conn
        outcome: _Outcome = await self._connection._execute(
            lambda: _drain(conn.executemany(sql, parameters))
        )
        self.description, self.rowcount, self.lastrowid, self._rows = outcome
        self._pos = 0
        return self

    async def fetchone(self) -> Any:
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        n = self.arraysize if size is None else size
        rows = self._rows[self._pos : self._pos + n]
        self._pos += len(rows)
        return rows

    async def fetchall(self) -> list[Any]:
        rows = self._rows[self._pos :]
        self._rows, self._pos = [], 0
        return rows

    async def close(self) -> None:
        self._rows, self._pos = [], 0


class BatchedConnection(aiosqlite.Connection):
    # Set (only with INLINE_WRITES) while this connection holds SQLite's write lock:
    # statements then run right here on the event loop's thread, which blocks the loop
    # for as long as each takes. Off by default (module docstring).
    _inline: bool = False

    def cursor(self) -> BatchedCursor:  # type: ignore[override]
        return BatchedCursor(self)

    async def _execute(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if self._inline:
            return fn(*args, **kwargs)
        return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    async def commit(self) -> None:
        self._inline = False
        if self._connection is not None and not self._conn.in_transaction:
            return  # sqlite3 would do nothing: spare the hand-off
        await self._execute(self._conn.commit)

    async def rollback(self) -> None:
        try:
            if self._connection is not None and not self._conn.in_transaction:
                return  # e.g. the pool's reset of a connection after a finished transaction
            await self._execute(self._conn.rollback)
        finally:
            self._inline = False

    async def close(self) -> None:
        self._inline = False
        await super().close()


async def connect(database: str, **kwargs: Any) -> BatchedConnection:
    """Like `aiosqlite.connect`; for `create_async_engine(async_creator=...)`."""

    def connector() -> sqlite3.Connection:
        connection: sqlite3.Connection = sqlite3.connect(database, **kwargs)
        return connection

    conn = BatchedConnection(connector, 64)
    conn._thread.daemon = True  # as SQLAlchemy does for aiosqlite's own connections
    await conn
    return conn
