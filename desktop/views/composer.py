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

Popups (SPEC M2-M4, desktop/views/completion_popup.py): `@` at a word's start offers
managers and teams, `#` macros, `:` and a letter emoji, narrowed as the agent types;
Up/Down move, Enter or Tab insert, Escape closes, and the editor keeps the focus. A
mention inserts "@Name"; the message names whoever its text mentions (`mentions_in`).
A macro comes in with its variables filled in ({customer.name}, {manager.name}).
Link buttons and forms (M5, M6) are built in their dialogs and sent as their own
message (`blocksRequested`); macros are kept in the macro dialog (M3).

Input methods: while a syllable is being composed (Hangul), Enter belongs to the input
method; the Enter that commits it does not send either, a second one does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QMimeData, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QImage,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
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
from desktop.models.completions import (
    EMOJI,
    MENTION,
    Completion,
    CompletionSource,
    fill_variables,
)
from desktop.views.completion_popup import CompletionPopup
from desktop.views.drop_zone import local_paths
from desktop.views.icons import icon
from desktop.views.theme import repolish

_SEND_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
DRAFT_DELAY_MS = 500  # a draft is stored once typing has stopped this long
# The Enter an input method passes on after committing a syllable comes at once; an
# Enter later than this is the agent's own.
IME_ENTER_MS = 400
_POPUP_KEYS = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -7,
    Qt.Key.Key_PageDown: 7,
}


class ComposerEdit(QPlainTextEdit):
    """A plain-text editor where Enter (or Ctrl+Enter) submits and Shift+Enter is a
    new line."""

    submitted = Signal()
    imagePasted = Signal(QImage)
    filesPasted = Signal(list)  # local paths
    focusLost = Signal()  # the agent went elsewhere: the popup closes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preedit = ""  # what the input method is composing now (not in the text yet)
        self._committed = QElapsedTimer()  # since a composed syllable was committed
        # the composer's popup takes Up/Down/Enter/Tab/Escape while it shows
        self.popup_key: Callable[[QKeyEvent], bool] = lambda _e: False

    # ---- input methods (Hangul): the Enter that commits a syllable does not send ---------

    def inputMethodEvent(self, e: QInputMethodEvent) -> None:
        composing = bool(self.preedit)
        self.preedit = e.preeditString()
        if composing and not self.preedit and e.commitString():
            self._committed.start()
        elif self.preedit:
            self._committed.invalidate()
        super().inputMethodEvent(e)

    def _ime_enter(self) -> bool:
        """Whether an Enter now belongs to the input method: it is composing, or it has
        just committed (the Enter that committed the syllable, passed on)."""
        if self.preedit:
            return True
        if self._committed.isValid():
            self._committed.invalidate()
            return True
        return False

    def focusOutEvent(self, e: QFocusEvent) -> None:
        self._committed.invalidate()
        if e.reason() != Qt.FocusReason.PopupFocusReason:  # a menu or tooltip opened
            self.focusLost.emit()
        super().focusOutEvent(e)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._committed.invalidate()
        super().mousePressEvent(e)

    def event(self, e: QEvent) -> bool:
        # Tab completes in the popup (the editor otherwise passes it to the next widget)
        if (
            e.type() == QEvent.Type.KeyPress
            and isinstance(e, QKeyEvent)
            and e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and self.popup_key(e)
        ):
            return True
        return super().event(e)

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
        if e.key() in _SEND_KEYS and self._ime_enter_now():
            e.accept()  # the input method's Enter: the syllable is in, nothing is sent
            return
        if e.key() not in _SEND_KEYS:
            self._committed.invalidate()
        if self.popup_key(e):
            e.accept()
            return
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

    def _ime_enter_now(self) -> bool:
        if self.preedit:
            return True
        if self._committed.isValid() and self._committed.elapsed() > IME_ENTER_MS:
            self._committed.invalidate()
        return self._ime_enter()


class Composer(QWidget):
    # (text, is_note): the agent sent something
    sendRequested = Signal(str, bool)
    # (chat id, text, is_note): store this chat's draft (empty text: none)
    draftChanged = Signal(str, str, bool)
    filesChosen = Signal(list)  # local paths: picked, or pasted as files
    imagePasted = Signal(QImage)
    blocksRequested = Signal(str, list)  # chat id, message blocks: a link button, a form
    macroSaveRequested = Signal(str, str, str)  # macro id ("" for a new one), name, body
    macroDeleteRequested = Signal(str)  # macro id
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
        self.source: CompletionSource | None = None  # what the popups offer (set_source)
        self._dismissed: tuple[int, str] | None = None  # (trigger position, trigger) closed
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
        self.edit.popup_key = self._popup_key
        self.edit.cursorPositionChanged.connect(self._update_popup)
        self.popup = CompletionPopup(self)
        self.popup.chosen.connect(self._complete)
        self.edit.focusLost.connect(self.popup.close_popup)

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

        self.emoji_button = self._tool(
            "emoticon-outline",
            translate("Composer", "Emoji"),
            translate("Composer", "Insert an emoji (or type : and a word)"),
        )
        self.emoji_button.clicked.connect(lambda: self._start(EMOJI))
        self.macro_button = self._tool(
            "lightning-bolt-outline",
            translate("Composer", "Macros"),
            translate("Composer", "Insert a saved reply (or type #); manage the macros"),
        )
        self.macro_button.clicked.connect(self.open_macros)
        self.link_button = self._tool(
            "link-variant",
            translate("Composer", "Link button"),
            translate("Composer", "Send the customer a button that opens a web address"),
        )
        self.link_button.clicked.connect(self.open_link_dialog)
        self.form_button = self._tool(
            "form-select",
            translate("Composer", "Form"),
            translate("Composer", "Send the customer a form to fill in"),
        )
        self.form_button.clicked.connect(self.open_form_builder)
        self.macro_dialog: QWidget | None = None

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
        for b in (self.emoji_button, self.macro_button, self.link_button, self.form_button):
            top.addWidget(b)
        top.addWidget(self.attach_button)
        top.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 10)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.edit)
        self._restyle()
        self.setEnabled(False)

    def _tool(self, name: str, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName("composerTool")
        b.setIcon(icon(name))
        b.setToolTip(tip)
        b.setAccessibleName(text)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return b

    # ---- popups: @ managers and teams, # macros, : emoji (M2-M4) ---------------------------

    def set_source(self, source: CompletionSource) -> None:
        """Where the popups' rows come from; they follow its changes."""
        self.source = source
        source.changed.connect(self._source_changed)
        self._restyle()

    def _source_changed(self) -> None:
        if self.popup.isVisible() and self.source is not None:
            self.popup.set_items(self.source.items(self.popup.trigger))
        self._restyle()

    def _token(self) -> tuple[str, int, str] | None:
        """The trigger being typed at the cursor: (trigger, its position, the query)."""
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            return None
        block = cursor.block()
        before = _utf16_prefix(block.text(), cursor.positionInBlock())
        found = trigger_at(before)
        if found is None:
            return None
        trigger, at, query = found
        return trigger, block.position() + _utf16_len(before[:at]), query

    def _update_popup(self) -> None:
        if self.source is None or self._loading:
            return
        token = self._token()
        if token is None or (token[1], token[0]) == self._dismissed:
            if token is None:
                self._dismissed = None
            self.popup.close_popup()
            return
        trigger, _at, query = token
        self._show_popup(trigger, query)

    def _show_popup(self, trigger: str, query: str) -> None:
        """Above the text cursor, on the window (the composer is too small to hold it)."""
        if self.source is None:
            return
        window = self.window()
        if self.popup.parentWidget() is not window:
            self.popup.setParent(window)
        rect = self.edit.cursorRect()
        anchor = self.edit.viewport().mapTo(window, QPoint(rect.left() - 12, rect.top() - 4))
        self.popup.show_rows(trigger, self.source.items(trigger), query, anchor)

    def _popup_key(self, e: QKeyEvent) -> bool:
        """Up/Down/PageUp/PageDown move, Enter or Tab take the row, Escape closes."""
        if not self.popup.isVisible():
            return False
        key = e.key()
        if key in _POPUP_KEYS:
            self.popup.step(_POPUP_KEYS[Qt.Key(key)])
            return True
        if key in (*_SEND_KEYS, Qt.Key.Key_Tab) and not e.modifiers() & (
            Qt.KeyboardModifier.ShiftModifier
        ):
            c = self.popup.current()
            if c is None:
                self._dismiss()
                return key == Qt.Key.Key_Tab
            self._complete(c)
            return True
        if key == Qt.Key.Key_Escape:
            self._dismiss()
            return True
        return False

    def _dismiss(self) -> None:
        token = self._token()
        self._dismissed = (token[1], token[0]) if token else None
        self.popup.close_popup()

    def _start(self, trigger: str) -> None:
        """A toolbar button: type the trigger where the cursor is (a space before it if
        needed), which opens its popup."""
        self.edit.setFocus()
        cursor = self.edit.textCursor()
        before = _utf16_prefix(cursor.block().text(), cursor.positionInBlock())
        cursor.insertText((" " if before and not before[-1].isspace() else "") + trigger)
        self.edit.setTextCursor(cursor)
        if trigger == EMOJI:  # typed, ":" alone waits for a letter
            self._show_popup(trigger, "")

    def _complete(self, c: Completion) -> None:
        """Replace the trigger and its query with the choice."""
        token = self._token()
        cursor = self.edit.textCursor()
        if token is not None:
            cursor.setPosition(token[1])
            cursor.setPosition(self.edit.textCursor().position(), QTextCursor.MoveMode.KeepAnchor)
        elif self.popup.trigger == EMOJI:  # the toolbar's ":" with nothing typed after it
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
        text = c.insert
        if c.kind == "macro":
            values = self.source.variables(self._chat_id) if self.source is not None else {}
            text = fill_variables(c.insert, values)
        elif c.kind in ("manager", "team"):
            text += " "
        cursor.insertText(text)
        self.edit.setTextCursor(cursor)
        self._dismissed = None
        self.popup.close_popup()

    def mentions(self, text: str | None = None) -> dict[str, list[str]] | None:
        """The managers and teams the text (the editor's, by default) mentions (M2)."""
        if self.source is None:
            return None
        return self.source.mentions_in(self.edit.toPlainText() if text is None else text)

    # ---- link buttons, forms, macros (M3, M5, M6) -------------------------------------------

    def open_link_dialog(self) -> None:
        from desktop.views.compose_dialogs import LinkButtonDialog

        if self._chat_id is None:
            return
        chat_id = self._chat_id
        dialog = LinkButtonDialog(self)
        if dialog.exec():
            self.blocksRequested.emit(chat_id, [dialog.block()])

    def open_form_builder(self) -> None:
        from desktop.views.compose_dialogs import FormBuilderDialog

        if self._chat_id is None:
            return
        chat_id = self._chat_id
        fields = self.source.profile_fields() if self.source is not None else []
        dialog = FormBuilderDialog(fields, self)
        if dialog.exec():
            self.blocksRequested.emit(chat_id, [dialog.block()])

    def open_macros(self) -> None:
        """The macro dialog: pick one to insert; with the permission, add, edit, delete."""
        from desktop.views.compose_dialogs import MacroDialog

        if self.source is None:
            return
        if self.macro_dialog is not None:
            self.macro_dialog.raise_()
            return
        dialog = MacroDialog(self.source, self)
        dialog.saveRequested.connect(self.macroSaveRequested)
        dialog.deleteRequested.connect(self.macroDeleteRequested)
        dialog.insertRequested.connect(self._complete_macro)
        dialog.finished.connect(lambda _r: setattr(self, "macro_dialog", None))
        self.macro_dialog = dialog
        dialog.open()

    def _complete_macro(self, c: Completion) -> None:
        values = self.source.variables(self._chat_id) if self.source is not None else {}
        self.edit.insertPlainText(fill_variables(c.insert, values))
        self.edit.setFocus()

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
        self.popup.close_popup()
        self._dismissed = None
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
        self.popup.close_popup()
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
        # link buttons and forms go to the customer: not from a note
        for b, tip in (
            (
                self.link_button,
                translate("Composer", "Send the customer a button that opens a web address"),
            ),
            (self.form_button, translate("Composer", "Send the customer a form to fill in")),
        ):
            b.setEnabled(not self.is_note)
            b.setToolTip(
                translate("Composer", "Only in a reply: switch from the internal note to Reply")
                if self.is_note
                else tip
            )


_TRIGGER = re.compile(r"(?:^|(?<=[\s(\[]))([@#:])([^\s@#:]{0,40})$")


def trigger_at(before: str) -> tuple[str, int, str] | None:
    """The trigger the text before the cursor ends with, at a word's start: (trigger,
    its index, the query after it). `:` needs a letter after it ("10:30", ":)" stay
    text)."""
    m = _TRIGGER.search(before)
    if m is None:
        return None
    trigger, query = m.group(1), m.group(2)
    if trigger == EMOJI and not (query and query[0].isalpha()):
        return None
    if trigger == MENTION and query and not (query[0].isalnum()):
        return None
    return trigger, m.start(1), query


def _utf16_len(text: str) -> int:
    """Qt counts positions in UTF-16 units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def _utf16_prefix(text: str, units: int) -> str:
    """The start of `text` that is `units` UTF-16 units long."""
    return text.encode("utf-16-le")[: units * 2].decode("utf-16-le", errors="ignore")


def _after(now: str, sent: str) -> str | None:
    """What is left of the editor's text `now` once `sent` (its text when Enter was
    pressed) is gone: "" if nothing was typed since, the rest if it was typed after;
    None if the agent changed the sent text meanwhile (then theirs stays as it is)."""
    if now == sent:
        return ""
    if now.startswith(sent):
        return now[len(sent) :].lstrip("\n")
    return None
