"""Background jobs, each run by one worker at a time: whoever holds its database lease.

The snooze job reopens chats whose snooze ended and tells their assignee (H3, N4); the
uploads job removes the bytes of uploads that missed their deadline (M1).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from protocol.kinds import ChatState, EventAction
from server.auth import throttle
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.inbox import chats, events
from server.notifications import service as notifications
from server.notifications.audience import Reason
from server.routing import service as routing
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell
from server.uploads.service import UploadService

log = logging.getLogger(__name__)

BATCH = 200


async def take_lease(db: Database, name: str, holder: str, ttl: timedelta) -> bool:
    """True when `holder` now holds the lease `name` (it was free, expired, or ours)."""
    now = utcnow()
    async with db.write() as conn:
        taken = await conn.execute(
            update(m.JobLease)
            .where(
                m.JobLease.name == name,
                (m.JobLease.holder == holder) | (m.JobLease.expires_at <= now),
            )
            .values(holder=holder, expires_at=now + ttl)
        )
        if taken.rowcount:
            return True
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        created = await conn.execute(
            dialect.insert(m.JobLease)
            .values(name=name, holder=holder, expires_at=now + ttl)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        return bool(created.rowcount)


async def end_snoozes(db: Database, doorbell: Doorbell) -> int:
    """Reopen every chat whose snooze has ended; returns how many."""
    now = utcnow()
    reopened = 0
    while True:
        async with db.read() as conn:
            due = (
                await conn.execute(
                    select(m.Chat.id, m.Chat.workspace_id)
                    .where(m.Chat.state == ChatState.SNOOZED.value, m.Chat.snooze_until <= now)
                    .order_by(m.Chat.snooze_until)
                    .limit(BATCH)
                )
            ).all()
        if not due:
            return reopened
        for chat_id, workspace_id in due:
            async with db.write() as conn:
                await lock_workspace(conn, workspace_id)
                chat = await chats.load_chat(conn, workspace_id, chat_id)
                if (
                    chat.state != ChatState.SNOOZED.value
                    or chat.snooze_until is None
                    or chat.snooze_until > now
                ):
                    continue  # someone changed it meanwhile
                w = ChangeWriter(conn, workspace_id)
                chat = await chats.update_chat(
                    w, chat, state=ChatState.OPEN.value, snooze_until=None
                )
                await notifications.on_event(w, chat, Reason.SNOOZE_ENDED)
                await events.record(w, chat, EventAction.REOPENED, actor_id=None)
                await routing.route(w, chat)
                head = await w.flush()
            reopened += 1
            if head is not None:
                doorbell.ring(workspace_id, head)


async def run_forever(
    db: Database, doorbell: Doorbell, uploads: UploadService, *, every: float
) -> None:
    holder = uuid.uuid4().hex
    lease = timedelta(seconds=every * 4)
    while True:
        try:
            if await take_lease(db, "end_snoozes", holder, lease):
                n = await end_snoozes(db, doorbell)
                if n:
                    log.info("reopened %d snoozed chats", n)
        except Exception:
            log.warning("snooze job failed; will retry", exc_info=True)
        try:
            if await take_lease(db, "expire_uploads", holder, lease):
                n = await uploads.expire_due()
                if n:
                    log.info("removed %d uploads past their deadline", n)
        except Exception:
            log.warning("upload expiry job failed; will retry", exc_info=True)
        try:
            if await take_lease(db, "forget_logins", holder, lease):
                async with db.write() as conn:
                    await throttle.forget_ended(conn, utcnow())
        except Exception:
            log.warning("login throttle cleanup failed; will retry", exc_info=True)
        await asyncio.sleep(every)
