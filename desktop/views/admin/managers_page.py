"""The Managers page (SPEC O3, O4): every manager (deactivated ones dimmed), the chosen
one's role, permissions, operator seat, deactivation; and invitations, each link shown
with Copy and as a QR code.

The page only asks (signals); the controller calls the server. Refusals (the last
owner, a role only an owner gives) are shown by the window with the server's reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.people import ManagerTableModel, role_label
from desktop.views.icons import icon

ROLES = ("manager", "admin", "owner")
PERMISSIONS = ("delete_chats", "manage_macros", "manage_workspace")


def permission_label(key: str) -> str:
    match key:
        case "delete_chats":
            return translate("Admin", "Delete chats")
        case "manage_macros":
            return translate("Admin", "Manage macros")
    return translate("Admin", "Manage the workspace")


def qr_image(text: str, scale: int = 6, border: int = 4) -> QImage:
    """The QR code of `text` (segno's matrix), black on white, `scale` pixels a module."""
    import segno

    matrix = segno.make(text, error="m").matrix
    size = (len(matrix) + 2 * border) * scale
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(scale):
                    py = (y + border) * scale + dy
                    for dx in range(scale):
                        image.setPixel((x + border) * scale + dx, py, black)
    return image


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class ManagersPage(QWidget):
    roleRequested = Signal(str, str)  # manager id, role
    permissionsRequested = Signal(str, list)  # manager id, the whole set
    seatRequested = Signal(str, bool)
    deactivateRequested = Signal(str)
    reactivateRequested = Signal(str)
    inviteRequested = Signal(str, str)  # email, role
    withdrawRequested = Signal(str)  # invitation id
    invitationsWanted = Signal()

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("managersPage")
        self._directory = directory
        self.model = ManagerTableModel(directory, self)
        self.confirm: Callable[[QWidget, str, str], bool] = _ask
        self.manager_id: str | None = None

        heading = QLabel(translate("Admin", "Managers"), self)
        heading.setObjectName("heading")
        self.table = QTableView(self)
        self.table.setObjectName("managerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.model.modelReset.connect(self._reselect)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.table, 3)
        top.addWidget(self._detail(), 2)
        layout.addLayout(top, 3)
        layout.addWidget(self._invitations(), 2)
        self._show(None)

    # ---- building ------------------------------------------------------------------------

    def _detail(self) -> QWidget:
        box = QFrame(self)
        box.setObjectName("managerDetail")
        self.who = QLabel(box)
        self.who.setObjectName("subheading")
        self.who.setWordWrap(True)
        self.role = QComboBox(box)
        self.role.setAccessibleName(translate("Admin", "Role"))
        for key in ROLES:
            self.role.addItem(role_label(key), key)
        self.role.activated.connect(self._role)
        self.permission_boxes: dict[str, QCheckBox] = {}
        for key in PERMISSIONS:
            check = QCheckBox(permission_label(key), box)
            check.setObjectName(f"permission:{key}")
            check.clicked.connect(self._permissions)
            self.permission_boxes[key] = check
        self.seat = QCheckBox(translate("Admin", "Operator seat (answers chats)"), box)
        self.seat.clicked.connect(self._seat)
        self.deactivate_button = QPushButton(box)
        self.deactivate_button.clicked.connect(self._deactivate)
        grid = QGridLayout()
        self._role_label = QLabel(translate("Admin", "Role"), box)
        grid.addWidget(self._role_label, 0, 0)
        grid.addWidget(self.role, 0, 1)
        perms = QLabel(translate("Admin", "Permissions"), box)
        grid.addWidget(perms, 1, 0, Qt.AlignmentFlag.AlignTop)
        col = QVBoxLayout()
        for check in self.permission_boxes.values():
            col.addWidget(check)
        grid.addLayout(col, 1, 1)
        grid.setColumnStretch(1, 1)
        self.empty = QLabel(translate("Admin", "Choose a manager."), box)
        self.empty.setObjectName("hint")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.who)
        layout.addLayout(grid)
        layout.addWidget(self.seat)
        layout.addStretch(1)
        layout.addWidget(self.deactivate_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._detail_parts: list[QWidget] = [
            self.who,
            self.role,
            self.seat,
            self.deactivate_button,
            perms,
            *self.permission_boxes.values(),
        ]
        return box

    def _invitations(self) -> QWidget:
        box = QFrame(self)
        box.setObjectName("invitations")
        title = QLabel(translate("Admin", "Invite a manager"), box)
        title.setObjectName("subheading")
        self.invite_email = QLineEdit(box)
        self.invite_email.setPlaceholderText(translate("Admin", "Email address"))
        self.invite_role = QComboBox(box)
        self.invite_role.setAccessibleName(translate("Admin", "Role"))
        for key in ROLES:
            self.invite_role.addItem(role_label(key), key)
        self.invite_button = QPushButton(icon("email-outline"), translate("Admin", "Invite"), box)
        self.invite_button.setEnabled(False)
        self.invite_email.textChanged.connect(
            lambda t: self.invite_button.setEnabled("@" in t and "." in t.split("@")[-1])
        )
        self.invite_button.clicked.connect(self._invite)
        self.link = QLineEdit(box)
        self.link.setReadOnly(True)
        self.link.setObjectName("invitationLink")
        self.link.setAccessibleName(translate("Admin", "Invitation link"))
        self.copy_button = QPushButton(icon("content-copy"), translate("Admin", "Copy"), box)
        self.copy_button.clicked.connect(self._copy)
        self.link_hint = QLabel(box)
        self.link_hint.setObjectName("hint")
        self.link_hint.setWordWrap(True)
        self.qr = QLabel(box)
        self.qr.setObjectName("invitationQr")
        self.qr.setAccessibleName(translate("Admin", "The invitation link as a QR code"))
        pending = QLabel(translate("Admin", "Pending invitations"), box)
        pending.setObjectName("subheading")
        self.pending = QListWidget(box)
        self.pending.setObjectName("pendingInvitations")
        self.withdraw_button = QPushButton(translate("Admin", "Withdraw"), box)
        self.withdraw_button.setEnabled(False)
        self.pending.currentRowChanged.connect(
            lambda row: self.withdraw_button.setEnabled(row >= 0)
        )
        self.withdraw_button.clicked.connect(self._withdraw)

        ask = QHBoxLayout()
        ask.addWidget(self.invite_email, 1)
        ask.addWidget(self.invite_role)
        ask.addWidget(self.invite_button)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link, 1)
        link_row.addWidget(self.copy_button)
        left = QVBoxLayout()
        left.addWidget(title)
        left.addLayout(ask)
        left.addLayout(link_row)
        left.addWidget(self.link_hint)
        left.addWidget(pending)
        left.addWidget(self.pending, 1)
        left.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        self._link_parts: list[QWidget] = [self.link, self.copy_button, self.link_hint, self.qr]
        for part in self._link_parts:
            part.hide()
        return box

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the directory's state again (a refused change's switch goes back)."""
        self._show(self.manager_id)

    def select(self, manager_id: str) -> None:
        row = self.model.row_of(manager_id)
        if row is not None:
            self.table.selectRow(row)

    def _selected(self, _now: QItemSelection, _before: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        m = self.model.manager(rows[0].row()) if rows else None
        self._show(str(m["id"]) if m else None)

    def _reselect(self) -> None:
        row = self.model.row_of(self.manager_id) if self.manager_id else None
        if row is not None:
            self.table.selectRow(row)
        self._show(self.manager_id if row is not None else None)

    def _show(self, manager_id: str | None) -> None:
        m = self._directory.managers.get(manager_id) if manager_id else None
        self.manager_id = str(m["id"]) if m else None
        self.empty.setVisible(m is None)
        self._role_label.setVisible(m is not None)
        for part in self._detail_parts:
            part.setVisible(m is not None)
        if m is None:
            return
        off = bool(m.get("deactivated"))
        name = str(m.get("name") or "")
        self.who.setText(
            translate("Admin", "{name} (deactivated)").format(name=name) if off else name
        )
        row = self.role.findData(str(m.get("role") or "manager"))
        self.role.setCurrentIndex(max(row, 0))
        perms = set(m.get("permissions") or [])
        for key, check in self.permission_boxes.items():
            check.setChecked(key in perms)
        self.seat.setChecked(bool(m.get("operator_seat")))
        mine = str(m["id"]) == self._directory.me
        self.deactivate_button.setEnabled(not mine)
        self.deactivate_button.setToolTip(
            translate("Admin", "You cannot deactivate yourself.") if mine else ""
        )
        if off:
            self.deactivate_button.setText(translate("Admin", "Reactivate"))
            self.deactivate_button.setIcon(icon("account-check"))
        else:
            self.deactivate_button.setText(translate("Admin", "Deactivate…"))
            self.deactivate_button.setIcon(icon("account-remove"))
        for w in (self.role, self.seat, *self.permission_boxes.values()):
            w.setEnabled(not off)

    def show_invitation(self, email: str, link: str) -> None:
        """A new invitation: its link, to copy or to scan (only this answer has it)."""
        self.link.setText(link)
        self.link.setCursorPosition(0)  # its start shows: sangdam://invite?…
        self.link_hint.setText(
            translate(
                "Admin",
                "Send this link to {email}: it works once, for 7 days. Opening it in "
                "Sangdam asks their name and a password.",
            ).format(email=email)
        )
        self.qr.setPixmap(QPixmap.fromImage(qr_image(link, scale=4)))
        for part in self._link_parts:
            part.show()
        self.invite_email.clear()

    def set_invitations(self, rows: Sequence[Any]) -> None:
        """Pending invitations (people_calls.Invitation values)."""
        self.pending.clear()
        for inv in rows:
            item = QListWidgetItem(
                translate("Admin", "{email} — {role}, until {until}").format(
                    email=inv.email, role=role_label(inv.role), until=str(inv.expires_at)[:10]
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, inv.id)
            self.pending.addItem(item)
        self.withdraw_button.setEnabled(False)

    # ---- asking ---------------------------------------------------------------------------

    def showEvent(self, e: Any) -> None:
        super().showEvent(e)
        self.invitationsWanted.emit()

    def _role(self, _row: int) -> None:
        m = self._directory.managers.get(self.manager_id) if self.manager_id else None
        role = str(self.role.currentData())
        if m is not None and role != m.get("role"):
            self.roleRequested.emit(str(m["id"]), role)

    def _seat(self, on: bool) -> None:
        if self.manager_id:
            self.seatRequested.emit(self.manager_id, bool(on))

    def _permissions(self) -> None:
        if self.manager_id:
            chosen = [k for k, c in self.permission_boxes.items() if c.isChecked()]
            self.permissionsRequested.emit(self.manager_id, chosen)

    def _deactivate(self) -> None:
        m = self._directory.managers.get(self.manager_id) if self.manager_id else None
        if m is None:
            return
        name = str(m.get("name") or "")
        if m.get("deactivated"):
            self.reactivateRequested.emit(str(m["id"]))
            return
        if self.confirm(
            self,
            translate("Admin", "Deactivate {name}?").format(name=name),
            translate(
                "Admin",
                "{name} is signed out everywhere and can no longer log in. Their open "
                "chats go back to routing; their messages, notes and history stay theirs. "
                "You can reactivate them later.",
            ).format(name=name),
        ):
            self.deactivateRequested.emit(str(m["id"]))

    def _invite(self) -> None:
        email = self.invite_email.text().strip()
        if email:
            self.inviteRequested.emit(email, str(self.invite_role.currentData()))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.link.text())
        self.link_hint.setText(translate("Admin", "Link copied."))

    def _withdraw(self) -> None:
        item = self.pending.currentItem()
        if item is not None:
            self.withdrawRequested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
