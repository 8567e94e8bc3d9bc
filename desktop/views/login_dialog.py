"""The login dialog: server address, email, password. It only collects them and shows
what the controller says; the controller does the network."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.i18n import translate
from desktop.views.form_dialog import FormDialog


class LoginDialog(FormDialog):
    submitted = Signal(str, str, str)  # server url, email, password

    def __init__(
        self,
        server_url: str = "",
        email: str = "",
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("LoginDialog", "Log in to Sangdam"),
            translate("LoginDialog", "Log in to your team's inbox"),
            translate("LoginDialog", "Log in"),
            420,
            parent,
        )

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

        self.login_button = self.submit_button
        self.lay_out(self.message, form)
        (self.password if server_url and email else self.server).setFocus()

    def set_error(self, text: str) -> None:
        super().set_error(text)
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
