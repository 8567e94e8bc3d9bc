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


@dataclass(frozen=True, slots=True)
class UploadItem:
    """One file of a message being written or waiting for its files (issue 13). `id`
    is stable (what the engine's upload methods take); `file_id` is the server's upload,
    renewed when a failed one is retried. Progress while sending is the engine's, in
    memory (`SyncEngine.upload_progress`)."""

    id: str
    file_id: str
    chat_id: str
    message_id: str
    position: int
    path: str
    name: str
    size: int
    content_type: str
    url: str | None
    offset: int
    status: str  # layout.UPLOAD_SENDING | UPLOAD_DONE | UPLOAD_FAILED | UPLOAD_CANCELLED
    error_code: str | None
    error: str | None

    @property
    def done(self) -> bool:
        return self.status == "done"

    @property
    def stopped(self) -> bool:
        """Failed or cancelled: waits for the agent (retry or remove)."""
        return self.status in ("failed", "cancelled")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One chat a search found (L5): its list line, where the query was found, and
    what to highlight. `text` is plain text (an excerpt of a message, the customer's
    name, or the matched tags); `spans` are [start, end) character offsets into it.
    `source` is "cache" (answered locally) or "server" (`GET /search`)."""

    item: ChatItem
    field: str  # layout.SEARCH_NAME | SEARCH_TAG | SEARCH_MESSAGE
    text: str
    spans: tuple[tuple[int, int], ...]
    message_id: str | None = None  # the message found (field "message")
    source: str = "cache"

    @property
    def id(self) -> str:
        return self.item.id
