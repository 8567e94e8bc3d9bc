"""The composer's dialogs: a link button (SPEC M5), a form (M6) and the macros (M3).

`LinkButtonDialog` asks for a text, a web address and a colour, with a preview of the
button the customer will see. `FormBuilderDialog` lists the form's fields (a label, a
type, and the profile field its answer is saved to, if any). Both give the message
block to send (`block()`), checked by the same schema the server uses. `MacroDialog`
lists the workspace's macros (filtered as one types); a manager with the "manage
macros" permission adds, edits and deletes them, anyone inserts one; what may not be
done is disabled with the reason as its tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.completions import MACRO, Completion, CompletionModel, CompletionSource
from desktop.views.completion_popup import CompletionDelegate
from desktop.views.confirm import ask
from desktop.views.icons import icon
from protocol import schemas as s
from protocol.kinds import FieldType

SWATCHES = ("#3d7bf7", "#12a150", "#e8590c", "#d6336c", "#7048e8", "#343a40")
MAX_FORM_FIELDS = 20
VARIABLES = ("{customer.name}", "{manager.name}", "{manager.email}", "{team.name}")


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("warningText")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


# ---- link button (M5) ---------------------------------------------------------------------


class LinkButtonDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkButtonDialog")
        self.setWindowTitle(translate("ComposeDialogs", "Send a link button"))
        self.text = QLineEdit(self)
        self.text.setMaxLength(200)
        self.text.setPlaceholderText(translate("ComposeDialogs", "e.g. Track my order"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://")
        self.color = SWATCHES[0]
        self.swatches: list[QToolButton] = []
        swatch_row = QHBoxLayout()
        swatch_row.setSpacing(6)
        for c in SWATCHES:
            b = QToolButton(self)
            b.setObjectName("swatch")
            b.setCheckable(True)
            b.setFixedSize(26, 26)
            b.setStyleSheet(
                f"QToolButton#swatch {{ background: {c}; border-radius: 13px;"
                " border: 2px solid transparent; }"
                f"QToolButton#swatch:checked {{ border: 2px solid palette(text); }}"
            )
            b.setToolTip(c)
            b.setAccessibleName(translate("ComposeDialogs", "Colour {color}").format(color=c))
            b.clicked.connect(lambda _=False, c=c: self.set_color(c))
            self.swatches.append(b)
            swatch_row.addWidget(b)
        self.other = QToolButton(self)
        self.other.setText(translate("ComposeDialogs", "Other…"))
        self.other.setAutoRaise(True)
        self.other.clicked.connect(self._pick_color)
        swatch_row.addWidget(self.other)
        swatch_row.addStretch(1)
        self.preview = QPushButton(self)
        self.preview.setObjectName("linkPreview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setMinimumHeight(34)
        self.error = _error_label(self)
        form = QFormLayout()
        form.addRow(translate("ComposeDialogs", "Button text"), self.text)
        form.addRow(translate("ComposeDialogs", "Web address"), self.url)
        form.addRow(translate("ComposeDialogs", "Colour"), swatch_row)
        preview_title = QLabel(translate("ComposeDialogs", "The customer sees:"), self)
        preview_title.setObjectName("muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ComposeDialogs", "Send")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(preview_title)
        col.addWidget(self.preview)
        col.addWidget(self.error)
        col.addWidget(self.buttons)
        self.text.textChanged.connect(self._check)
        self.url.textChanged.connect(self._check)
        self.resize(440, self.sizeHint().height())
        self.set_color(SWATCHES[0])

    def set_color(self, color: str) -> None:
        self.color = color
        for b in self.swatches:
            b.setChecked(b.toolTip() == color)
        self._check()

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self)
        if chosen.isValid():
            self.set_color(chosen.name())

    def problem(self) -> str | None:
        if not self.text.text().strip():
            return translate("ComposeDialogs", "Give the button a text.")
        url = self.url.text().strip()
        if not re.match(r"^https?://[^\s/]+\.[^\s]+", url):
            return translate("ComposeDialogs", "Enter a web address such as https://example.com")
        try:
            self.block()
        except ValidationError:
            return translate("ComposeDialogs", "This web address is not valid.")
        return None

    def block(self) -> dict[str, Any]:
        b = s.ButtonBlock(
            text=self.text.text().strip(), url=self.url.text().strip(), color=self.color
        )
        return b.model_dump(mode="json")

    def _check(self) -> None:
        text = self.text.text().strip() or translate("ComposeDialogs", "Button")
        self.preview.setText(text)
        fg = "#ffffff" if QColor(self.color).lightnessF() < 0.6 else "#1c2024"
        self.preview.setStyleSheet(
            f"QPushButton#linkPreview {{ background: {self.color}; color: {fg}; border: none;"
            " border-radius: 8px; padding: 6px 14px; font-weight: 600; }"
        )
        problem = self.problem() if (self.text.text() or self.url.text()) else None
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.problem() is None)


# ---- form builder (M6) --------------------------------------------------------------------


def type_names() -> dict[FieldType, str]:
    return {
        FieldType.STRING: translate("ComposeDialogs", "Text"),
        FieldType.NUMBER: translate("ComposeDialogs", "Number"),
        FieldType.BOOLEAN: translate("ComposeDialogs", "Yes / no"),
        FieldType.DATE: translate("ComposeDialogs", "Date"),
    }


class _FieldRow(QWidget):
    removeRequested = Signal(object)

    def __init__(
        self, profile_fields: Sequence[dict[str, Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formFieldRow")
        self.label = QLineEdit(self)
        self.label.setMaxLength(200)
        self.label.setPlaceholderText(translate("ComposeDialogs", "Question, e.g. Email"))
        self.type = QComboBox(self)
        for t, name in type_names().items():
            self.type.addItem(name, t.value)
        self.profile = QComboBox(self)
        self.profile.addItem(translate("ComposeDialogs", "Not saved"), "")
        self._types: dict[str, str] = {}
        for f in profile_fields:
            self.profile.addItem(str(f.get("label") or f["key"]), str(f["key"]))
            self._types[str(f["key"])] = str(f.get("type") or "string")
        self.profile.setToolTip(
            translate("ComposeDialogs", "The customer profile field this answer is saved to")
        )
        self.profile.currentIndexChanged.connect(self._profile_chosen)
        self.remove = QToolButton(self)
        self.remove.setIcon(icon("close"))
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(translate("ComposeDialogs", "Remove this field"))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.label, 3)
        row.addWidget(self.type, 1)
        row.addWidget(self.profile, 2)
        row.addWidget(self.remove)

    def _profile_chosen(self) -> None:
        key = str(self.profile.currentData() or "")
        if key in self._types:  # the answer takes the profile field's type
            at = self.type.findData(self._types[key])
            if at >= 0:
                self.type.setCurrentIndex(at)
            if not self.label.text().strip():
                self.label.setText(self.profile.currentText())

    def field(self, n: int) -> dict[str, Any]:
        profile = str(self.profile.currentData() or "") or None
        key = profile if profile and re.match(r"^[a-z][a-z0-9_]{0,39}$", profile) else f"field_{n}"
        return {
            "key": key,
            "label": self.label.text().strip(),
            "type": str(self.type.currentData()),
            "profile_key": profile,
        }


class FormBuilderDialog(QDialog):
    def __init__(
        self, profile_fields: Sequence[dict[str, Any]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formBuilder")
        self.setWindowTitle(translate("ComposeDialogs", "Send a form"))
        self._profile_fields = list(profile_fields)
        intro = QLabel(
            translate(
                "ComposeDialogs",
                "The customer fills in these fields in the chat. An answer can be saved to "
                "their profile.",
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        heads = QHBoxLayout()
        heads.setContentsMargins(0, 0, 30, 0)
        for text, stretch in (
            (translate("ComposeDialogs", "Field"), 3),
            (translate("ComposeDialogs", "Type"), 1),
            (translate("ComposeDialogs", "Save to profile"), 2),
        ):
            h = QLabel(text, self)
            h.setObjectName("columnHead")
            heads.addWidget(h, stretch)
        self.rows: list[_FieldRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(6)
        self.add_button = QPushButton(
            icon("plus"), translate("ComposeDialogs", "Add a field"), self
        )
        self.add_button.clicked.connect(lambda: self.add_field())
        self.error = _error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ComposeDialogs", "Send")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        frame = QFrame(self)
        frame.setObjectName("formFields")
        inner = QVBoxLayout(frame)
        inner.addLayout(heads)
        inner.addLayout(self.rows_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        inner.addLayout(add_row)
        col = QVBoxLayout(self)
        col.addWidget(intro)
        col.addWidget(frame)
        col.addWidget(self.error)
        col.addStretch(1)
        col.addWidget(self.buttons)
        self.add_field()
        self.resize(600, 320)

    def add_field(self, label: str = "", ftype: str = "string", profile_key: str = "") -> _FieldRow:
        row = _FieldRow(self._profile_fields, self)
        if profile_key:
            at = row.profile.findData(profile_key)
            if at >= 0:
                row.profile.setCurrentIndex(at)
        at = row.type.findData(ftype)
        if at >= 0:
            row.type.setCurrentIndex(at)
        if label:
            row.label.setText(label)
        row.removeRequested.connect(self._remove)
        row.label.textChanged.connect(self._check)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._check()
        return row

    def _remove(self, row: _FieldRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.deleteLater()
        self._check()

    def fields(self) -> list[dict[str, Any]]:
        return [r.field(n) for n, r in enumerate(self.rows, start=1)]

    def problem(self) -> str | None:
        fields = self.fields()
        if not fields:
            return translate("ComposeDialogs", "Add at least one field.")
        if any(not f["label"] for f in fields):
            return translate("ComposeDialogs", "Every field needs a question.")
        keys = [f["key"] for f in fields]
        if len(set(keys)) != len(keys):
            return translate("ComposeDialogs", "Two fields save to the same profile field.")
        return None

    def block(self) -> dict[str, Any]:
        return s.FormBlock(fields=[s.FormField(**f) for f in self.fields()]).model_dump(mode="json")

    def _check(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        self.error.setVisible(bool(problem) and bool(self.rows))
        self.add_button.setEnabled(len(self.rows) < MAX_FORM_FIELDS)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)


# ---- macros (M3) --------------------------------------------------------------------------


def variable_chips(
    parent: QWidget, body: QPlainTextEdit, label: str
) -> tuple[QHBoxLayout, list[QToolButton]]:
    """A row of the macro variables as chips; a click types one into `body` (the
    composer's macro dialog and the administration window's Macros page)."""
    row = QHBoxLayout()
    row.setSpacing(4)
    row.addWidget(QLabel(label, parent))
    buttons: list[QToolButton] = []
    for v in VARIABLES:
        b = QToolButton(parent)
        b.setObjectName("variableChip")
        b.setText(v)
        b.setAutoRaise(True)
        b.clicked.connect(lambda _=False, v=v: body.insertPlainText(v))
        row.addWidget(b)
        buttons.append(b)
    row.addStretch(1)
    return row, buttons


class MacroDialog(QDialog):
    """`saveRequested(id or "", name, body)`, `deleteRequested(id)`, `insertRequested(c)`."""

    saveRequested = Signal(str, str, str)
    deleteRequested = Signal(str)
    insertRequested = Signal(object)

    def __init__(self, source: CompletionSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("macroDialog")
        self.setWindowTitle(translate("ComposeDialogs", "Macros"))
        self.source = source
        self._editing = ""  # the macro shown ("" for a new one)
        self.confirmation: QMessageBox | None = None  # the open "delete?" question
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(translate("ComposeDialogs", "Search macros"))
        self.filter.setClearButtonEnabled(True)
        self.model = CompletionModel(self)
        self.list = QListView(self)
        self.list.setObjectName("macroList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(CompletionDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumWidth(300)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(translate("ComposeDialogs", "Name, e.g. Greeting"))
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(
            translate("ComposeDialogs", "The reply. Variables are filled in when inserted.")
        )
        var_row, self.variable_buttons = variable_chips(
            self, self.body, translate("ComposeDialogs", "Variables:")
        )
        self.new_button = QPushButton(icon("plus"), translate("ComposeDialogs", "New"), self)
        self.save_button = QPushButton(translate("ComposeDialogs", "Save"), self)
        self.save_button.setProperty("primary", True)
        self.delete_button = QPushButton(
            icon("delete-outline"), translate("ComposeDialogs", "Delete"), self
        )
        self.insert_button = QPushButton(translate("ComposeDialogs", "Insert"), self)
        self.close_button = QPushButton(translate("ComposeDialogs", "Close"), self)
        self.error = _error_label(self)
        self.permission = QLabel(self)
        self.permission.setObjectName("muted")
        self.permission.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self.filter)
        left.addWidget(self.list, 1)
        right = QGridLayout()
        right.addWidget(QLabel(translate("ComposeDialogs", "Name"), self), 0, 0)
        right.addWidget(self.name, 1, 0)
        right.addWidget(QLabel(translate("ComposeDialogs", "Text"), self), 2, 0)
        right.addWidget(self.body, 3, 0)
        right.addLayout(var_row, 4, 0)
        right.addWidget(self.error, 5, 0)
        right.addWidget(self.permission, 6, 0)
        right.setRowStretch(3, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.insert_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.close_button)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        col = QVBoxLayout(self)
        col.addLayout(body, 1)
        col.addLayout(actions)

        self.filter.textChanged.connect(self.model.set_query)
        self.list.selectionModel().currentChanged.connect(self._shown)
        self.list.doubleClicked.connect(lambda _i: self._insert())
        self.new_button.clicked.connect(self.new_macro)
        self.save_button.clicked.connect(self._save)
        self.delete_button.clicked.connect(self._delete)
        self.insert_button.clicked.connect(self._insert)
        self.close_button.clicked.connect(self.reject)
        self.name.textChanged.connect(self._check)
        self.body.textChanged.connect(self._check)
        source.changed.connect(self.reload)
        self.resize(760, 440)
        self.reload()

    @property
    def allowed(self) -> bool:
        return self.source.can_manage_macros()

    def reload(self) -> None:
        """The workspace's macros (again, after a change anywhere), the one shown kept."""
        keep = self._editing
        self.model.set_items(self.source.items(MACRO))
        for row in range(self.model.rowCount()):
            c = self.model.completion(row)
            if c is not None and c.key == keep:
                self.list.setCurrentIndex(self.model.index(row, 0))
                break
        else:
            if keep and not any(c.key == keep for c in self.source.items(MACRO)):
                self.new_macro()  # deleted elsewhere
        allowed = self.allowed
        why = translate(
            "ComposeDialogs",
            "You need the \u201cmanage macros\u201d permission to change macros: ask an admin.",
        )
        for w in (self.new_button, self.save_button, self.delete_button):
            w.setEnabled(allowed)
            w.setToolTip("" if allowed else why)
        for b in self.variable_buttons:
            b.setEnabled(allowed)
        self.name.setReadOnly(not allowed)
        self.body.setReadOnly(not allowed)
        self.permission.setText("" if allowed else why)
        self.permission.setVisible(not allowed)
        self._check()

    def new_macro(self) -> None:
        self._editing = ""
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())
        self.name.clear()
        self.body.clear()
        self.name.setFocus()
        self._check()

    def _shown(self, index: QModelIndex) -> None:
        c = self.model.completion(index.row())
        if c is None:
            return
        self._editing = c.key
        self.name.setText(c.label)
        self.body.setPlainText(c.insert)
        self._check()

    def problem(self) -> str | None:
        if not self.name.text().strip():
            return translate("ComposeDialogs", "Give the macro a name.")
        if not self.body.toPlainText().strip():
            return translate("ComposeDialogs", "Write the macro's text.")
        return None

    def _check(self) -> None:
        problem = self.problem()
        typed = bool(self.name.text() or self.body.toPlainText())
        self.error.setText(problem if (problem and typed and self.allowed) else "")
        self.error.setVisible(bool(self.error.text()))
        self.save_button.setEnabled(self.allowed and problem is None)
        self.delete_button.setEnabled(self.allowed and bool(self._editing))
        self.insert_button.setEnabled(bool(self._editing))

    def _save(self) -> None:
        if self.problem() is None and self.allowed:
            self.saveRequested.emit(
                self._editing, self.name.text().strip(), self.body.toPlainText()
            )
            if not self._editing:  # a new one: it shows in the list once saved
                self.new_macro()

    def _delete(self) -> None:
        """Asks first: a macro is the whole team's, and a deletion cannot be undone."""
        if not (self._editing and self.allowed):
            return
        macro_id, name = self._editing, self.name.text().strip()
        box = ask(
            self,
            translate("ComposeDialogs", "Delete this macro?"),
            translate(
                "ComposeDialogs", "\u201c{name}\u201d is removed for everyone in the workspace."
            ).format(name=name),  # a macro's name is somebody's text: shown as plain text
            translate("ComposeDialogs", "Delete"),
            lambda: self.deleteRequested.emit(macro_id),
        )
        box.setObjectName("macroDeleteConfirm")
        self.confirmation = box

    def _insert(self) -> None:
        c = self.model.completion(self.list.currentIndex().row())
        if isinstance(c, Completion):
            self.insertRequested.emit(c)
            self.accept()
