"""The Macros page (SPEC M3): the workspace's saved replies, made, changed and deleted
(after a question) by admins and managers allowed to manage macros. The variables the
composer fills in are offered as chips; the server refuses a misspelt one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
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
from desktop.views.compose_dialogs import variable_chips
from desktop.views.confirm import ask
from desktop.views.icons import icon

ID = Qt.ItemDataRole.UserRole


class MacrosPage(QWidget):
    """`saveRequested(id or "", name, body)`, `deleteRequested(id)`."""

    saveRequested = Signal(str, str, str)
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("macrosPage")
        col = page_layout(
            self,
            translate("AdminMacros", "Macros"),
            translate(
                "AdminMacros",
                "Saved replies every agent inserts by typing # in the composer.",
            ),
        )
        self.macros: list[dict[str, Any]] = []
        self.editing = ""  # the macro shown ("" for a new one)
        self.list = QListWidget(self)
        self.list.setObjectName("adminList")
        self.list.setMinimumWidth(240)
        self.new_button = QPushButton(icon("plus"), translate("AdminMacros", "New macro"), self)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(translate("AdminMacros", "Name, e.g. Greeting"))
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(
            translate("AdminMacros", "The reply. Variables are filled in when it is inserted.")
        )
        chips, self.variable_buttons = variable_chips(
            self, self.body, translate("AdminMacros", "Variables:")
        )
        hint = QLabel(
            translate(
                "AdminMacros",
                "{customer} is the chat's customer; {manager} and {email} the agent who "
                "inserts it; {team} the chat's team.",
            ).format(
                customer="{customer.name}",
                manager="{manager.name}",
                email="{manager.email}",
                team="{team.name}",
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.save_button = QPushButton(translate("AdminMacros", "Save"), self)
        self.save_button.setProperty("primary", True)
        self.delete_button = QPushButton(
            icon("delete-outline"), translate("AdminMacros", "Delete"), self
        )
        self.feedback = Feedback(self)
        left = QVBoxLayout()
        left.addWidget(self.new_button)
        left.addWidget(self.list, 1)
        right = QGridLayout()
        right.addWidget(QLabel(translate("AdminMacros", "Name"), self), 0, 0)
        right.addWidget(self.name, 1, 0)
        right.addWidget(QLabel(translate("AdminMacros", "Text"), self), 2, 0)
        right.addWidget(self.body, 3, 0)
        right.addLayout(chips, 4, 0)
        right.addWidget(hint, 5, 0)
        actions = QHBoxLayout()
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right.addLayout(actions, 6, 0)
        right.addWidget(self.feedback, 7, 0)
        right.setRowStretch(3, 1)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        col.addLayout(body, 1)
        self.confirmation: QMessageBox | None = None
        self.list.currentItemChanged.connect(lambda item, _old: self._shown(item))
        self.new_button.clicked.connect(self.new_macro)
        self.save_button.clicked.connect(self._save)
        self.delete_button.clicked.connect(self._delete)
        self.name.textChanged.connect(self._enable)
        self.body.textChanged.connect(self._enable)
        self.show_macros([])

    def show_macros(self, macros: list[dict[str, Any]]) -> None:
        self.macros = sorted(macros, key=lambda m: str(m.get("name") or "").casefold())
        keep = self.editing
        self.list.blockSignals(True)
        self.list.clear()
        for m in self.macros:
            item = QListWidgetItem(str(m.get("name") or ""))
            item.setData(ID, str(m.get("id")))
            item.setToolTip(str(m.get("body") or ""))
            self.list.addItem(item)
            if str(m.get("id")) == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._enable()

    def new_macro(self) -> None:
        self.editing = ""
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.name.clear()
        self.body.clear()
        self.name.setFocus()
        self._enable()

    def select(self, macro_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID) == macro_id:
                self.list.setCurrentRow(row)

    def _shown(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        macro = next((m for m in self.macros if str(m.get("id")) == item.data(ID)), None)
        if macro is None:
            return
        self.editing = str(macro["id"])
        self.name.setText(str(macro.get("name") or ""))
        self.body.setPlainText(str(macro.get("body") or ""))
        self.feedback.clear_text()
        self._enable()

    def _enable(self) -> None:
        self.save_button.setEnabled(
            bool(self.name.text().strip() and self.body.toPlainText().strip())
        )
        self.delete_button.setEnabled(bool(self.editing))

    def _save(self) -> None:
        self.feedback.clear_text()
        self.saveRequested.emit(self.editing, self.name.text().strip(), self.body.toPlainText())

    def _delete(self) -> None:
        if not self.editing:
            return
        macro_id, name = self.editing, self.name.text().strip()
        self.confirmation = ask(
            self,
            translate("AdminMacros", "Delete the macro \u201c{name}\u201d?").format(name=name),
            translate("AdminMacros", "It is removed for everyone in the workspace."),
            translate("AdminMacros", "Delete"),
            lambda: self.deleteRequested.emit(macro_id),
        )

    def saved(self, macro: dict[str, Any]) -> None:
        """The server's row, shown at once (the feed brings the same to every app)."""
        self.editing = str(macro.get("id") or "")
        others = [m for m in self.macros if str(m.get("id")) != self.editing]
        self.show_macros([*others, macro])
        self.feedback.done(translate("AdminMacros", "Saved."))

    def deleted(self) -> None:
        self.new_macro()
        self.feedback.done(translate("AdminMacros", "Deleted."))

    def refused(self, text: str) -> None:
        self.feedback.refused(text)
