"""The audience rules as pure functions, so a table test can walk every combination."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Reason(StrEnum):
    MESSAGE = "message"  # N1: a message in a chat I am assigned to or follow
    UNASSIGNED = "unassigned"  # N2: a new unassigned chat or a message in one (switch on)
    MENTION = "mention"  # N5: I (or my team) was mentioned
    ASSIGNED = "assigned"  # N3: a chat was given to me
    SNOOZE_ENDED = "snooze_ended"  # N4, H3


@dataclass(frozen=True, slots=True)
class ChatFacts:
    assignee_id: uuid.UUID | None
    follower_ids: frozenset[uuid.UUID]
    queued: bool
    closed: bool


def message_audience(
    chat: ChatFacts,
    *,
    author_id: uuid.UUID | None,
    internal: bool,
    mentioned: Iterable[uuid.UUID] = (),
    unassigned_watchers: Iterable[uuid.UUID] = (),
) -> dict[uuid.UUID, Reason]:
    """Who a new message notifies, and why (a mention outranks the rest)."""
    if chat.queued:  # R2, N3: a waiting chat notifies nobody
        return {}
    if internal and chat.closed:  # C5: use snooze to keep discussing
        return {}
    audience: dict[uuid.UUID, Reason] = {}
    if chat.assignee_id is None:
        for m in unassigned_watchers:
            audience[m] = Reason.UNASSIGNED
    in_chat = set(chat.follower_ids)
    if chat.assignee_id is not None:
        in_chat.add(chat.assignee_id)
    for m in in_chat:
        audience[m] = Reason.MESSAGE
    for m in mentioned:
        audience[m] = Reason.MENTION
    if author_id is not None:
        audience.pop(author_id, None)  # never the author
    return audience


def event_audience(
    chat: ChatFacts, reason: Reason, *, actor_id: uuid.UUID | None = None
) -> dict[uuid.UUID, Reason]:
    """An assignment or an ended snooze tells the assignee (not if they did it)."""
    if chat.assignee_id is None or chat.queued or chat.assignee_id == actor_id:
        return {}
    return {chat.assignee_id: reason}
