"""Which icon each sidebar section shows (MDI names, desktop/views/icons.py), by its key."""

from __future__ import annotations

SECTION_ICONS: dict[str, str] = {
    "all": "inbox",
    "mine": "account-outline",
    "unread": "email-mark-as-unread",
    "starred": "star-outline",
    "sessions": "bell-outline",
    "unassigned": "account-question-outline",
}
PREFIX_ICONS: dict[str, str] = {
    "unassigned_team": "account-group-outline",
    "queue": "tray-full",
    "assignee": "account-circle-outline",
    "tag": "tag-outline",
}
MEDIUM_ICONS: dict[str, str] = {
    "web": "web",
    "phone": "phone-outline",
    "email": "email-outline",
    "kakao": "chat-outline",
    "instagram": "instagram",
    "naver": "chat-processing-outline",
    "line": "message-outline",
}


def section_icon(key: str) -> str | None:
    """The icon of the section `key` ("all", "queue:<team>", "medium:kakao"), or None."""
    if key in SECTION_ICONS:
        return SECTION_ICONS[key]
    prefix, _, rest = key.partition(":")
    if prefix == "medium":
        return MEDIUM_ICONS.get(rest, "message-outline")
    return PREFIX_ICONS.get(prefix)
