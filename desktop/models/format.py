"""Turning rows into the strings the views draw. All of it is plain text: customer words
are never given to anything that interprets markup (a message full of HTML shows as the
characters it is made of)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from protocol.kinds import EXTERNAL_MESSENGERS, Medium

_EXTERNAL = frozenset(m.value for m in EXTERNAL_MESSENGERS)


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def short_time(value: str | None, now: datetime | None = None) -> str:
    """ "14:05" today, "11/27" this year, "2025-11-27" before (local time)."""
    when = parse_time(value)
    if when is None:
        return ""
    local = when.astimezone()
    today = (now or datetime.now(UTC)).astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%m/%d")
    return local.strftime("%Y-%m-%d")


def clock_time(value: str | None) -> str:
    when = parse_time(value)
    return "" if when is None else when.astimezone().strftime("%H:%M")


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
    tr = QCoreApplication.translate
    return {
        "web": tr("Medium", "Web chat"),
        "phone": tr("Medium", "Phone"),
        "email": tr("Medium", "Email"),
        "kakao": tr("Medium", "Kakao"),
        "instagram": tr("Medium", "Instagram DM"),
        "naver": tr("Medium", "Naver TalkTalk"),
        "line": tr("Medium", "LINE"),
    }.get(medium, medium)
