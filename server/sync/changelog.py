"""Writing the change log: every writing transaction appends the full rows it changed.

Seqs come from `UPDATE workspace SET last_seq = last_seq + n RETURNING last_seq` inside
the writing transaction: the row lock orders commits by seq, so a reader never sees a
gap that a slower transaction fills in later. Never a sequence or timestamp.

A transaction that writes many entries (a batch of pushes) instead reads `last_seq`
once under the same lock (`read_seqs`), hands seqs out in memory (`Seqs`), collects the
rows, and writes them and the new `last_seq` once before it commits (`write_log`,
`save_seqs`): two statements per batch instead of two per mutation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import Entity, Op
from server.db.models import ChangeLog, Workspace
from server.db.types import utcnow
from server.inbox.known import Known


async def lock_workspace(conn: AsyncConnection, workspace_id: uuid.UUID) -> None:
    """Take the workspace row first in every writing transaction on PostgreSQL.

    Writers of one workspace then always lock in the same order (workspace, then chats,
    counts, ...), so they queue instead of deadlocking; the seq bump needs this lock
    anyway. SQLite has one writer at a time and needs nothing.
    """
    if conn.dialect.name == "postgresql":
        await conn.execute(
            select(Workspace.id).where(Workspace.id == workspace_id).with_for_update()
        )


@dataclass(slots=True)
class Seqs:
    """The workspace's last seq as this transaction sees it, handed out in memory.

    Only valid while the transaction holds the workspace's write lock (`read_seqs`)."""

    last: int
    start: int = field(init=False)  # the value read: `save_seqs` writes only a change

    def __post_init__(self) -> None:
        self.start = self.last


# Built once: building a statement and its cache key costs more than running it.
_READ_SEQ = select(Workspace.last_seq).where(Workspace.id == bindparam("workspace_id"))
_LOCK_SEQ = _READ_SEQ.with_for_update()
_SAVE_SEQ = (
    update(Workspace)
    .where(Workspace.id == bindparam("workspace_id"))
    .values(last_seq=bindparam("last_seq"))
)
_RESERVE = (
    update(Workspace)
    .where(Workspace.id == bindparam("workspace_id"))
    .values(last_seq=Workspace.last_seq + bindparam("n", type_=BigInteger))
    .returning(Workspace.last_seq)
)
_INSERT = insert(ChangeLog)


async def read_seqs(conn: AsyncConnection, workspace_id: uuid.UUID) -> Seqs:
    """`lock_workspace` that also reads `last_seq`: one statement on PostgreSQL (the row
    lock), and on SQLite one read under the write lock the transaction already holds."""
    stmt = _LOCK_SEQ if conn.dialect.name == "postgresql" else _READ_SEQ
    last = await conn.scalar(stmt, {"workspace_id": workspace_id})
    if last is None:
        raise LookupError(f"workspace {workspace_id} does not exist")
    return Seqs(int(last))


async def save_seqs(conn: AsyncConnection, workspace_id: uuid.UUID, seqs: Seqs) -> None:
    """Store the last seq handed out (nothing if none was)."""
    if seqs.last != seqs.start:
        await conn.execute(_SAVE_SEQ, {"workspace_id": workspace_id, "last_seq": seqs.last})


@dataclass(slots=True)
class Entry:
    entity: Entity
    entity_id: str
    op: Op
    data: dict[str, Any] | None
    manager_id: uuid.UUID | None = None
    chat_id: uuid.UUID | None = None
    internal: bool = False
    seq: int = 0


@dataclass(slots=True)
class Bump:
    """A deferred change of one sidebar count (inbox.counts), with its log entry's data
    for `counts.write_bumps` to fill in. Here, below counts, since a writer holds them."""

    key: tuple[str, str, str]  # counts.Key: (scope, key, chat state)
    delta: int
    data: dict[str, Any]


@dataclass
class ChangeWriter:
    """Collects one transaction's entries; `flush` numbers and inserts them."""

    conn: AsyncConnection
    workspace_id: uuid.UUID
    client_id: uuid.UUID | None = None
    mutation_id: int | None = None
    entries: list[Entry] = field(default_factory=list)
    _reserved: list[int] = field(default_factory=list)
    last_seq: int | None = None
    # Set both for a batch (see the module docstring): seqs come from `seqs`, and
    # `flush` appends its rows to `rows` for `write_log` instead of inserting them.
    seqs: Seqs | None = None
    rows: list[dict[str, Any]] | None = None
    bumps: list[Bump] | None = None  # sidebar counts changed, written with `rows`
    # Rows this transaction has read, kept current by the writers (inbox.known): only
    # where every write to them goes through this writer and nothing is rolled back.
    known: Known | None = None

    async def reserve(self, n: int) -> list[int]:
        """Take n seqs now (for rows that store their own seq, such as messages)."""
        if self.seqs is not None:
            first = self.seqs.last + 1
            self.seqs.last += n
            seqs = list(range(first, first + n))
            self._reserved.extend(seqs)
            return seqs
        last = await self.conn.scalar(_RESERVE, {"workspace_id": self.workspace_id, "n": n})
        if last is None:
            raise LookupError(f"workspace {self.workspace_id} does not exist")
        seqs = list(range(last - n + 1, last + 1))
        self._reserved.extend(seqs)
        return seqs

    async def next_seq(self) -> int:
        return (await self.reserve(1))[0]

    def emit(
        self,
        entity: Entity,
        entity_id: object,
        data: dict[str, Any] | None,
        *,
        op: Op = Op.UPSERT,
        manager_id: uuid.UUID | None = None,
        chat_id: uuid.UUID | None = None,
        internal: bool = False,
        seq: int | None = None,
    ) -> Entry:
        """Queue an entry. A `seq` from `reserve` pins it; others are numbered at flush."""
        entry = Entry(entity, str(entity_id), op, data, manager_id, chat_id, internal)
        if seq is not None:
            self._reserved.remove(seq)
            entry.seq = seq
        self.entries.append(entry)
        return entry

    def tombstone(self, entity: Entity, entity_id: object, **kw: Any) -> Entry:
        return self.emit(entity, entity_id, None, op=Op.DELETE, **kw)

    async def flush(self) -> int | None:
        """Insert the queued entries; returns the last seq written (None if nothing)."""
        unnumbered = [e for e in self.entries if e.seq == 0]
        missing = len(unnumbered) - len(self._reserved)
        if missing > 0:
            await self.reserve(missing)
        if len(self._reserved) > len(unnumbered):
            raise RuntimeError("a reserved seq has no entry: it would leave a gap in the log")
        for entry, seq in zip(unnumbered, sorted(self._reserved), strict=True):
            entry.seq = seq
        self._reserved.clear()
        if not self.entries:
            return self.last_seq
        now = utcnow()
        self.entries.sort(key=lambda e: e.seq)
        rows = [
            {
                "workspace_id": self.workspace_id,
                "seq": e.seq,
                "entity": e.entity.value,
                "entity_id": e.entity_id,
                "op": e.op.value,
                "data": e.data,
                "manager_id": e.manager_id,
                "chat_id": e.chat_id,
                "internal": e.internal,
                "client_id": self.client_id,
                "mutation_id": self.mutation_id,
                "created_at": now,
            }
            for e in self.entries
        ]
        if self.rows is not None:
            self.rows.extend(rows)
        else:
            await write_log(self.conn, rows)
        self.last_seq = self.entries[-1].seq
        self.entries = []
        return self.last_seq


async def write_log(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(_INSERT, rows)
