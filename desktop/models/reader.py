"""The UI's read path into the cache file: plain `sqlite3`, on the GUI thread.

The sync layer (`desktop.sync.cache`) writes the cache through SQLAlchemy in
worker threads; the Qt models read it here through their own connection. WAL lets both
run at once, and every statement here is one indexed query returning only rows on
screen, so reading on the GUI thread never stalls a frame.

Why not `Cache`'s own read methods: the first paint must not wait for SQLAlchemy's
import (about a third of a second on these machines, longer than the whole first-paint
budget). The section conditions below mirror `desktop.sync.queries` clause for
clause; `tests/desktop/test_reader.py` holds the two to the same answers.

Lists are read by keyset (the last row's sort key), not by offset, so a page read after
new chats arrived at the top neither repeats nor skips a row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protocol.kinds import Medium

_MEDIA = frozenset(m.value for m in Medium)
# Must match desktop.sync.rows.PENDING_BASE: local messages sort after every seq.
PENDING_BASE = 1 << 62
_CHUNK = 500  # ids per IN list (SQLite caps the parameters of one statement)


@dataclass(frozen=True, slots=True)
class ChatItem:
    """One line of a chat list (L4): the chat row as the server sent it (optimistic
    effects applied), its customer, my state of it, and where it sorts."""

    id: str
    sort_us: int  # last message time, microseconds since the epoch (L1)
    chat: dict[str, Any]
    customer_name: str
    customer_avatar: str | None
    starred: bool
    unread_count: int
    mentioned: bool

    @property
    def key(self) -> tuple[int, str]:
        """The list's sort key, newest first: (last message time, id), descending."""
        return (self.sort_us, self.id)


@dataclass(frozen=True, slots=True)
class MessageItem:
    id: str
    chat_id: str
    seq: int | None  # None while pending or failed
    sort_key: int  # seq, or PENDING_BASE + mutation id while local
    pending: bool
    failed_reason: str | None
    message: dict[str, Any]


def section_condition(section: str, me: str) -> tuple[str, dict[str, Any], bool]:
    """SQL for a section (as in `queries.section_filter`), its parameters, and whether
    it needs my chat_state row (an inner join) rather than only reading it."""
    name, _, arg = section.partition(":")
    match name:
        case "all":
            return "1", {}, False
        case "mine":
            return "c.assignee_id = :me", {"me": me}, False
        case "unread":
            return "st.unread_count > 0", {}, True
        case "starred":
            return "st.starred IS 1", {}, True
        case "sessions":
            return "st.in_sessions IS 1", {}, True
        case "unassigned":
            return "c.assignee_id IS NULL AND c.queued IS 0", {}, False
        case "unassigned_team":
            return (
                "c.assignee_id IS NULL AND c.queued IS 0 AND c.team_id = :arg",
                {"arg": arg},
                False,
            )
        case "queue":
            return "c.queued IS 1 AND c.team_id = :arg", {"arg": arg}, False
        case "assignee":
            return "c.assignee_id = :arg", {"arg": arg}, False
        case "medium":
            if arg not in _MEDIA:
                raise ValueError(f"unknown medium {arg!r}")
            return "c.medium = :arg", {"arg": arg}, False
        case "tag":
            return (
                "EXISTS (SELECT 1 FROM json_each(c.data, '$.tags') AS j WHERE j.value = :arg)",
                {"arg": arg},
                False,
            )
    raise ValueError(f"unknown section {section!r}")


_CHAT_COLUMNS = (
    "c.id, c.last_message_us, c.data, cu.name, json_extract(cu.data, '$.avatar_url'), "
    "st.starred, st.unread_count, st.mentioned"
)
_MESSAGE_COLUMNS = "id, chat_id, seq, sort_key, pending, failed_reason, data"


def _chat_item(r: Sequence[Any]) -> ChatItem:
    return ChatItem(
        id=r[0],
        sort_us=int(r[1]),
        chat=json.loads(r[2]),
        customer_name=r[3] or "",
        customer_avatar=r[4],
        starred=bool(r[5]),
        unread_count=int(r[6] or 0),
        mentioned=bool(r[7]),
    )


def _message_item(r: Sequence[Any]) -> MessageItem:
    return MessageItem(r[0], r[1], r[2], int(r[3]), bool(r[4]), r[5], json.loads(r[6]))


class CacheReader:
    """A read-only view of one login's cache file for the models (GUI thread)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise FileNotFoundError(path)
        self.path = path
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout = 5000")
        self._conn.execute("PRAGMA query_only = 1")
        self.me = str(self.meta("manager_id") or "")

    def close(self) -> None:
        self._conn.close()

    # ---- facts ----------------------------------------------------------------------

    def meta(self, key: str) -> Any:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None or row[0] is None else json.loads(row[0])

    # ---- chat lists -------------------------------------------------------------------

    def _chat_query(
        self, section: str, state: str | None, extra: str, params: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        cond, args, needs_state = section_condition(section, self.me)
        join = "JOIN" if needs_state else "LEFT JOIN"
        where = [cond]
        if state is not None:
            where.append("c.state = :state")
            args["state"] = state
        if extra:
            where.append(extra)
        sql = (
            f"SELECT {_CHAT_COLUMNS} FROM chats AS c "
            "LEFT JOIN customers AS cu ON cu.id = c.customer_id "
            f"{join} chat_state AS st ON st.chat_id = c.id "
            f"WHERE {' AND '.join(where)}"
        )
        return sql, {**args, **params}

    def chat_rows(
        self,
        section: str = "all",
        state: str | None = "open",
        *,
        after: tuple[int, str] | None = None,
        limit: int = 100,
        oldest_first: bool = False,
    ) -> list[ChatItem]:
        """A window of a section's chats in list order, starting after the row whose
        sort key is `after` (None: from the top)."""
        extra = ""
        params: dict[str, Any] = {"limit": limit}
        if after is not None:
            op = ">" if oldest_first else "<"
            extra = (
                f"(c.last_message_us {op} :after_us "
                f"OR (c.last_message_us = :after_us AND c.id {op} :after_id))"
            )
            params.update(after_us=after[0], after_id=after[1])
        sql, args = self._chat_query(section, state, extra, params)
        order = "ASC" if oldest_first else "DESC"
        sql += f" ORDER BY c.last_message_us {order}, c.id {order} LIMIT :limit"
        return [_chat_item(r) for r in self._conn.execute(sql, args)]

    def chats_by_id(
        self, section: str, state: str | None, ids: Iterable[str]
    ) -> dict[str, ChatItem]:
        """Which of these chats the section holds now, with their rows."""
        out: dict[str, ChatItem] = {}
        wanted = list(dict.fromkeys(ids))
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            names = {f"id{j}": v for j, v in enumerate(part)}
            extra = f"c.id IN ({', '.join(':' + n for n in names)})"
            sql, args = self._chat_query(section, state, extra, names)
            for r in self._conn.execute(sql, args):
                item = _chat_item(r)
                out[item.id] = item
        return out

    def chat_ids_of_customers(self, customer_ids: Iterable[str]) -> set[str]:
        wanted = list(customer_ids)
        out: set[str] = set()
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            marks = ", ".join("?" for _ in part)
            sql = f"SELECT id FROM chats WHERE customer_id IN ({marks})"
            out.update(r[0] for r in self._conn.execute(sql, part))
        return out

    def chat_count(self, section: str = "all", state: str | None = "open") -> int:
        cond, args, needs_state = section_condition(section, self.me)
        join = "JOIN chat_state AS st ON st.chat_id = c.id " if needs_state else ""
        sql = f"SELECT count(*) FROM chats AS c {join}WHERE {cond}"
        if state is not None:
            sql += " AND c.state = :state"
            args["state"] = state
        row = self._conn.execute(sql, args).fetchone()
        return int(row[0]) if row else 0

    def chat(self, chat_id: str) -> dict[str, Any] | None:
        return self._json("SELECT data FROM chats WHERE id = ?", chat_id)

    def chat_state(self, chat_id: str) -> dict[str, Any] | None:
        return self._json("SELECT data FROM chat_state WHERE chat_id = ?", chat_id)

    def customer(self, customer_id: str) -> dict[str, Any] | None:
        return self._json("SELECT data FROM customers WHERE id = ?", customer_id)

    # ---- messages -----------------------------------------------------------------------

    def messages(
        self,
        chat_id: str,
        *,
        before: int | None = None,
        since: int | None = None,
        limit: int = 50,
    ) -> list[MessageItem]:
        """The newest `limit` messages with `since <= sort_key < before`, oldest first."""
        sql = f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE chat_id = ?"
        params: list[Any] = [chat_id]
        if before is not None:
            sql += " AND sort_key < ?"
            params.append(before)
        if since is not None:
            sql += " AND sort_key >= ?"
            params.append(since)
        sql += " ORDER BY sort_key DESC LIMIT ?"
        params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [_message_item(r) for r in reversed(rows)]

    def messages_by_id(self, chat_id: str, ids: Iterable[str]) -> dict[str, MessageItem]:
        wanted = list(ids)
        out: dict[str, MessageItem] = {}
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            marks = ", ".join("?" for _ in part)
            sql = f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE chat_id = ? AND id IN ({marks})"
            for r in self._conn.execute(sql, [chat_id, *part]):
                item = _message_item(r)
                out[item.id] = item
        return out

    def history_from(self, chat_id: str) -> int | None:
        """Every message of the chat with seq >= this is cached (None: not known)."""
        row = self._conn.execute(
            "SELECT history_from FROM chats WHERE id = ?", (chat_id,)
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    # ---- sidebar and reference data -------------------------------------------------------

    def counts(self, state: str | None = None) -> dict[tuple[str, str, str], int]:
        """The server's sidebar counts: (scope, key, state) -> count."""
        sql = "SELECT scope, key, state, count FROM counts"
        params: tuple[Any, ...] = ()
        if state is not None:
            sql += " WHERE state = ?"
            params = (state,)
        return {(a, b, c): int(n) for a, b, c, n in self._conn.execute(sql, params)}

    def reference(self, entity: str) -> list[dict[str, Any]]:
        """manager, team, tag, macro, integration or customer_field rows, by name."""
        table = {
            "manager": "managers",
            "team": "teams",
            "tag": "tags",
            "macro": "macros",
            "integration": "integrations",
            "customer_field": "customer_fields",
        }[entity]
        sql = f"SELECT data FROM {table} ORDER BY name, id"
        return [json.loads(d) for (d,) in self._conn.execute(sql)]

    def notifications(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """These notification entries (the server's, for me), oldest first."""
        wanted = list(ids)
        out: list[dict[str, Any]] = []
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT data FROM notifications WHERE id IN ({marks})"
            out.extend(json.loads(d) for (d,) in self._conn.execute(sql, part))
        out.sort(key=lambda n: (str(n.get("created_at") or ""), str(n.get("id"))))
        return out

    def unread_chats(self) -> int:
        """Chats with messages I have not read, in any state: the tray's and dock's badge.
        The server's own counts (the sidebar's Unread, summed over the states)."""
        row = self._conn.execute(
            "SELECT coalesce(sum(count), 0) FROM counts WHERE scope = ? AND key = 'unread'",
            (self.me,),
        ).fetchone()
        return int(row[0]) if row else 0

    def waiting(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()
        return int(row[0]) if row else 0

    def _json(self, sql: str, *params: Any) -> dict[str, Any] | None:
        row = self._conn.execute(sql, params).fetchone()
        if row is None or row[0] is None:
            return None
        value = json.loads(row[0])
        return value if isinstance(value, dict) else None
