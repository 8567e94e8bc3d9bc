"""The composer's completion popup (SPEC M2-M4): `@` managers and teams, `#` macros, `:`
emoji, shown just above the text cursor while the agent keeps typing in the editor.

It is a child of the window, not a window of its own: the editor keeps the keyboard
focus (the composer forwards Up/Down/Enter/Tab/Escape to it) and nothing flickers on
platforms where popups steal the focus. Each row: an icon for its kind, its label, and
its detail quieter on the right (an email, a macro's first line, a Korean name).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.completions import (
    EMOJI,
    MACRO,
    MENTION,
    Completion,
    CompletionModel,
    CompletionRoles,
)
from desktop.views.icons import icon
from desktop.views.theme import colors

Index = QModelIndex | QPersistentModelIndex

VISIBLE_ROWS = 8
WIDTH = 420
_KIND_ICONS = {
    "manager": "account-circle-outline",
    "team": "account-group-outline",
    "macro": "lightning-bolt-outline",
}


class CompletionDelegate(QStyledItemDelegate):
    """Paints a row itself (no style sheet pass per row: the popup repaints on every
    keystroke), its kind's icon from a small pixmap cache."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[str, str, float], QPixmap] = {}
        # (the row font's key) -> fonts and metrics: made once, not per row painted
        self._fonts: dict[str, tuple[QFont, QFont, QFontMetrics, QFontMetrics]] = {}
        # laid-out texts: the same rows are painted again on every keystroke
        self._texts: dict[tuple[str, str], QStaticText] = {}

    def _text(
        self, painter: QPainter, text: str, font: QFont, rect: QRect, right: bool = False
    ) -> None:
        """`text` in `font`, centred vertically in `rect` (left- or right-aligned)."""
        key = (text, font.key())
        st = self._texts.get(key)
        if st is None:
            if len(self._texts) > 4000:
                self._texts.clear()
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(QTransform(), font)
            self._texts[key] = st
        size = st.size()
        x = rect.right() - size.width() if right else rect.left()
        y = rect.top() + (rect.height() - size.height()) / 2
        painter.setFont(font)
        painter.drawStaticText(QPointF(x, y), st)

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        """The emoji's bigger font, the macro name's bold one, and both metrics."""
        found = self._fonts.get(font.key())
        if found is None:
            big = QFont(font)
            big.setPointSizeF(big.pointSizeF() * 1.35)
            bold = QFont(font)
            bold.setBold(True)
            found = (big, bold, QFontMetrics(font), QFontMetrics(bold))
            self._fonts[font.key()] = found
        return found

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(WIDTH - 20, QFontMetrics(option.font).height() + 14)

    def _icon(self, name: str, color: QColor, ratio: float) -> QPixmap:
        key = (name, color.name(), ratio)
        pix = self._icons.get(key)
        if pix is None:
            pix = icon(name, color=color.name()).pixmap(QSize(18, 18), ratio)
            self._icons[key] = pix
        return pix

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        c = index.data(CompletionRoles.COMPLETION)
        if not isinstance(c, Completion):
            return
        palette = option.palette
        rect: QRect = option.rect
        font: QFont = option.font
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect.adjusted(2, 1, -2, -1), 6, 6)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(rect.adjusted(2, 1, -2, -1), 6, 6)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = palette.color(QPalette.ColorGroup.Normal, role)
        r = rect.adjusted(10, 0, -10, 0)
        x = r.left()
        big, bold, fm, bold_fm = self._fonts_for(font)
        painter.setPen(color)
        name = _KIND_ICONS.get(c.kind)
        if c.kind == "emoji":
            self._text(painter, c.key, big, QRect(x, r.top(), 26, r.height()))
            x += 26 + 8
        elif name is not None:
            ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
            painter.drawPixmap(QPoint(x, r.center().y() - 8), self._icon(name, color, ratio))
            x += 18 + 8
        detail_w = 0
        if c.detail:
            detail_w = min(fm.horizontalAdvance(c.detail) + 12, (r.right() - x) // 2)
        label_rect = QRect(x, r.top(), r.right() - x - detail_w, r.height())
        lfm = bold_fm if c.kind == "macro" else fm
        label = c.label
        if lfm.horizontalAdvance(label) > label_rect.width():
            label = lfm.elidedText(label, Qt.TextElideMode.ElideRight, label_rect.width())
        self._text(painter, label, bold if c.kind == "macro" else font, label_rect)
        if detail_w:
            quiet = QColor(color)
            quiet.setAlpha(150)
            painter.setPen(quiet)
            detail = c.detail
            if detail_w - 12 < fm.horizontalAdvance(detail):
                detail = fm.elidedText(detail, Qt.TextElideMode.ElideRight, detail_w - 12)
            self._text(
                painter,
                detail,
                font,
                QRect(r.right() - detail_w, r.top(), detail_w, r.height()),
                True,
            )
        painter.restore()


class CompletionPopup(QFrame):
    """`chosen(completion)` when the agent takes a row (Enter, Tab or a click)."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("completionPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        # it covers the conversation: painting it must not repaint what lies beneath
        # (square corners, so it is opaque)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.trigger = ""
        self.model = CompletionModel(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("completionTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListView(self)
        self.list.setObjectName("completionList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(CompletionDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._clicked)
        self.empty = QLabel(self)
        self.empty.setObjectName("completionEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.hint = QLabel(
            translate("Composer", "↑↓ to move · Enter or Tab to insert · Esc to close"), self
        )
        self.hint.setObjectName("completionHint")
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 6)
        col.setSpacing(4)
        col.addWidget(self.heading)
        col.addWidget(self.list)
        col.addWidget(self.empty)
        col.addWidget(self.hint)
        self.hide()

    def paintEvent(self, e: QPaintEvent) -> None:
        # opaque: fill what the style sheet would, then let it draw the border
        c = colors()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(c.raised))
        p.setPen(QColor(c.border_strong))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()

    def row_height(self) -> int:
        return QFontMetrics(self.list.font()).height() + 14

    def show_rows(self, trigger: str, items: object, query: str, anchor: QPoint) -> None:
        """Offer `items` narrowed by `query`, the popup's bottom-left at `anchor` (in
        the parent's coordinates, above the text cursor)."""
        if trigger != self.trigger:
            self.trigger = trigger
            self.heading.setText(_heading(trigger))
            self.model.set_items(items, query)  # type: ignore[arg-type]
        else:
            self.model.set_query(query)
        n = self.model.rowCount()
        self.list.setVisible(n > 0)
        self.empty.setVisible(n == 0)
        if n == 0:
            self.empty.setText(_nothing(trigger, query))
        else:
            self.list.setCurrentIndex(self.model.index(0, 0))
        height = min(VISIBLE_ROWS, max(n, 1)) * self.row_height() + 4
        if height != self.list.height() or not self.isVisible():
            self.list.setFixedHeight(height)
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self.resize(WIDTH, self.sizeHint().height())
        parent = self.parentWidget()
        x, y = anchor.x(), anchor.y() - self.height()
        if parent is not None:
            x = max(4, min(x, parent.width() - self.width() - 4))
            y = max(4, y)
        self.move(x, y)
        if not self.isVisible():
            self.show()
        self.raise_()

    def set_items(self, items: object) -> None:
        """The rows changed (a macro added elsewhere): offer the new ones."""
        self.model.set_items(items)  # type: ignore[arg-type]

    def close_popup(self) -> None:
        self.hide()
        self.trigger = ""

    def step(self, delta: int) -> None:
        n = self.model.rowCount()
        if n == 0:
            return
        row = (self.list.currentIndex().row() + delta) % n
        self.list.setCurrentIndex(self.model.index(row, 0))
        self.list.scrollTo(self.model.index(row, 0))

    def current(self) -> Completion | None:
        return self.model.completion(self.list.currentIndex().row())

    def _clicked(self, index: QModelIndex) -> None:
        c = self.model.completion(index.row())
        if c is not None:
            self.chosen.emit(c)


def _heading(trigger: str) -> str:
    if trigger == MENTION:
        return translate("Composer", "Mention a manager or a team")
    if trigger == MACRO:
        return translate("Composer", "Insert a macro")
    if trigger == EMOJI:
        return translate("Composer", "Emoji")
    return ""


def _nothing(trigger: str, query: str) -> str:
    if trigger == MACRO and not query:
        return translate("Composer", "No macros yet: add them with the macros button.")
    return translate("Composer", "Nothing matches \u201c{query}\u201d.").format(query=query)
