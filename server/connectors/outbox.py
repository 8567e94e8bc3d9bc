"""Replies out (U3): the `outbound` queue, tried by one worker at a time (a job lease).

A team reply in a chat of an external medium is queued in its own transaction
(server.inbox.chats.add_message). Each due row is read, sent by its medium's sender
outside any transaction, then recorded: delivered (`message.delivered_at`, the V mark
of L3, C3, through the change log), or tried again after `backoff * 2**(tries-1)`, or,
after the last try or a permanent refusal, failed (`message.delivery_error`, shown on
the message in the app). Rows of a medium with no sender here (not built yet) wait.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from protocol.kinds import Entity, Medium
from server import jobs, wire
from server.connectors.base import DeliveryError, OutboundJob, Permanent, Registry
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.media.secrets import Sealer, SecretsUnreadable, open_secrets
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell

log = logging.getLogger(__name__)

BATCH = 50
MAX_WAIT = timedelta(hours=1)


class Outbox:
    def __init__(
        self,
        db: Database,
        doorbell: Doorbell,
        sealer: Sealer,
        registry: Registry,
        *,
        attempts: int,
        backoff: timedelta,
    ) -> None:
        self.db = db
        self.doorbell = doorbell
        self.sealer = sealer
        self.registry = registry
        self.attempts = attempts
        self.backoff = backoff

    def wait_after(self, tries: int) -> timedelta:
        """How long after its `tries`-th failed try a reply is tried again."""
        return min(self.backoff * (1 << max(tries - 1, 0)), MAX_WAIT)

    async def deliver_due(self, now: datetime | None = None) -> int:
        """Try every reply due by `now`; returns how many were tried."""
        now = now or utcnow()
        media = [md.value for md in Medium if self.registry.get(md) is not None]
        async with self.db.read() as conn:
            due = (
                await conn.execute(
                    select(m.Outbound)
                    .where(
                        m.Outbound.done_at.is_(None),
                        m.Outbound.next_at <= now,
                        m.Outbound.medium.in_(media),
                    )
                    .order_by(m.Outbound.next_at)
                    .limit(BATCH)
                )
            ).all()
        for row in due:
            await self._try(row, now)
        return len(due)

    async def _try(self, row: Any, now: datetime) -> None:
        medium = Medium(row.medium)
        sender = self.registry.get(medium)
        assert sender is not None
        error: DeliveryError | None = None
        try:
            job = await self._job(row)
            await sender.deliver(job)
        except DeliveryError as exc:
            error = exc
        except Exception as exc:  # a sender's bug must not stop the queue
            log.warning("sender of %s failed", medium.value, exc_info=True)
            error = DeliveryError(f"sender error: {type(exc).__name__}")
        await self._record(row, now, error)

    async def _job(self, row: Any) -> OutboundJob:
        medium = Medium(row.medium)
        async with self.db.read() as conn:
            msg = (
                await conn.execute(select(m.Message).where(m.Message.id == row.message_id))
            ).one()
            chat = (await conn.execute(select(m.Chat).where(m.Chat.id == msg.chat_id))).one()
            recipient = await conn.scalar(
                select(m.CustomerIdentity.external_id).where(
                    m.CustomerIdentity.customer_id == chat.customer_id,
                    m.CustomerIdentity.medium == medium.value,
                )
            )
            config = await conn.scalar(
                select(m.Integration.config).where(
                    m.Integration.workspace_id == row.workspace_id,
                    m.Integration.medium == medium.value,
                    m.Integration.connected.is_(True),
                )
            )
            try:
                secrets = await open_secrets(conn, self.sealer, row.workspace_id, medium)
            except SecretsUnreadable:
                raise Permanent(f"the {medium.value} secrets do not open") from None
        if config is None or secrets is None:
            raise Permanent(f"{medium.value} is not connected")
        if recipient is None:
            raise Permanent(f"the customer has no {medium.value} id")
        return OutboundJob(
            id=row.id,
            workspace_id=row.workspace_id,
            chat_id=chat.id,
            message_id=msg.id,
            medium=medium,
            recipient=recipient,
            text=msg.text,
            attempt=row.attempts + 1,
            settings=dict(config),
            secrets=secrets,
        )

    async def _record(self, row: Any, now: datetime, error: DeliveryError | None) -> None:
        tries = row.attempts + 1
        given_up = error is not None and (isinstance(error, Permanent) or tries >= self.attempts)
        async with self.db.write() as conn:
            await lock_workspace(conn, row.workspace_id)
            job = update(m.Outbound).where(m.Outbound.id == row.id)
            if error is not None and not given_up:
                await conn.execute(
                    job.values(
                        attempts=tries, next_at=now + self.wait_after(tries), error=str(error)
                    )
                )
                log.info("reply %s not delivered (%s); try %d", row.message_id, error, tries)
                return
            reason = None if error is None else str(error)[:500]
            await conn.execute(job.values(attempts=tries, done_at=utcnow(), error=reason))
            marks: dict[str, Any] = (
                {"delivered_at": utcnow(), "delivery_error": None}
                if error is None
                else {"delivery_error": reason}
            )
            msg = (
                await conn.execute(
                    update(m.Message)
                    .where(m.Message.id == row.message_id)
                    .values(**marks)
                    .returning(m.Message)
                )
            ).first()
            if msg is None:
                return  # deleted meanwhile
            w = ChangeWriter(conn, row.workspace_id)
            w.emit(Entity.MESSAGE, msg.id, wire.message(msg), chat_id=msg.chat_id)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(row.workspace_id, head)


async def run_forever(outbox: Outbox, *, every: float) -> None:
    """Deliver due replies every `every` seconds on the worker holding the lease (the
    first time `every` seconds after start: a starting worker has other work first)."""
    holder = uuid.uuid4().hex
    lease = timedelta(seconds=max(every * 4, 60))
    while True:
        await asyncio.sleep(every)
        try:
            if await jobs.take_lease(outbox.db, "deliver_outbound", holder, lease):
                await outbox.deliver_due()
        except Exception:
            log.warning("outbound job failed; will retry", exc_info=True)
