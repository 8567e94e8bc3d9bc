"""The login dialog: server address, email, password. It only collects them and shows
what the controller says; the controller does the network."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate


class LoginDialog(QDialog):
    submitted = Signal(str, str, str)  # server url, email, password

    def __init__(
        self,
        server_url: str = "",
        email: str = "",
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("LoginDialog", "Log in to Sangdam"))
        self.setMinimumWidth(420)
        self.setModal(True)

        title = QLabel(translate("LoginDialog", "Log in to your team's inbox"), self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 2)
        title.setFont(font)

        self.message = QLabel(self)  # why we ask again (expired login, logged out)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setObjectName("warningText")  # coloured by resources/style/sangdam.qss
        self.message.setVisible(bool(message))
        self.message.setText(message)

        self.server = QLineEdit(server_url, self)
        self.server.setPlaceholderText("https://sangdam.example.com")
        self.email = QLineEdit(email, self)
        self.email.setPlaceholderText(translate("LoginDialog", "you@company.com"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(translate("LoginDialog", "Server"), self.server)
        form.addRow(translate("LoginDialog", "Email"), self.email)
        form.addRow(translate("LoginDialog", "Password"), self.password)

        self.error = QLabel(self)  # what went wrong with this attempt
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setObjectName("errorText")
        self.error.hide()

        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(
            translate("LoginDialog", "Log in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.login_button.setDefault(True)  # Enter in any field logs in
        (self.password if server_url and email else self.server).setFocus()

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.set_busy(False)
        if text:
            self.password.setFocus()
            self.password.selectAll()

    def set_busy(self, busy: bool) -> None:
        for w in (self.server, self.email, self.password, self.login_button):
            w.setEnabled(not busy)
        self.login_button.setText(
            translate("LoginDialog", "Logging in…") if busy else translate("LoginDialog", "Log in")
        )

    def _submit(self) -> None:
        if not self.login_button.isEnabled():
            return
        server, email, password = (
            self.server.text().strip(),
            self.email.text().strip(),
            self.password.text(),
        )
        if not server or not email or not password:
            self.set_error(
                translate("LoginDialog", "Enter the server address, your email and your password.")
            )
            return
        self.error.hide()
        self.set_busy(True)
        self.submitted.emit(server, email, password)

    def accept(self) -> None:
        self.password.clear()
        super().accept()
