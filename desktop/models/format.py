"""Turning rows into the strings the views draw. All of it is plain text: customer words
are never given to anything that interprets markup (a message full of HTML shows as the
characters it is made of)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale, QTime

from desktop.i18n import translate
from protocol.kinds import EXTERNAL_MESSENGERS, Medium
from protocol.preview import NOTE_PREFIX

_EXTERNAL = frozenset(m.value for m in EXTERNAL_MESSENGERS)


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _local(when: datetime) -> tuple[QDate, QTime]:
    """The date and time on the agent's clock (the system's time zone)."""
    local = when.astimezone()
    return QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)


def clock(when: datetime) -> str:
    """The time of day in the UI language's way: "오후 3:05", "3:05 PM"."""
    return QLocale().toString(_local(when)[1], QLocale.FormatType.ShortFormat)


def short_time(value: str | None, now: datetime | None = None) -> str:
    """When, as a chat row says it: the time today, "Yesterday", the month and day this
    year, the short date before (the system's time zone, the UI language's formats)."""
    when = parse_time(value)
    if when is None:
        return ""
    date, _time = _local(when)
    today = _local(now or datetime.now(UTC))[0]
    if date == today:
        return clock(when)
    if date == today.addDays(-1):
        return translate("Time", "Yesterday")
    locale = QLocale()
    if date.year() == today.year():
        # the translation is a QLocale date format too (Korean "M월 d일")
        return locale.toString(date, translate("Time", "MMM d", "a QLocale date format"))
    return locale.toString(date, QLocale.FormatType.ShortFormat)


def day_and_time(when: datetime, now: datetime | None = None) -> str:
    """A moment in the coming days: "오후 3:05", "내일 오전 8:00", "금요일 오전 8:00"."""
    date = _local(when)[0]
    today = _local(now or datetime.now(UTC))[0]
    time = clock(when)
    if date == today:
        return time
    if date == today.addDays(1):
        return translate("Time", "tomorrow {time}").format(time=time)
    day = QLocale().dayName(date.dayOfWeek(), QLocale.FormatType.LongFormat)
    return translate("Time", "{day} {time}").format(day=day, time=time)


def clock_time(value: str | None) -> str:
    when = parse_time(value)
    return "" if when is None else clock(when)


def number(n: int) -> str:
    """A count with the UI language's digit grouping: "1,200"."""
    return QLocale().toString(n)


def message_text(blocks: list[dict[str, Any]]) -> str:
    """A message's blocks as the plain text the conversation shows."""
    parts: list[str] = []
    for b in blocks:
        match b.get("type"):
            case "text":
                parts.append(str(b.get("text") or ""))
            case "files":
                parts.extend(f"📎 {f.get('name', '')}" for f in b.get("files") or [])
            case "button":
                parts.append(f"[{b.get('text', '')}] {b.get('url', '')}")
            case "form":
                labels = ", ".join(str(f.get("label", "")) for f in b.get("fields") or [])
                parts.append(f"📝 {labels}")
    return "\n".join(parts)


def one_line(text: str) -> str:
    return " ".join(text.split())


NOTE_PREVIEW = NOTE_PREFIX  # how the server's chat row previews an internal note


def preview_text(preview: str) -> str:
    """A chat's last-message preview on one line; an internal note's is marked in the
    UI's language."""
    text = one_line(preview)
    if text.startswith(NOTE_PREVIEW.strip()):
        rest = text.removeprefix(NOTE_PREVIEW.strip()).strip()
        return translate("Preview", "Internal note: {text}").format(text=rest)
    return text


def initial(name: str) -> str:
    name = name.strip()
    return name[:1].upper() if name else "?"


def avatar_hue(key: str) -> int:
    """A stable hue for a name or id, so a customer keeps their colour."""
    return int(hashlib.blake2s(key.encode(), digest_size=2).hexdigest(), 16) % 360


def is_external(medium: str | None) -> bool:
    """L3: chats from an external messenger show its mark on the avatar."""
    return medium in _EXTERNAL


# L3: the mark drawn at the avatar's bottom right: letter, background, foreground.
MESSENGER_MARKS: dict[str, tuple[str, str, str]] = {
    Medium.KAKAO.value: ("K", "#FEE500", "#3C1E1E"),
    Medium.INSTAGRAM.value: ("I", "#E1306C", "#FFFFFF"),
    Medium.NAVER.value: ("N", "#03C75A", "#FFFFFF"),
    Medium.LINE.value: ("L", "#06C755", "#FFFFFF"),
}


def medium_label(medium: str) -> str:
    """A medium's name as agents know it (the sidebar, notifications)."""
    return {
        "web": translate("Medium", "Web chat"),
        "phone": translate("Medium", "Phone"),
        "email": translate("Medium", "Email"),
        "kakao": translate("Medium", "Kakao"),
        "instagram": translate("Medium", "Instagram DM"),
        "naver": translate("Medium", "Naver TalkTalk"),
        "line": translate("Medium", "LINE"),
    }.get(medium, medium)
