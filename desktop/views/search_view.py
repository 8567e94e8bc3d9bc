"""The search field and the results list (L5).

The field sits above the chat list (Ctrl+F focuses it, Esc clears it); while it holds a
query the results list takes the chat list's place. A result is drawn by a painter as
plain text - customer name, time, and the excerpt with the matched spans in bold on a
marker - so no customer text is ever interpreted as markup. Results can be selected
several at a time (`selected_chat_ids`, for the bulk bar); clicking one opens its chat
(`resultChosen`: chat id, message id or None).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.format import short_time
from desktop.models.search_results import SearchResultsModel, SearchRoles
from desktop.sync.items import SearchResult
from desktop.views.paint import paint_avatar

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 64
AVATAR = 32
PAD = 12
MARK = QColor(255, 213, 79, 110)  # the highlighter behind a match


def segments(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """`text` cut at the spans: (piece, matched) in order; bad spans are ignored."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


def one_line(text: str) -> str:
    return " ".join(text.split())


class SearchField(QLineEdit):
    """The query. Esc clears it (and gives the list back)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(translate("Search", "Search names, messages, tags (Ctrl+F)"))
        self.setAccessibleName(translate("Search", "Search"))

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            e.accept()
            return
        super().keyPressEvent(e)


class SearchDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted_rows = 0

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(option.rect.width(), 200), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        r = index.data(SearchRoles.RESULT)
        if not isinstance(r, SearchResult):
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        painter.save()
        painter.setClipRect(rect)
        if option.state & QStyle.StateFlag.State_Selected:
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(48)
            painter.fillRect(rect, tint)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            tint = QColor(palette.color(QPalette.ColorRole.Text))
            tint.setAlpha(12)
            painter.fillRect(rect, tint)
        text = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text)
        muted.setAlpha(150)
        item = r.item
        name = item.customer_name or translate("ChatDelegate", "(no name)")
        avatar = QRect(rect.left() + PAD, rect.top() + 10, AVATAR, AVATAR)
        paint_avatar(
            painter,
            avatar,
            name,
            item.chat.get("customer_id") or item.id,
            str(item.chat.get("medium") or ""),
        )
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() - 1.5))
        fm, fm_bold, fm_small = QFontMetrics(base), QFontMetrics(bold), QFontMetrics(small)
        left, right = avatar.right() + PAD, rect.right() - PAD
        top = rect.top() + 9

        # line 1: the name (its match marked when the name matched) ... time
        when = short_time(item.chat.get("last_message_at"))
        painter.setFont(small)
        painter.setPen(muted)
        when_w = fm_small.horizontalAdvance(when)
        painter.drawText(
            QRect(right - when_w, top, when_w, fm_bold.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            when,
        )
        name_spans = r.spans if r.field == "name" else ()
        self._marked(
            painter,
            QRect(left, top, right - when_w - 8 - left, fm_bold.height()),
            one_line(name),
            name_spans,
            bold,
            bold,
            text,
        )

        # line 2: what was found: the message excerpt or the tags, the match marked
        top2 = top + fm_bold.height() + 4
        if r.field == "tag":  # the matched tags, as the list shows tags: "#환불"
            found_text = "#" + (r.text or ", ".join(str(t) for t in item.chat.get("tags") or ()))
            found_spans = tuple((a + 1, b + 1) for a, b in r.spans)
        elif r.field == "message":
            found_text, found_spans = r.text, r.spans
        else:
            found_text = str(item.chat.get("last_message_preview") or "")
            found_spans = ()
        self._marked(
            painter,
            QRect(left, top2, right - left, fm.height()),
            one_line(found_text),
            found_spans,
            base,
            bold,
            muted if not found_spans else text,
        )
        painter.setPen(QColor(text.red(), text.green(), text.blue(), 24))
        painter.drawLine(left, rect.bottom(), rect.right(), rect.bottom())
        painter.restore()
        self.painted_rows += 1

    @staticmethod
    def _marked(
        painter: QPainter,
        area: QRect,
        text: str,
        spans: tuple[tuple[int, int], ...],
        font: QFont,
        match_font: QFont,
        color: QColor,
    ) -> None:
        """Draw `text` in one line, the spans bold on a marker, elided at the right."""
        x, right = area.left(), area.right()
        ellipsis = "…"
        for piece, matched in segments(text, spans):
            f = match_font if matched else font
            fm = QFontMetrics(f)
            room = right - x
            if room <= fm.horizontalAdvance(ellipsis):
                break
            shown = fm.elidedText(piece, Qt.TextElideMode.ElideRight, room)
            w = fm.horizontalAdvance(shown)
            if matched:
                painter.fillRect(QRect(x, area.top() + 1, w, area.height() - 2), MARK)
            painter.setFont(f)
            painter.setPen(color)
            painter.drawText(
                QRect(x, area.top(), w + 1, area.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            x += w
            if shown != piece:
                break


class SearchResultsView(QListView):
    resultChosen = Signal(str, object)  # chat id, message id (None: the chat itself)
    selectionChanged_ = Signal()  # which results are selected changed (for the bulk bar)

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self._model = model
        self.setModel(model)
        self.delegate = SearchDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setAccessibleName(translate("Search", "Search results"))
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)
        self.selectionModel().selectionChanged.connect(lambda *_a: self.selectionChanged_.emit())

    def selected_chat_ids(self) -> list[str]:
        """The chats of the selected results, in list order (for bulk actions, L2)."""
        rows = sorted(ix.row() for ix in self.selectionModel().selectedRows())
        return [r.id for r in (self._model.result(i) for i in rows) if r is not None]

    def _chosen(self, index: QModelIndex) -> None:
        picking = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if QApplication.keyboardModifiers() & picking:
            return  # picking several for a bulk action, not opening one
        chat_id = index.data(SearchRoles.ID)
        if chat_id:
            self.resultChosen.emit(str(chat_id), index.data(SearchRoles.MESSAGE_ID))
