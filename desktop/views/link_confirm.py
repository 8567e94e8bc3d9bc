"""Opening a link from a message (issue 15): never straight away. The agent first sees
the whole address, as plain text, and chooses to open it; customer text is never trusted
to say where a link goes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.i18n import translate


def ask_to_open(parent: QWidget, url: str) -> QMessageBox:
    """The confirmation, shown (not run): the caller's tests can answer it."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setObjectName("linkConfirm")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("LinkConfirm", "Open this link?"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(translate("LinkConfirm", "This link opens in your browser:"))
    box.setInformativeText(url)
    for label in box.findChildren(QLabel):  # the address too: plain text, never markup
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_button = box.addButton(
        translate("LinkConfirm", "Open link"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def done() -> None:
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl(url))

    box.finished.connect(done)
    box.open()
    return box
