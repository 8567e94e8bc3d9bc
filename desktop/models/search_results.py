"""Search results (L5): chats found by a query, from the cache at once, then the server's.

As the agent types, `set_query` answers from the cache (`CacheReader.search`, a quick
read on the GUI thread). The server is asked for what the cache does not hold: the model
says so with `serverWanted` (query, state, cursor) when it is first shown and again as
the view scrolls to the end (`fetchMore`); the controller answers with `add_server`.
Server results for a chat already listed are dropped (the cache's line is as fresh), and
an answer for an older query is ignored. Rows changed by the feed are re-read in place.
Every text is plain text: the excerpt and spans are drawn, never interpreted.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.sync.changed import ChangedIds
from desktop.sync.items import SearchResult
from desktop.sync.reads import CacheReader

Index = QModelIndex | QPersistentModelIndex


class SearchRoles(IntEnum):
    RESULT = Qt.ItemDataRole.UserRole + 1  # the SearchResult
    ID = Qt.ItemDataRole.UserRole + 2  # the chat's id
    MESSAGE_ID = Qt.ItemDataRole.UserRole + 3  # the message found, if any
    ITEM = Qt.ItemDataRole.UserRole + 4  # the ChatItem


class SearchResultsModel(QAbstractListModel):
    LIMIT = 50  # results from the cache per query (more come from the server on scroll)
    PAGE = 50  # results from the server per page

    serverWanted = Signal(str, str, object)  # query, state, cursor (None: first page)
    searched = Signal(str)  # the cache answered this query (the view may paint it)
    serverAnswered = Signal()  # the server's page came, or it could not be asked

    def __init__(self, reader: CacheReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._query = ""
        self._state = "open"
        self._rows: list[SearchResult] = []
        self._ids: set[str] = set()
        self._cursor: str | None = None
        self._server_done = True  # nothing more to ask the server
        self._asking = False
        self.server_failed = False  # the last ask failed (offline): say so, try on scroll

    # ---- what it shows ----------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def state(self) -> str:
        return self._state

    @property
    def asking(self) -> bool:
        """The server is being asked for (more) results."""
        return self._asking

    def set_query(self, query: str, state: str = "open") -> None:
        """Answer from the cache now; the server is asked when the view wants more."""
        query = query.strip()
        if (query, state) == (self._query, self._state):
            return
        rows = self._reader.search(query, state=state, limit=self.LIMIT) if query else []
        self.beginResetModel()
        self._query, self._state = query, state
        self._rows = list(rows)
        self._ids = {r.id for r in rows}
        self._cursor = None
        self._server_done = not query
        self._asking = False
        self.server_failed = False
        self.endResetModel()
        self.searched.emit(query)

    def result(self, row: int) -> SearchResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def row_of(self, chat_id: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == chat_id:
                return i
        return None

    # ---- the server's part --------------------------------------------------------------

    def ask_server(self) -> None:
        """Ask the server for its next page (if there is one and none is on its way)."""
        if self._server_done or self._asking or not self._query:
            return
        self._asking = True
        self.serverWanted.emit(self._query, self._state, self._cursor)

    def add_server(
        self, query: str, state: str, results: list[SearchResult], cursor: str | None
    ) -> None:
        """The server's page for (query, state); ignored if the agent typed on since."""
        if (query, state) != (self._query, self._state):
            return
        self._asking = False
        self.server_failed = False
        self._cursor = cursor
        self._server_done = cursor is None
        fresh = list({r.id: r for r in results if r.id not in self._ids}.values())
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._ids.update(r.id for r in fresh)
            self.endInsertRows()
        self.serverAnswered.emit()

    def server_failed_for(self, query: str, state: str) -> None:
        """The server could not be asked (offline): the cache's results stay."""
        if (query, state) == (self._query, self._state):
            self._asking = False
            self.server_failed = True
            self._server_done = True
            self.serverAnswered.emit()

    # ---- the engine's news ------------------------------------------------------------

    def apply_changes(self, changed: ChangedIds) -> None:
        """Rewrite the listed chats that changed (in place: results do not re-sort under
        the agent); a deleted chat leaves."""
        ids = (set(changed.chats) | set(changed.chat_states)) & self._ids
        for chat_id in set(changed.deleted_chats) & self._ids:
            row = self.row_of(chat_id)
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._rows.pop(row)
                self._ids.discard(chat_id)
                self.endRemoveRows()
        if not ids:
            return
        now = self._reader.chats_by_id("all", None, ids)
        for chat_id, item in now.items():
            row = self.row_of(chat_id)
            if row is not None and self._rows[row].item != item:
                old = self._rows[row]
                self._rows[row] = SearchResult(
                    item, old.field, old.text, old.spans, old.message_id, old.source
                )
                ix = self.index(row)
                self.dataChanged.emit(ix, ix)

    # ---- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        r = self._rows[row]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return r.item.customer_name
            case Qt.ItemDataRole.ToolTipRole | Qt.ItemDataRole.AccessibleTextRole:
                return f"{r.item.customer_name}: {r.text}" if r.text else r.item.customer_name
            case SearchRoles.RESULT:
                return r
            case SearchRoles.ID:
                return r.id
            case SearchRoles.MESSAGE_ID:
                return r.message_id
            case SearchRoles.ITEM:
                return r.item
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[SearchRoles.RESULT] = QByteArray(b"result")
        names[SearchRoles.ID] = QByteArray(b"chatId")
        names[SearchRoles.MESSAGE_ID] = QByteArray(b"messageId")
        names[SearchRoles.ITEM] = QByteArray(b"item")
        return names

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._server_done and not self._asking

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self.ask_server()
