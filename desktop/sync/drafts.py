"""Drafts (SPEC M7): what the agent typed in a chat and has not sent, kept in the cache.

One row per chat (its text and whether it is an internal note), written by the engine's
writer a moment after typing stops, on a chat switch and on quit, and removed in the
same transaction as the outbox row of the message that sends it: after a crash a
draft is never a copy of a message already sent. The GUI thread reads them through the
read layer (`reads.CacheReader.draft`, plain `sqlite3`) when a chat opens, before the
engine is even running (so this module imports no SQLAlchemy: the first paint does not
wait for it). A rebuilt or cleared cache keeps them (`schema`). The table is
`tables.drafts`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.sync.items import Draft
from desktop.sync.layout import Drafts as D

__all__ = ["Draft", "put", "remove"]

if TYPE_CHECKING:
    from sqlalchemy import Connection


def put(conn: Connection, draft: Draft) -> None:
    """Store a chat's draft (an empty one removes it)."""
    if draft.empty:
        remove(conn, draft.chat_id)
        return
    conn.exec_driver_sql(
        f"INSERT INTO {D.TABLE} ({D.CHAT_ID}, {D.TEXT}, {D.NOTE}, {D.UPDATED_AT}) "
        f"VALUES (?, ?, ?, ?) ON CONFLICT ({D.CHAT_ID}) DO UPDATE SET "
        f"{D.TEXT} = excluded.{D.TEXT}, {D.NOTE} = excluded.{D.NOTE}, "
        f"{D.UPDATED_AT} = excluded.{D.UPDATED_AT}",
        (draft.chat_id, draft.text, draft.note, datetime.now(UTC).isoformat()),
    )


def remove(conn: Connection, chat_id: str) -> None:
    conn.exec_driver_sql(f"DELETE FROM {D.TABLE} WHERE {D.CHAT_ID} = ?", (chat_id,))
