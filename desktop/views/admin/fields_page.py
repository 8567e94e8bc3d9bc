"""The Profile fields page (SPEC P4): the workspace's customer profile schema in its
order, reordered with up and down, added, edited (label, type, a select's options) and
deleted after a question (the customers' values are kept on the server). A change the
customers' values would not fit is the server's to refuse; its reason shows here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.views.admin.common import Feedback, page_layout
from desktop.views.compose_dialogs import type_names as form_types
from desktop.views.confirm import ask
from desktop.views.icons import icon
from protocol.kinds import FieldType

KEY = Qt.ItemDataRole.UserRole


def type_names() -> dict[FieldType, str]:
    """The form builder's types, and a select (profile fields only)."""
    return {**form_types(), FieldType.SELECT: translate("AdminFields", "Choice (select)")}


class FieldDialog(QDialog):
    """A new field (key, label, type, options) or an existing one (its key stays)."""

    submitted = Signal(str, object)  # the key being edited ("" for a new field), values

    def __init__(self, field: dict[str, Any] | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("fieldDialog")
        self.editing = str(field["key"]) if field else ""
        self.setWindowTitle(
            translate("AdminFields", "Edit profile field")
            if field
            else translate("AdminFields", "New profile field")
        )
        self.key = QLineEdit(self)
        self.key.setPlaceholderText(translate("AdminFields", "e.g. plan (letters, digits, _)"))
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(translate("AdminFields", "e.g. Plan"))
        self.type = QComboBox(self)
        for ftype, name in type_names().items():
            self.type.addItem(name, ftype.value)
        self.options = QPlainTextEdit(self)
        self.options.setPlaceholderText(translate("AdminFields", "One option a line"))
        self.options.setFixedHeight(110)
        self.options_label = QLabel(translate("AdminFields", "Options"), self)
        if field:
            self.key.setText(str(field.get("key") or ""))
            self.key.setEnabled(False)  # the customers' values are stored under it
            self.label.setText(str(field.get("label") or ""))
            self.type.setCurrentIndex(max(0, self.type.findData(str(field.get("type")))))
            self.options.setPlainText("\n".join(str(o) for o in field.get("options") or ()))
        form = QFormLayout()
        form.addRow(translate("AdminFields", "Key"), self.key)
        form.addRow(translate("AdminFields", "Label"), self.label)
        form.addRow(translate("AdminFields", "Type"), self.type)
        form.addRow(self.options_label, self.options)
        self.error = Feedback(self)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            translate("AdminFields", "Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setProperty("primary", True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.error)
        col.addWidget(buttons)
        self.type.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        self.setMinimumWidth(420)

    def _type_changed(self) -> None:
        select = self.type.currentData() == FieldType.SELECT.value
        self.options.setVisible(select)
        self.options_label.setVisible(select)

    def values(self) -> dict[str, Any]:
        ftype = str(self.type.currentData())
        out: dict[str, Any] = {"label": self.label.text().strip(), "type": ftype}
        if not self.editing:
            out["key"] = self.key.text().strip()
        lines = [o.strip() for o in self.options.toPlainText().splitlines() if o.strip()]
        out["options"] = lines if ftype == FieldType.SELECT.value else []
        return out

    def _submit(self) -> None:
        values = self.values()
        if not values["label"] or (not self.editing and not values["key"]):
            self.error.refused(translate("AdminFields", "A field needs a key and a label."))
            return
        if values["type"] == FieldType.SELECT.value and not values["options"]:
            self.error.refused(
                translate("AdminFields", "A select field needs at least one option.")
            )
            return
        self.error.clear_text()
        self.save_button.setEnabled(False)
        self.submitted.emit(self.editing, values)

    def refused(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.error.refused(text)


class FieldsPage(QWidget):
    """`saveRequested(key or "", values)`, `deleteRequested(key)`,
    `reorderRequested(keys in their new order)`."""

    saveRequested = Signal(str, object)
    deleteRequested = Signal(str)
    reorderRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldsPage")
        col = page_layout(
            self,
            translate("AdminFields", "Profile fields"),
            translate(
                "AdminFields",
                "What agents keep about each customer, in the side panel's order. "
                "Deleting a field hides it; the customers' values are kept.",
            ),
        )
        self.fields: list[dict[str, Any]] = []
        self.list = QListWidget(self)
        self.list.setObjectName("adminList")
        self.list.setAlternatingRowColors(False)
        self.add_button = QPushButton(icon("plus"), translate("AdminFields", "Add field"), self)
        self.add_button.setProperty("primary", True)
        self.edit_button = QPushButton(
            icon("pencil-outline"), translate("AdminFields", "Edit"), self
        )
        self.delete_button = QPushButton(
            icon("delete-outline"), translate("AdminFields", "Delete"), self
        )
        self.up_button = QPushButton(icon("arrow-up"), "", self)
        self.up_button.setToolTip(translate("AdminFields", "Move up"))
        self.down_button = QPushButton(icon("arrow-down"), "", self)
        self.down_button.setToolTip(translate("AdminFields", "Move down"))
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.up_button)
        actions.addWidget(self.down_button)
        col.addLayout(actions)
        col.addWidget(self.list, 1)
        self.empty = QLabel(translate("AdminFields", "No profile fields yet: add the first."), self)
        self.empty.setObjectName("hint")
        col.addWidget(self.empty)
        self.feedback = Feedback(self)
        col.addWidget(self.feedback)
        self.dialog: FieldDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(self._edit)
        self.list.itemDoubleClicked.connect(lambda _i: self._edit())
        self.delete_button.clicked.connect(self._delete)
        self.up_button.clicked.connect(lambda: self.move_field(-1))
        self.down_button.clicked.connect(lambda: self.move_field(1))
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self.show_fields([])

    def show_fields(self, fields: list[dict[str, Any]]) -> None:
        current = self.current_key()
        self.fields = sorted(fields, key=lambda f: (int(f.get("position") or 0), str(f.get("key"))))
        names = {str(t): name for t, name in type_names().items()}
        self.list.clear()
        for f in self.fields:
            ftype = str(f.get("type") or "string")
            kind = names.get(ftype, ftype)
            options = list(f.get("options") or ())
            extra = f": {', '.join(str(o) for o in options)}" if options else ""
            text = f"{f.get('label') or f.get('key')}\n{f.get('key')} · {kind}{extra}"
            item = QListWidgetItem(text, self.list)
            item.setData(KEY, str(f.get("key")))
            if str(f.get("key")) == current:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not self.fields)
        self._enable()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(KEY)) if item is not None else None

    def select(self, key: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY) == key:
                self.list.setCurrentRow(row)

    def _enable(self) -> None:
        row = self.list.currentRow()
        chosen = row >= 0
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.list.count() - 1)

    def open_dialog(self, field: dict[str, Any] | None) -> FieldDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = FieldDialog(field, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.submitted.connect(self.saveRequested)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _field(self, key: str | None) -> dict[str, Any] | None:
        return next((f for f in self.fields if str(f.get("key")) == key), None)

    def _edit(self) -> None:
        field = self._field(self.current_key())
        if field is not None:
            self.open_dialog(field)

    def _delete(self) -> None:
        field = self._field(self.current_key())
        if field is None:
            return
        key = str(field["key"])
        self.confirmation = ask(
            self,
            translate("AdminFields", "Delete the field \u201c{label}\u201d?").format(
                label=field.get("label") or key
            ),
            translate(
                "AdminFields",
                "It leaves every agent's side panel. The customers' values are kept: "
                "a field made again with the key \u201c{key}\u201d shows them.",
            ).format(key=key),
            translate("AdminFields", "Delete"),
            lambda: self.deleteRequested.emit(key),
        )

    def move_field(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < len(self.fields):
            return
        keys = [str(f["key"]) for f in self.fields]
        keys[row], keys[to] = keys[to], keys[row]
        self.reorderRequested.emit(keys)

    def saved(self, key: str) -> None:
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog = None
        self.feedback.done(translate("AdminFields", "Saved."))
        self.select(key)

    def done(self, text: str) -> None:
        self.feedback.done(text)

    def refused(self, text: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refused(text)
        else:
            self.feedback.refused(text)
