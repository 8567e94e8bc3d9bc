"""A small modal form (logging in, joining by invitation): a bold title, the fields, a
line saying what went wrong, and the form's own button beside Cancel. The dialogs only
collect and show; their controllers do the network."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FormDialog(QDialog):
    def __init__(
        self, window_title: str, title: str, button: str, width: int, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title)
        self.setMinimumWidth(width)
        self.setModal(True)
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        self.title.setFont(font)
        self.error = QLabel(self)  # what went wrong with this attempt
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setObjectName("errorText")  # coloured by resources/style/sangdam.qss
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.submit_button: QPushButton = self.buttons.addButton(
            button, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def lay_out(self, *parts: QWidget | QLayout) -> None:
        """Title, `parts` (hints, the form), the error line, the buttons; Enter in any
        field presses the form's button."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.submit_button.setDefault(True)

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While the controller works: the fields and the button wait."""
        raise NotImplementedError

    def _submit(self) -> None:
        raise NotImplementedError
