"""Every keyboard shortcut on one card over the window (Ctrl+/; SPEC D3).

Built from the action table (`actions.ACTIONS`) and the moving keys, so it never lists
a key the app does not have. Esc, Ctrl+/ again or a click closes it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import translate
from desktop.views.actions import ACTIONS, more_keys


def key_text(shortcut: str) -> str:
    """A shortcut as this platform writes it ("Shift+A", "⇧A" on macOS)."""
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText) or shortcut


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the overlay: the chat actions, then moving around."""
    acts = [(key_text(a.shortcut), a.label().rstrip("…")) for a in ACTIONS]
    return acts + more_keys()


class HelpOverlay(QWidget):
    """A dimmed layer over its parent with a card of shortcuts in two columns."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.card = QFrame(self)
        self.card.setObjectName("helpCard")
        self.card.setAutoFillBackground(True)
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(translate("Help", "Keyboard shortcuts"), self.card)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        title.setFont(font)
        note = QLabel(
            translate(
                "Help",
                "Single keys work while the chat list has the focus (Ctrl+2), so typing a "
                "reply never triggers them.",
            ),
            self.card,
        )
        note.setWordWrap(True)
        note.setObjectName("helpNote")
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(5)
        self.rows = shortcut_rows()
        acts = len(ACTIONS)
        columns = [self.rows[:acts], self.rows[acts:]]
        heads = [translate("Help", "Actions on chats"), translate("Help", "Moving around")]
        for c, (head, rows) in enumerate(zip(heads, columns, strict=True)):
            h = QLabel(head, self.card)
            hf = h.font()
            hf.setBold(True)
            h.setFont(hf)
            grid.addWidget(h, 0, c * 2, 1, 2)
            for r, (keys, what) in enumerate(rows, start=1):
                k = QLabel(keys, self.card)
                k.setObjectName("helpKey")
                k.setTextFormat(Qt.TextFormat.PlainText)
                k.setStyleSheet(
                    "QLabel#helpKey { border: 1px solid palette(mid); border-radius: 4px;"
                    " padding: 1px 6px; font-family: monospace; }"
                )
                w = QLabel(what, self.card)
                w.setTextFormat(Qt.TextFormat.PlainText)
                grid.addWidget(k, r, c * 2, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(w, r, c * 2 + 1)
        col = QVBoxLayout(self.card)
        col.setContentsMargins(24, 20, 24, 20)
        col.setSpacing(10)
        col.addWidget(title)
        col.addLayout(grid)
        col.addWidget(note)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self._place()
        self.show()
        self.raise_()
        self.setFocus()

    def texts(self) -> list[tuple[str, str]]:
        return list(self.rows)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        self.card.adjustSize()
        size = self.card.sizeHint()
        self.card.setGeometry(
            (self.width() - size.width()) // 2,
            max(12, (self.height() - size.height()) // 2),
            size.width(),
            min(size.height(), self.height() - 24),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self.parentWidget() and event.type() == QEvent.Type.Resize
        if resized and self.isVisible():
            self._place()
        return False

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 90))
        p.end()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if not self.card.geometry().contains(e.position().toPoint()):
            self.hide()
        e.accept()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        self.hide()
        e.accept()
