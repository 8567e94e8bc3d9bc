"""The composer (SPEC M7): Enter sends, Shift+Enter breaks the line, a switch between a
reply to the customer and an internal note; each chat keeps its own draft.

Sending does not empty the editor: the text stays until the controller says its outbox
row is written (`send_saved`), then goes (what the agent typed after it stays); if the
write fails (`send_failed`) it simply stays. Meanwhile Enter in that chat does nothing.
Drafts are handed out (`draftChanged`) a moment after typing stops, when the agent
switches chats and on `flush_draft` (quit), for the controller to store in the cache;
`draft_source` reads them back when a chat opens for the first time in this run.

Files (SPEC M1): the paperclip picks them (`filesChosen`); a pasted image comes out as
`imagePasted`, pasted or dropped file URLs as `filesChosen`. A drag of files over the
editor is left to the conversation pane around it (its drop zone), so the editor never
inserts a file's URL as text. With files attached a message may have no text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QPalette,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.views.drop_zone import local_paths
from desktop.views.icons import icon
from desktop.views.theme import repolish

_SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DRAFT_DELAY_MS = 500  # a draft is stored once typing has stopped this long


class ComposerEdit(QPlainTextEdit):
    """A plain-text editor where Enter (or Ctrl+Enter) submits and Shift+Enter is a
    new line."""

    submitted = Signal()
    imagePasted = Signal(QImage)
    filesPasted = Signal(list)  # local paths

    # ---- paste: an image or copied files become attachments, not text --------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if source.hasImage() or local_paths(source):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        paths = local_paths(source)
        if paths:
            self.filesPasted.emit(paths)
            return
        if source.hasImage():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                self.imagePasted.emit(image)
                return
        super().insertFromMimeData(source)

    # ---- drags of files go to the pane around (its drop zone) -----------------------------

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if local_paths(e.mimeData()):
            e.ignore()
            return
        super().dragEnterEvent(e)

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        if local_paths(e.mimeData()):
            e.ignore()
            return
        super().dragMoveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        if local_paths(e.mimeData()):
            e.ignore()
            return
        super().dropEvent(e)

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
    # (chat id, text, is_note): store this chat's draft (empty text: none)
    draftChanged = Signal(str, str, bool)
    filesChosen = Signal(list)  # local paths: picked, or pasted as files
    imagePasted = Signal(QImage)
    typed = Signal(str, str)  # chat id, the text now: the agent typed (not a draft loaded)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._chat_id: str | None = None
        self._available = False  # whether sending is possible now (a session runs)
        # the drafts of the chats shown in this run (newer than the stored ones)
        self._drafts: dict[str, tuple[str, bool]] = {}
        # chat id -> the editor's text when Enter sent it, until its outbox row is written
        self._sending: dict[str, str] = {}
        self._dirty = False  # the shown chat's draft changed since it was handed out
        self._files = 0  # files attached to the shown chat's message (it may have no text)
        self._loading = False  # the editor is being filled by code, not typed in
        self.draft_source: Callable[[str], tuple[str, bool] | None] = lambda _chat_id: None
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(DRAFT_DELAY_MS)
        self._quiet.timeout.connect(self.flush_draft)

        self.reply_button = QToolButton(self)
        self.reply_button.setText(translate("Composer", "Reply"))
        self.reply_button.setToolTip(translate("Composer", "A reply the customer sees"))
        self.note_button = QToolButton(self)
        self.note_button.setText(translate("Composer", "Internal note"))
        self.note_button.setToolTip(translate("Composer", "A note only managers in this chat see"))
        self._mode = QButtonGroup(self)
        for b in (self.reply_button, self.note_button):
            b.setObjectName("composerMode")  # tabs: resources/style/sangdam.qss
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._mode.addButton(b)
        self.reply_button.setChecked(True)
        self._mode.buttonToggled.connect(lambda *_: self._restyle())
        self._mode.buttonToggled.connect(lambda *_: self._typed())

        self.edit = ComposerEdit(self)
        self.edit.setObjectName("composerEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)
        self.edit.submitted.connect(self.submit)
        self.edit.textChanged.connect(self._typed)

        self.attach_button = QToolButton(self)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setText(translate("Composer", "Attach"))
        self.attach_button.setIcon(icon("paperclip"))
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.attach_button.setToolTip(
            translate(
                "Composer", "Attach files (up to 10, 1 GiB each); you can also drop or paste them"
            )
        )
        self.attach_button.setAccessibleName(translate("Composer", "Attach files"))
        self.attach_button.setAutoRaise(True)
        self.attach_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.attach_button.clicked.connect(self.pick_files)
        self.edit.imagePasted.connect(self.imagePasted)
        self.edit.filesPasted.connect(self.filesChosen)

        self.send_button = QPushButton(translate("Composer", "Send"), self)
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.send_button.setProperty("primary", True)
        self.send_button.setIcon(icon("send", role=QPalette.ColorRole.HighlightedText))
        self.send_button.clicked.connect(self.submit)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(2)
        top.addWidget(self.reply_button)
        top.addWidget(self.note_button)
        top.addStretch(1)
        top.addWidget(self.attach_button)
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
            self.flush_draft()
            self._drafts[self._chat_id] = (self.edit.toPlainText(), self.is_note)
        self._chat_id = chat_id
        text, note = "", False
        if chat_id is not None:
            text, note = self._drafts.get(chat_id) or self.draft_source(chat_id) or ("", False)
        self._fill(text)
        self._loading = True
        self.set_note(note)
        self._loading = False
        self._dirty = False
        self.setEnabled(chat_id is not None and self._available)

    def set_available(self, available: bool) -> None:
        """Sending needs a session (an engine to write the outbox): until then the
        composer waits, keeping what was typed."""
        self._available = available
        self.setEnabled(self._chat_id is not None and available)

    def submit(self) -> None:
        raw = self.edit.toPlainText()
        text = raw.strip("\n")
        chat_id = self._chat_id
        if (not text.strip() and not self._files) or chat_id is None:
            return
        if not self._available or chat_id in self._sending:
            return
        self._sending[chat_id] = raw
        self.sendRequested.emit(text, self.is_note)

    def set_file_count(self, n: int) -> None:
        """How many files the shown chat's message carries (then Enter sends without
        text)."""
        self._files = n

    def pick_files(self) -> None:
        """The paperclip: choose files (several at once) in the system's dialog."""
        if self._chat_id is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(self, translate("Composer", "Attach files"))
        if paths:
            self.filesChosen.emit(list(paths))

    def sending(self, chat_id: str) -> bool:
        """Whether a message of this chat is being written to the outbox now."""
        return chat_id in self._sending

    def send_saved(self, chat_id: str) -> None:
        """The message is in the outbox: its text leaves the editor (or the chat's draft,
        if the agent has switched chats); what was typed after it stays."""
        raw = self._sending.pop(chat_id, None)
        if raw is None:
            return
        if chat_id == self._chat_id:
            rest = _after(self.edit.toPlainText(), raw)
            if rest is not None:
                self._fill(rest)
                self._dirty = bool(rest)  # the send's commit removed the stored draft
            self._quiet.stop()
            if self._dirty:
                self._quiet.start()
            return
        text, note = self._drafts.get(chat_id, ("", False))
        rest = _after(text, raw)
        if rest is not None:
            self._drafts[chat_id] = (rest, note)
        if rest:
            self.draftChanged.emit(chat_id, rest, note)

    def send_failed(self, chat_id: str) -> None:
        """The message could not be stored: its text is still here; keep it as the
        chat's draft (the controller says why)."""
        if self._sending.pop(chat_id, None) is None:
            return
        if chat_id == self._chat_id:
            self._dirty = True
            self.flush_draft()
        else:
            text, note = self._drafts.get(chat_id, ("", False))
            self.draftChanged.emit(chat_id, text, note)

    def flush_draft(self) -> None:
        """Hand out the shown chat's draft now if it changed (typing stopped, a chat
        switch, quitting). Not while its message is being stored: that commit removes
        the stored draft, and `send_saved` says what is left."""
        self._quiet.stop()
        chat_id = self._chat_id
        if not self._dirty or chat_id is None or chat_id in self._sending:
            return
        self._dirty = False
        self.draftChanged.emit(chat_id, self.edit.toPlainText(), self.is_note)

    def _typed(self) -> None:
        if self._loading or self._chat_id is None:
            return
        self._dirty = True
        self._quiet.start()
        self.typed.emit(self._chat_id, self.edit.toPlainText())

    def _fill(self, text: str) -> None:
        """Set the editor's text from code (not a keystroke), the cursor at its end."""
        self._loading = True
        try:
            self.edit.setPlainText(text)
            self.edit.moveCursor(QTextCursor.MoveOperation.End)
        finally:
            self._loading = False

    def _restyle(self) -> None:
        if self.is_note:
            self.edit.setPlaceholderText(
                translate(
                    "Composer",
                    "Internal note: only managers see it. Enter sends, Shift+Enter: new line",
                )
            )
            self.edit.setProperty("note", True)  # the look: resources/style/sangdam.qss
        else:
            self.edit.setPlaceholderText(
                translate("Composer", "Reply to the customer. Enter sends, Shift+Enter: new line")
            )
            self.edit.setProperty("note", False)
        repolish(self.edit)


def _after(now: str, sent: str) -> str | None:
    """What is left of the editor's text `now` once `sent` (its text when Enter was
    pressed) is gone: "" if nothing was typed since, the rest if it was typed after;
    None if the agent changed the sent text meanwhile (then theirs stays as it is)."""
    if now == sent:
        return ""
    if now.startswith(sent):
        return now[len(sent) :].lstrip("\n")
    return None
