"""The chat list of one section (SPEC S1-S12, L1, L4): a window over the cache.

Rows are read a page at a time as the view scrolls (`canFetchMore`/`fetchMore`, keyset
paging, one load at a time). When the engine says which chats changed, only those are
re-read: a row that changed in place is repainted, one that moved is moved (so the
selection follows it), one that left the section is removed and one that joined is
inserted where it sorts - or left for a later page if it sorts below the loaded window.
More than a few at once (a catch-up's chunk) re-read the loaded window in one query and
tell the view one layout change, the selection following its chat: a hundred row moves
each relayout the view and read a row apiece, this reads the window once and relayouts it
once. Too many at once (a bootstrap page, a resync) reset the model after that read.

Held (L1 held still, issue 14): while the agent is aiming at the list (`set_held(True)`,
decided by the view), no row moves, joins or leaves: a changed row is rewritten in place,
and the chats that would join, move or leave are only counted (`pending`, told by
`pendingChanged`) until `release()` re-reads the window as one layout change, the
selection following its chats. Rows are found by id (`_pos`), not by their sort key, as
rows rewritten in place no longer sort.
"""

from __future__ import annotations

from collections.abc import Callable
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

from desktop.models.format import preview_text
from desktop.sync.changed import ChangedIds
from desktop.sync.items import ChatItem
from desktop.sync.reads import CacheReader

Index = QModelIndex | QPersistentModelIndex


class ChatRoles(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the ChatItem
    ID = Qt.ItemDataRole.UserRole + 2
    PREVIEW = Qt.ItemDataRole.UserRole + 3


class ChatListModel(QAbstractListModel):
    PAGE = 100
    RESET_ABOVE = 300  # more changed chats than this in one batch: re-read the window
    LAYOUT_ABOVE = 16  # more than this: re-read the window, told as one layout change

    sectionChanged = Signal(str, str)
    pendingChanged = Signal(int)  # chats waiting to join, move or leave while held

    def __init__(
        self,
        reader: CacheReader,
        *,
        section: str = "all",
        state: str = "open",
        oldest_first: bool = False,
        page: int = PAGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._section = section
        self._state = state
        self._oldest_first = oldest_first
        self._page = page
        self._rows: list[ChatItem] = []
        self._by_id: dict[str, ChatItem] = {}
        self._more = True
        self._loading = False
        self._pos: dict[str, int] | None = None  # id -> row, rebuilt after a structural change
        self._tail: tuple[int, str] | None = None  # the paging cursor: the last row as read
        self._held = False
        self._pending: set[str] = set()
        self._stale = False  # a change too big to count arrived while held
        self._load_first()

    # ---- what it shows --------------------------------------------------------------

    @property
    def section(self) -> str:
        return self._section

    @property
    def state(self) -> str:
        return self._state

    @property
    def reader(self) -> CacheReader:
        return self._reader

    @property
    def has_more(self) -> bool:
        return self._more

    def set_section(self, section: str, state: str | None = None) -> None:
        state = state or self._state
        if (section, state) == (self._section, self._state):
            return
        self._section, self._state = section, state
        self._loading = True
        try:
            self.beginResetModel()
            self._rows, self._by_id, self._more = [], {}, True
            self._load_first()
            self.endResetModel()
        finally:
            self._loading = False
        self._clear_pending()
        self.sectionChanged.emit(section, state)

    def set_oldest_first(self, oldest_first: bool) -> None:
        if oldest_first != self._oldest_first:
            self._oldest_first = oldest_first
            self.refresh(minimum=self._page)

    def item(self, row: int) -> ChatItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, chat_id: str) -> int | None:
        if chat_id not in self._by_id:
            return None
        if self._pos is None:
            self._pos = {r.id: i for i, r in enumerate(self._rows)}
        return self._pos.get(chat_id)

    # ---- holding still (the view decides when) ------------------------------------------

    @property
    def held(self) -> bool:
        return self._held

    @property
    def pending(self) -> int:
        """How many chats wait to join, move or leave (at least 1 after a big change)."""
        return max(len(self._pending), 1 if self._stale else 0)

    def set_held(self, held: bool) -> None:
        """Hold the order still, or let go (applying what waits)."""
        if held == self._held:
            return
        self._held = held
        if not held:
            self.release()

    def release(self) -> None:
        """Apply what waits now (the "N new" pill was clicked, or the hold ended)."""
        if self._pending or self._stale:
            self._reread()
        self._clear_pending()

    def _clear_pending(self) -> None:
        if self._pending or self._stale:
            self._pending, self._stale = set(), False
            self.pendingChanged.emit(0)

    def lookup(self, chat_id: str) -> ChatItem | None:
        """A chat's row from the cache, whether or not this list holds it."""
        return self._reader.chats_by_id("all", None, [chat_id]).get(chat_id)

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

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
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return item.customer_name
            case ChatRoles.ITEM:
                return item
            case ChatRoles.ID:
                return item.id
            case ChatRoles.PREVIEW:
                return preview_text(str(item.chat.get("last_message_preview") or ""))
            case Qt.ItemDataRole.ToolTipRole | Qt.ItemDataRole.AccessibleTextRole:
                preview = preview_text(str(item.chat.get("last_message_preview") or ""))
                return f"{item.customer_name}: {preview}" if preview else item.customer_name
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[ChatRoles.ITEM] = QByteArray(b"item")
        names[ChatRoles.ID] = QByteArray(b"chatId")
        names[ChatRoles.PREVIEW] = QByteArray(b"preview")
        return names

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._loading or not self._more:
            return
        self._loading = True
        try:
            after = self._tail if self._rows else None
            page = self._read(after=after, limit=self._page)
            self._more = len(page) == self._page
            if page:
                self._tail = page[-1].key
            fresh = [r for r in page if r.id not in self._by_id]
            if fresh:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                self._rows.extend(fresh)
                self._by_id.update((r.id, r) for r in fresh)
                if self._pos is not None:
                    self._pos.update((r.id, first + i) for i, r in enumerate(fresh))
                self.endInsertRows()
        finally:
            self._loading = False

    # ---- the engine's news ----------------------------------------------------------------

    def apply_changes(self, changed: ChangedIds) -> None:
        if changed.reset and self._held:
            self._hold_all()
            return
        if changed.reset:
            self.refresh()
            return
        ids = set(changed.chats) | set(changed.chat_states) | set(changed.deleted_chats)
        if changed.customers:
            ids |= {r.id for r in self._rows if r.chat.get("customer_id") in changed.customers}
        if not ids:
            return
        if self._held:
            self._hold(ids, set(changed.deleted_chats))
            return
        if len(ids) > self.RESET_ABOVE:
            self.refresh()
            return
        if len(ids) > self.LAYOUT_ABOVE:
            self._reread()
            return
        now = self._reader.chats_by_id(self._section, self._state, ids - changed.deleted_chats)
        # A view (or Qt's model tester) may ask for more rows while a change is being
        # announced; it is told there are none until the changes are all made.
        self._loading = True
        try:
            for chat_id in sorted(ids):
                self._update_one(chat_id, now.get(chat_id))
        finally:
            self._loading = False

    def refresh(self, minimum: int = 0) -> None:
        """Re-read the loaded window (at least a page) in one query: a cheap reset."""
        want = max(len(self._rows), self._page, minimum)
        self._loading = True
        try:
            self.beginResetModel()
            self._set_rows(self._read(after=None, limit=want))
            self._more = len(self._rows) == want
            self.endResetModel()
        finally:
            self._loading = False
        self._clear_pending()

    # ---- inside ---------------------------------------------------------------------------

    def _reread(self) -> None:
        """Re-read the loaded window (at least a page) and tell it as one layout change:
        the persistent indexes (the selection, the current row) follow their chats; those
        whose chat left the window become invalid, as a removal leaves them."""
        want = max(len(self._rows), self._page)
        self._loading = True
        try:
            rows = self._read(after=None, limit=want)
            self.layoutAboutToBeChanged.emit()
            before = self.persistentIndexList()
            held = [self._rows[ix.row()].id for ix in before]
            self._set_rows(rows)
            self._more = len(rows) == want
            at = {r.id: i for i, r in enumerate(rows)}
            after = [self.index(at[i]) if i in at else QModelIndex() for i in held]
            self.changePersistentIndexList(before, after)
            self.layoutChanged.emit()
            if rows:  # rows written in place: repainted, the open chat's header checked
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
        finally:
            self._loading = False

    def _read(self, *, after: tuple[int, str] | None, limit: int) -> list[ChatItem]:
        return self._reader.chat_rows(
            self._section,
            self._state,
            after=after,
            limit=limit,
            oldest_first=self._oldest_first,
        )

    def _load_first(self) -> None:
        self._set_rows(self._read(after=None, limit=self._page))
        self._more = len(self._rows) == self._page

    def _set_rows(self, rows: list[ChatItem]) -> None:
        self._rows = rows
        self._by_id = {r.id: r for r in rows}
        self._pos = None
        self._tail = rows[-1].key if rows else None

    def _hold(self, ids: set[str], deleted: set[str]) -> None:
        """Held: rewrite the loaded rows in place; count the rest as waiting. A row that
        left the section stays (showing its chat as it is now, e.g. closed) until the
        release; a deleted chat's row goes at once (there is nothing left to open)."""
        now = self._reader.chats_by_id(self._section, self._state, ids - deleted)
        gone = [i for i in ids - set(now) - deleted if i in self._by_id]
        elsewhere = self._reader.chats_by_id("all", None, gone) if gone else {}
        before = self.pending
        self._loading = True
        try:
            for chat_id in sorted(ids):
                old = self._by_id.get(chat_id)
                item = now.get(chat_id)
                if old is None:
                    if item is not None and self._would_show(item):
                        self._pending.add(chat_id)
                    continue
                pos = self.row_of(chat_id)
                if chat_id in deleted or pos is None:
                    if pos is not None:
                        self._remove(pos)
                    self._pending.discard(chat_id)
                    continue
                if item is None:
                    self._pending.add(chat_id)
                    item = elsewhere.get(chat_id, old)
                elif item.key != old.key:
                    self._pending.add(chat_id)
                if item != old:
                    self._rows[pos] = item
                    self._by_id[chat_id] = item
                    ix = self.index(pos)
                    self.dataChanged.emit(ix, ix)
        finally:
            self._loading = False
        if self.pending != before:
            self.pendingChanged.emit(self.pending)

    def _hold_all(self) -> None:
        """Held through a reset (a resync): rewrite the loaded rows in place; the order
        waits for the release."""
        before = self.pending
        self._stale = True
        self._hold({r.id for r in self._rows}, set())
        if self.pending != before:
            self.pendingChanged.emit(self.pending)

    def _would_show(self, item: ChatItem) -> bool:
        """Whether a chat joining the section would land in the loaded window."""
        if not self._rows:
            return True
        before = self._before()
        return not self._more or before(item.key, self._rows[-1].key)

    def _before(self) -> Callable[[tuple[int, str], tuple[int, str]], bool]:
        """Whether key a comes before key b in the list's order."""
        if self._oldest_first:
            return lambda a, b: a < b
        return lambda a, b: a > b

    def _insertion_point(self, key: tuple[int, str], rows: list[ChatItem]) -> int:
        before = self._before()
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if before(rows[mid].key, key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _update_one(self, chat_id: str, item: ChatItem | None) -> None:
        old = self._by_id.get(chat_id)
        pos = None if old is None else self.row_of(chat_id)
        if item is None:
            if pos is not None:
                self._remove(pos)
            return
        if pos is None:
            at = self._insertion_point(item.key, self._rows)
            if at == len(self._rows) and (self._more or len(self._rows) >= self._page):
                self._more = True  # below the loaded window: a later page brings it
                return
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, item)
            self._by_id[chat_id] = item
            self._pos = None
            if at == len(self._rows) - 1:
                self._tail = item.key
            self.endInsertRows()
            return
        assert old is not None
        if old.key == item.key:
            if old != item:
                self._rows[pos] = item
                self._by_id[chat_id] = item
                ix = self.index(pos)
                self.dataChanged.emit(ix, ix)
            return
        rest = self._rows[:pos] + self._rows[pos + 1 :]
        at = self._insertion_point(item.key, rest)
        if at == len(rest) and self._more:
            self._remove(pos)  # it sorts below the loaded window now
            return
        dest = at if at <= pos else at + 1
        if dest not in (pos, pos + 1):
            self.beginMoveRows(QModelIndex(), pos, pos, QModelIndex(), dest)
            self._rows.pop(pos)
            self._rows.insert(at, item)
            self._by_id[chat_id] = item
            self._pos = None
            self._tail = self._rows[-1].key
            self.endMoveRows()
        else:
            self._rows[pos] = item
            self._by_id[chat_id] = item
            self._tail = self._rows[-1].key
        ix = self.index(at)
        self.dataChanged.emit(ix, ix)

    def _remove(self, pos: int) -> None:
        self.beginRemoveRows(QModelIndex(), pos, pos)
        gone = self._rows.pop(pos)
        self._by_id.pop(gone.id, None)
        self._pos = None
        if not self._held:
            self._tail = self._rows[-1].key if self._rows else None
        self.endRemoveRows()
