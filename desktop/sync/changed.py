"""What a cache write changed, by id: the message from the sync layer to the Qt models.

The cache is written first and the UI is told afterwards which rows to re-read (the
Nheko way), so a model never holds data the cache does not; it only learns which of its
rows to refresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ChangedIds:
    chats: set[str] = field(default_factory=set)  # chat rows written (server or optimistic)
    deleted_chats: set[str] = field(default_factory=set)
    messages: dict[str, set[str]] = field(default_factory=dict)  # chat id -> message ids
    chat_states: set[str] = field(default_factory=set)  # chat ids whose state-for-me changed
    customers: set[str] = field(default_factory=set)
    reference: set[str] = field(default_factory=set)  # entity names: manager, team, tag, ...
    counts: set[tuple[str, str, str]] = field(default_factory=set)  # (scope, key, state)
    notifications: list[str] = field(default_factory=list)  # new ones, oldest first
    # of those, the ones a catch-up brought (made while this app was not connected):
    # told as one summary, not one by one
    missed: set[str] = field(default_factory=set)
    uploads: set[str] = field(default_factory=set)  # message ids whose files changed (issue 13)
    outbox: bool = False  # the number waiting to be sent may have changed
    reset: bool = False  # too much to list (a bootstrap's reference data): re-read all

    def message(self, chat_id: str, message_id: str) -> None:
        self.messages.setdefault(chat_id, set()).add(message_id)

    def merge(self, other: ChangedIds) -> None:
        self.chats |= other.chats
        self.deleted_chats |= other.deleted_chats
        for chat_id, ids in other.messages.items():
            self.messages.setdefault(chat_id, set()).update(ids)
        self.chat_states |= other.chat_states
        self.customers |= other.customers
        self.reference |= other.reference
        self.counts |= other.counts
        self.notifications.extend(other.notifications)
        self.missed |= other.missed
        self.uploads |= other.uploads
        self.outbox = self.outbox or other.outbox
        self.reset = self.reset or other.reset

    def __bool__(self) -> bool:
        return bool(
            self.chats
            or self.deleted_chats
            or self.messages
            or self.chat_states
            or self.customers
            or self.reference
            or self.counts
            or self.notifications
            or self.uploads
            or self.outbox
            or self.reset
        )
