"""The sidebar (SPEC S1-S10, S12): the inbox sections with their counts.

Counts come from the cache's `counts` table, which the server keeps exact and the feed
keeps current, so no chat has to be counted here. The list is flat: group headings
(Queue, Assignees, Integrations, Tags) are rows that cannot be chosen, with their
entries below them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.format import medium_label, number
from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader
from protocol.kinds import INTEGRATION_ORDER

Index = QModelIndex | QPersistentModelIndex


class EntryKind(StrEnum):
    SECTION = "section"  # a top-level section
    HEADER = "header"  # a group heading, not a list itself
    CHILD = "child"  # an entry under a section or heading


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # the section to list ("" for a heading)
    label: str
    count: int | None
    kind: EntryKind
    warn: bool = False  # S8: more open chats than the manager's maximum
    title: str = ""  # the list's title: "Queue › Support", not just "Support"

    @property
    def heading(self) -> str:
        return self.title or self.label


class SidebarRoles(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    COUNT = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    WARN = Qt.ItemDataRole.UserRole + 4


def build_entries(
    counts: dict[tuple[str, str, str], int], directory: Directory, me: str, state: str
) -> list[Entry]:
    """Every row of the sidebar for chats in `state`."""

    def shared(key: str) -> int:
        return counts.get(("", key, state), 0)

    def mine(key: str) -> int:
        return counts.get((me, key, state), 0)

    def by_prefix(prefix: str) -> dict[str, int]:
        return {
            k[len(prefix) :]: n
            for (scope, k, st), n in counts.items()
            if scope == "" and st == state and k.startswith(prefix) and n
        }

    S, H, C = EntryKind.SECTION, EntryKind.HEADER, EntryKind.CHILD
    out = [
        Entry("all", translate("Sidebar", "All"), shared("all"), S),
        Entry("mine", translate("Sidebar", "My chats"), shared(f"assignee:{me}"), S),
        Entry("unread", translate("Sidebar", "Unread"), mine("unread"), S),
        Entry("starred", translate("Sidebar", "Starred"), mine("starred"), S),
        Entry("sessions", translate("Sidebar", "My sessions"), mine("sessions"), S),
        Entry("unassigned", translate("Sidebar", "Unassigned"), shared("unassigned"), S),
    ]
    teams = sorted(directory.teams.values(), key=lambda t: (str(t.get("name")), str(t["id"])))
    for team in teams:
        tid = str(team["id"])
        out.append(
            Entry(
                f"unassigned_team:{tid}",
                str(team.get("name") or ""),
                shared(f"unassigned_team:{tid}"),
                C,
            )
        )
    queued = by_prefix("queue:")
    if queued:  # S7: shown only while a chat waits
        out.append(Entry("", translate("Sidebar", "Queue"), sum(queued.values()), H))
        for tid, n in sorted(queued.items(), key=lambda x: (directory.team_name(x[0]), x[0])):
            out.append(Entry(f"queue:{tid}", directory.team_name(tid) or "?", n, C))
    assignees = by_prefix("assignee:")
    if assignees:
        out.append(Entry("", translate("Sidebar", "Assignees"), None, H))
        for mid, n in sorted(
            assignees.items(), key=lambda x: (-x[1], directory.manager_name(x[0]))
        ):
            row = directory.managers.get(mid)
            limit = int(row.get("max_auto_assign") or 0) if row else 0
            name = directory.manager_name(mid) or "?"
            # S8: the maximum concerns open chats; closed or snoozed counts never warn
            over = state == "open" and row is not None and n > limit
            out.append(Entry(f"assignee:{mid}", name, n, C, warn=over))
    connected = {str(i.get("medium")) for i in directory.integrations if i.get("connected")}
    media = [m.value for m in INTEGRATION_ORDER if m.value in connected]
    if media:  # S9: connected media only, in the fixed order, even with no chat
        out.append(Entry("", translate("Sidebar", "Integrations"), None, H))
        for medium in media:
            out.append(
                Entry(f"medium:{medium}", medium_label(medium), shared(f"medium:{medium}"), C)
            )
    tags = set(directory.tags) | set(by_prefix("tag:"))
    if tags:
        out.append(Entry("", translate("Sidebar", "Tags"), None, H))
        for name in sorted(tags):
            out.append(Entry(f"tag:{name}", name, shared(f"tag:{name}"), C))
    return with_titles(out)


def with_titles(entries: list[Entry]) -> list[Entry]:
    """Each entry under a section or heading is titled with it: "Queue › Support" and
    "Unassigned › Support" are different lists."""
    out: list[Entry] = []
    parent = ""
    for e in entries:
        if e.kind is EntryKind.CHILD and parent:
            e = replace(e, title=f"{parent} › {e.label}")
        else:
            parent = e.label
        out.append(e)
    return out


class SidebarModel(QAbstractListModel):
    def __init__(
        self,
        reader: CacheReader,
        directory: Directory,
        *,
        state: str = "open",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._directory = directory
        self._state = state
        self._entries: list[Entry] = []
        self._entries = self._build()

    @property
    def state(self) -> str:
        return self._state

    def set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.rebuild()

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def row_of(self, key: str) -> int | None:
        for i, e in enumerate(self._entries):
            if e.key == key and e.kind is not EntryKind.HEADER:
                return i
        return None

    def entry(self, row: int) -> Entry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def count_of(self, key: str) -> int | None:
        row = self.row_of(key)
        return None if row is None else self._entries[row].count

    def apply_changes(self, changed: ChangedIds) -> None:
        if changed.counts or changed.reference or changed.reset:
            self.rebuild()

    def rebuild(self) -> None:
        new = self._build()
        if [(e.key, e.kind, e.label) for e in new] == [
            (e.key, e.kind, e.label) for e in self._entries
        ]:
            changed = [i for i, (a, b) in enumerate(zip(new, self._entries, strict=True)) if a != b]
            self._entries = new
            if changed:
                self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))
            return
        self.beginResetModel()
        self._entries = new
        self.endResetModel()

    def _build(self) -> list[Entry]:
        return build_entries(
            self._reader.counts(self._state), self._directory, self._reader.me, self._state
        )

    # ---- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        entry = self._entries[index.row()]
        if entry.kind is EntryKind.HEADER:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._entries):
            return None
        e = self._entries[row]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return e.label
            case Qt.ItemDataRole.AccessibleTextRole:
                return e.label if e.count is None else f"{e.label}, {number(e.count)}"
            case SidebarRoles.KEY:
                return e.key
            case SidebarRoles.COUNT:
                return e.count
            case SidebarRoles.KIND:
                return e.kind.value
            case SidebarRoles.WARN:
                return e.warn
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[SidebarRoles.KEY] = QByteArray(b"key")
        names[SidebarRoles.COUNT] = QByteArray(b"count")
        names[SidebarRoles.KIND] = QByteArray(b"kind")
        names[SidebarRoles.WARN] = QByteArray(b"warn")
        return names
