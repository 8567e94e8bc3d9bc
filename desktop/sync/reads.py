"""Reading the cache for the GUI: windows of a section's chats, counts, a chat's messages.

The one read layer over the cache file: the Qt models, the sync engine's few reads and
the tests all read through `CacheReader`. Plain `sqlite3`, because the first paint comes
from the cache before anything else is imported, and SQLAlchemy's import alone (about a
third of a second on these machines) is longer than the whole first-paint budget. The
names come from `layout`, the same the table definitions (`tables`) use.

Every statement is one indexed query returning only rows on screen, so reading on the
GUI thread never stalls a frame; WAL lets it run while the engine writes through its
own connection. A section means what it means on the server (`server.inbox.sections`):
all, mine, unread, starred, sessions, unassigned, unassigned_team:<team>, queue:<team>,
assignee:<id>, medium:<m>, tag:<name>; lists are narrowed to one state (S12) and sorted
by last message (L1). They are read by keyset (the last row's sort key), not by offset,
so a page read after new chats arrived at the top neither repeats nor skips a row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from desktop.sync.items import ChatItem, Draft, MessageItem, SearchResult, UploadItem
from desktop.sync.layout import (
    CHAT_TAGS,
    CUSTOMER_AVATAR,
    OUTBOX_PENDING,
    REFERENCE_TABLES,
    Chats,
    ChatState,
    Counts,
    Customers,
    Drafts,
    Messages,
    Meta,
    Notifications,
    Outbox,
    Outgoing,
    Reference,
    Uploads,
)
from protocol.kinds import Medium

_MEDIA = frozenset(m.value for m in Medium)
_CHUNK = 500  # ids per IN list (SQLite caps the parameters of one statement)

# The aliases of the chat list's query: c (chats), cu (customers), st (chat_state).
CHAT_COLUMNS = ", ".join(
    (
        f"c.{Chats.ID}",
        f"c.{Chats.LAST_MESSAGE_US}",
        f"c.{Chats.DATA}",
        f"cu.{Customers.NAME}",
        f"json_extract(cu.{Customers.DATA}, '{CUSTOMER_AVATAR}')",
        f"st.{ChatState.STARRED}",
        f"st.{ChatState.UNREAD_COUNT}",
        f"st.{ChatState.MENTIONED}",
    )
)
CUSTOMER_JOIN = f"LEFT JOIN {Customers.TABLE} AS cu ON cu.{Customers.ID} = c.{Chats.CUSTOMER_ID} "
_CHAT_FROM = f"FROM {Chats.TABLE} AS c {CUSTOMER_JOIN}"
STATE_JOIN = f"{ChatState.TABLE} AS st ON st.{ChatState.CHAT_ID} = c.{Chats.ID} "
_MESSAGE_COLUMNS = ", ".join(
    (
        Messages.ID,
        Messages.CHAT_ID,
        Messages.SEQ,
        Messages.SORT_KEY,
        Messages.PENDING,
        Messages.FAILED_REASON,
        Messages.DATA,
    )
)


def section_condition(section: str, me: str) -> tuple[str, dict[str, Any], bool]:
    """SQL for a section over the chat list's aliases, its parameters, and whether it
    needs my chat_state row (an inner join) rather than only reading it."""
    name, _, arg = section.partition(":")
    assignee, queued = f"c.{Chats.ASSIGNEE_ID}", f"c.{Chats.QUEUED}"
    team = f"c.{Chats.TEAM_ID}"
    match name:
        case "all":
            return "1", {}, False
        case "mine":
            return f"{assignee} = :me", {"me": me}, False
        case "unread":
            return f"st.{ChatState.UNREAD_COUNT} > 0", {}, True
        case "starred":
            return f"st.{ChatState.STARRED} IS 1", {}, True
        case "sessions":
            return f"st.{ChatState.IN_SESSIONS} IS 1", {}, True
        case "unassigned":
            return f"{assignee} IS NULL AND {queued} IS 0", {}, False
        case "unassigned_team":
            return f"{assignee} IS NULL AND {queued} IS 0 AND {team} = :arg", {"arg": arg}, False
        case "queue":
            return f"{queued} IS 1 AND {team} = :arg", {"arg": arg}, False
        case "assignee":
            return f"{assignee} = :arg", {"arg": arg}, False
        case "medium":
            if arg not in _MEDIA:
                raise ValueError(f"unknown medium {arg!r}")
            return f"c.{Chats.MEDIUM} = :arg", {"arg": arg}, False
        case "tag":
            return (
                f"EXISTS (SELECT 1 FROM json_each(c.{Chats.DATA}, '{CHAT_TAGS}') AS j "
                "WHERE j.value = :arg)",
                {"arg": arg},
                False,
            )
    raise ValueError(f"unknown section {section!r} (hashtag and search go to the server)")


def chat_item(r: Sequence[Any]) -> ChatItem:
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


_UPLOAD_COLUMNS = ", ".join(
    (
        Uploads.ID,
        Uploads.FILE_ID,
        Uploads.CHAT_ID,
        Uploads.MESSAGE_ID,
        Uploads.POSITION,
        Uploads.PATH,
        Uploads.NAME,
        Uploads.SIZE,
        Uploads.CONTENT_TYPE,
        Uploads.URL,
        Uploads.OFFSET,
        Uploads.STATUS,
        Uploads.ERROR_CODE,
        Uploads.ERROR,
    )
)


def _upload_item(r: Sequence[Any]) -> UploadItem:
    return UploadItem(
        str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), str(r[5]), str(r[6]),
        int(r[7]), str(r[8]), r[9], int(r[10] or 0), str(r[11]), r[12], r[13],
    )  # fmt: skip


def _message_item(r: Sequence[Any]) -> MessageItem:
    return MessageItem(r[0], r[1], r[2], int(r[3]), bool(r[4]), r[5], json.loads(r[6]))


def _chunks(ids: Iterable[str]) -> Iterable[list[str]]:
    wanted = list(dict.fromkeys(ids))
    for i in range(0, len(wanted), _CHUNK):
        yield wanted[i : i + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


class CacheReader:
    """A read-only view of one login's cache file (the GUI thread's, or the engine's)."""

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

    def draft(self, chat_id: str) -> Draft | None:
        """The chat's unsent draft (SPEC M7), if the agent left one."""
        sql = f"SELECT {Drafts.TEXT}, {Drafts.NOTE} FROM {Drafts.TABLE} WHERE {Drafts.CHAT_ID} = ?"
        try:
            row = self._conn.execute(sql, (chat_id,)).fetchone()
        except sqlite3.OperationalError:  # a file of an older version, not yet rebuilt
            return None
        return None if row is None else Draft(chat_id, str(row[0]), bool(row[1]))

    def meta(self, key: str) -> Any:
        sql = f"SELECT {Meta.VALUE} FROM {Meta.TABLE} WHERE {Meta.KEY} = ?"
        row = self._conn.execute(sql, (key,)).fetchone()
        return None if row is None or row[0] is None else json.loads(row[0])

    # ---- chat lists -------------------------------------------------------------------

    def _chat_query(
        self, section: str, state: str | None, extra: str, params: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        cond, args, needs_state = section_condition(section, self.me)
        join = "JOIN" if needs_state else "LEFT JOIN"
        where = [cond]
        if state is not None:
            where.append(f"c.{Chats.STATE} = :state")
            args["state"] = state
        if extra:
            where.append(extra)
        sql = f"SELECT {CHAT_COLUMNS} {_CHAT_FROM}{join} {STATE_JOIN}WHERE {' AND '.join(where)}"
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
        time, chat_id = f"c.{Chats.LAST_MESSAGE_US}", f"c.{Chats.ID}"
        if after is not None:
            op = ">" if oldest_first else "<"
            extra = f"({time} {op} :after_us OR ({time} = :after_us AND {chat_id} {op} :after_id))"
            params.update(after_us=after[0], after_id=after[1])
        sql, args = self._chat_query(section, state, extra, params)
        order = "ASC" if oldest_first else "DESC"
        sql += f" ORDER BY {time} {order}, {chat_id} {order} LIMIT :limit"
        return [chat_item(r) for r in self._conn.execute(sql, args)]

    def chats_by_id(
        self, section: str, state: str | None, ids: Iterable[str]
    ) -> dict[str, ChatItem]:
        """Which of these chats the section holds now, with their rows."""
        out: dict[str, ChatItem] = {}
        for part in _chunks(ids):
            names = {f"id{j}": v for j, v in enumerate(part)}
            extra = f"c.{Chats.ID} IN ({', '.join(':' + n for n in names)})"
            sql, args = self._chat_query(section, state, extra, names)
            for r in self._conn.execute(sql, args):
                item = chat_item(r)
                out[item.id] = item
        return out

    def _section_query(
        self, columns: str, section: str, state: str | None
    ) -> tuple[str, dict[str, Any]]:
        """SELECT `columns` over a section's chats in a state (None: any), unordered."""
        cond, args, needs_state = section_condition(section, self.me)
        join = f"JOIN {STATE_JOIN}" if needs_state else ""
        sql = f"SELECT {columns} FROM {Chats.TABLE} AS c {join}WHERE {cond}"
        if state is not None:
            sql += f" AND c.{Chats.STATE} = :state"
            args["state"] = state
        return sql, args

    def chat_ids(
        self, section: str = "all", state: str | None = "open", *, limit: int = 10_000
    ) -> list[str]:
        """The ids of a section's chats in list order, at most `limit` (the cache's
        answer to "all N chats that match" when the server cannot be asked)."""
        sql, args = self._section_query(f"c.{Chats.ID}", section, state)
        sql += f" ORDER BY c.{Chats.LAST_MESSAGE_US} DESC, c.{Chats.ID} DESC LIMIT :limit"
        args["limit"] = limit
        return [str(r[0]) for r in self._conn.execute(sql, args)]

    def chat_ids_of_customers(self, customer_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for part in _chunks(customer_ids):
            sql = (
                f"SELECT {Chats.ID} FROM {Chats.TABLE} "
                f"WHERE {Chats.CUSTOMER_ID} IN ({_marks(part)})"
            )
            out.update(r[0] for r in self._conn.execute(sql, part))
        return out

    def chat_count(self, section: str = "all", state: str | None = "open") -> int:
        sql, args = self._section_query("count(*)", section, state)
        row = self._conn.execute(sql, args).fetchone()
        return int(row[0]) if row else 0

    def search(
        self,
        query: str,
        *,
        state: str | None = None,
        section: str | None = None,
        limit: int = 50,
    ) -> list[SearchResult]:
        """Chats whose customer name, tags or messages hold the query (L5), newest
        first, in a section (None: all) and a state (None: any); see `search`."""
        from desktop.sync.search import search_cache  # it builds on this module's query

        return search_cache(self._conn, self.me, query, state=state, section=section, limit=limit)

    def chat(self, chat_id: str) -> dict[str, Any] | None:
        sql = f"SELECT {Chats.DATA} FROM {Chats.TABLE} WHERE {Chats.ID} = ?"
        return self._json(sql, chat_id)

    def chat_state(self, chat_id: str) -> dict[str, Any] | None:
        sql = f"SELECT {ChatState.DATA} FROM {ChatState.TABLE} WHERE {ChatState.CHAT_ID} = ?"
        return self._json(sql, chat_id)

    def customer(self, customer_id: str) -> dict[str, Any] | None:
        sql = f"SELECT {Customers.DATA} FROM {Customers.TABLE} WHERE {Customers.ID} = ?"
        return self._json(sql, customer_id)

    # ---- messages -----------------------------------------------------------------------

    def messages(
        self,
        chat_id: str,
        *,
        before: int | None = None,
        since: int | None = None,
        limit: int = 50,
    ) -> list[MessageItem]:
        """The newest `limit` messages with `since <= sort_key < before`, oldest first;
        pending and failed ones sort last (`layout.PENDING_BASE`)."""
        sql = f"SELECT {_MESSAGE_COLUMNS} FROM {Messages.TABLE} WHERE {Messages.CHAT_ID} = ?"
        params: list[Any] = [chat_id]
        if before is not None:
            sql += f" AND {Messages.SORT_KEY} < ?"
            params.append(before)
        if since is not None:
            sql += f" AND {Messages.SORT_KEY} >= ?"
            params.append(since)
        sql += f" ORDER BY {Messages.SORT_KEY} DESC LIMIT ?"
        params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [_message_item(r) for r in reversed(rows)]

    def messages_after(self, chat_id: str, after: int, *, limit: int = 50) -> list[MessageItem]:
        """The oldest `limit` messages with sort_key > `after`, oldest first (scrolling
        back down a long conversation whose newest rows were let go)."""
        sql = (
            f"SELECT {_MESSAGE_COLUMNS} FROM {Messages.TABLE} WHERE {Messages.CHAT_ID} = ? "
            f"AND {Messages.SORT_KEY} > ? ORDER BY {Messages.SORT_KEY} LIMIT ?"
        )
        rows = self._conn.execute(sql, (chat_id, after, limit)).fetchall()
        return [_message_item(r) for r in rows]

    def messages_by_id(self, chat_id: str, ids: Iterable[str]) -> dict[str, MessageItem]:
        out: dict[str, MessageItem] = {}
        for part in _chunks(ids):
            sql = (
                f"SELECT {_MESSAGE_COLUMNS} FROM {Messages.TABLE} "
                f"WHERE {Messages.CHAT_ID} = ? AND {Messages.ID} IN ({_marks(part)})"
            )
            for r in self._conn.execute(sql, [chat_id, *part]):
                item = _message_item(r)
                out[item.id] = item
        return out

    def history_from(self, chat_id: str) -> int | None:
        """Every message of the chat with seq >= this is cached (None: not known yet;
        0: all of them). Below it, ask the engine to load older ones."""
        sql = f"SELECT {Chats.HISTORY_FROM} FROM {Chats.TABLE} WHERE {Chats.ID} = ?"
        row = self._conn.execute(sql, (chat_id,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    # ---- sidebar and reference data -------------------------------------------------------

    def counts(self, state: str | None = None) -> dict[tuple[str, str, str], int]:
        """The server's sidebar counts: (scope, key, state) -> count; scope "" is shared,
        my manager id marks my own (unread, starred, sessions)."""
        sql = f"SELECT {Counts.SCOPE}, {Counts.KEY}, {Counts.STATE}, {Counts.COUNT} "
        sql += f"FROM {Counts.TABLE}"
        params: tuple[Any, ...] = ()
        if state is not None:
            sql += f" WHERE {Counts.STATE} = ?"
            params = (state,)
        return {(a, b, c): int(n) for a, b, c, n in self._conn.execute(sql, params)}

    def reference(self, entity: str) -> list[dict[str, Any]]:
        """manager, team, tag, macro, integration or customer_field rows, by name."""
        table = REFERENCE_TABLES.get(entity)
        if table is None:
            raise ValueError(f"unknown reference entity {entity!r}")
        sql = f"SELECT {Reference.DATA} FROM {table} ORDER BY {Reference.NAME}, {Reference.ID}"
        return [json.loads(d) for (d,) in self._conn.execute(sql)]

    def notifications(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """These notification entries (the server's, for me), oldest first."""
        out: list[dict[str, Any]] = []
        for part in _chunks(ids):
            sql = (
                f"SELECT {Notifications.DATA} FROM {Notifications.TABLE} "
                f"WHERE {Notifications.ID} IN ({_marks(part)})"
            )
            out.extend(json.loads(d) for (d,) in self._conn.execute(sql, part))
        out.sort(key=lambda n: (str(n.get("created_at") or ""), str(n.get("id"))))
        return out

    def unread_chats(self) -> int:
        """Chats with messages I have not read, in any state: the tray's and dock's badge.
        The server's own counts (the sidebar's Unread, summed over the states)."""
        sql = (
            f"SELECT coalesce(sum({Counts.COUNT}), 0) FROM {Counts.TABLE} "
            f"WHERE {Counts.SCOPE} = ? AND {Counts.KEY} = 'unread'"
        )
        row = self._conn.execute(sql, (self.me,)).fetchone()
        return int(row[0]) if row else 0

    def waiting(self) -> int:
        """Mutations in the outbox the server has not acknowledged yet."""
        sql = f"SELECT count(*) FROM {Outbox.TABLE} WHERE {Outbox.STATUS} = ?"
        row = self._conn.execute(sql, (OUTBOX_PENDING,)).fetchone()
        return int(row[0]) if row else 0

    # ---- uploads (issue 13) ---------------------------------------------------------------

    def uploads(self, message_id: str) -> list[UploadItem]:
        """The files of a message being written or waiting to go out, in the order
        attached ([] for any other message)."""
        sql = (
            f"SELECT {_UPLOAD_COLUMNS} FROM {Uploads.TABLE} WHERE {Uploads.MESSAGE_ID} = ? "
            f"ORDER BY {Uploads.POSITION}"
        )
        try:
            return [_upload_item(r) for r in self._conn.execute(sql, (message_id,))]
        except sqlite3.OperationalError:  # a file of an older version, not yet rebuilt
            return []

    def upload(self, upload_id: str) -> UploadItem | None:
        sql = f"SELECT {_UPLOAD_COLUMNS} FROM {Uploads.TABLE} WHERE {Uploads.ID} = ?"
        row = self._conn.execute(sql, (upload_id,)).fetchone()
        return None if row is None else _upload_item(row)

    def composer_uploads(self, chat_id: str) -> list[UploadItem]:
        """Files attached in a chat's composer and not sent yet (they survive a restart,
        like the draft); all share one message id, the one to send them with."""
        sql = (
            f"SELECT {_UPLOAD_COLUMNS} FROM {Uploads.TABLE} WHERE {Uploads.CHAT_ID} = ? "
            f"AND {Uploads.MESSAGE_ID} NOT IN (SELECT {Outgoing.MESSAGE_ID} FROM {Outgoing.TABLE}) "
            f"ORDER BY {Uploads.MESSAGE_ID}, {Uploads.POSITION}"
        )
        try:
            return [_upload_item(r) for r in self._conn.execute(sql, (chat_id,))]
        except sqlite3.OperationalError:
            return []

    def waiting_for_files(self, chat_id: str | None = None) -> list[str]:
        """Ids of messages sent and waiting for their files (of one chat, or all)."""
        sql = f"SELECT {Outgoing.MESSAGE_ID} FROM {Outgoing.TABLE}"
        params: tuple[Any, ...] = ()
        if chat_id is not None:
            sql += f" WHERE {Outgoing.CHAT_ID} = ?"
            params = (chat_id,)
        sql += f" ORDER BY {Outgoing.SORT_KEY}"
        try:
            return [str(m) for (m,) in self._conn.execute(sql, params)]
        except sqlite3.OperationalError:
            return []

    def _json(self, sql: str, *params: Any) -> dict[str, Any] | None:
        row = self._conn.execute(sql, params).fetchone()
        if row is None or row[0] is None:
            return None
        value = json.loads(row[0])
        return value if isinstance(value, dict) else None
