"""The Teams page (SPEC O4, R1-R4): the teams on the left; the chosen team's name,
auto-assignment and members on the right, each member with their place in the rota and
their maximum of chats (theirs in every team, R4).

The page only asks (signals); the controller calls the server and the change feed brings
the result back through the directory, so what is shown is always the server's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.people import TeamListModel
from desktop.views.icons import icon


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class TeamsPage(QWidget):
    createRequested = Signal(str)  # name
    renameRequested = Signal(str, str)  # team id, name
    deleteRequested = Signal(str)
    autoAssignRequested = Signal(str, bool)
    memberAddRequested = Signal(str, str)  # team id, manager id
    memberRemoveRequested = Signal(str, str)
    rotaRequested = Signal(str, str, bool)
    maxChatsRequested = Signal(str, str, int)  # manager id's maximum (R4)

    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamsPage")
        self._directory = directory
        self.model = TeamListModel(directory, self)
        self.confirm: Callable[[QWidget, str, str], bool] = _ask  # tests answer it

        heading = QLabel(translate("Admin", "Teams"), self)
        heading.setObjectName("heading")
        hint = QLabel(
            translate(
                "Admin",
                "Teams receive chats; a team that assigns automatically gives each new "
                "chat to a member in its rota who has room.",
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.list = QListView(self)
        self.list.setObjectName("teamList")
        self.list.setModel(self.model)
        self.list.setFixedWidth(220)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(translate("Admin", "New team's name"))
        self.new_name.setMaxLength(200)
        self.create_button = QPushButton(icon("plus"), translate("Admin", "Create"), self)
        self.create_button.setEnabled(False)
        self.new_name.textChanged.connect(lambda t: self.create_button.setEnabled(bool(t.strip())))
        self.create_button.clicked.connect(self._create)
        self.new_name.returnPressed.connect(self._create)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.create_button)
        left.addLayout(add_row)

        self.detail = self._detail()
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left)
        body.addWidget(self.detail, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(8)
        layout.addLayout(body, 1)

        self.team_id: str | None = None
        self.list.selectionModel().selectionChanged.connect(self._selected)
        self.model.modelReset.connect(self._reselect)
        self._want: str | None = None  # a team just created: chosen when it arrives
        self._show(None)

    # ---- building ------------------------------------------------------------------------

    def _detail(self) -> QWidget:
        box = QFrame(self)
        box.setObjectName("teamDetail")
        self.name_edit = QLineEdit(box)
        self.name_edit.setMaxLength(200)
        self.name_edit.setAccessibleName(translate("Admin", "Team name"))
        self.rename_button = QPushButton(translate("Admin", "Rename"), box)
        self.rename_button.clicked.connect(self._rename)
        self.name_edit.returnPressed.connect(self._rename)
        self.delete_button = QPushButton(icon("delete-outline"), translate("Admin", "Delete…"), box)
        self.delete_button.clicked.connect(self._delete)
        self.auto_assign = QCheckBox(translate("Admin", "Assign new chats automatically"), box)
        self.auto_assign.clicked.connect(self._auto_assign)
        members = QLabel(translate("Admin", "Members"), box)
        members.setObjectName("subheading")
        self.members_box = QWidget(box)
        self.members_grid = QGridLayout(self.members_box)
        self.members_grid.setContentsMargins(0, 0, 0, 0)
        self.members_grid.setHorizontalSpacing(14)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.members_box)
        self.picker = QComboBox(box)
        self.picker.setAccessibleName(translate("Admin", "Manager to add"))
        self.add_button = QPushButton(icon("account-plus"), translate("Admin", "Add member"), box)
        self.add_button.clicked.connect(self._add)
        self.empty = QLabel(translate("Admin", "Choose a team, or create one."), box)
        self.empty.setObjectName("hint")

        name_row = QHBoxLayout()
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.rename_button)
        name_row.addWidget(self.delete_button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.picker, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addLayout(name_row)
        layout.addWidget(self.auto_assign)
        layout.addWidget(members)
        layout.addWidget(scroll, 1)
        layout.addLayout(add_row)
        self._detail_parts: list[QWidget] = [
            self.name_edit,
            self.rename_button,
            self.delete_button,
            self.auto_assign,
            members,
            scroll,
            self.picker,
            self.add_button,
        ]
        return box

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the directory's state again (a refused change's switch goes back)."""
        self._show(self.team_id)

    def select(self, team_id: str) -> None:
        row = self.model.row_of(team_id)
        if row is None:
            self._want = team_id
            return
        self.list.setCurrentIndex(self.model.index(row))

    def _selected(self, _now: QItemSelection, _before: QItemSelection) -> None:
        rows = self.list.selectionModel().selectedRows()
        self._show(self.model.team_id(rows[0].row()) if rows else None)

    def _reselect(self) -> None:
        """The directory changed: keep the chosen team chosen (or the one just made)."""
        want = self._want or self.team_id
        row = self.model.row_of(want) if want else None
        if row is not None:
            if want == self._want:
                self._want = None
            self.list.setCurrentIndex(self.model.index(row))
        self._show(self.model.team_id(row) if row is not None else None)

    def _show(self, team_id: str | None) -> None:
        team = self._directory.teams.get(team_id) if team_id else None
        self.team_id = str(team["id"]) if team else None
        self.empty.setVisible(team is None)
        for part in self._detail_parts:
            part.setVisible(team is not None)
        if team is None:
            return
        if not self.name_edit.hasFocus():
            self.name_edit.setText(str(team.get("name") or ""))
        self.auto_assign.setChecked(bool(team.get("auto_assign")))
        self._members(team)

    def _members(self, team: dict[str, Any]) -> None:
        grid = self.members_grid
        while grid.count():
            item = grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        team_id = str(team["id"])
        ids = [str(x) for x in team.get("member_ids") or []]
        rota = {str(x) for x in team.get("rota_ids") or []}
        managers = self._directory.managers
        members = sorted(
            (managers[i] for i in ids if i in managers),
            key=lambda m: str(m.get("name") or "").casefold(),
        )
        heads = (
            translate("Admin", "Name"),
            translate("Admin", "In the rota"),
            translate("Admin", "Maximum chats"),
        )
        for col, text in enumerate(heads):
            head = QLabel(text, self.members_box)
            head.setObjectName("hint")
            grid.addWidget(head, 0, col)
        for row, m in enumerate(members, start=1):
            mid = str(m["id"])
            name = QLabel(str(m.get("name") or ""), self.members_box)
            if m.get("deactivated"):  # dimmed and said: out of every rota until reactivated
                name.setText(translate("Admin", "{name} (deactivated)").format(name=name.text()))
                name.setEnabled(False)
            in_rota = QCheckBox(self.members_box)
            in_rota.setObjectName(f"rota:{mid}")
            in_rota.setAccessibleName(
                translate("Admin", "{name} in the rota").format(name=name.text())
            )
            in_rota.setChecked(mid in rota)
            in_rota.clicked.connect(
                lambda on, mid=mid: self.rotaRequested.emit(team_id, mid, bool(on))
            )
            most = QSpinBox(self.members_box)
            most.setObjectName(f"max:{mid}")
            most.setRange(0, 1000)
            most.setValue(int(m.get("max_auto_assign") or 0))
            most.setToolTip(
                translate("Admin", "The most chats assigned to them automatically, in any team")
            )
            most.setKeyboardTracking(False)
            most.valueChanged.connect(
                lambda n, mid=mid: self.maxChatsRequested.emit(team_id, mid, int(n))
            )
            remove = QToolButton(self.members_box)
            remove.setObjectName(f"remove:{mid}")
            remove.setIcon(icon("close"))
            remove.setToolTip(translate("Admin", "Remove from the team"))
            remove.setAutoRaise(True)
            remove.clicked.connect(
                lambda _=False, mid=mid: self.memberRemoveRequested.emit(team_id, mid)
            )
            grid.addWidget(name, row, 0)
            grid.addWidget(in_rota, row, 1, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(most, row, 2)
            grid.addWidget(remove, row, 3)
        if not members:
            none = QLabel(translate("Admin", "No members yet."), self.members_box)
            none.setObjectName("hint")
            grid.addWidget(none, 1, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(grid.rowCount(), 1)
        # the picker: active managers not in the team yet (O4: deactivated ones are not)
        self.picker.clear()
        for m in sorted(managers.values(), key=lambda m: str(m.get("name") or "").casefold()):
            if str(m["id"]) not in ids and not m.get("deactivated"):
                self.picker.addItem(str(m.get("name") or ""), str(m["id"]))
        self.add_button.setEnabled(self.picker.count() > 0)

    # ---- asking ---------------------------------------------------------------------------

    def _create(self) -> None:
        name = self.new_name.text().strip()
        if name:
            self.createRequested.emit(name)
            self.new_name.clear()

    def _rename(self) -> None:
        name = self.name_edit.text().strip()
        team = self._directory.teams.get(self.team_id) if self.team_id else None
        if team is not None and name and name != team.get("name"):
            self.renameRequested.emit(str(team["id"]), name)

    def _delete(self) -> None:
        team = self._directory.teams.get(self.team_id) if self.team_id else None
        if team is None:
            return
        name = str(team.get("name") or "")
        if self.confirm(
            self,
            translate("Admin", "Delete {name}?").format(name=name),
            translate(
                "Admin",
                "The team {name} is deleted. Its chats stay, without a team, and no one "
                "loses a message.",
            ).format(name=name),
        ):
            self.deleteRequested.emit(str(team["id"]))

    def _auto_assign(self, on: bool) -> None:
        if self.team_id:
            self.autoAssignRequested.emit(self.team_id, bool(on))

    def _add(self) -> None:
        mid = self.picker.currentData()
        if self.team_id and mid:
            self.memberAddRequested.emit(self.team_id, str(mid))
