"""Webhooks in (U3): a verified payload becomes messages in the sender's chat.

Order: the limit, the medium's secrets (a medium not connected: 404), the signature
(401), the payload (400); only then is anything written. Each event is taken in its own
transaction, which first claims its id in `media_event` (unique per workspace and
medium): a medium's retry or a replay of the same event finds the id taken and creates
nothing. The customer is found by their id on the medium (`customer_identity`), made on
their first message; their newest chat of that medium that is not closed takes the
message, else a new chat does (S9, L3: the chat carries the medium).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind, ChatState, Medium, MessageKind
from server.config import Settings
from server.connectors.fetch import Fetched, fetch_media
from server.connectors.inbound import (
    HOOK_MEDIA,
    InboundEvent,
    check_subscription,
    parse,
    verify,
)
from server.customers.limits import PublicLimits
from server.customers.service import customer_by_identity
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats
from server.media.secrets import Sealer, open_secrets
from server.routing import service as routing
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell
from server.uploads.received import attach, forget
from server.uploads.storage import Storage


class ConnectorService:
    def __init__(
        self,
        db: Database,
        doorbell: Doorbell,
        sealer: Sealer,
        limits: PublicLimits,
        settings: Settings,
        storage: Storage,
    ) -> None:
        self.db = db
        self.doorbell = doorbell
        self.sealer = sealer
        self.limits = limits
        self.settings = settings
        self.storage = storage  # where the files customers send through a medium go

    async def receive(
        self,
        workspace_id: uuid.UUID,
        medium: Medium,
        body: bytes,
        headers: Mapping[str, str],
        address: str | None,
    ) -> dict[str, int]:
        """Take a webhook in; returns {"taken": new events, "seen": events already taken}."""
        await self.limits.hook(address, workspace_id, medium.value)
        if medium not in HOOK_MEDIA:
            raise ServiceError(ErrorCode.NOT_FOUND, f"{medium.value} takes no webhooks.")
        async with self.db.read() as conn:
            secrets = await open_secrets(conn, self.sealer, workspace_id, medium)
        if secrets is None:
            raise ServiceError(ErrorCode.NOT_FOUND, f"{medium.value} is not connected here.")
        window = self.settings.hook_window.total_seconds()
        verify(medium, body, headers, secrets, now=time.time(), window_s=window)
        taken = seen = 0
        for event in parse(medium, body):
            if await self._seen(workspace_id, medium, event):  # a retry: nothing to fetch
                seen += 1
                continue
            fetched = await fetch_media(self.storage, self.settings, medium, event, secrets)
            try:
                took = await self._take(workspace_id, medium, event, fetched)
            except BaseException:
                await forget(self.storage, fetched.files)
                raise
            if took:
                taken += 1
            else:  # the same event, taken meanwhile by another delivery of it
                await forget(self.storage, fetched.files)
                seen += 1
        return {"taken": taken, "seen": seen}

    async def _seen(self, workspace_id: uuid.UUID, medium: Medium, event: InboundEvent) -> bool:
        async with self.db.read() as conn:
            found = await conn.scalar(
                select(m.MediaEvent.id).where(
                    m.MediaEvent.workspace_id == workspace_id,
                    m.MediaEvent.medium == medium.value,
                    m.MediaEvent.event_id == event.event_id[:200],
                )
            )
        return found is not None

    async def subscription_check(
        self,
        workspace_id: uuid.UUID,
        medium: Medium,
        mode: str,
        token: str,
        challenge: str,
        address: str | None,
    ) -> str:
        """Meta's subscription check (Instagram): the challenge when `token` is the
        medium's verify token. Counted against the webhooks' limits like a payload."""
        await self.limits.hook(address, workspace_id, medium.value)
        if medium is not Medium.INSTAGRAM:
            raise ServiceError(ErrorCode.NOT_FOUND, f"{medium.value} makes no subscription check.")
        async with self.db.read() as conn:
            secrets = await open_secrets(conn, self.sealer, workspace_id, medium)
        if secrets is None:
            raise ServiceError(ErrorCode.NOT_FOUND, f"{medium.value} is not connected here.")
        check_subscription(secrets, mode, token, challenge)
        return challenge

    async def _take(
        self, workspace_id: uuid.UUID, medium: Medium, event: InboundEvent, fetched: Fetched
    ) -> bool:
        async with self.db.write() as conn:
            await lock_workspace(conn, workspace_id)
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            claimed = await conn.execute(
                dialect.insert(m.MediaEvent)
                .values(
                    id=uuid.uuid4(),
                    workspace_id=workspace_id,
                    medium=medium.value,
                    event_id=event.event_id[:200],
                    received_at=utcnow(),
                )
                .on_conflict_do_nothing(index_elements=["workspace_id", "medium", "event_id"])
            )
            if not claimed.rowcount:
                return False
            w = ChangeWriter(conn, workspace_id)
            customer_id = await customer_by_identity(w, medium, event.user_id, event.name)
            chat = await _open_chat(w, customer_id, medium)
            message_id = uuid.uuid4()
            await attach(
                conn, workspace_id, chat.id, message_id, customer_id, fetched.files, utcnow()
            )
            await chats.add_message(
                w,
                chat,
                message_id=message_id,
                author_kind=AuthorKind.CUSTOMER,
                author_id=customer_id,
                kind=MessageKind.REPLY,
                blocks=_blocks(event, fetched),
            )
            await routing.route_if_reopened(w, chat)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(workspace_id, head)
        return True


def _blocks(event: InboundEvent, fetched: Fetched) -> list[dict[str, Any]]:
    """The text (with what could not be brought in said), then the files."""
    note = ["[Not received: " + "; ".join(fetched.missed) + "]"] if fetched.missed else []
    text = "\n\n".join([t for t in (event.text, *note) if t])
    blocks: list[dict[str, Any]] = [{"type": "text", "text": text}] if text else []
    if fetched.files:
        blocks.append({"type": "files", "files": [f.ref() for f in fetched.files]})
    return blocks or [{"type": "text", "text": "[message]"}]


async def _open_chat(w: ChangeWriter, customer_id: uuid.UUID, medium: Medium) -> Any:
    """The customer's newest chat of `medium` that is not closed, or a new one (routed)."""
    row = (
        await w.conn.execute(
            select(m.Chat)
            .where(
                m.Chat.customer_id == customer_id,
                m.Chat.medium == medium.value,
                m.Chat.state != ChatState.CLOSED.value,
            )
            .order_by(m.Chat.created_at.desc())
            .limit(1)
        )
    ).first()
    if row is not None:
        return row
    # no team yet: Unassigned, as a web chat without one (routing has nothing to place)
    return await chats.create_chat(w, w.workspace_id, customer_id, medium=medium.value)
