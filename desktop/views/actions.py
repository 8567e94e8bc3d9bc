"""Every action on a chat, in one table (SPEC H1-H3, O1, O2, P2, L2, D3).

The context menu of a row, the conversation header's menu, the bulk bar, the keyboard
and the help overlay are all built from `ACTIONS`: one id, one translated label, one
shortcut, one Material Design icon and one rule saying when the agent may use it and,
when not, why (shown as the disabled item's tooltip). The server enforces every rule
again (O4); this only spares the agent a refusal.

Single-letter shortcuts act only while the chat list has focus, so typing in the
composer never triggers one (`ActionDef.list_only`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtGui import QIcon

from desktop.i18n import translate
from desktop.sync.items import ChatItem
from desktop.views.icons import icon


class Act(StrEnum):
    ASSIGN = "assign"
    ASSIGN_ME = "assign_me"
    TEAM = "team"
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"
    OPEN = "open"
    SNOOZE = "snooze"
    CLOSE = "close"
    TAGS = "tags"
    STAR = "star"
    UNSTAR = "unstar"
    READ = "read"
    UNREAD = "unread"


@dataclass(frozen=True, slots=True)
class ActionDef:
    id: Act
    label: Callable[[], str]  # translated when asked (the language is set at start)
    shortcut: str  # QKeySequence text, portable form
    icon: str  # a Material Design Icons name (qtawesome's mdi6 set)
    needs_seat: bool  # O2: state and tags need my operator seat on
    picks: bool = False  # opens a picker (the label ends with "…")

    @property
    def list_only(self) -> bool:
        """A key without Ctrl/Alt: only while the chat list has focus."""
        return "Ctrl" not in self.shortcut and "Alt" not in self.shortcut


ACTIONS: tuple[ActionDef, ...] = (
    ActionDef(Act.ASSIGN, lambda: translate("Actions", "Assign…"), "A", "account-arrow-right",
              needs_seat=False, picks=True),
    ActionDef(Act.ASSIGN_ME, lambda: translate("Actions", "Assign to me"), "Shift+A",
              "account-check", needs_seat=False),
    ActionDef(Act.TEAM, lambda: translate("Actions", "Team…"), "T", "account-group",
              needs_seat=False, picks=True),
    ActionDef(Act.FOLLOW, lambda: translate("Actions", "Follow"), "F", "bell-plus-outline",
              needs_seat=False),
    ActionDef(Act.UNFOLLOW, lambda: translate("Actions", "Unfollow"), "Shift+F",
              "bell-off-outline", needs_seat=False),
    ActionDef(Act.OPEN, lambda: translate("Actions", "Reopen"), "O", "inbox-arrow-up",
              needs_seat=True),
    ActionDef(Act.SNOOZE, lambda: translate("Actions", "Snooze…"), "Z", "alarm-snooze",
              needs_seat=True, picks=True),
    ActionDef(Act.CLOSE, lambda: translate("Actions", "Close"), "E", "check-circle-outline",
              needs_seat=True),
    ActionDef(Act.TAGS, lambda: translate("Actions", "Tags…"), "L", "tag-multiple-outline",
              needs_seat=True, picks=True),
    ActionDef(Act.STAR, lambda: translate("Actions", "Star"), "S", "star-outline",
              needs_seat=False),
    ActionDef(Act.UNSTAR, lambda: translate("Actions", "Unstar"), "Shift+S", "star-off-outline",
              needs_seat=False),
    ActionDef(Act.READ, lambda: translate("Actions", "Mark as read"), "Shift+U",
              "email-open-outline", needs_seat=False),
    ActionDef(Act.UNREAD, lambda: translate("Actions", "Mark as unread"), "U",
              "email-mark-as-unread", needs_seat=False),
)  # fmt: skip
BY_ID: dict[Act, ActionDef] = {a.id: a for a in ACTIONS}
# The menu's groups, separated by a line.
GROUPS: tuple[tuple[Act, ...], ...] = (
    (Act.ASSIGN, Act.ASSIGN_ME, Act.TEAM, Act.FOLLOW, Act.UNFOLLOW),
    (Act.OPEN, Act.SNOOZE, Act.CLOSE),
    (Act.TAGS, Act.STAR, Act.UNSTAR, Act.READ, Act.UNREAD),
)


@dataclass(frozen=True, slots=True)
class Me:
    """What the rules need to know of the agent: my id and my own manager row."""

    id: str
    row: Mapping[str, Any]

    @property
    def seat(self) -> bool:
        return bool(self.row.get("operator_seat"))


def seat_off_reason() -> str:
    return translate(
        "Actions", "Your operator seat is off: turn it on to change a chat's state or tags."
    )


def bulk_seat_reason() -> str:
    return translate("Actions", "Bulk actions need your operator seat on.")


def applies(act: Act, chats: Sequence[ChatItem], me: Me) -> bool:
    """Whether the action makes sense for these chats at all (else it is left out of the
    menu): a closed chat is not closed again, a starred one not starred again. With
    several chats, an action applies if it would change any of them."""
    if not chats:
        return False

    def any_(test: Callable[[ChatItem], bool]) -> bool:
        return any(test(c) for c in chats)

    match act:
        case Act.ASSIGN_ME:
            return any_(lambda c: c.chat.get("assignee_id") != me.id)
        case Act.FOLLOW:
            return any_(lambda c: me.id not in (c.chat.get("follower_ids") or []))
        case Act.UNFOLLOW:
            return any_(lambda c: me.id in (c.chat.get("follower_ids") or []))
        case Act.OPEN:
            return any_(lambda c: c.chat.get("state") != "open")
        case Act.CLOSE:
            return any_(lambda c: c.chat.get("state") != "closed")
        case Act.STAR:
            return any_(lambda c: not c.starred)
        case Act.UNSTAR:
            return any_(lambda c: c.starred)
        case Act.READ:
            return any_(lambda c: c.unread_count > 0 or c.mentioned)
        case Act.UNREAD:
            return any_(lambda c: c.unread_count == 0)
    return True


def why_not(act: Act, me: Me, *, bulk: bool = False) -> str | None:
    """Why the agent may not do this now (the disabled item's tooltip), or None."""
    if bulk and not me.seat:
        return bulk_seat_reason()  # L2
    if BY_ID[act].needs_seat and not me.seat:
        return seat_off_reason()  # O2
    if act is Act.ASSIGN_ME and not me.seat:
        return translate(
            "Actions",
            "Your operator seat is off: only managers with their seat on can be assigned.",
        )  # O1
    return None


def action_icon(name: str) -> QIcon:
    """The Material Design icon of this name, painted in the palette's colour."""
    return icon(name)


def more_keys() -> list[tuple[str, str]]:
    """Keys that move rather than act (for the help overlay): (shortcut, what it does)."""
    return [
        ("J / ↓", translate("Actions", "Next chat")),
        ("K / ↑", translate("Actions", "Previous chat")),
        ("Shift+↓ / Shift+↑", translate("Actions", "Extend the selection")),
        ("X", translate("Actions", "Select or unselect the chat")),
        ("Ctrl+A", translate("Actions", "Select all loaded chats")),
        ("Esc", translate("Actions", "Clear the selection")),
        ("Enter", translate("Actions", "Open the chat")),
        ("R", translate("Actions", "Reply: go to the composer")),
        ("Ctrl+PgDown", translate("Actions", "Next section")),
        ("Ctrl+PgUp", translate("Actions", "Previous section")),
        ("Ctrl+1 / 2 / 3", translate("Actions", "Go to sections / chat list / composer")),
        ("Alt+↓ / Alt+↑", translate("Actions", "Next or previous chat from anywhere")),
        ("Shift+F10", translate("Actions", "Actions on the selected chats")),
        ("Ctrl+/", translate("Actions", "Show this help")),
    ]
