"""Reading the change log for one reader: who may see which entry, and catch-up pages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from server.db import models as m
from server.errors import ServiceError


@dataclass(frozen=True, slots=True)
class Item:
    """One log entry, its wire JSON encoded once for every reader."""

    seq: int
    manager_id: uuid.UUID | None
    chat_id: uuid.UUID | None
    internal: bool
    entity: str
    change: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads: a manager, who sees everything but other managers' own state (the
    customer side reads its chat's own entries, `server/customers`)."""

    manager_id: uuid.UUID

    def sees(self, item: Item) -> bool:
        return item.manager_id is None or item.manager_id == self.manager_id


def to_item(row: Any) -> Item:
    change: dict[str, Any] = {
        "seq": row.seq,
        "entity": row.entity,
        "id": row.entity_id,
        "op": row.op,
        "data": row.data,
    }
    if row.client_id is not None:
        change["client_id"] = str(row.client_id)
        change["mutation_id"] = row.mutation_id
    return Item(row.seq, row.manager_id, row.chat_id, row.internal, row.entity, change)


async def read_items(
    conn: AsyncConnection, workspace_id: uuid.UUID, since: int, limit: int
) -> list[Item]:
    rows = await conn.execute(
        select(m.ChangeLog)
        .where(m.ChangeLog.workspace_id == workspace_id, m.ChangeLog.seq > since)
        .order_by(m.ChangeLog.seq)
        .limit(limit)
    )
    return [to_item(r) for r in rows]


async def log_bounds(conn: AsyncConnection, workspace_id: uuid.UUID) -> tuple[int, int]:
    """(pruned_seq, head) of a workspace."""
    row = (
        await conn.execute(
            select(m.Workspace.pruned_seq, m.Workspace.last_seq).where(
                m.Workspace.id == workspace_id
            )
        )
    ).one()
    return int(row.pruned_seq), int(row.last_seq)


def check_cursor(since: int, pruned: int, head: int) -> None:
    if since < pruned:
        raise ServiceError(
            ErrorCode.RESYNC_REQUIRED,
            f"Changes up to {pruned} are no longer kept: bootstrap again, keep your outbox.",
            current={"pruned_seq": pruned, "head": head},
        )
    if since > head:
        raise ServiceError(
            ErrorCode.RESYNC_REQUIRED,
            f"Cursor {since} is ahead of this server's log ({head}): bootstrap again.",
            current={"pruned_seq": pruned, "head": head},
        )


async def changes_page(
    conn: AsyncConnection, workspace_id: uuid.UUID, reader: Reader, since: int, limit: int
) -> dict[str, Any]:
    """`GET /sync/changes`: `to` is the last seq scanned, seen or not, so cursors move on."""
    items = await read_items(conn, workspace_id, since, limit)
    # Bounds after the entries: pruning raises pruned_seq in the commit that deletes, and
    # on PostgreSQL each statement has its own snapshot, so checking first could pass a
    # cursor whose entries a prune then deleted before the read: a silent hole.
    pruned, head = await log_bounds(conn, workspace_id)
    check_cursor(since, pruned, head)
    to = items[-1].seq if items else since
    return {
        "since": since,
        "to": to,
        "head": head,
        "changes": [i.change for i in items if reader.sees(i)],
        "more": to < head,
    }
