"""What the triage pickers offer: managers to assign, teams, tags, snooze times.

One small list model (`ChoiceModel`) of `Choice` values serves every picker; the
functions below build the choices from the directory and the server's counts. A choice
the agent may not take is disabled with the reason as its tooltip (O1: a manager whose
operator seat is off cannot be assigned). Names are plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum
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
from desktop.models.format import day_and_time, number
from desktop.sync.items import ChatItem
from protocol.limits import MAX_SNOOZE, MAX_TAGS_PER_CHAT

Index = QModelIndex | QPersistentModelIndex

NONE = ""  # the key of "Unassigned" / "No team"
CUSTOM = "custom"  # the key of "Pick a date and time…"


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str
    detail: str = ""  # right-aligned, quieter ("3 / 5 open · away")
    enabled: bool = True
    why_not: str = ""  # the tooltip of a disabled choice
    check: Qt.CheckState | None = None  # tags: on all, some or none of the chats
    warn: bool = False  # the detail in orange (over the maximum)


class ChoiceRoles(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    DETAIL = Qt.ItemDataRole.UserRole + 2
    CHOICE = Qt.ItemDataRole.UserRole + 3


class ChoiceModel(QAbstractListModel):
    def __init__(self, choices: Sequence[Choice] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.beginResetModel()
        self._choices = list(choices)
        self.endResetModel()

    def choice(self, row: int) -> Choice | None:
        return self._choices[row] if 0 <= row < len(self._choices) else None

    def row_of(self, key: str) -> int | None:
        for i, c in enumerate(self._choices):
            if c.key == key:
                return i
        return None

    def replace(self, row: int, choice: Choice) -> None:
        if 0 <= row < len(self._choices):
            self._choices[row] = choice
            ix = self.index(row)
            self.dataChanged.emit(ix, ix)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._choices)

    def flags(self, index: Index) -> Qt.ItemFlag:
        c = self.choice(index.row()) if index.isValid() else None
        if c is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemNeverHasChildren
        if c.enabled:
            flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if c.check is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.choice(index.row()) if index.isValid() and not index.parent().isValid() else None
        if c is None:
            return None
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.EditRole:
                return c.label
            case Qt.ItemDataRole.ToolTipRole:
                return c.why_not or (f"{c.label} — {c.detail}" if c.detail else None)
            case Qt.ItemDataRole.AccessibleTextRole:
                return ", ".join(x for x in (c.label, c.detail, c.why_not) if x)
            case Qt.ItemDataRole.CheckStateRole:
                return c.check
            case ChoiceRoles.KEY:
                return c.key
            case ChoiceRoles.DETAIL:
                return c.detail
            case ChoiceRoles.CHOICE:
                return c
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[ChoiceRoles.KEY] = QByteArray(b"key")
        names[ChoiceRoles.DETAIL] = QByteArray(b"detail")
        names[ChoiceRoles.CHOICE] = QByteArray(b"choice")
        return names


# ---- building the choices ---------------------------------------------------------------


def assignee_choices(
    directory: Directory, open_counts: dict[str, int], current: set[str | None]
) -> list[Choice]:
    """ "Assign to me" first, then "Unassigned", then every manager by name: their open
    chats against their maximum, and whether they are away. Seat off: disabled (O1).
    `current`: the assignees of the chats acted on (a single one is marked)."""
    me = directory.me

    def detail(row: dict[str, Any]) -> tuple[str, bool, bool, str]:
        mid = str(row["id"])
        n = open_counts.get(mid, 0)
        most = int(row.get("max_auto_assign") or 0)
        parts = [translate("Pickers", "{n} / {max} open").format(n=number(n), max=number(most))]
        seat = bool(row.get("operator_seat"))
        if not seat:
            parts.append(translate("Pickers", "seat off"))
        elif not row.get("available", True):
            parts.append(translate("Pickers", "away"))
        why = "" if seat else seat_off_text(str(row.get("name") or ""), mid == me)
        return " · ".join(parts), seat, n > most, why

    out: list[Choice] = []
    mine = directory.managers.get(me)
    if mine is not None:
        text, seat, warn, why = detail(mine)
        out.append(Choice(me, translate("Pickers", "Assign to me"), text, seat, why, warn=warn))
    out.append(Choice(NONE, translate("Pickers", "Unassigned")))
    others = sorted(
        (m for mid, m in directory.managers.items() if mid != me and not m.get("deactivated")),
        key=lambda m: str(m.get("name") or "").casefold(),
    )
    for m in others:
        text, seat, warn, why = detail(m)
        out.append(Choice(str(m["id"]), str(m.get("name") or ""), text, seat, why, warn=warn))
    if len(current) == 1:
        [who] = current
        out = [replace(c, label=c.label + "  ✓") if c.key == (who or NONE) else c for c in out]
    return out


def seat_off_text(name: str, is_me: bool) -> str:
    if is_me:
        return translate(
            "Pickers",
            "Your operator seat is off: only managers with their seat on can be assigned.",
        )
    return translate(
        "Pickers",
        "{name}'s operator seat is off: only managers with their seat on can be assigned.",
    ).format(name=name)


def team_choices(directory: Directory, current: set[str | None]) -> list[Choice]:
    teams = sorted(directory.teams.values(), key=lambda t: str(t.get("name") or "").casefold())
    out = [Choice(NONE, translate("Pickers", "No team"))]
    for t in teams:
        members = len(t.get("member_ids") or [])
        detail = translate("Pickers", "%n members", None, members)
        if t.get("auto_assign"):
            detail += " · " + translate("Pickers", "auto-assign")
        out.append(Choice(str(t["id"]), str(t.get("name") or ""), detail))
    if len(current) == 1:
        [team] = current
        out = [replace(c, label=c.label + "  ✓") if c.key == (team or NONE) else c for c in out]
    return out


def tag_choices(directory: Directory, chats: Sequence[ChatItem]) -> list[Choice]:
    """Every tag of the workspace (and any a chat carries), checked if all the chats have
    it, partly if some do. A single chat at its limit (P2) cannot take another."""
    names = set(directory.tags)
    for c in chats:
        names.update(str(t) for t in c.chat.get("tags") or [])
    full = len(chats) == 1 and len(chats[0].chat.get("tags") or []) >= MAX_TAGS_PER_CHAT
    out: list[Choice] = []
    for name in sorted(names, key=str.casefold):
        having = sum(1 for c in chats if name in (c.chat.get("tags") or []))
        if having == len(chats) and chats:
            check = Qt.CheckState.Checked
        elif having:
            check = Qt.CheckState.PartiallyChecked
        else:
            check = Qt.CheckState.Unchecked
        blocked = full and check is Qt.CheckState.Unchecked
        why = tags_full_text() if blocked else ""
        out.append(Choice(name, name, "", not blocked, why, check))
    return out


def tags_full_text() -> str:
    return translate("Pickers", "A chat has at most {n} tags: remove one first.").format(
        n=MAX_TAGS_PER_CHAT
    )


def snooze_times(now: datetime | None = None) -> list[tuple[str, datetime]]:
    """The presets (H3): in an hour, tomorrow at 9:00, next Monday at 9:00 (local)."""
    now = (now or datetime.now()).astimezone()
    nine = now.replace(hour=9, minute=0, second=0, microsecond=0)
    tomorrow = nine + timedelta(days=1)
    monday = nine + timedelta(days=7 - now.weekday())
    return [
        ("hour", now.replace(second=0, microsecond=0) + timedelta(hours=1)),
        ("tomorrow", tomorrow),
        ("monday", monday),
    ]


def snooze_choices(now: datetime | None = None) -> list[Choice]:
    labels = {
        "hour": translate("Pickers", "In 1 hour"),
        "tomorrow": translate("Pickers", "Tomorrow at 9:00"),
        "monday": translate("Pickers", "Next Monday at 9:00"),
    }
    now = (now or datetime.now()).astimezone()
    out = [Choice(k, labels[k], day_and_time(when, now)) for k, when in snooze_times(now)]
    out.append(Choice(CUSTOM, translate("Pickers", "Pick a date and time…")))
    return out


def snooze_refusal(until: datetime, now: datetime | None = None) -> str | None:
    """Why a snooze end cannot be taken (past, or beyond 180 days ahead), or None."""
    now = (now or datetime.now()).astimezone()
    if until <= now:
        return translate("Pickers", "Pick a time in the future.")
    if until - now > MAX_SNOOZE:
        return translate("Pickers", "A chat can be snoozed for at most {n} days.").format(
            n=MAX_SNOOZE.days
        )
    return None


def open_counts(counts: dict[tuple[str, str, str], int]) -> dict[str, int]:
    """Each manager's open chats, from the server's sidebar counts (S8)."""
    out: dict[str, int] = {}
    for (scope, key, state), n in counts.items():
        if scope == "" and state == "open" and key.startswith("assignee:"):
            out[key.removeprefix("assignee:")] = n
    return out
