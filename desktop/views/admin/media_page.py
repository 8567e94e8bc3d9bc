"""The Media page (SPEC S9): the six media in their fixed order, each connected or not,
connected or edited through a form made from what the medium needs (protocol.media),
disconnected after a question (its chats stay).

Secrets are typed into password fields and sent once; the page never has their values
back: it shows which are set ("set: leave empty to keep") from the server's names only.
"""

from __future__ import annotations

from typing import Any

from pydantic.fields import FieldInfo
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.format import medium_label
from desktop.views.admin.common import Feedback, page_layout
from desktop.views.confirm import ask
from desktop.views.icons import icon
from desktop.views.section_icons import MEDIUM_ICONS
from desktop.views.theme import repolish
from protocol.kinds import INTEGRATION_ORDER, Medium
from protocol.media import SECRETS, SETTINGS


def field_label(name: str) -> str:
    """A setting's or secret's name as an admin reads it."""
    return {
        "number": translate("AdminMedia", "Phone number (E.164, e.g. +8215881234)"),
        "inbound_address": translate("AdminMedia", "Inbound address"),
        "smtp_host": translate("AdminMedia", "SMTP server"),
        "smtp_port": translate("AdminMedia", "SMTP port"),
        "smtp_user": translate("AdminMedia", "SMTP user"),
        "smtp_starttls": translate("AdminMedia", "Use STARTTLS"),
        "channel_id": translate("AdminMedia", "Channel ID"),
        "page_id": translate("AdminMedia", "Page ID"),
        "account": translate("AdminMedia", "Account"),
        "partner_id": translate("AdminMedia", "Partner ID"),
        "webhook_secret": translate("AdminMedia", "Webhook secret"),
        "smtp_password": translate("AdminMedia", "SMTP password"),
        "rest_api_key": translate("AdminMedia", "REST API key"),
        "sender_key": translate("AdminMedia", "Sender key"),
        "app_secret": translate("AdminMedia", "App secret"),
        "page_token": translate("AdminMedia", "Page access token"),
        "verify_token": translate("AdminMedia", "Webhook verify token"),
        "authorization": translate("AdminMedia", "Authorization key"),
        "channel_secret": translate("AdminMedia", "Channel secret"),
        "access_token": translate("AdminMedia", "Channel access token"),
    }.get(name, name)


def _kind(info: FieldInfo) -> type:
    annotation = info.annotation
    if annotation is bool:
        return bool
    if annotation is int:
        return int
    return str


class MediumForm(QDialog):
    """Connect or edit one medium: its settings, then its secrets (password fields)."""

    submitted = Signal(str, object, object)  # medium, settings, secrets (only those typed)

    def __init__(self, medium: Medium, row: dict[str, Any] | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mediumForm")
        self.medium = medium
        connected = bool(row and row.get("connected"))
        title = (
            translate("AdminMedia", "Edit {medium}")
            if connected
            else translate("AdminMedia", "Connect {medium}")
        )
        self.setWindowTitle(title.format(medium=medium_label(medium)))
        current = dict((row or {}).get("settings") or {})
        held = set((row or {}).get("secrets_set") or ()) if connected else set()
        self.settings: dict[str, QWidget] = {}
        self.secrets: dict[str, QLineEdit] = {}
        self.optional: set[str] = set()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, info in SETTINGS[medium].model_fields.items():
            value = current.get(name, None if info.is_required() else info.default)
            kind = _kind(info)
            editor: QWidget
            if kind is bool:
                box = QCheckBox(self)
                box.setChecked(bool(value))
                editor = box
            elif kind is int:
                spin = QSpinBox(self)
                spin.setRange(1, 65_535)
                spin.setValue(int(value or 1))
                editor = spin
            else:
                line = QLineEdit(self)
                line.setText("" if value is None else str(value))
                if not info.is_required():
                    self.optional.add(name)
                    line.setPlaceholderText(translate("AdminMedia", "Optional"))
                editor = line
            editor.setObjectName(f"setting_{name}")
            self.settings[name] = editor
            form.addRow(field_label(name), editor)
        secrets_title = QLabel(translate("AdminMedia", "Secrets"), self)
        secrets_title.setObjectName("columnHead")
        form.addRow(secrets_title)
        for name in SECRETS[medium].model_fields:
            line = QLineEdit(self)
            line.setObjectName(f"secret_{name}")
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setPlaceholderText(
                translate("AdminMedia", "Set: leave empty to keep")
                if name in held
                else translate("AdminMedia", "Required")
            )
            self.secrets[name] = line
            form.addRow(field_label(name), line)

        note = QLabel(
            translate(
                "AdminMedia",
                "Secrets are sealed on the server and never shown again, here or anywhere.",
            ),
            self,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.error = Feedback(self)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            translate("AdminMedia", "Save") if connected else translate("AdminMedia", "Connect"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.save_button.setProperty("primary", True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(note)
        col.addWidget(self.error)
        col.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        settings: dict[str, Any] = {}
        for name, editor in self.settings.items():
            if isinstance(editor, QCheckBox):
                settings[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                settings[name] = editor.value()
            elif isinstance(editor, QLineEdit):
                text = editor.text().strip()
                if text or name not in self.optional:
                    settings[name] = text
        secrets = {n: e.text() for n, e in self.secrets.items() if e.text()}
        return settings, secrets

    def _submit(self) -> None:
        settings, secrets = self.values()
        self.error.clear_text()
        self.save_button.setEnabled(False)
        self.submitted.emit(self.medium.value, settings, secrets)

    def refused(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.error.refused(text)


class _MediumRow(QFrame):
    def __init__(self, medium: Medium, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("adminCard")
        self.medium = medium
        badge = QLabel(self)
        badge.setPixmap(icon(MEDIUM_ICONS.get(medium.value, "message-outline")).pixmap(28, 28))
        badge.setFixedSize(36, 36)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setObjectName("adminBadge")
        self.name = QLabel(medium_label(medium), self)
        self.name.setObjectName("adminCardTitle")
        self.state = QLabel(self)
        self.state.setObjectName("adminState")
        self.detail = QLabel(self)
        self.detail.setObjectName("hint")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.connect_button = QPushButton(self)
        self.disconnect_button = QPushButton(
            icon("link-variant-off"), translate("AdminMedia", "Disconnect"), self
        )
        texts = QVBoxLayout()
        texts.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.name)
        top.addWidget(self.state)
        top.addStretch(1)
        texts.addLayout(top)
        texts.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(12)
        row.addWidget(badge)
        row.addLayout(texts, 1)
        row.addWidget(self.connect_button)
        row.addWidget(self.disconnect_button)

    def show_row(self, row: dict[str, Any] | None) -> None:
        connected = bool(row and row.get("connected"))
        self.state.setText(
            translate("AdminMedia", "Connected")
            if connected
            else translate("AdminMedia", "Not connected")
        )
        self.state.setProperty("connected", connected)
        repolish(self.state)
        if connected and row is not None:
            settings = dict(row.get("settings") or {})
            shown = [
                str(v) for k, v in settings.items() if isinstance(v, str) and v and k != "smtp_user"
            ]
            held = [field_label(n) for n in row.get("secrets_set") or ()]
            parts = [" · ".join(shown[:2])] if shown else []
            if held:
                parts.append(
                    translate("AdminMedia", "Secrets set: {names}").format(names=", ".join(held))
                )
            self.detail.setText("  —  ".join(parts))
        else:
            self.detail.setText(
                translate("AdminMedia", "Connect it to answer its chats in Sangdam.")
            )
        self.connect_button.setText(
            translate("AdminMedia", "Edit") if connected else translate("AdminMedia", "Connect")
        )
        self.connect_button.setIcon(icon("pencil-outline" if connected else "power-plug-outline"))
        self.connect_button.setProperty("primary", not connected)
        repolish(self.connect_button)
        self.disconnect_button.setVisible(connected)


class MediaPage(QWidget):
    """`connectRequested(medium, settings, secrets)`, `disconnectRequested(medium)`."""

    connectRequested = Signal(str, object, object)
    disconnectRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mediaPage")
        col = page_layout(
            self,
            translate("AdminMedia", "Media"),
            translate(
                "AdminMedia",
                "The messengers your customers write from. Connected media's chats arrive "
                "in every agent's app; disconnecting keeps the chats already there.",
            ),
        )
        self.rows: dict[str, dict[str, Any]] = {}
        self.cards: dict[str, _MediumRow] = {}
        for medium in INTEGRATION_ORDER:
            card = _MediumRow(medium, self)
            card.connect_button.clicked.connect(lambda _=False, m=medium: self.open_form(m))
            card.disconnect_button.clicked.connect(lambda _=False, m=medium: self._disconnect(m))
            self.cards[medium.value] = card
            col.addWidget(card)
        self.feedback = Feedback(self)
        col.addWidget(self.feedback)
        col.addStretch(1)
        self.form: MediumForm | None = None
        self.confirmation: QMessageBox | None = None
        self.show_media([])

    def show_media(self, rows: list[dict[str, Any]]) -> None:
        self.rows = {str(r.get("medium")): r for r in rows}
        for medium, card in self.cards.items():
            card.show_row(self.rows.get(medium))

    def texts(self) -> str:
        """Everything the page shows as text (tests look for secrets in it)."""
        parts = [w.text() for w in self.findChildren(QLabel)]
        parts += [w.text() for w in self.findChildren(QLineEdit)]
        return "\n".join(parts)

    def open_form(self, medium: Medium) -> MediumForm:
        if self.form is not None:
            self.form.close()
        form = MediumForm(medium, self.rows.get(medium.value), self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        form.submitted.connect(self.connectRequested)
        form.destroyed.connect(lambda *_: setattr(self, "form", None))
        self.form = form
        form.open()
        return form

    def saved(self, medium: str) -> None:
        """The server took it: the form closes, the feed brings the row."""
        if self.form is not None and self.form.medium.value == medium:
            self.form.accept()
            self.form = None
        self.feedback.done(
            translate("AdminMedia", "{medium} saved.").format(medium=medium_label(medium))
        )

    def disconnected(self, medium: str) -> None:
        self.feedback.done(
            translate("AdminMedia", "{medium} disconnected.").format(medium=medium_label(medium))
        )

    def refused(self, text: str) -> None:
        if self.form is not None and self.form.isVisible():
            self.form.refused(text)
        else:
            self.feedback.refused(text)

    def _disconnect(self, medium: Medium) -> None:
        label = medium_label(medium)
        self.confirmation = ask(
            self,
            translate("AdminMedia", "Disconnect {medium}?").format(medium=label),
            translate(
                "AdminMedia",
                "New messages from {medium} stop arriving and its secrets are erased. "
                "Its chats stay, with their history.",
            ).format(medium=label),
            translate("AdminMedia", "Disconnect"),
            lambda: self.disconnectRequested.emit(medium.value),
        )
