"""Managers' chat_state rows: each manager's own view of a chat (read, unread, starred,
in sessions, mentioned). `upsert_state` is their one writer.

It sits below `chats`, `sessions` and `notifications`, which all write a manager's view
(chats re-exports both writers); keeping it here lets each of them import it at the top
of the module, without a cycle (docs/architecture.md, "Server layers").
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from sqlalchemy import BindParameter, Row, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import ReturningUpdate

from protocol.kinds import Entity
from server import wire
from server.db import models as m
from server.inbox import counts
from server.sync.changelog import ChangeWriter

# Built once, with bind parameters: building a statement and its cache key costs more
# than running it (see `_set`).
_LOAD_STATE = select(m.ChatState).where(
    m.ChatState.manager_id == bindparam("manager_id"), m.ChatState.chat_id == bindparam("chat_id")
)
_INSERT_STATE = insert(m.ChatState).returning(m.ChatState)


_KEYS: dict[type[m.Base], tuple[str, ...]] = {
    m.Chat: ("id",),
    m.ChatState: ("manager_id", "chat_id"),
}


@functools.cache
def _set(table: type[m.Base], columns: tuple[str, ...]) -> ReturningUpdate[Any]:
    """`UPDATE table SET <columns> WHERE <key> RETURNING *`, one per set of columns.

    Parameters: `v_<column>` for each new value, and the key's columns as named in
    `_KEYS`. Built once per set, unlike `.values(**changes)` each time."""
    where = [getattr(table, k) == bindparam(f"k_{k}") for k in _KEYS[table]]
    values: dict[str, BindParameter[Any]] = {c: bindparam(f"v_{c}") for c in columns}
    return update(table).where(*where).values(values).returning(table)


async def update_row(
    conn: AsyncConnection, table: type[m.Base], key: dict[str, Any], values: dict[str, Any]
) -> Row[Any]:
    """Write `values` to the row of `table` at `key`; returns the new row."""
    stmt = _set(table, tuple(sorted(values)))
    params = {f"v_{c}": v for c, v in values.items()}
    params.update((f"k_{k}", v) for k, v in key.items())
    row: Row[Any] = (await conn.execute(stmt, params)).one()
    return row


async def upsert_state(
    w: ChangeWriter,
    manager_id: uuid.UUID,
    chat: Row[Any],
    *,
    unread_delta: int = 0,
    **values: Any,
) -> Row[Any]:
    """Change one manager's view of a chat; the entry goes to that manager only."""
    chat_id = chat.id
    key = {"manager_id": manager_id, "chat_id": chat_id}
    known = w.known
    have, row = known.state(manager_id, chat_id) if known is not None else (False, None)
    if not have:
        row = (await w.conn.execute(_LOAD_STATE, key)).first()
    old = row
    if row is None:
        fields = {
            "starred": False,
            "read_seq": 0,
            "unread_count": 0,
            "mentioned": False,
            "in_sessions": False,
            **values,
        }
        fields["unread_count"] = max(0, fields["unread_count"] + unread_delta)
        row = (await w.conn.execute(_INSERT_STATE, {**key, **fields})).one()
    else:
        if unread_delta:
            values["unread_count"] = max(
                0, values.get("unread_count", row.unread_count) + unread_delta
            )
        if all(getattr(row, k) == v for k, v in values.items()):
            return row
        row = await update_row(w.conn, m.ChatState, key, values)
    if known is not None:
        known.states[manager_id, chat_id] = row
    w.emit(
        Entity.CHAT_STATE,
        f"{chat_id}:{manager_id}",
        wire.chat_state(row),
        manager_id=manager_id,
        chat_id=chat_id,
    )
    await counts.state_changed(w, old, row, chat.state)
    return row


async def mark_unread(w: ChangeWriter, manager_id: uuid.UUID, chat: Row[Any]) -> Row[Any]:
    """My view of the chat becomes unread: in Unread, its badge at least 1, until read."""
    key = {"manager_id": manager_id, "chat_id": chat.id}
    have, row = w.known.state(manager_id, chat.id) if w.known is not None else (False, None)
    if not have:
        row = (await w.conn.execute(_LOAD_STATE, key)).first()
    current = row.unread_count if row is not None else 0
    return await upsert_state(w, manager_id, chat, unread_count=max(1, current))
