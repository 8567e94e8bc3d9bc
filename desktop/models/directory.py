"""Names the lists show instead of ids: managers, teams, tags, connected integrations.

Read once from the cache's reference tables and again whenever the engine says one of
them changed; every model and delegate asks here rather than querying per row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader


class Directory(QObject):
    changed = Signal()

    def __init__(self, reader: CacheReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self.managers: dict[str, dict[str, Any]] = {}
        self.teams: dict[str, dict[str, Any]] = {}
        self.tags: dict[str, dict[str, Any]] = {}  # by name
        self.integrations: list[dict[str, Any]] = []
        self.reload()

    @property
    def me(self) -> str:
        return self._reader.me

    def reload(self) -> None:
        self.managers = {str(m["id"]): m for m in self._reader.reference("manager")}
        self.teams = {str(t["id"]): t for t in self._reader.reference("team")}
        self.tags = {str(t["name"]): t for t in self._reader.reference("tag")}
        self.integrations = self._reader.reference("integration")

    def apply_changes(self, changed: ChangedIds) -> None:
        if changed.reset or changed.reference:
            self.reload()
            self.changed.emit()

    def manager_name(self, manager_id: str | None) -> str:
        if manager_id is None:
            return ""
        row = self.managers.get(str(manager_id))
        return str(row.get("name") or "") if row else ""

    def team_name(self, team_id: str | None) -> str:
        if team_id is None:
            return ""
        row = self.teams.get(str(team_id))
        return str(row.get("name") or "") if row else ""

    def tag_color(self, name: str) -> str | None:
        row = self.tags.get(name)
        color = row.get("color") if row else None
        return str(color) if color else None
