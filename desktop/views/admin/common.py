"""What the administration pages share: a heading, the line that says how a request
went (the server's refusal in its words), and the "are you sure?" question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.views.theme import repolish


class Feedback(QLabel):
    """One line under a page's actions: a refusal (red) or what was done (muted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminFeedback")
        self.setTextFormat(Qt.TextFormat.PlainText)  # the server's words, never markup
        self.setWordWrap(True)
        self.hide()

    def refused(self, text: str) -> None:
        self._say(text, "error")

    def done(self, text: str) -> None:
        self._say(text, "done")

    def clear_text(self) -> None:
        self.setText("")
        self.hide()

    def _say(self, text: str, kind: str) -> None:
        self.setProperty("kind", kind)
        repolish(self)
        self.setText(text)
        self.setVisible(bool(text))


def page_layout(page: QWidget, title: str, blurb: str) -> QVBoxLayout:
    """The page's column: its title and one sentence on what it is for."""
    page.setProperty("adminPage", True)
    col = QVBoxLayout(page)
    col.setContentsMargins(24, 20, 24, 20)
    col.setSpacing(10)
    heading = QLabel(title, page)
    heading.setObjectName("adminTitle")
    col.addWidget(heading)
    about = QLabel(blurb, page)
    about.setObjectName("hint")
    about.setWordWrap(True)
    col.addWidget(about)
    line = QFrame(page)
    line.setObjectName("adminRule")
    line.setFrameShape(QFrame.Shape.HLine)
    col.addWidget(line)
    return col
