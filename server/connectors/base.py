"""What a medium's sender is (U3): one object per medium that delivers one reply.

A sender raises `Retryable` for what may pass (network, 429, 5xx): the outbox tries
again later with backoff; `Permanent` for what will not (the medium refused the
request): the reply is marked failed at once. Senders register in a `Registry` by
medium, so another medium's sender (email) plugs in without touching the outbox.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from protocol.kinds import Medium

# Media whose chats get their team replies sent out through a sender.
OUTBOUND_MEDIA: frozenset[str] = frozenset(
    m.value for m in (Medium.LINE, Medium.INSTAGRAM, Medium.KAKAO, Medium.NAVER, Medium.EMAIL)
)


class DeliveryError(Exception):
    """A reply not delivered; the message is short and never carries a secret."""


class Retryable(DeliveryError):
    pass


class Permanent(DeliveryError):
    pass


@dataclass(frozen=True)
class OutboundJob:
    """One reply to deliver: to whom (the customer's id on the medium), what, and with
    which of the workspace's settings and secrets for that medium."""

    id: uuid.UUID
    workspace_id: uuid.UUID
    chat_id: uuid.UUID
    message_id: uuid.UUID
    medium: Medium
    recipient: str
    text: str
    attempt: int
    settings: dict[str, Any] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict, repr=False)


class Sender(Protocol):
    medium: Medium

    async def deliver(self, job: OutboundJob) -> None: ...


class Registry:
    """The senders of one server, by medium."""

    def __init__(self) -> None:
        self._senders: dict[Medium, Sender] = {}

    def register(self, sender: Sender) -> None:
        self._senders[sender.medium] = sender

    def get(self, medium: Medium) -> Sender | None:
        return self._senders.get(medium)
