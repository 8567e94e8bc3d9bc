"""What a chat row and an empty list say about where a chat is (issue 14, item 5).

A queued chat is not merely "Unassigned": it waits in its team's queue (S7); a snoozed
chat says until when (H3); an empty list says why it is empty (which state, which
section), so an agent does not wonder whether the app is still loading.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QLocale

from desktop.i18n import translate
from desktop.models.format import _local, clock, parse_time


def until_text(value: str | None, now: datetime | None = None) -> str:
    """When a snooze ends, short: "until Mon 9:00 AM", "until tomorrow 9:00 AM"."""
    when = parse_time(value)
    if when is None:
        return ""
    date = _local(when)[0]
    today = _local(now or datetime.now(UTC))[0]
    time = clock(when)
    if date == today:
        moment = time
    elif date == today.addDays(1):
        moment = translate("RowLabels", "tomorrow {time}").format(time=time)
    elif today < date < today.addDays(7):
        day = QLocale().dayName(date.dayOfWeek(), QLocale.FormatType.ShortFormat)
        moment = translate("RowLabels", "{day} {time}").format(day=day, time=time)
    else:
        fmt = translate("Time", "MMM d", "a QLocale date format")
        moment = f"{QLocale().toString(date, fmt)} {time}"
    return translate("RowLabels", "until {when}").format(when=moment)


def state_label(state: str) -> str:
    """A chat state's name: "" for open, "Snoozed", "Closed"."""
    return {
        "snoozed": translate("ChatDelegate", "Snoozed"),
        "closed": translate("ChatDelegate", "Closed"),
    }.get(state, "")


def state_text(chat: dict[str, Any], now: datetime | None = None) -> str:
    """The state chip of a row: "" for open, "Snoozed · until Mon 9:00", "Closed"."""
    state = str(chat.get("state") or "")
    label = state_label(state)
    if state == "snoozed":
        until = until_text(chat.get("snooze_until"), now)
        return f"{label} · {until}" if until else label
    return label


def unassigned_text(chat: dict[str, Any], team_name: str) -> str:
    """Who has a chat with no assignee: "Queue · Support" while it waits (S7), else
    "Unassigned" (with its team when it has one: "Unassigned · Support")."""
    if chat.get("queued_since"):
        return translate("RowLabels", "Queue · {team}").format(team=team_name or "?")
    if team_name:
        return translate("RowLabels", "Unassigned · {team}").format(team=team_name)
    return translate("ChatDelegate", "Unassigned")


def searching_text(query: str, asking: bool, failed: bool) -> str:
    """What an empty results list says: still asking the server, or nothing found."""
    if not query:
        return ""
    if asking:
        return translate("RowLabels", "Searching the server for “{query}”…").format(query=query)
    text = translate("RowLabels", "No chats or messages match “{query}”").format(query=query)
    if failed:
        text += "\n" + translate(
            "RowLabels", "Only this computer's copy was searched: the server cannot be reached."
        )
    return text


def empty_text(section_title: str, state: str) -> str:
    """Why the list shows nothing."""
    match state:
        case "snoozed":
            text = translate("RowLabels", "No snoozed chats in {section}")
        case "closed":
            text = translate("RowLabels", "No closed chats in {section}")
        case _:
            text = translate("RowLabels", "No open chats in {section}")
    return text.format(section=section_title)
