"""When to show, when to update: a burst of messages in one chat is one notification.

The first entry of a chat is shown at once. Entries that follow while that notification
is fresh join it, and the notification is updated once the chat has been quiet for
`quiet` seconds, or every `max_wait` seconds during a long burst, so twenty messages in
two seconds pop up once and are then updated once, not twenty times. A mention never
waits and never hides in a group: it is shown at once, on its own.

Pure bookkeeping with the clock passed in; `Notifier` does the showing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Entry = Mapping[str, Any]


@dataclass(slots=True)
class Group:
    """One chat's notification on screen and the entries it stands for."""

    chat_id: str
    entries: list[Entry]
    last_entry: float  # when its newest entry came
    shown_at: float  # when it was last shown (or updated)
    due: float | None = None  # when an update is owed; None if up to date


@dataclass
class Bursts:
    quiet: float = 0.8  # seconds without a new entry before an owed update is shown
    max_wait: float = 3.0  # an update is never owed longer than this
    fresh_for: float = 20.0  # a group older than this (since its newest entry) is closed
    groups: dict[str, Group] = field(default_factory=dict)

    def arrive(self, entry: Entry, now: float) -> Group | None:
        """Take an entry: the group to show now, or None if its update will come later
        (from `due`). A mention is returned as a group of its own, never stored."""
        chat_id = str(entry.get("chat_id"))
        if entry.get("reason") == "mention":
            return Group(chat_id, [entry], now, now)
        group = self.groups.get(chat_id)
        if group is None or now - group.last_entry > self.fresh_for:
            group = Group(chat_id, [entry], now, now)
            self.groups[chat_id] = group
            return group
        group.entries.append(entry)
        group.last_entry = now
        group.due = min(now + self.quiet, max(group.shown_at + self.max_wait, now))
        return None

    def due(self, now: float) -> list[Group]:
        """Groups whose owed update is due now; each is marked up to date."""
        ready = [g for g in self.groups.values() if g.due is not None and g.due <= now]
        for g in ready:
            g.due = None
            g.shown_at = now
        return ready

    def next_due(self) -> float | None:
        times = [g.due for g in self.groups.values() if g.due is not None]
        return min(times) if times else None

    def forget(self, chat_id: str) -> None:
        """The agent clicked it, dismissed it or opened the chat: the next entry starts
        a new notification."""
        self.groups.pop(chat_id, None)
