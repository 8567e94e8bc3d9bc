"""The composer (SPEC M7): Enter sends, Shift+Enter breaks the line, a switch between a
reply to the customer and an internal note; each chat keeps its own draft."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate

_SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ComposerEdit(QPlainTextEdit):
    """A plain-text editor where Enter (or Ctrl+Enter) submits and Shift+Enter is a
    new line."""

    submitted = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in _SEND_KEYS:
            mods = e.modifiers()
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                e.accept()
                return
            if not mods & Qt.KeyboardModifier.AltModifier:
                e.accept()
                self.submitted.emit()
                return
        super().keyPressEvent(e)


class Composer(QWidget):
    # (text, is_note): the agent sent something
    sendRequested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._chat_id: str | None = None
        self._available = False  # whether sending is possible now (a session runs)
        self._drafts: dict[str, tuple[str, bool]] = {}

        self.reply_button = QToolButton(self)
        self.reply_button.setText(translate("Composer", "Reply"))
        self.reply_button.setToolTip(translate("Composer", "A reply the customer sees"))
        self.note_button = QToolButton(self)
        self.note_button.setText(translate("Composer", "Internal note"))
        self.note_button.setToolTip(translate("Composer", "A note only managers in this chat see"))
        self._mode = QButtonGroup(self)
        for b in (self.reply_button, self.note_button):
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._mode.addButton(b)
        self.reply_button.setChecked(True)
        self._mode.buttonToggled.connect(lambda *_: self._restyle())

        self.edit = ComposerEdit(self)
        self.edit.setObjectName("composerEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)
        self.edit.submitted.connect(self.submit)

        self.send_button = QPushButton(translate("Composer", "Send"), self)
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.submit)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.reply_button)
        top.addWidget(self.note_button)
        top.addStretch(1)
        top.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.edit)
        self._restyle()
        self.setEnabled(False)

    @property
    def is_note(self) -> bool:
        return self.note_button.isChecked()

    def set_note(self, note: bool) -> None:
        (self.note_button if note else self.reply_button).setChecked(True)

    def set_chat(self, chat_id: str | None) -> None:
        """Keep the draft of the chat left, bring back the draft of the chat opened."""
        if self._chat_id is not None:
            text = self.edit.toPlainText()
            if text or self.is_note:
                self._drafts[self._chat_id] = (text, self.is_note)
            else:
                self._drafts.pop(self._chat_id, None)
        self._chat_id = chat_id
        text, note = self._drafts.get(chat_id or "", ("", False))
        self.edit.setPlainText(text)
        self.set_note(note)
        self.setEnabled(chat_id is not None and self._available)

    def set_available(self, available: bool) -> None:
        """Sending needs a session (an engine to write the outbox): until then the
        composer waits, keeping what was typed."""
        self._available = available
        self.setEnabled(self._chat_id is not None and available)

    def submit(self) -> None:
        text = self.edit.toPlainText().strip("\n")
        if not text.strip() or self._chat_id is None or not self._available:
            return
        self.sendRequested.emit(text, self.is_note)
        self.edit.clear()
        self._drafts.pop(self._chat_id, None)

    def _restyle(self) -> None:
        if self.is_note:
            self.edit.setPlaceholderText(
                translate(
                    "Composer",
                    "Internal note: only managers see it. Enter sends, Shift+Enter: new line",
                )
            )
            self.edit.setStyleSheet(
                "QPlainTextEdit#composerEdit { background: #fff8db; border: 1px dashed #e0b000;"
                " border-radius: 6px; padding: 4px; }"
            )
        else:
            self.edit.setPlaceholderText(
                translate("Composer", "Reply to the customer. Enter sends, Shift+Enter: new line")
            )
            self.edit.setStyleSheet(
                "QPlainTextEdit#composerEdit { border: 1px solid #d0d7de; border-radius: 6px;"
                " padding: 4px; }"
            )
