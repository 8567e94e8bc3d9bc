"""The dialog an invitation link opens (issue 17): "Join the workspace", with the
invited person's name and a password typed twice. It only collects them and shows what
the controller says; the controller accepts the invitation on the server."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from desktop.i18n import translate
from desktop.views.form_dialog import FormDialog
from protocol.people import PASSWORD_MIN


class InviteDialog(FormDialog):
    submitted = Signal(str, str)  # name, password

    def __init__(self, server: str, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("InviteDialog", "Join a workspace"),
            translate("InviteDialog", "Join the workspace on {server}").format(server=server),
            translate("InviteDialog", "Join"),
            440,
            parent,
        )
        self.setObjectName("inviteDialog")
        hint = QLabel(
            translate(
                "InviteDialog",
                "You were invited to answer chats in Sangdam. Choose the name your "
                "teammates see and a password of at least {n} characters.",
            ).format(n=PASSWORD_MIN),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(translate("InviteDialog", "Your name"), self.name)
        form.addRow(translate("InviteDialog", "Password"), self.password)
        form.addRow(translate("InviteDialog", "Password again"), self.repeat)
        self.join_button = self.submit_button
        self.lay_out(hint, form)
        self.name.setFocus()

    def set_busy(self, busy: bool) -> None:
        for w in (self.name, self.password, self.repeat, self.join_button):
            w.setEnabled(not busy)

    def _submit(self) -> None:
        if not self.join_button.isEnabled():
            return
        name, password = self.name.text().strip(), self.password.text()
        if not name:
            self.set_error(translate("InviteDialog", "Enter your name."))
            self.name.setFocus()
            return
        if len(password) < PASSWORD_MIN:
            self.set_error(
                translate("InviteDialog", "The password needs at least {n} characters.").format(
                    n=PASSWORD_MIN
                )
            )
            self.password.setFocus()
            return
        if password != self.repeat.text():
            self.set_error(translate("InviteDialog", "The two passwords are not the same."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        self.error.hide()
        self.set_busy(True)
        self.submitted.emit(name, password)

    def accept(self) -> None:
        self.password.clear()
        self.repeat.clear()
        super().accept()
