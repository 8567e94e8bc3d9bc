"""The side panel's building blocks: a collapsible section, a flow of tag chips, the
two-line list of `PanelRows`, and the description's #hashtag highlighter."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from desktop.models.panel import PanelRoles, PanelRows
from desktop.sync.panel_reads import HASHTAG
from desktop.views.icons import icon
from desktop.views.theme import colors

Index = QModelIndex | QPersistentModelIndex


class Section(QFrame):
    """A titled part of the panel that folds (`toggled(key, open)`)."""

    toggled = Signal(str, bool)

    def __init__(self, key: str, title: str, glyph: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("panelSection")
        self.head = QToolButton(self)
        self.head.setObjectName("panelSectionHead")
        self.head.setCheckable(True)
        self.head.setChecked(True)
        self.head.setAutoRaise(True)
        self.head.setText(title)
        self.head.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.head.setIconSize(QSize(16, 16))
        self.head.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.head.toggled.connect(self._toggled)
        self.glyph = glyph
        self.count = QLabel(self)
        self.count.setObjectName("panelCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setVisible(False)
        self.tools = QHBoxLayout()
        self.tools.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.head, 1)
        top.addWidget(self.count)
        top.addLayout(self.tools)
        self.body = QWidget(self)
        self.body.setObjectName("panelBody")
        self.content = QVBoxLayout(self.body)
        self.content.setContentsMargins(4, 2, 0, 6)
        self.content.setSpacing(6)
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 6, 10, 6)
        col.setSpacing(2)
        col.addLayout(top)
        col.addWidget(self.body)
        self._icon()

    @property
    def open(self) -> bool:
        return self.head.isChecked()

    def set_open(self, on: bool) -> None:
        self.head.setChecked(on)

    def set_count(self, n: int | None) -> None:
        self.count.setText("" if not n else str(n))
        self.count.setVisible(bool(n))

    def _icon(self) -> None:
        self.head.setIcon(icon("chevron-down" if self.open else "chevron-right"))

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self._icon()
        self.toggled.emit(self.key, on)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping to the next line (tag chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class RowDelegate(QStyledItemDelegate):
    """A row: an icon, its title and a quieter detail line, both elided."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(100, 2 * fm.height() + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        c = colors()
        painter.save()
        rect = option.rect
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        current = bool(index.data(PanelRoles.CURRENT))
        if hovered or current:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(c.selected if current else c.hover))
            painter.drawRoundedRect(rect.adjusted(0, 1, 0, -1), 6, 6)
        fm = QFontMetrics(option.font)
        glyph = str(index.data(PanelRoles.ICON_NAME) or "")
        left = rect.left() + 6
        if glyph:
            pix = icon(glyph, color=c.muted).pixmap(16, 16)
            painter.drawPixmap(left, rect.top() + 6 + (fm.height() - 16) // 2, pix)
            left += 24
        width = rect.right() - left - 6
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "").replace("\n", " ")
        detail = str(index.data(PanelRoles.DETAIL) or "").replace("\n", " ")
        painter.setPen(QColor(c.text))
        painter.drawText(
            QRect(left, rect.top() + 5, width, fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setPen(QColor(c.faint))
        painter.drawText(
            QRect(left, rect.top() + 5 + fm.height() + 2, width, fm.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(detail, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


class RowList(QListView):
    """`PanelRows` as a list as tall as its rows (at most `most`; the panel scrolls)."""

    rowClicked = Signal(object)  # the row's PanelRow payload

    def __init__(self, model: PanelRows, parent: QWidget | None = None, most: int = 6) -> None:
        super().__init__(parent)
        self.setObjectName("panelList")
        self.most = most
        self.setModel(model)
        self.setItemDelegate(RowDelegate(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        self.clicked.connect(self._clicked)
        model.modelReset.connect(self._fit)
        model.rowsInserted.connect(self._fit)
        model.rowsRemoved.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        n = min(self.most, self.model().rowCount())
        h = 2 * QFontMetrics(self.font()).height() + 12
        self.setFixedHeight(max(0, n * h) + 2)
        self.setVisible(n > 0)

    def _clicked(self, index: QModelIndex) -> None:
        self.rowClicked.emit(index.data(PanelRoles.PAYLOAD))


class HashtagHighlighter(QSyntaxHighlighter):
    """#hashtags in the accent colour while the description is edited (P3)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(colors().accent))
        fmt.setFontWeight(600)
        for m in HASHTAG.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), fmt)


def description_html(text: str) -> str:
    """The description as rich text: everything escaped (it is plain text), each
    #hashtag a link `tag:<name>` (P3), line breaks kept."""
    accent = colors().accent
    out: list[str] = []
    last = 0
    for m in HASHTAG.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        tag = m.group(1)
        out.append(
            f'<a href="tag:{html.escape(tag.lower())}" style="color:{accent};'
            f'text-decoration:none;font-weight:600">#{html.escape(tag)}</a>'
        )
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")
