"""One chat's conversation (SPEC C1, C4): its messages from the cache, oldest at the top.

Opening a chat shows its newest page from the cache at once. Scrolling to the top reads
older ones from the cache, as far as the cache is known to hold every message
(`history_from`); below that the model asks for a page from the server
(`olderWanted`), and the engine's news then brings those rows in. Pending messages sort
after every confirmed one (the sync layer's sort key) and move into place when the feed
confirms them; failed ones stay with their reason. The model only reads the cache: the
network is the controller's business.
Each row also says what is drawn around it: the date above it when it starts a new day
on the agent's clock (`DAY`), and under the last reply the customer has read their
avatar, under a reply delivered to an external messenger a V (`RECEIPT`, C3). System
events read as a sentence (`conversation_text`).
A message the agent sends appears as the cache's pending row, once its outbox write has
committed: nothing is shown before it is durable.
"""

from __future__ import annotations

import time
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.models.conversation_text import day_label, event_text, local_day
from desktop.models.directory import Directory
from desktop.models.format import message_text
from desktop.sync.changed import ChangedIds
from desktop.sync.items import MessageItem
from desktop.sync.reads import CacheReader

Index = QModelIndex | QPersistentModelIndex
RETRY_AFTER = 3.0  # seconds before asking the server again after a failure


class MessageRoles(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the MessageItem
    ID = Qt.ItemDataRole.UserRole + 2
    AUTHOR = Qt.ItemDataRole.UserRole + 3  # a name to show, "" for none
    IS_NOTE = Qt.ItemDataRole.UserRole + 4
    IS_MINE = Qt.ItemDataRole.UserRole + 5
    DAY = Qt.ItemDataRole.UserRole + 6  # the date above this row ("" if same day as before)
    RECEIPT = Qt.ItemDataRole.UserRole + 7  # "read", "delivered", "failed" or ""
    DELIVERY_ERROR = Qt.ItemDataRole.UserRole + 8  # why a "failed" reply was not delivered


def _is_reply_out(m: dict[str, Any]) -> bool:
    """A reply from the team to the customer (what the customer reads)."""
    return m.get("kind") == "reply" and m.get("author_kind") in ("manager", "bot")


class MessageListModel(QAbstractListModel):
    PAGE = 50
    RESET_ABOVE = 200

    WINDOW = 200  # rows held at most: a long conversation is a window that moves (C4)

    # (chat id, before seq or None): the cache has no older messages; ask the server.
    olderWanted = Signal(str, object)
    chatChanged = Signal(str)
    # Around a page added at one end (and rows let go at the other): the view keeps the
    # row it shows where it is, rather than an edge.
    windowAboutToMove = Signal()
    windowMoved = Signal()

    def __init__(
        self,
        reader: CacheReader,
        directory: Directory | None = None,
        *,
        page: int = PAGE,
        window: int = WINDOW,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = max(window, 2 * page)
        self._detached = False  # the newest rows were let go (scrolled far up)
        self._reader = reader
        self._directory = directory
        self._page = page
        self._chat_id: str | None = None
        self._customer_name = ""
        self._rows: list[MessageItem] = []
        self._by_id: dict[str, MessageItem] = {}
        self._days: dict[str, int] = {}  # message id -> its local day (conversation_text)
        self._read_id: str | None = None  # the last reply the customer has read (C3)
        # the next older page, read ahead while idle: ((chat id, before), rows)
        self._peeked: tuple[tuple[str, int | None], list[MessageItem]] | None = None
        self._asking = False  # a server page was asked for and has not come
        self._failed_at = -1e9  # when asking the server last failed (monotonic)

    # ---- what it shows ----------------------------------------------------------------

    @property
    def chat_id(self) -> str | None:
        return self._chat_id

    @property
    def detached(self) -> bool:
        """The newest messages are not held (the agent is reading far up)."""
        return self._detached

    def load_newer(self) -> bool:
        """The agent scrolled back down to the bottom of a window that let the newest
        rows go: the next page from the cache. Returns whether rows were added."""
        if self._chat_id is None or not self._detached or not self._rows:
            return False
        page = self._reader.messages_after(self._chat_id, self._rows[-1].sort_key, limit=self._page)
        page = [m for m in page if m.id not in self._by_id]
        if len(page) < self._page:
            self._detached = False  # that was the newest
        if not page:
            return False
        self.windowAboutToMove.emit()
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at + len(page) - 1)
        self._rows.extend(page)
        self._by_id.update((m.id, m) for m in page)
        self.endInsertRows()
        over = len(self._rows) - self._window
        if over > 0:
            self.beginRemoveRows(QModelIndex(), 0, over - 1)
            for m in self._rows[:over]:
                self._by_id.pop(m.id, None)
            del self._rows[:over]
            self.endRemoveRows()
            ix = self.index(0)
            self.dataChanged.emit(ix, ix)  # the first row shows its date again
        self._receipt_moved()
        self.windowMoved.emit()
        return True

    @property
    def customer_name(self) -> str:
        return self._customer_name

    @property
    def asking(self) -> bool:
        return self._asking

    def set_chat(self, chat_id: str | None, customer_name: str = "") -> None:
        self._customer_name = customer_name
        if chat_id == self._chat_id:
            return
        self._chat_id = chat_id
        self._asking = False
        self._detached = False
        self.beginResetModel()
        self._rows, self._by_id = [], {}
        if chat_id is not None:
            self._set_rows(self._reader.messages(chat_id, since=self._floor(), limit=self._page))
        self._read_id = self._last_read()
        self.endResetModel()
        self.chatChanged.emit(chat_id or "")
        if chat_id is not None and len(self._rows) < self._page:
            self._ask_server()

    def item(self, row: int) -> MessageItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, message_id: str) -> int | None:
        item = self._by_id.get(message_id)
        return None if item is None else self._find(item.sort_key)

    def load_older(self) -> bool:
        """The agent scrolled to the top: older rows from the cache, else from the
        server. Returns whether rows were added now."""
        if self._chat_id is None:
            return False
        oldest = self._rows[0].sort_key if self._rows else None
        page = self._older_page(oldest)
        page = [m for m in page if m.id not in self._by_id]
        self._prepend(page)
        if len(page) < self._page:
            self._ask_server()
        return bool(page)

    def _older_page(self, oldest: int | None) -> list[MessageItem]:
        assert self._chat_id is not None
        peeked, self._peeked = self._peeked, None
        if peeked is not None and peeked[0] == (self._chat_id, oldest):
            return peeked[1]
        return self._reader.messages(
            self._chat_id, before=oldest, since=self._floor(), limit=self._page
        )

    def peek_older(self) -> list[tuple[MessageItem, str, str, str, str]]:
        """The page `load_older` would add next, read now (kept for it), with what the
        delegate needs to lay it out ahead: date line, receipt, author, event sentence."""
        if self._chat_id is None or not self._rows:
            return []
        oldest = self._rows[0].sort_key
        page = self._reader.messages(
            self._chat_id, before=oldest, since=self._floor(), limit=self._page
        )
        self._peeked = ((self._chat_id, oldest), page)
        out = []
        before = 0
        for i, item in enumerate(page):
            day = self._day(item)
            label = day_label(day) if i == 0 or day != before else ""
            before = day
            m = item.message
            event = ""
            if m.get("kind") == "event":
                event = event_text(dict((m.get("blocks") or [{}])[0]), self._directory)
            out.append((item, label, self._receipt(item), self._author(m), event))
        return out

    def older_done(self, chat_id: str, *, more: bool | None) -> None:
        """The controller's answer to `olderWanted` (more None: the request failed)."""
        if chat_id != self._chat_id:
            return
        self._asking = False
        if more is None:
            self._failed_at = time.monotonic()
        else:
            self._take_older()

    # ---- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        m = item.message
        match role:
            case Qt.ItemDataRole.DisplayRole:
                if m.get("kind") == "event":
                    blocks = m.get("blocks") or [{}]
                    return event_text(dict(blocks[0]), self._directory)
                return message_text(list(m.get("blocks") or []))
            case MessageRoles.DAY:
                return self._day_above(row)
            case MessageRoles.RECEIPT:
                return self._receipt(item)
            case MessageRoles.DELIVERY_ERROR:
                return str(m.get("delivery_error") or "")
            case MessageRoles.ITEM:
                return item
            case MessageRoles.ID:
                return item.id
            case MessageRoles.AUTHOR:
                return self._author(m)
            case MessageRoles.IS_NOTE:
                return m.get("kind") == "note"
            case MessageRoles.IS_MINE:
                return m.get("author_kind") == "manager" and (
                    self._directory is None or str(m.get("author_id")) == self._directory.me
                )
        return None

    def decor(self, row: int) -> tuple[MessageItem, str, str] | None:
        """The row's item, the date above it and its receipt, in one call (what the
        delegate's size hint needs, for every row at each layout)."""
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        return item, self._day_above(row), self._receipt(item)

    def _day_above(self, row: int) -> str:
        day = self._day(self._rows[row])
        if row > 0 and self._day(self._rows[row - 1]) == day:
            return ""
        return day_label(day)

    def _receipt(self, item: MessageItem) -> str:
        if item.id == self._read_id:
            return "read"
        m = item.message
        if _is_reply_out(m) and m.get("delivered_at") and not item.pending:
            return "delivered"
        if _is_reply_out(m) and m.get("delivery_error") and not item.pending:
            return "failed"  # the messenger never took it (U3): the reason is its tooltip
        return ""

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[MessageRoles.ITEM] = QByteArray(b"item")
        names[MessageRoles.ID] = QByteArray(b"messageId")
        names[MessageRoles.AUTHOR] = QByteArray(b"author")
        names[MessageRoles.IS_NOTE] = QByteArray(b"isNote")
        names[MessageRoles.IS_MINE] = QByteArray(b"isMine")
        names[MessageRoles.DAY] = QByteArray(b"day")
        names[MessageRoles.RECEIPT] = QByteArray(b"receipt")
        names[MessageRoles.DELIVERY_ERROR] = QByteArray(b"deliveryError")
        return names

    # ---- the engine's news ----------------------------------------------------------------

    def apply_changes(self, changed: ChangedIds) -> None:
        self._peeked = None  # the cache changed: read again
        chat_id = self._chat_id
        if chat_id is None:
            return
        if chat_id in changed.deleted_chats:
            self.set_chat(None)
            return
        if changed.reset:
            self.reload()
            return
        ids = changed.messages.get(chat_id)
        if not ids:
            return
        if len(ids) > self.RESET_ABOVE or not self._rows:
            self.reload()
            self._take_older()
            return
        now = self._reader.messages_by_id(chat_id, ids)
        older = False
        if self._detached and any(i.pending for i in now.values() if i.id not in self._by_id):
            self.reload()  # the agent wrote: back to the newest
            return
        for message_id in sorted(ids):
            item = now.get(message_id)
            if (
                self._detached
                and item is not None
                and item.id not in self._by_id
                and item.sort_key > self._rows[-1].sort_key
            ):
                continue  # beyond the window: read when scrolled down to
            if (
                item is not None
                and item.id not in self._by_id
                and item.sort_key < self._rows[0].sort_key
            ):
                older = True  # a page from the server: taken below, in order
                continue
            self._update_one(message_id, item)
        if older:
            self._asking = False
            self._take_older()

    def reload(self) -> None:
        """Re-read the newest rows (as many as shown, at least a page): a cheap reset."""
        if self._chat_id is None:
            return
        want = min(max(len(self._rows), self._page), self._window)
        self._detached = False
        self.beginResetModel()
        self._set_rows(self._reader.messages(self._chat_id, since=self._floor(), limit=want))
        self._read_id = self._last_read()
        self.endResetModel()

    # ---- inside ---------------------------------------------------------------------------

    def _set_rows(self, rows: list[MessageItem]) -> None:
        self._rows = rows
        self._by_id = {m.id: m for m in rows}
        self._days = {}

    def _day(self, item: MessageItem) -> int:
        day = self._days.get(item.id)
        if day is None:
            day = self._days[item.id] = local_day(str(item.message.get("created_at") or ""))
        return day

    def _last_read(self) -> str | None:
        for item in reversed(self._rows):
            if _is_reply_out(item.message) and item.message.get("customer_read_at"):
                return item.id
        return None

    def _receipt_moved(self) -> None:
        """The customer read further (or a row came or went): the avatar moves. Not
        while the newest rows are let go: the last read may be among them."""
        if self._detached:
            return
        new = self._last_read()
        if new == self._read_id:
            return
        old, self._read_id = self._read_id, new
        for message_id in (old, new):
            row = self.row_of(message_id) if message_id else None
            if row is not None:
                ix = self.index(row)
                self.dataChanged.emit(ix, ix)

    def _floor(self) -> int | None:
        """The lowest sort key known to be gap-free (None: show what is cached)."""
        if self._chat_id is None:
            return None
        start = self._reader.history_from(self._chat_id)
        return start if start else None

    def _ask_server(self) -> None:
        if self._chat_id is None or self._asking:
            return
        if self._reader.history_from(self._chat_id) == 0:
            return  # the cache holds every message
        if time.monotonic() - self._failed_at < RETRY_AFTER:
            return  # it just failed (offline?): not again at every turn of the wheel
        confirmed = [m.seq for m in self._rows if m.seq is not None]
        self._asking = True
        self.olderWanted.emit(self._chat_id, min(confirmed) if confirmed else None)

    def _take_older(self) -> None:
        """Bring in cached rows older than the oldest shown, as far as they are
        gap-free (after a page from the server landed)."""
        if self._chat_id is None or not self._rows:
            return
        page = self._reader.messages(
            self._chat_id, before=self._rows[0].sort_key, since=self._floor(), limit=self._page
        )
        page = [m for m in page if m.id not in self._by_id]
        self._prepend(page)

    def _prepend(self, page: list[MessageItem]) -> None:
        """Older rows above the shown ones. The row that was first may lose its date
        (the same day as the row now above it): it is told to lay itself out again."""
        if not page:
            return
        self.windowAboutToMove.emit()
        self.beginInsertRows(QModelIndex(), 0, len(page) - 1)
        self._rows[0:0] = page
        self._by_id.update((m.id, m) for m in page)
        self.endInsertRows()
        if len(self._rows) > len(page):
            ix = self.index(len(page))
            self.dataChanged.emit(ix, ix)
        over = len(self._rows) - self._window
        if over > 0:  # let the newest go: they come back when scrolled down to
            first = len(self._rows) - over
            self.beginRemoveRows(QModelIndex(), first, len(self._rows) - 1)
            for m in self._rows[first:]:
                self._by_id.pop(m.id, None)
            del self._rows[first:]
            self.endRemoveRows()
            self._detached = True
            if self._read_id is not None and self._read_id not in self._by_id:
                self._read_id = None  # its row went; while detached, none is shown
        self.windowMoved.emit()
        if self._read_id is None and not self._detached:  # only the new rows can hold it
            for item in reversed(page):
                if _is_reply_out(item.message) and item.message.get("customer_read_at"):
                    self._read_id = item.id
                    ix = self.index(self._find(item.sort_key) or 0)
                    self.dataChanged.emit(ix, ix)
                    break

    def _insertion_point(self, key: int, rows: list[MessageItem]) -> int:
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if rows[mid].sort_key < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _find(self, key: int) -> int | None:
        i = self._insertion_point(key, self._rows)
        return i if i < len(self._rows) and self._rows[i].sort_key == key else None

    def _update_one(self, message_id: str, item: MessageItem | None) -> None:
        old = self._by_id.get(message_id)
        pos = None if old is None else self._find(old.sort_key)
        self._days.pop(message_id, None)
        if item is None:
            if pos is not None:
                self.beginRemoveRows(QModelIndex(), pos, pos)
                self._rows.pop(pos)
                self._by_id.pop(message_id, None)
                self.endRemoveRows()
                self._neighbour_changed(pos)
                self._receipt_moved()
            return
        if pos is None:
            at = self._insertion_point(item.sort_key, self._rows)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, item)
            self._by_id[message_id] = item
            self.endInsertRows()
            self._neighbour_changed(at + 1)
            self._receipt_moved()
            return
        if old == item:
            return
        assert old is not None
        rest = self._rows[:pos] + self._rows[pos + 1 :]
        at = self._insertion_point(item.sort_key, rest)
        dest = at if at <= pos else at + 1
        if old.sort_key != item.sort_key and dest not in (pos, pos + 1):
            self.beginMoveRows(QModelIndex(), pos, pos, QModelIndex(), dest)
            self._rows.pop(pos)
            self._rows.insert(at, item)
            self._by_id[message_id] = item
            self.endMoveRows()
            self._neighbour_changed(pos)
        else:
            self._rows[pos] = item
            self._by_id[message_id] = item
            at = pos
        ix = self.index(at)
        self.dataChanged.emit(ix, ix)
        self._neighbour_changed(at + 1)
        self._receipt_moved()

    def _neighbour_changed(self, row: int) -> None:
        """The row above this one changed: its date line may come or go."""
        if 0 <= row < len(self._rows):
            ix = self.index(row)
            self.dataChanged.emit(ix, ix)

    def _author(self, m: dict[str, Any]) -> str:
        match m.get("author_kind"):
            case "customer":
                return self._customer_name
            case "manager":
                if self._directory is None:
                    return ""
                return self._directory.manager_name(m.get("author_id"))
            case "bot":
                return QCoreApplication.translate("Messages", "Bot")
        return ""
