"""What a notification says (N7), from the server's notification entries.

The words are plain text: a customer's message goes into the body as the characters it
is made of. Notification daemons may read a subset of HTML in the body, so `<`, `>` and
`&` are escaped where the daemon would otherwise interpret them (freedesktop's "body
markup"); elsewhere the text is passed as it is.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.i18n import translate
from desktop.models.format import medium_label, one_line
from protocol.preview import NOTE_PREFIX

Entry = Mapping[str, Any]  # a notification entry, as the server wrote it

# What matters most in a chat's group, when several reasons came together.
_RANK = {"mention": 5, "assigned": 4, "snooze_ended": 3, "message": 2, "unassigned": 1}
BODY_CHARS = 200


@dataclass(frozen=True, slots=True)
class Text:
    title: str
    body: str


def plain(text: str, *, markup: bool = sys.platform.startswith("linux")) -> str:
    """Text that a notification daemon shows as written, never as markup."""
    return html.escape(text, quote=False) if markup else text


def title_of(entry: Entry) -> str:
    """Who and where: the customer, the medium and the team (when the chat has one)."""
    parts = [str(entry.get("customer_name") or translate("Notifications", "Customer"))]
    parts.append(medium_label(str(entry.get("medium") or "web")))
    if entry.get("team_name"):
        parts.append(str(entry["team_name"]))
    return " · ".join(parts)


def lead_of(entry: Entry) -> str:
    """The first words of the body: why this notifies me."""
    match entry.get("reason"):
        case "mention":
            return translate("Notifications", "You were mentioned")
        case "assigned":
            return translate("Notifications", "Assigned to you")
        case "snooze_ended":
            return translate("Notifications", "Snooze ended")
        case "unassigned":
            if entry.get("first_message") or not entry.get("message_id"):
                return translate("Notifications", "New chat, no assignee")
            return translate("Notifications", "New message, no assignee")
    return ""


def preview_of(entry: Entry) -> str:
    text = one_line(str(entry.get("preview") or ""))
    if entry.get("internal"):
        text = text.removeprefix(NOTE_PREFIX)
        return translate("Notifications", "Internal note: {text}").format(text=text)
    return text


def describe(entries: Sequence[Entry]) -> Text:
    """One chat's notification: its newest entry, told with the strongest reason among
    them and how many messages it stands for (a burst becomes one notification)."""
    latest = entries[-1]
    strongest = max(entries, key=lambda e: _RANK.get(str(e.get("reason")), 0))
    messages = sum(1 for e in entries if e.get("message_id"))
    lead = lead_of(strongest)
    if messages > 1:
        count = translate("Notifications", "%Ln new messages", None, messages)
        lead = f"{lead} · {count}" if lead else count
    preview = preview_of(latest)
    body = f"{lead}\n{preview}" if lead and preview else lead or preview
    return Text(plain(title_of(latest)), plain(_cut(body)))


def summary(entries: Iterable[Entry]) -> Text:
    """Everything a catch-up brought, in one notification: "5 new messages in 3 chats"."""
    items = list(entries)
    chats = {str(e.get("chat_id")) for e in items}
    messages = sum(1 for e in items if e.get("message_id"))
    others = len(items) - messages
    what = translate("Notifications", "%Ln new messages", None, messages)
    if others:
        what = translate("Notifications", "{messages} and %Ln other updates", None, others).format(
            messages=what
        )
    body = translate("Notifications", "{what} in %Ln chats", None, len(chats)).format(what=what)
    title = translate("Notifications", "While you were away")
    if len(chats) == 1:
        title = title_of(items[-1])
    return Text(plain(title), plain(body))


def _cut(text: str) -> str:
    return text if len(text) <= BODY_CHARS else text[: BODY_CHARS - 1] + "…"
