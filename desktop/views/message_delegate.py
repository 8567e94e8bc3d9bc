"""Painting one message (SPEC C1): bubbles laid out as plain text.

The customer's messages sit on the left, the team's replies on the right; an internal
note is set apart: a yellow, dashed bubble headed "Internal note", so nobody mistakes it
for something the customer sees. A message being sent says so under it; one that failed
is marked in red with the reason. Text goes through QTextLayout as plain text, so a
message full of HTML shows literally. A message's files sit under its text in the bubble
(`file_cards`); hovering it shows "Download all" on its header line (C2).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.i18n import translate
from desktop.models.file_states import FileStates
from desktop.models.files import FileRef, UploadState, files_of
from desktop.models.format import clock_time, message_text
from desktop.models.messages import MessageListModel, MessageRoles
from desktop.sync.items import MessageItem
from desktop.views import theme
from desktop.views.file_cards import (
    FilesLaid,
    download_all_rect,
    download_all_text,
    lay_out_files,
    paint_download_all,
    paint_files,
)
from desktop.views.message_parts import (
    DAY_H,
    RECEIPT,
    Link,
    PartsLaid,
    button_at,
    find_links,
    lay_out_parts,
    link_at,
    openable,
    paint_day,
    paint_event_pill,
    paint_parts,
    paint_receipt,
    text_layout,
)
from desktop.views.paint import paint_avatar, plain_layout

Index = QModelIndex | QPersistentModelIndex

SIDE = 16  # space to the view's edges
GAP = 6  # space between messages
PAD_X, PAD_Y = 10, 7  # inside a bubble
MAX_SHARE = 0.72  # a bubble's widest, as a share of the column
FACE = 28  # the customer's avatar beside their bubbles
FACE_GAP = 8
READABLE = 760  # the column of bubbles at most (centred in a wider view): lines stay readable
FILES_GAP = 8  # between a message's text and its files
EVENT_PAD, EVENT_PAD_Y = 12, 4  # inside a system event's pill
CACHE_ROWS = 1500  # layouts kept: the model's window and the pages around it


def _c(name: str) -> QColor:
    """A colour of the theme in force (light or dark), at paint time."""
    return theme.colors().color(name)


class Look:
    CUSTOMER = "customer"
    REPLY = "reply"
    NOTE = "note"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Shown:
    """What a message shows, as plain strings."""

    look: str
    text: str
    header: str
    footer: str  # "Sending…", "Not sent: <reason>", or ""
    failed: bool
    files: tuple[FileRef, ...] = ()
    blocks: tuple[dict[str, Any], ...] = ()  # buttons and forms


@dataclass(frozen=True, slots=True)
class LinkHit:
    """A link or link button under the pointer: its address, to confirm before opening."""

    message_id: str
    url: str


@dataclass(frozen=True, slots=True)
class Laid:
    """A message laid out for one width. Vertical offsets are from the row's top."""

    shown: Shown
    height: int
    body: QTextLayout
    body_h: float
    body_w: float
    bubble_w: int
    footer: QTextLayout | None
    footer_w: float
    base: QFont
    small: QFont
    fm_small: QFontMetrics
    files: FilesLaid | None = None
    files_top: int = 0  # the files area's top, from the bubble's top
    day: str = ""  # the date line above the message ("" for none)
    header_w: int = 0  # the header line's full width: never cut (issue 15)
    links: tuple[Link, ...] = ()
    parts: PartsLaid | None = None
    parts_top: int = 0  # buttons and forms, from the bubble's top
    receipt: str = ""  # "read", "delivered" or ""
    source: object = None  # the message dict laid out (the cache checks it is the same)

    @property
    def top(self) -> int:
        """The message's own top, below its date line."""
        return DAY_H if self.day else 0


@dataclass(frozen=True, slots=True)
class Hit:
    """What is under the pointer in a message: a file, or "Download all"."""

    message_id: str
    file: FileRef | None = None
    download_all: tuple[FileRef, ...] = ()


def look_of(m: dict[str, object]) -> str:
    if m.get("kind") == "note":
        return Look.NOTE
    match m.get("author_kind"):
        case "customer":
            return Look.CUSTOMER
        case "system":
            return Look.SYSTEM
    return Look.REPLY


class MessageDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        # Layouts and heights by message id and what else shapes them; the message dict
        # laid out is kept with them and compared (by identity, else by value): a chat
        # opened again reads new dicts of the same messages and reuses their layouts.
        self._cache: dict[tuple[object, ...], Laid] = {}
        self._heights: dict[tuple[object, ...], tuple[object, int]] = {}
        self._fonts_for: tuple[QFont, QFont, QFontMetrics] | None = None
        self.painted_ids: list[str] = []  # newest last; the window tests read it
        self.files: FileStates | None = None  # thumbnails and upload progress
        self.hovered_id: str | None = None  # the message under the pointer (C2)
        self.customer_key = ""  # the open chat's customer id: their avatar's colour
        self.model: MessageListModel | None = None  # set by the view: read directly
        self.customer_name = ""  # the open chat's customer: their avatar under a read reply

    def _data(self, index: Index, role: int) -> Any:
        """The model's data, straight from the Python model when it is ours (no trip
        through QVariant: sizeHint runs for every row at each layout)."""
        model = self.model
        if model is not None:
            return model.data(index, role)
        return index.data(role)

    # ---- what is drawn ---------------------------------------------------------------------

    def shown(self, index: Index) -> Shown:
        item = self._data(index, MessageRoles.ITEM)
        assert isinstance(item, MessageItem)
        author = str(self._data(index, MessageRoles.AUTHOR) or "")
        event = ""
        if look_of(item.message) == Look.SYSTEM:
            event = str(self._data(index, Qt.ItemDataRole.DisplayRole) or "")
        return self.shown_item(item, author, event)

    def shown_item(self, item: MessageItem, author: str, event: str) -> Shown:
        """What a message shows, given its author's name and, for an event, its sentence."""
        m = item.message
        look = look_of(m)
        when = clock_time(str(m.get("created_at") or "")) if m.get("created_at") else ""
        if look == Look.SYSTEM:  # an event: its sentence, the time beside it
            return Shown(look, event, when, "", False)
        parts = [p for p in (author, when) if p]
        if look == Look.NOTE:
            parts.insert(0, translate("MessageDelegate", "Internal note"))
        footer = ""
        if item.failed_reason:
            footer = translate("MessageDelegate", "Not sent: {reason}").format(
                reason=item.failed_reason
            )
        elif item.pending:
            footer = translate("MessageDelegate", "Sending…")
            waiting, stopped = self._files_waiting(m)
            if stopped:
                footer = translate(
                    "MessageDelegate",
                    "Waiting: a file did not upload. Click it to retry or remove.",
                )
            elif waiting:
                footer = translate(
                    "MessageDelegate", "Sent once its files are up ({n} uploading)…"
                ).format(n=waiting)
        blocks = list(m.get("blocks") or [])
        return Shown(
            look=look,
            text=message_text([b for b in blocks if b.get("type") == "text"]),
            header=" · ".join(parts),
            footer=footer,
            failed=item.failed_reason is not None,
            files=tuple(files_of(m)),
            blocks=tuple(b for b in blocks if b.get("type") in ("button", "form")),
        )

    def _files_waiting(self, m: dict[str, object]) -> tuple[int, int]:
        """How many of a pending message's files are still going up, and how many stopped
        (failed or cancelled: the message waits for the agent to retry or remove them)."""
        if self.files is None:
            return 0, 0
        ups = [u for f in files_of(m) if (u := self.files.upload(f.file_id)) is not None]
        stopped = sum(1 for u in ups if u.state in (UploadState.FAILED, UploadState.CANCELLED))
        going = sum(1 for u in ups if u.state in (UploadState.UPLOADING, UploadState.WAITING))
        return going, stopped

    def text_for(self, index: Index) -> str:
        """The exact text drawn for a message's body (plain, never interpreted)."""
        return self.shown(index).text

    # ---- geometry --------------------------------------------------------------------------

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFontMetrics]:
        """The body font, the small font and its metrics (made once per view font)."""
        fonts = self._fonts_for
        if fonts is None or fonts[0] != option.font:
            base = QFont(option.font)
            small = QFont(base)
            small.setPointSizeF(max(6.0, base.pointSizeF() - 1.5))
            fonts = self._fonts_for = (base, small, QFontMetrics(small))
            self._cache.clear()
            self._heights.clear()
        return fonts

    def clear_cache(self) -> None:
        """Names or fonts changed: lay every message out again."""
        self._cache.clear()
        self._heights.clear()

    def _width(self, option: QStyleOptionViewItem) -> int:
        w = self._view.viewport().width()
        return max(240, w if w > 0 else option.rect.width())

    def _bubble_width(self, width: int) -> int:
        return max(120, int((width - 2 * SIDE) * MAX_SHARE))

    @staticmethod
    def _bubble_x(column: QRect, bubble_w: int, on_right: bool) -> int:
        """A bubble's left edge: the team's at the right, the customer's after their face."""
        if on_right:
            return column.right() - SIDE - bubble_w
        return column.left() + SIDE + FACE + FACE_GAP

    @staticmethod
    def column(rect: QRect) -> QRect:
        """Where a row's bubbles go: the row, or in a wide view a centred column of at
        most READABLE px plus the sides. Done here, in painting, not with viewport
        margins: the view's own geometry (bottom alignment) never depends on it."""
        width = min(rect.width(), READABLE + 2 * SIDE)
        return QRect(rect.left() + (rect.width() - width) // 2, rect.top(), width, rect.height())

    def _laid(self, option: QStyleOptionViewItem, index: Index) -> Laid | None:
        """A message laid out for a width, once: sizeHint and paint share it."""
        item = self._data(index, MessageRoles.ITEM)
        if not isinstance(item, MessageItem):
            return None
        day = str(self._data(index, MessageRoles.DAY) or "")
        receipt = str(self._data(index, MessageRoles.RECEIPT) or "")
        return self._laid_item(option, item, day, receipt, lambda: self.shown(index))

    def prepare(
        self, option: QStyleOptionViewItem, rows: list[tuple[MessageItem, str, str, str, str]]
    ) -> None:
        """Lay out rows about to come (item, date line, receipt, author, event sentence)
        while the app is idle: the page that scrolling brings next costs nothing then."""
        for item, day, receipt, author, event in rows:
            self._laid_item(
                option, item, day, receipt, functools.partial(self.shown_item, item, author, event)
            )

    def _laid_item(
        self,
        option: QStyleOptionViewItem,
        item: MessageItem,
        day: str,
        receipt: str,
        shown: Callable[[], Shown],
    ) -> Laid:
        width = min(self._width(option), READABLE + 2 * SIDE)  # the column's
        base, small, fm_small = self._fonts(option)
        waiting = self._files_waiting(item.message) if item.pending else (0, 0)
        key = (
            item.id,
            item.sort_key,
            item.pending,
            item.failed_reason,
            waiting,
            width,
            day,
            receipt,
            self.customer_name,
        )
        laid = self._cache.get(key)
        if laid is not None:
            if laid.source is item.message:
                return laid
            if laid.source == item.message:  # read again, unchanged
                laid = self._cache[key] = dataclasses.replace(laid, source=item.message)
                return laid
        s = shown()
        top = DAY_H if day else 0
        if s.look == Look.SYSTEM:
            text = f"{s.text} · {s.header}" if s.header else s.text
            s = Shown(s.look, text, s.header, "", False)
            body, h, widest = plain_layout(text, small, width - 2 * SIDE - 2 * EVENT_PAD)
            laid = Laid(
                s, top + int(h) + 2 * EVENT_PAD_Y + 2 * GAP, body, h, widest,
                int(widest) + 2 * EVENT_PAD, None, 0.0, base, small, fm_small,
                day=day, source=item.message,
            )  # fmt: skip
        else:
            laid = self._lay_message(s, item, width, base, small, fm_small, top, day, receipt)
        if len(self._cache) > CACHE_ROWS:  # the oldest laid out go first
            del self._cache[next(iter(self._cache))]
        self._cache[key] = laid
        return laid

    def _lay_message(
        self,
        s: Shown,
        item: MessageItem,
        width: int,
        base: QFont,
        small: QFont,
        fm_small: QFontMetrics,
        top: int,
        day: str,
        receipt: str,
    ) -> Laid:
        bubble_max = self._bubble_width(width) - (FACE + FACE_GAP if s.look == Look.CUSTOMER else 0)
        inner_max = bubble_max - 2 * PAD_X
        text = s.text.replace("\r\n", "\n")
        links = find_links(text)
        body, h, widest = text_layout(
            text or ("" if s.files or s.blocks else " "), base, inner_max, links
        )
        # the header line (name · time) is never cut: the bubble is at least as wide,
        # and where the bubble cannot be, the line may reach past it (up to the column)
        header_w = fm_small.horizontalAdvance(s.header) + 4
        inner_h = int(h) if text else 0
        files = None
        files_top = 0
        if s.files:
            files = lay_out_files(list(s.files), inner_max)
            files_top = PAD_Y + (inner_h + FILES_GAP if inner_h else 0)
            inner_h = files_top - PAD_Y + files.height
            widest = max(widest, files.width)
            header_w = max(header_w, fm_small.horizontalAdvance(download_all_text()) + 40)
        parts = lay_out_parts(list(s.blocks), base, small, inner_max) if s.blocks else None
        parts_top = 0
        if parts is not None:
            parts_top = PAD_Y + (inner_h + FILES_GAP if inner_h else 0)
            inner_h = parts_top - PAD_Y + parts.height
            widest = max(widest, parts.width)
        if not inner_h:
            inner_h = int(h)
        bubble_w = min(int(max(widest + 2 * PAD_X, header_w, 24 + 2 * PAD_X)), bubble_max)
        height = top + GAP + fm_small.height() + 2 + inner_h + 2 * PAD_Y + GAP
        if receipt:
            height += RECEIPT + 2
        footer = None
        footer_w = 0.0
        if s.footer:
            footer, fh, footer_w = plain_layout(s.footer, small, bubble_max)
            height += int(fh) + 2
        return Laid(
            s, height, body, inner_h, widest, bubble_w, footer, footer_w, base, small,
            fm_small, files, files_top, day=day, header_w=header_w, links=links,
            parts=parts, parts_top=parts_top, receipt=receipt, source=item.message,
        )  # fmt: skip

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._width(option)
        decor = self.model.decor(index.row()) if self.model is not None else None
        if decor is not None and not decor[0].pending:  # the fast way: a height known
            item, day, receipt = decor
            key = (
                item.id,
                item.failed_reason,
                min(width, READABLE + 2 * SIDE),
                day,
                receipt,
                self.customer_name,
            )
            entry = self._heights.get(key)
            if entry is not None:
                if entry[0] is item.message:
                    return QSize(width, entry[1])
                if entry[0] == item.message:  # read again, unchanged
                    self._heights[key] = (item.message, entry[1])
                    return QSize(width, entry[1])
            laid = self._laid(option, index)
            if laid is None:
                return QSize(0, 0)
            if len(self._heights) > 50_000:
                self._heights.clear()
            self._heights[key] = (item.message, laid.height)
            return QSize(width, laid.height)
        laid = self._laid(option, index)
        if laid is None:
            return QSize(0, 0)
        return QSize(self._width(option), laid.height)

    # ---- painting --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        laid = self._laid(option, index)
        if laid is None:
            return
        item = self._data(index, MessageRoles.ITEM)
        s = laid.shown
        rect: QRect = option.rect
        palette: QPalette = option.palette
        fm_small = laid.fm_small
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        state = option.state
        if state & QStyle.StateFlag.State_HasFocus and state & QStyle.StateFlag.State_Selected:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(20)
            painter.fillRect(rect, tint)
        rect = self.column(rect)
        width = rect.width()
        if laid.day:
            paint_day(painter, QRect(rect.left(), rect.top(), width, DAY_H), laid.day, laid.small)

        if s.look == Look.SYSTEM:
            pill = QRectF(
                rect.left() + (width - laid.bubble_w) / 2,
                rect.top() + laid.top + GAP,
                laid.bubble_w,
                laid.body_h + 2 * EVENT_PAD_Y,
            )
            paint_event_pill(painter, pill)
            painter.setFont(laid.small)
            painter.setPen(_c("muted"))
            laid.body.draw(painter, QPointF(pill.left() + EVENT_PAD, pill.top() + EVENT_PAD_Y))
            painter.restore()
            self._painted(item.id)
            return

        bubble_w = laid.bubble_w
        on_right = s.look != Look.CUSTOMER
        x = self._bubble_x(rect, bubble_w, on_right)
        y = rect.top() + laid.top + GAP

        # header: [Internal note ·] author · time, whole (the bubble is at least as wide)
        painter.setFont(laid.small)
        painter.setPen(_c("note_text") if s.look == Look.NOTE else _c("muted"))
        room = rect.right() - SIDE - (rect.left() + SIDE + FACE + FACE_GAP)
        header_w = max(bubble_w, min(laid.header_w, room))
        hx = x + bubble_w - header_w if on_right else x
        align = Qt.AlignmentFlag.AlignRight if on_right else Qt.AlignmentFlag.AlignLeft
        title = s.header  # whole, unless the window is narrower than it
        if header_w < laid.header_w:
            title = fm_small.elidedText(title, Qt.TextElideMode.ElideRight, header_w)
        painter.drawText(
            QRect(hx, y, header_w, fm_small.height()),
            align | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        y += fm_small.height() + 2

        bubble = QRectF(x, y, bubble_w, laid.body_h + 2 * PAD_Y)
        if not on_right:  # the customer's face beside their words, as in a messenger
            face = QRect(rect.left() + SIDE, y, FACE, FACE)
            author = str(self._data(index, MessageRoles.AUTHOR) or "")
            paint_avatar(painter, face, author, self.customer_key or author)
        match s.look:
            case Look.NOTE:
                fill, border = (
                    QColor(_c("note_fill")),
                    QPen(_c("note_border"), 1.2, Qt.PenStyle.DashLine),
                )
            case Look.CUSTOMER:
                fill, border = _c("bubble_customer"), QPen(Qt.PenStyle.NoPen)
            case _:
                fill, border = _c("bubble_reply"), QPen(Qt.PenStyle.NoPen)
        if s.failed:
            border = QPen(_c("danger"), 1.5)
        if item.pending:
            fill.setAlpha(150)
        painter.setBrush(fill)
        painter.setPen(border)
        painter.drawRoundedRect(bubble, 12, 12)
        if s.look == Look.NOTE:  # a lock-like mark: managers only
            painter.setPen(QPen(_c("note_border"), 3))
            painter.drawLine(QPointF(x + 1.5, y + 8), QPointF(x + 1.5, bubble.bottom() - 8))
        painter.setPen(_c("text"))
        painter.setFont(laid.base)
        laid.body.draw(painter, QPointF(x + PAD_X, y + PAD_Y))
        if laid.files is not None:
            paint_files(
                painter,
                laid.files,
                QPoint(x + PAD_X, y + laid.files_top),
                self.files,
                laid.base,
                laid.small,
                uploading=item.pending or item.failed_reason is not None,
            )
            if self.hovered_id == item.id and not item.pending:
                header = QRect(x, rect.top() + laid.top + GAP, bubble_w, fm_small.height())
                paint_download_all(
                    painter, download_all_rect(header, on_right, fm_small), laid.small
                )
        if laid.parts is not None:
            paint_parts(
                painter, laid.parts, QPoint(x + PAD_X, y + laid.parts_top), laid.base, laid.small
            )
        y += int(bubble.height()) + 2
        if laid.receipt:
            paint_receipt(
                painter,
                int(bubble.right()),
                y,
                laid.receipt,
                self.customer_name,
                self.customer_key or self.customer_name,
                laid.small,
            )
            y += RECEIPT + 2

        if laid.footer is not None:
            painter.setFont(laid.small)
            painter.setPen(_c("danger") if s.failed else _c("muted"))
            fx = x + bubble_w - laid.footer_w if on_right else x
            laid.footer.draw(painter, QPointF(fx, y))
        painter.restore()
        self._painted(item.id)

    def _painted(self, message_id: str) -> None:
        self.painted_ids.append(message_id)
        if len(self.painted_ids) > 1000:
            del self.painted_ids[:500]

    # ---- the pointer -----------------------------------------------------------------------

    def hit(self, option: QStyleOptionViewItem, index: Index, pos: QPoint) -> Hit | None:
        """What of this message is under `pos` (view coordinates): a file, "Download all"
        (only where it is drawn: the message is hovered and confirmed), or None."""
        laid = self._laid(option, index)
        item = self._data(index, MessageRoles.ITEM)
        if laid is None or laid.files is None or not isinstance(item, MessageItem):
            return None
        rect = self.column(option.rect)
        on_right = laid.shown.look != Look.CUSTOMER
        x = self._bubble_x(rect, laid.bubble_w, on_right)
        header_y = rect.top() + laid.top + GAP
        if not item.pending and self.hovered_id == item.id:
            header = QRect(x, header_y, laid.bubble_w, laid.fm_small.height())
            if download_all_rect(header, on_right, laid.fm_small).contains(pos):
                return Hit(item.id, download_all=laid.shown.files)
        origin = QPoint(x + PAD_X, header_y + laid.fm_small.height() + 2 + laid.files_top)
        for box in laid.files.boxes:
            if box.rect.translated(origin).contains(pos):
                return Hit(item.id, file=box.ref)
        return None

    def link_hit(self, option: QStyleOptionViewItem, index: Index, pos: QPoint) -> LinkHit | None:
        """A link in the text, or a link button, under `pos` (view coordinates)."""
        laid = self._laid(option, index)
        item = self._data(index, MessageRoles.ITEM)
        if laid is None or laid.shown.look == Look.SYSTEM or not isinstance(item, MessageItem):
            return None
        rect = self.column(option.rect)
        on_right = laid.shown.look != Look.CUSTOMER
        x = self._bubble_x(rect, laid.bubble_w, on_right)
        bubble_y = rect.top() + laid.top + GAP + laid.fm_small.height() + 2
        if laid.links:
            url = link_at(laid.body, laid.links, QPointF(pos - QPoint(x + PAD_X, bubble_y + PAD_Y)))
            if url is not None:
                return LinkHit(item.id, openable(url))
        if laid.parts is not None:
            url = button_at(laid.parts, pos - QPoint(x + PAD_X, bubble_y + laid.parts_top))
            if url is not None:
                return LinkHit(item.id, url)
        return None

    def receipt_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect | None:
        """Where the receipt under a reply is drawn (None: it has none)."""
        laid = self._laid(option, index)
        if laid is None or not laid.receipt:
            return None
        rect = self.column(option.rect)
        x = self._bubble_x(rect, laid.bubble_w, True)
        y = (
            rect.top()
            + laid.top
            + GAP
            + laid.fm_small.height()
            + 2
            + int(laid.body_h)
            + 2 * PAD_Y
            + 2
        )
        return QRect(x + laid.bubble_w - RECEIPT, y, RECEIPT, RECEIPT)
