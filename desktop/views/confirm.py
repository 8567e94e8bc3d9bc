"""A window-modal question before something that cannot be undone (a deletion, a
disconnection): its Cancel is the default and Esc; the destructive answer is named."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget, question: str, detail: str, yes: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """A window-modal question (not a nested event loop): `on_yes` runs if confirmed."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, question, question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("confirmation")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(detail)
    ok = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    ok.setObjectName("confirmButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.buttonClicked.connect(lambda button: on_yes() if button is ok else None)
    box.open()
    return box
