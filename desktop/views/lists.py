"""The three list views: sidebar sections, the chat list, and the conversation.

Each is a QListView over a model with a painting delegate. They keep the agent's place:
the chat list keeps the chosen chat through resets, the conversation stays at the bottom
while new messages come and keeps its place when older ones load above.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from desktop.models.chat_list import ChatListModel, ChatRoles
from desktop.models.directory import Directory
from desktop.models.format import number as format_number
from desktop.models.messages import MessageListModel, MessageRoles
from desktop.models.sidebar import EntryKind, SidebarModel, SidebarRoles
from desktop.sync.items import MessageItem
from desktop.views import theme
from desktop.views.chat_delegate import ChatDelegate
from desktop.views.hold import ListHold
from desktop.views.icons import icon
from desktop.views.link_confirm import ask_to_open
from desktop.views.message_delegate import Hit, LinkHit, MessageDelegate
from desktop.views.message_parts import receipt_tip
from desktop.views.section_icons import section_icon

Index = QModelIndex | QPersistentModelIndex


# ---- sidebar ------------------------------------------------------------------------------


class SidebarDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        kind = index.data(SidebarRoles.KIND)
        h = QFontMetrics(option.font).height()
        return QSize(160, h + (16 if kind == EntryKind.HEADER else 12))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        kind = index.data(SidebarRoles.KIND)
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        count = index.data(SidebarRoles.COUNT)
        warn = bool(index.data(SidebarRoles.WARN))
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        painter.save()
        look = theme.colors()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver) and kind != EntryKind.HEADER
        if selected or hovered:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.color("selected" if selected else "hover"))
            painter.drawRoundedRect(QRectF(rect.adjusted(6, 1, -6, -1)), 6, 6)
        font = QFont(option.font)
        text = QColor(palette.color(QPalette.ColorRole.Text))
        indent = 14
        if kind == EntryKind.HEADER:
            font.setBold(True)
            font.setPointSizeF(max(6.0, font.pointSizeF() - 1))
            text.setAlpha(140)
            area = rect.adjusted(indent, 6, -12, 0)
        elif kind == EntryKind.CHILD:
            area = rect.adjusted(indent + 16, 0, -12, 0)
        else:
            area = rect.adjusted(indent, 0, -12, 0)
        if selected and kind != EntryKind.HEADER:
            font.setWeight(QFont.Weight.DemiBold)
        glyph = section_icon(str(index.data(SidebarRoles.KEY) or ""))
        if glyph and kind != EntryKind.HEADER:
            size = 16
            box = QRect(area.left(), area.center().y() - size // 2 + 1, size, size)
            tint = look.color("accent" if selected else "muted")
            icon(glyph, color=tint).paint(painter, box)
            area = area.adjusted(size + 8, 0, 0, 0)
        fm = QFontMetrics(font)
        painter.setFont(font)
        number = "" if count is None else format_number(int(count))
        number_w = fm.horizontalAdvance(number)
        if number:
            painter.setPen(look.color("over_max") if warn else text)
            painter.drawText(
                area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number
            )
        painter.setPen(text)
        painter.drawText(
            area.adjusted(0, 0, -(number_w + 8), 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(label, Qt.TextElideMode.ElideRight, max(0, area.width() - number_w - 8)),
        )
        painter.restore()


class SidebarView(QListView):
    sectionChosen = Signal(str)

    def __init__(self, model: SidebarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setMouseTracking(True)  # hovered rows are tinted
        self.setModel(model)
        self.setItemDelegate(SidebarDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._model = model
        self._key = "all"
        model.modelReset.connect(self._restore)
        self.selectionModel().currentChanged.connect(self._current)
        self.select_key("all")

    @property
    def key(self) -> str:
        return self._key

    def select_key(self, key: str) -> None:
        row = self._model.row_of(key)
        if row is not None:
            self.setCurrentIndex(self._model.index(row))

    def _restore(self) -> None:
        row = self._model.row_of(self._key)
        if row is None:  # the section went away (a queue emptied): back to All
            self.select_key("all")
        else:
            self.selectionModel().setCurrentIndex(
                self._model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(SidebarRoles.KEY) if current.isValid() else None
        if key and key != self._key:
            self._key = str(key)
            self.sectionChosen.emit(self._key)


# ---- chat list ----------------------------------------------------------------------------


class ChatListView(QListView):
    chatChosen = Signal(str)  # the current chat changed (keyboard or mouse)
    firstRowsPainted = Signal()

    def __init__(
        self, model: ChatListModel, directory: Directory | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatList")
        self._model = model
        self._chat: str | None = None
        self._leaving = False  # the open chat's row is being removed
        # whether the current row moves to pick chats (Ctrl/Shift), not to open one (L2)
        self.hold_open: Callable[[], bool] = lambda: False
        # Before setModel: these must run before the selection model moves the current
        # row to a neighbour of a removed one (the agent stays in their chat when it
        # leaves the list because of someone else's change).
        model.rowsAboutToBeRemoved.connect(self._about_to_remove)
        model.rowsRemoved.connect(self._removed)
        self.setModel(model)
        self.delegate = ChatDelegate(directory, self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.verticalScrollBar().setSingleStep(24)
        self.painted = False
        model.modelReset.connect(self._restore)
        model.rowsInserted.connect(self._restore)
        model.rowsMoved.connect(self._restore)
        model.layoutChanged.connect(self._laid_out)
        self.selectionModel().currentChanged.connect(self._current)
        self.hold = ListHold(self, model)  # the order holds still while the agent aims

    @property
    def chat_id(self) -> str | None:
        return self._chat

    def select_chat(self, chat_id: str | None) -> None:
        if chat_id is None:
            self.clearSelection()
            return
        row = self._model.row_of(chat_id)
        if row is not None:
            self.setCurrentIndex(self._model.index(row))

    def step(self, step: int) -> None:
        """Next or previous chat (Alt+Down / Alt+Up from anywhere)."""
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        target = max(0, min(self._model.rowCount() - 1, row + step))
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(target))

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if not self.painted and self.delegate.painted_rows > 0:
            self.painted = True
            self.firstRowsPainted.emit()

    def _about_to_remove(self, _parent: QModelIndex, first: int, last: int) -> None:
        row = self._model.row_of(self._chat) if self._chat is not None else None
        if row is not None and first <= row <= last:
            self._leaving = True

    def _removed(self, *_args: object) -> None:
        if self._leaving:
            self.selectionModel().clear()
            self._leaving = False

    def _laid_out(self, *_args: object) -> None:
        """A batch of changes told at once: as a removal would, drop the selection if the
        open chat left the list (the conversation stays), else keep it on its row."""
        if self._chat is not None and self._model.row_of(self._chat) is None:
            if self.selectionModel().hasSelection() or self.currentIndex().isValid():
                self.selectionModel().clear()
            return
        self._restore()

    def _restore(self, *_args: object) -> None:
        """The open chat is (back) in the list: select it again, quietly."""
        if self._chat is None or len(self.selectionModel().selectedRows()) > 1:
            return  # several chats picked (L2): the agent's selection stays
        row = self._model.row_of(self._chat)
        current = self.currentIndex()
        if row is not None and (not current.isValid() or current.row() != row):
            self.selectionModel().setCurrentIndex(
                self._model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._leaving or self.hold_open():
            return  # not the agent's choice (their chat left the list), or picking chats
        chat_id = current.data(ChatRoles.ID) if current.isValid() else None
        if chat_id and chat_id != self._chat:
            self._chat = str(chat_id)
            self.chatChosen.emit(self._chat)


# ---- conversation -------------------------------------------------------------------------


class MessageView(QListView):
    """Newest at the bottom; scrolling to the top loads older messages (C4). A file in a
    message is clicked (`fileClicked`); a hovered message with files offers "Download
    all" (C2, `downloadAllClicked`).

    The older page comes in before the top is reached: once the agent scrolls within
    `AHEAD` viewport heights of it, the page is added while the app is idle (after the
    scroll has painted), keeping the agent's place, so a scroll step never waits for a
    page. Reaching the top itself still brings one at once (a fling, a drag of the bar).
    """

    AHEAD = 1.0  # viewport heights from the top at which the older page is brought in
    PREPARE = 10  # rows of the next page laid out per idle turn

    fileClicked = Signal(object)  # FileRef
    downloadAllClicked = Signal(str, object)  # message id, tuple[FileRef, ...]
    linkClicked = Signal(str)  # a link or link button: the confirmation is shown

    def __init__(self, model: MessageListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._aligning = False  # _align_bottom is running (it must not re-enter)
        self.setObjectName("messages")
        self.setMouseTracking(True)
        self._model = model
        self.setModel(model)
        self.delegate = MessageDelegate(self)
        self.delegate.model = model
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setWordWrap(True)
        self.verticalScrollBar().setSingleStep(24)
        self.setAccessibleName(QCoreApplication.translate("MessageView", "Conversation"))
        self.setAutoFillBackground(True)  # the margin above a short conversation
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self._model = model
        self._stick = True  # follow new messages at the bottom
        self._from_bottom: int | None = None  # keep this distance while rows land above
        sb = self.verticalScrollBar()
        sb.valueChanged.connect(self._scrolled)
        sb.rangeChanged.connect(self._range)
        model.modelReset.connect(self._reset)
        model.rowsAboutToBeInserted.connect(self._before_insert)
        model.chatChanged.connect(self._chat_changed)
        model.windowAboutToMove.connect(self._hold_place)
        model.windowMoved.connect(self._keep_place)
        self._anchor: tuple[QPersistentModelIndex, int] | None = None
        self._ahead = False  # a page ahead is queued for when the app is idle
        self._preparing: list[tuple[MessageItem, str, str, str, str]] = []  # laid out next
        self._prepare_queued = False
        self.confirm: QMessageBox | None = None  # the last link confirmation shown

    def _hold_place(self) -> None:
        """A page comes in at one end (rows may go at the other): remember the row at
        the top of the viewport and where it is."""
        index = self.indexAt(QPoint(1, 1))
        if index.isValid() and (self._model.detached or not self._stick):
            self._anchor = (QPersistentModelIndex(index), self.visualRect(index).top())
        else:
            self._anchor = None

    def _keep_place(self) -> None:
        """... and put it back there: the agent's place does not move."""
        anchor, self._anchor = self._anchor, None
        if anchor is None or not anchor[0].isValid():
            return
        self._from_bottom = None
        top = self.visualRect(self._model.index(anchor[0].row(), 0)).top()  # lays out now
        sb = self.verticalScrollBar()
        sb.setValue(sb.value() + top - anchor[1])
        QTimer.singleShot(0, self._prepare_older)

    def _prepare_older(self) -> None:
        """While idle after a page came: lay out the page that comes next (not once the
        window is closed: its cache may be closed too), a few rows per idle turn, the
        ones shown first after it comes (its newest) first: the agent's next scroll
        never waits for the whole page."""
        self._preparing = []
        if self._model.rowCount() == 0 or not self.isVisible():
            return
        self._preparing = self._model.peek_older()
        self._prepare_some(turn=False)

    def _prepare_some(self, *, turn: bool = True) -> None:
        """`turn`: called by the idle turn queued (one at a time) for the rest."""
        if turn:
            self._prepare_queued = False
        rows, self._preparing = self._preparing[-self.PREPARE :], self._preparing[: -self.PREPARE]
        if not rows or self._model.rowCount() == 0 or not self.isVisible():
            self._preparing = []
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(self._model.index(0, 0))
        self.delegate.prepare(option, rows)
        if self._preparing and not self._prepare_queued:
            self._prepare_queued = True
            QTimer.singleShot(0, self._prepare_some)

    def _chat_changed(self, _chat_id: str) -> None:
        self.delegate.customer_name = self._model.customer_name

    def updateGeometries(self) -> None:
        super().updateGeometries()
        # Not again from inside itself: the margin resizes the viewport, which lays the
        # items out again (and may show or hide the scroll bar, changing their widths
        # and heights), which comes back here; unguarded it recursed without end.
        if self._aligning:
            return
        self._aligning = True
        try:
            self._align_bottom()
        finally:
            self._aligning = False

    def _align_bottom(self) -> None:
        """A short conversation sits at the bottom, next to the composer, as in a
        messenger: the space above it is a top margin."""
        n = self._model.rowCount()
        top = 0
        if n:
            first = self.visualRect(self._model.index(0, 0))
            last = self.visualRect(self._model.index(n - 1, 0))
            top = max(0, self.contentsRect().height() - (last.bottom() - first.top() + 1))
        if top != self.viewportMargins().top():
            self.setViewportMargins(0, top, 0, 0)

    def at_bottom(self) -> bool:
        sb = self.verticalScrollBar()
        return sb.value() >= sb.maximum() - 4

    def _reset(self) -> None:
        self._stick = True
        self._from_bottom = None
        QTimer.singleShot(0, self.scrollToBottom)
        QTimer.singleShot(0, self._prepare_older)

    def _before_insert(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if self._anchor is not None:
            return  # a moving window keeps its place by its top row (_keep_place)
        sb = self.verticalScrollBar()
        self._stick = self.at_bottom()
        if first == 0 and self._model.rowCount() > 0 and not self._stick:
            self._from_bottom = sb.maximum() - sb.value()

    def _range(self, _lo: int, hi: int) -> None:
        sb = self.verticalScrollBar()
        if self._anchor is not None:
            return
        if self._from_bottom is not None:
            sb.setValue(max(0, hi - self._from_bottom))
            self._from_bottom = None
        elif self._stick:
            sb.setValue(hi)

    def _scrolled(self, value: int) -> None:
        sb = self.verticalScrollBar()
        self._stick = value >= sb.maximum() - 4
        if value <= sb.minimum() and sb.maximum() > 0 and self._from_bottom is None:
            self._model.load_older()
        elif self._model.detached and value >= sb.maximum() - 4 and self._anchor is None:
            self._model.load_newer()
        elif self._near_top() and not self._ahead:
            self._ahead = True
            QTimer.singleShot(0, self._load_ahead)

    def _near_top(self) -> bool:
        """Scrolled up (not following the bottom) to within AHEAD viewports of the top."""
        sb = self.verticalScrollBar()
        room = self.viewport().height() * self.AHEAD
        return sb.maximum() > 0 and not self._stick and sb.value() - sb.minimum() < room

    def _load_ahead(self) -> None:
        """While idle: the older page, if the agent is still near the top (not once the
        window is closed: its cache may be closed too)."""
        self._ahead = False
        if not self.isVisible() or self._anchor is not None or self._from_bottom is not None:
            return
        if self._model.rowCount() and self._near_top():
            self._model.load_older()

    # ---- files under the pointer ----------------------------------------------------------

    def _hit(self, pos: QPoint) -> Hit | None:
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        return self.delegate.hit(option, index, pos)

    def link_under(self, pos: QPoint) -> LinkHit | None:
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = self.visualRect(index)
        return self.delegate.link_hit(option, index, pos)

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            index = self.indexAt(e.pos())
            if index.isValid():
                option = QStyleOptionViewItem()
                self.initViewItemOption(option)
                option.rect = self.visualRect(index)
                link = self.delegate.link_hit(option, index, e.pos())
                box = self.delegate.receipt_rect(option, index)
                tip = ""
                if link is not None:
                    tip = link.url
                elif box is not None:
                    receipt = str(index.data(MessageRoles.RECEIPT) or "")
                    wide = 150 if receipt == "failed" else 40  # "Not delivered" is longer
                    if box.adjusted(-wide, -2, 2, 2).contains(e.pos()):
                        reason = str(index.data(MessageRoles.DELIVERY_ERROR) or "")
                        tip = receipt_tip(receipt, reason)
                if tip:
                    QToolTip.showText(e.globalPos(), tip, self)
                    return True
        return super().viewportEvent(e)

    def hover(self, pos: QPoint) -> None:
        """The pointer is at `pos` (viewport coordinates): the message under it shows
        "Download all" if it has files; a file under it shows a hand."""
        index = self.indexAt(pos)
        message_id = str(index.data(MessageRoles.ID)) if index.isValid() else None
        if message_id != self.delegate.hovered_id:
            old = self.delegate.hovered_id
            self.delegate.hovered_id = message_id
            for mid in (old, message_id):
                row = self._model.row_of(mid) if mid else None
                if row is not None:
                    self.update(self._model.index(row, 0))
        hit = self._hit(pos) or self.link_under(pos)
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if hit is not None else Qt.CursorShape.ArrowCursor
        )

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        self.hover(e.position().toPoint())
        super().mouseMoveEvent(e)

    def leaveEvent(self, e: QEvent) -> None:
        old, self.delegate.hovered_id = self.delegate.hovered_id, None
        row = self._model.row_of(old) if old else None
        if row is not None:
            self.update(self._model.index(row, 0))
        super().leaveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            hit = self._hit(e.position().toPoint())
            if hit is not None and hit.download_all:
                self.downloadAllClicked.emit(hit.message_id, hit.download_all)
                e.accept()
                return
            if hit is not None and hit.file is not None:
                self.fileClicked.emit(hit.file)
                e.accept()
                return
            link = self.link_under(e.position().toPoint())
            if link is not None:  # never opened straight away: the agent sees it first
                self.linkClicked.emit(link.url)
                self.confirm = ask_to_open(self, link.url)
                e.accept()
                return
        super().mouseReleaseEvent(e)

    def wheelEvent(self, e: QWheelEvent) -> None:
        sb = self.verticalScrollBar()
        if e.angleDelta().y() > 0 and sb.value() <= sb.minimum():
            self._model.load_older()
        elif e.angleDelta().y() < 0 and sb.value() >= sb.maximum() and self._model.detached:
            self._model.load_newer()
        super().wheelEvent(e)

    def resizeEvent(self, e: QResizeEvent) -> None:
        stick = self.at_bottom()
        super().resizeEvent(e)
        if stick:
            QTimer.singleShot(0, self.scrollToBottom)
