"""The administration window's lists (issue 17): the workspace's teams and managers, read
from the directory (the cache's reference tables), so they follow the change feed live.

Deactivated managers stay in the managers' list, dimmed (their history stays theirs).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.i18n import translate
from desktop.models.directory import Directory

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 30  # the teams list: as airy as the window's navigation


def role_label(role: str) -> str:
    match role:
        case "owner":
            return translate("Admin", "Owner")
        case "admin":
            return translate("Admin", "Admin")
    return translate("Admin", "Manager")


def _sorted(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows.values(), key=lambda r: (str(r.get("name") or "").casefold(), str(r["id"])))


class TeamListModel(QAbstractListModel):
    """The teams, by name; the detail says how many members and whether it assigns."""

    def __init__(self, directory: Directory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self._rows: list[dict[str, Any]] = _sorted(directory.teams)
        directory.changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = _sorted(self._directory.teams)
        self.endResetModel()

    def team_id(self, row: int) -> str | None:
        return str(self._rows[row]["id"]) if 0 <= row < len(self._rows) else None

    def row_of(self, team_id: str) -> int | None:
        for i, t in enumerate(self._rows):
            if str(t["id"]) == team_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._rows):
            return None
        team = self._rows[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return str(team.get("name") or "")
            case Qt.ItemDataRole.SizeHintRole:
                return QSize(-1, ROW_HEIGHT)
            case Qt.ItemDataRole.ToolTipRole | Qt.ItemDataRole.AccessibleDescriptionRole:
                members = len(team.get("member_ids") or [])
                auto = (
                    translate("Admin", "assigns automatically")
                    if team.get("auto_assign")
                    else translate("Admin", "no automatic assignment")
                )
                return translate("Admin", "{n} members, {auto}").format(n=members, auto=auto)
            case _ if role == ID_ROLE:
                return str(team["id"])
        return None


class ManagerTableModel(QAbstractTableModel):
    """Name, email, role, seat; a deactivated manager dimmed and said so."""

    NAME, EMAIL, ROLE, SEAT = range(4)

    def __init__(self, directory: Directory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self._rows: list[dict[str, Any]] = _sorted(directory.managers)
        directory.changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = _sorted(self._directory.managers)
        self.endResetModel()

    def manager(self, row: int) -> dict[str, Any] | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, manager_id: str) -> int | None:
        for i, m in enumerate(self._rows):
            if str(m["id"]) == manager_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            translate("Admin", "Name"),
            translate("Admin", "Email"),
            translate("Admin", "Role"),
            translate("Admin", "Operator seat"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._rows):
            return None
        m = self._rows[index.row()]
        off = bool(m.get("deactivated"))
        col = index.column()
        match role:
            case Qt.ItemDataRole.DisplayRole:
                if col == self.NAME:
                    name = str(m.get("name") or "")
                    return (
                        translate("Admin", "{name} (deactivated)").format(name=name)
                        if off
                        else name
                    )
                if col == self.EMAIL:
                    return str(m.get("email") or "")
                if col == self.ROLE:
                    return role_label(str(m.get("role") or ""))
                if col == self.SEAT:
                    return (
                        translate("Admin", "On")
                        if m.get("operator_seat")
                        else translate("Admin", "Off")
                    )
            case Qt.ItemDataRole.ForegroundRole if off:
                return QApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            case _ if role == ID_ROLE:
                return str(m["id"])
        return None
