"""The words of the conversation's own lines: system events (who did what, to whom) and
the date between messages of different days. Both in the UI's language and the agent's
time zone; names come from the directory."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.format import clock, parse_time


def local_day(value: str | None) -> int:
    """The day (an ordinal) a message was written on the agent's clock; 0 if unknown."""
    when = parse_time(value)
    return 0 if when is None else when.astimezone().date().toordinal()


def day_label(day: int, now: datetime | None = None) -> str:
    """ "Today", "Yesterday", else the date in the UI language's long form."""
    if day <= 0:
        return ""
    today = (now or datetime.now(UTC)).astimezone().date().toordinal()
    if day == today:
        return translate("Conversation", "Today")
    if day == today - 1:
        return translate("Conversation", "Yesterday")
    d = date.fromordinal(day)
    return QLocale().toString(QDate(d.year, d.month, d.day), QLocale.FormatType.LongFormat)


def _when(value: Any) -> str:
    when = parse_time(str(value)) if value else None
    if when is None:
        return ""
    d = when.astimezone().date()
    day = QLocale().toString(
        QDate(d.year, d.month, d.day), translate("Time", "MMM d", "a QLocale date format")
    )
    return f"{day} {clock(when)}"


def event_text(block: dict[str, Any], directory: Directory | None) -> str:
    """One event block as a sentence: "Kim assigned this chat to Lee"."""

    def manager(key: str) -> str:
        name = directory.manager_name(block.get(key)) if directory is not None else ""
        return name or translate("Events", "someone")

    actor = manager("actor_id") if block.get("actor_id") else ""
    action = block.get("action")
    team = directory.team_name(block.get("team_id")) if directory is not None else ""
    tag = "#" + str(block.get("tag") or "")
    if not actor:  # the system did it
        match action:
            case "assigned":
                return translate("Events", "Assigned to {name} automatically").format(
                    name=manager("manager_id")
                )
            case "reopened":
                return translate("Events", "The snooze ended: the chat is open again")
        actor = translate("Events", "Sangdam")
    match action:
        case "assigned":
            if block.get("manager_id") == block.get("actor_id"):
                return translate("Events", "{actor} took this chat").format(actor=actor)
            return translate("Events", "{actor} assigned this chat to {name}").format(
                actor=actor, name=manager("manager_id")
            )
        case "unassigned":
            return translate("Events", "{actor} unassigned {name}").format(
                actor=actor, name=manager("manager_id")
            )
        case "team_set":
            return translate("Events", "{actor} set the team to {team}").format(
                actor=actor, team=team or translate("Events", "a team")
            )
        case "team_cleared":
            return translate("Events", "{actor} removed the team").format(actor=actor)
        case "snoozed":
            return translate("Events", "{actor} snoozed this chat until {when}").format(
                actor=actor, when=_when(block.get("until"))
            )
        case "closed":
            return translate("Events", "{actor} closed this chat").format(actor=actor)
        case "reopened":
            return translate("Events", "{actor} reopened this chat").format(actor=actor)
        case "tagged":
            return translate("Events", "{actor} added the tag {tag}").format(actor=actor, tag=tag)
        case "untagged":
            return translate("Events", "{actor} removed the tag {tag}").format(actor=actor, tag=tag)
    return translate("Events", "{actor} changed this chat").format(actor=actor)
