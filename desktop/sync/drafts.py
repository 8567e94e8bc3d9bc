"""Drafts (SPEC M7): what the agent typed in a chat and has not sent, kept in the cache.

One row per chat (its text and whether it is an internal note), written by the engine's
writer a moment after typing stops, on a chat switch and on quit, and removed in the
same transaction as the outbox row of the message that sends it: after a crash a
draft is never a copy of a message already sent. The GUI thread reads them through a
`DraftReader` of its own (plain `sqlite3`, one indexed query) when a chat opens, before
the engine is even running (so this module imports no SQLAlchemy: the first paint does
not wait for it). A rebuilt or cleared cache keeps them (`schema`). The table is
`tables.drafts`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class Draft:
    chat_id: str
    text: str
    note: bool = False

    @property
    def empty(self) -> bool:
        """Nothing worth keeping: no text, in the default (reply) mode."""
        return not self.text and not self.note


def put(conn: Connection, draft: Draft) -> None:
    """Store a chat's draft (an empty one removes it)."""
    if draft.empty:
        remove(conn, draft.chat_id)
        return
    conn.exec_driver_sql(
        "INSERT INTO drafts (chat_id, text, note, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (chat_id) DO UPDATE SET text = excluded.text, note = excluded.note, "
        "updated_at = excluded.updated_at",
        (draft.chat_id, draft.text, draft.note, datetime.now(UTC).isoformat()),
    )


def remove(conn: Connection, chat_id: str) -> None:
    conn.exec_driver_sql("DELETE FROM drafts WHERE chat_id = ?", (chat_id,))


def get(conn: Connection, chat_id: str) -> Draft | None:
    row = conn.exec_driver_sql(
        "SELECT text, note FROM drafts WHERE chat_id = ?", (chat_id,)
    ).first()
    return None if row is None else Draft(chat_id, str(row[0]), bool(row[1]))


class DraftReader:
    """The GUI thread's reads of the drafts: its own read-only connection to the file."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout = 5000")
        self._conn.execute("PRAGMA query_only = 1")

    def close(self) -> None:
        self._conn.close()

    def get(self, chat_id: str) -> Draft | None:
        try:
            row = self._conn.execute(
                "SELECT text, note FROM drafts WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        except sqlite3.OperationalError:  # a file of an older version, not yet rebuilt
            return None
        return None if row is None else Draft(chat_id, str(row[0]), bool(row[1]))
