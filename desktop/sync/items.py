"""What the GUI's reads of the cache return (`reads`): a chat list's line, a message.

Apart from `reads` so the views can name these types without importing any SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ChatItem:
    """One line of a chat list (L4): the chat row as the server sent it (optimistic
    effects applied), its customer, my state of it, and where it sorts."""

    id: str
    sort_us: int  # last message time, microseconds since the epoch (L1)
    chat: dict[str, Any]
    customer_name: str
    customer_avatar: str | None
    starred: bool
    unread_count: int
    mentioned: bool

    @property
    def key(self) -> tuple[int, str]:
        """The list's sort key, newest first: (last message time, id), descending."""
        return (self.sort_us, self.id)


@dataclass(frozen=True, slots=True)
class MessageItem:
    id: str
    chat_id: str
    seq: int | None  # None while pending or failed
    sort_key: int  # seq, or PENDING_BASE + mutation id while local
    pending: bool
    failed_reason: str | None
    message: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Draft:
    chat_id: str
    text: str
    note: bool = False

    @property
    def empty(self) -> bool:
        """Nothing worth keeping: no text, in the default (reply) mode."""
        return not self.text and not self.note
