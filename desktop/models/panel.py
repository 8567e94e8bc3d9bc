"""What the side panel shows of the open chat (SPEC P1-P7), read from the cache.

`PanelData` follows the open chat: its row, its customer and the workspace's profile
fields, the customer's page visits and other chats, the messages sent to them, and the
chat's files and links. It re-reads only what a change touches (the customer, the
customer's chats, the chat's messages) and says so with `changed(part)`. The lists are
`PanelRows` models (plain text rows with a detail line), which the panel's views show.
"""

from __future__ import annotations

from dataclasses import dataclass
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

from desktop.i18n import translate
from desktop.models.format import clock, parse_time
from desktop.models.row_labels import state_label
from desktop.sync import panel_reads
from desktop.sync.changed import ChangedIds
from desktop.sync.items import ChatItem
from desktop.sync.panel_reads import Exchanged, hashtags
from desktop.sync.reads import CacheReader

Index = QModelIndex | QPersistentModelIndex

__all__ = ["PanelData", "PanelRoles", "PanelRow", "PanelRows", "hashtags"]


class PanelRoles(IntEnum):
    DETAIL = Qt.ItemDataRole.UserRole + 1  # the quieter second line
    KEY = Qt.ItemDataRole.UserRole + 2  # what a click acts on (chat id, url, file id)
    PAYLOAD = Qt.ItemDataRole.UserRole + 3  # the row's object (ChatItem, Exchanged, ...)
    ICON_NAME = Qt.ItemDataRole.UserRole + 4  # an icons.py name
    CURRENT = Qt.ItemDataRole.UserRole + 5  # the open chat's own row (P6)


@dataclass(frozen=True, slots=True)
class PanelRow:
    title: str
    detail: str = ""
    key: str = ""
    payload: Any = None
    icon: str = ""
    current: bool = False


class PanelRows(QAbstractListModel):
    """A short list of plain-text rows; `set_rows` replaces them (rows changed in place
    are told as such, so a view keeps its scroll and hover)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PanelRow] = []

    def set_rows(self, rows: list[PanelRow]) -> None:
        if [r.key for r in rows] == [r.key for r in self._rows]:
            if rows != self._rows:
                self._rows = list(rows)
                if rows:
                    self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int) -> PanelRow | None:
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def rows(self) -> list[PanelRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        r = self.row(index.row())
        if r is None:
            return None
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return r.title
            case Qt.ItemDataRole.ToolTipRole:
                return f"{r.title}\n{r.detail}" if r.detail else r.title
            case PanelRoles.DETAIL:
                return r.detail
            case PanelRoles.KEY:
                return r.key
            case PanelRoles.PAYLOAD:
                return r.payload
            case PanelRoles.ICON_NAME:
                return r.icon
            case PanelRoles.CURRENT:
                return r.current
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role in PanelRoles:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names


def when_text(value: object) -> str:
    """A moment as the panel says it: the date and the time on the agent's clock."""
    from PySide6.QtCore import QDate, QLocale

    when = parse_time(str(value)) if value else None
    if when is None:
        return "—"
    local = when.astimezone()
    day = QDate(local.year, local.month, local.day)
    date = QLocale().toString(day, QLocale.FormatType.ShortFormat)
    return f"{date} {clock(when)}"


class PanelData(QObject):
    """The open chat's side-panel data. `changed(part)`: "chat", "customer", "visits",
    "chats", "files" or "all"."""

    changed = Signal(str)

    def __init__(self, reader: CacheReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self.item: ChatItem | None = None
        self.customer: dict[str, Any] = {}
        self.fields: list[dict[str, Any]] = []  # the workspace's profile fields
        self.previous = PanelRows(self)  # P6
        self.visits = PanelRows(self)  # P5
        self.sent = PanelRows(self)  # P7
        self.files = PanelRows(self)  # P7

    @property
    def chat(self) -> dict[str, Any]:
        return self.item.chat if self.item is not None else {}

    @property
    def customer_id(self) -> str:
        return str(self.chat.get("customer_id") or "")

    def set_chat(self, item: ChatItem | None) -> None:
        opened = item is None or self.item is None or item.id != self.item.id
        self.item = item
        if opened:
            self.reload()
        else:
            self.changed.emit("chat")

    def reload(self) -> None:
        self._fields()
        self._customer()
        self._visits()
        self._chats()
        self._files()
        self._sent()
        self.changed.emit("all")

    def apply_changes(self, changed: ChangedIds) -> None:
        if self.item is None:
            return
        if changed.reset:
            self.reload()
            return
        parts: list[str] = []
        if "customer_field" in changed.reference:
            self._fields()
            parts.append("customer")
        if self.customer_id in changed.customers:
            self._customer()
            self._visits()
            parts += ["customer", "visits"]
        if changed.chats or changed.deleted_chats:
            mine = {i.id for i in panel_reads.customer_chats(self._reader, self.customer_id)}
            shown = {r.key for r in self.previous.rows()}
            if (changed.chats | changed.deleted_chats) & (mine | shown):
                self._chats()
                parts.append("chats")
        if self.item.id in changed.messages or (changed.messages and self.sent.rowCount()):
            self._files()
            parts.append("files")
        if {"chats", "files"} & set(parts):
            self._sent()
        for part in dict.fromkeys(parts):
            self.changed.emit(part)

    # ---- reads ------------------------------------------------------------------------

    def _fields(self) -> None:
        self.fields = sorted(  # the workspace's order (P4), as the admin set it
            self._reader.reference("customer_field"),
            key=lambda f: (int(f.get("position") or 0), str(f.get("key") or "")),
        )

    def _customer(self) -> None:
        cid = self.customer_id
        self.customer = (self._reader.customer(cid) if cid else None) or {}

    def _visits(self) -> None:
        rows = [
            PanelRow(
                str(v.get("title") or v.get("url") or ""),
                f"{when_text(v.get('visited_at'))} · {v.get('url') or ''}",
                str(v.get("id")),
                v,
                "web",
            )
            for v in (panel_reads.visits(self._reader, self.customer_id) if self.item else [])
        ]
        self.visits.set_rows(rows)

    def _chats(self) -> None:
        rows: list[PanelRow] = []
        if self.item is not None and self.customer_id:
            for c in panel_reads.customer_chats(self._reader, self.customer_id):
                state = state_label(str(c.chat.get("state") or "open")) or translate(
                    "Panel", "Open"
                )
                preview = str(c.chat.get("last_message_preview") or "") or translate(
                    "Panel", "(no messages)"
                )
                detail = f"{state} · {when_text(c.chat.get('last_message_at'))}"
                rows.append(
                    PanelRow(preview, detail, c.id, c, "forum-outline", c.id == self.item.id)
                )
        self.previous.set_rows(rows)

    def _files(self) -> None:
        rows: list[PanelRow] = []
        if self.item is not None:
            for x in panel_reads.exchanged(self._reader, self.item.id):
                rows.append(_exchanged_row(x))
        self.files.set_rows(rows)

    def _sent(self) -> None:
        """P7: read once per open or message change (it scans the customer's messages)."""
        sent = []
        if self.item is not None and self.customer_id:
            sent = [
                PanelRow(s.text or "…", when_text(s.at), s.message_id, s, "send")
                for s in panel_reads.sent_messages(self._reader, self.customer_id)
            ]
        self.sent.set_rows(sent)

    def hashtag_chats(self, tag: str) -> list[ChatItem]:
        """P3: the chats whose description holds #tag."""
        return panel_reads.hashtag_chats(self._reader, tag)


def _exchanged_row(x: Exchanged) -> PanelRow:
    who = (
        translate("Panel", "From the customer")
        if x.from_customer
        else translate("Panel", "From the team")
    )
    if x.kind == "file":
        size = int((x.file or {}).get("size") or 0)
        detail = f"{who} · {_size(size)} · {when_text(x.at)}"
        key = f"file:{(x.file or {}).get('id')}:{x.message_id}"
        return PanelRow(x.label, detail, key, x, "paperclip")
    key = f"link:{x.url}"
    detail = f"{who} · {x.url}" if x.label != x.url else f"{who} · {when_text(x.at)}"
    return PanelRow(x.label, detail, key, x, "link-variant")


def _size(n: int) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
