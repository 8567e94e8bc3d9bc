"""Painting one message (SPEC C1): bubbles laid out as plain text.

The customer's messages sit on the left, the team's replies on the right; an internal
note is set apart: a yellow, dashed bubble headed "Internal note", so nobody mistakes it
for something the customer sees. A message being sent says so under it; one that failed
is marked in red with the reason. Text goes through QTextLayout as plain text, so a
message full of HTML shows literally. A message's files sit under its text in the bubble
(`file_cards`); hovering it shows "Download all" on its header line (C2).
"""

from __future__ import annotations

from dataclasses import dataclass

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
from desktop.models.messages import MessageRoles
from desktop.sync.items import MessageItem
from desktop.views import theme
from desktop.views.file_cards import (
    FilesLaid,
    download_all_rect,
    lay_out_files,
    paint_download_all,
    paint_files,
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


@dataclass(frozen=True, slots=True)
class Laid:
    """A message laid out for one width."""

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
        self._cache: dict[tuple[object, ...], Laid] = {}
        self._fonts_for: tuple[QFont, QFont, QFontMetrics] | None = None
        self.painted_ids: list[str] = []  # newest last; the window tests read it
        self.files: FileStates | None = None  # thumbnails and upload progress
        self.hovered_id: str | None = None  # the message under the pointer (C2)
        self.customer_key = ""  # the open chat's customer id: their avatar's colour

    # ---- what is drawn ---------------------------------------------------------------------

    def shown(self, index: Index) -> Shown:
        item = index.data(MessageRoles.ITEM)
        assert isinstance(item, MessageItem)
        m = item.message
        look = look_of(m)
        author = str(index.data(MessageRoles.AUTHOR) or "")
        when = clock_time(str(m.get("created_at") or "")) if m.get("created_at") else ""
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
        return Shown(
            look=look,
            text=message_text([b for b in m.get("blocks") or [] if b.get("type") != "files"]),
            header=" · ".join(parts),
            footer=footer,
            failed=item.failed_reason is not None,
            files=tuple(files_of(m)),
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
        return fonts

    def clear_cache(self) -> None:
        """Names or fonts changed: lay every message out again."""
        self._cache.clear()

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
        item = index.data(MessageRoles.ITEM)
        if not isinstance(item, MessageItem):
            return None
        width = min(self._width(option), READABLE + 2 * SIDE)  # the column's
        base, small, fm_small = self._fonts(option)
        waiting = self._files_waiting(item.message) if item.pending else (0, 0)
        key = (item.id, item.sort_key, item.pending, item.failed_reason, waiting, width)
        laid = self._cache.get(key)
        if laid is not None:
            return laid
        s = self.shown(index)
        bubble_max = self._bubble_width(width) - (FACE + FACE_GAP if s.look == Look.CUSTOMER else 0)
        footer = None
        footer_w = 0.0
        if s.look == Look.SYSTEM:
            body, h, widest = plain_layout(s.text, small, width - 2 * SIDE)
            height = int(h) + 2 * GAP
            bubble_w = int(widest)
        else:
            body, h, widest = plain_layout(
                s.text or ("" if s.files else " "), base, bubble_max - 2 * PAD_X
            )
            header_w = fm_small.horizontalAdvance(s.header) - 2 * PAD_X
            if s.files:
                files = lay_out_files(list(s.files), bubble_max - 2 * PAD_X)
                files_top = PAD_Y + (int(h) + FILES_GAP if s.text else 0)
                h = files_top - PAD_Y + files.height
                widest = max(widest, files.width)
                if s.text:
                    header_w = max(header_w, 120)  # room for "Download all" beside it
            bubble_w = min(int(max(widest, header_w, 24)) + 2 * PAD_X, bubble_max)
            height = GAP + fm_small.height() + 2 + int(h) + 2 * PAD_Y + GAP
            if s.footer:
                footer, fh, footer_w = plain_layout(s.footer, small, bubble_max)
                height += int(fh) + 2
        laid = Laid(s, height, body, h, widest, bubble_w, footer, footer_w, base, small, fm_small)
        if s.files and s.look != Look.SYSTEM:
            laid = Laid(
                s,
                height,
                body,
                h,
                widest,
                bubble_w,
                footer,
                footer_w,
                base,
                small,
                fm_small,
                files,
                files_top,
            )
        if len(self._cache) > 3000:
            self._cache.clear()
        self._cache[key] = laid
        return laid

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        laid = self._laid(option, index)
        if laid is None:
            return QSize(0, 0)
        return QSize(self._width(option), laid.height)

    # ---- painting --------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        laid = self._laid(option, index)
        if laid is None:
            return
        item = index.data(MessageRoles.ITEM)
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

        if s.look == Look.SYSTEM:
            painter.setPen(_c("muted"))
            laid.body.draw(
                painter, QPointF(rect.left() + (width - laid.body_w) / 2, rect.top() + GAP)
            )
            painter.restore()
            self._painted(item.id)
            return

        bubble_w = laid.bubble_w
        on_right = s.look != Look.CUSTOMER
        x = self._bubble_x(rect, bubble_w, on_right)
        y = rect.top() + GAP

        # header: [Internal note ·] author · time
        painter.setFont(laid.small)
        painter.setPen(_c("note_text") if s.look == Look.NOTE else _c("muted"))
        align = Qt.AlignmentFlag.AlignRight if on_right else Qt.AlignmentFlag.AlignLeft
        painter.drawText(
            QRect(x, y, bubble_w, fm_small.height()),
            align | Qt.AlignmentFlag.AlignVCenter,
            fm_small.elidedText(s.header, Qt.TextElideMode.ElideRight, bubble_w),
        )
        y += fm_small.height() + 2

        bubble = QRectF(x, y, bubble_w, laid.body_h + 2 * PAD_Y)
        if not on_right:  # the customer's face beside their words, as in a messenger
            face = QRect(rect.left() + SIDE, y, FACE, FACE)
            author = str(index.data(MessageRoles.AUTHOR) or "")
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
        painter.drawRoundedRect(bubble, 10, 10)
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
                header = QRect(x, rect.top() + GAP, bubble_w, fm_small.height())
                paint_download_all(
                    painter, download_all_rect(header, on_right, fm_small), laid.small
                )
        y += int(bubble.height()) + 2

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
        item = index.data(MessageRoles.ITEM)
        if laid is None or laid.files is None or not isinstance(item, MessageItem):
            return None
        rect = self.column(option.rect)
        on_right = laid.shown.look != Look.CUSTOMER
        x = self._bubble_x(rect, laid.bubble_w, on_right)
        header_y = rect.top() + GAP
        if not item.pending and self.hovered_id == item.id:
            header = QRect(x, header_y, laid.bubble_w, laid.fm_small.height())
            if download_all_rect(header, on_right, laid.fm_small).contains(pos):
                return Hit(item.id, download_all=laid.shown.files)
        origin = QPoint(x + PAD_X, header_y + laid.fm_small.height() + 2 + laid.files_top)
        for box in laid.files.boxes:
            if box.rect.translated(origin).contains(pos):
                return Hit(item.id, file=box.ref)
        return None
