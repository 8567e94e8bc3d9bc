"""Website visitors (U2): the snippet's own token, one per browser and workspace.

A visitor is a customer made on the snippet's first call from a browser, before any
chat, so the pages seen before a chat are that customer's events (P5). Its token (kept
in the site's local storage, only its hash here) records that customer's visits and
starts their chats; it opens no chat (a chat's messages need that chat's own link) and
no manager endpoint (those take manager tokens only, told apart by the prefix).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from server.auth.secrets import new_token, token_hash
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError

VISITOR_TOKEN_PREFIX = "sdv_"


@dataclass(frozen=True)
class VisitorPrincipal:
    """A browser holding a visitor token: one customer of one workspace."""

    customer_id: uuid.UUID
    workspace_id: uuid.UUID


async def new_visitor_key(
    conn: AsyncConnection, workspace_id: uuid.UUID, customer_id: uuid.UUID
) -> str:
    token = new_token(VISITOR_TOKEN_PREFIX)
    await conn.execute(
        insert(m.VisitorKey).values(
            id=uuid.uuid4(),
            workspace_id=workspace_id,
            customer_id=customer_id,
            token_hash=token_hash(token),
            created_at=utcnow(),
        )
    )
    return token


async def visitor_of(db: Database, token: str | None) -> VisitorPrincipal:
    """The visitor holding `token`; 401 for anything else (the snippet then starts over)."""
    if not token or not token.startswith(VISITOR_TOKEN_PREFIX):
        raise ServiceError(ErrorCode.UNAUTHENTICATED, "A website visitor token is required.")
    async with db.read() as conn:
        row = (
            await conn.execute(
                select(
                    m.VisitorKey.customer_id, m.VisitorKey.workspace_id, m.VisitorKey.revoked_at
                ).where(m.VisitorKey.token_hash == token_hash(token))
            )
        ).first()
    if row is None or row.revoked_at is not None:
        raise ServiceError(ErrorCode.UNAUTHENTICATED, "This visitor token is not valid.")
    return VisitorPrincipal(row.customer_id, row.workspace_id)


async def newest_chat(conn: AsyncConnection, customer_id: uuid.UUID) -> uuid.UUID | None:
    """The customer's newest chat, which a visit is attached to (none before a chat)."""
    chat_id: uuid.UUID | None = await conn.scalar(
        select(m.Chat.id)
        .where(m.Chat.customer_id == customer_id)
        .order_by(m.Chat.created_at.desc(), m.Chat.id.desc())
        .limit(1)
    )
    return chat_id


PRUNE_VISITORS_BATCH = 500  # customers per transaction


async def prune_visitors(
    db: Database, idle: timedelta, *, batch: int = PRUNE_VISITORS_BATCH
) -> int:
    """Forget website visitors who never chatted and were not seen for `idle`: their
    customer, token and page visits. A busy site makes a visitor per new browser, and
    those who never write would pile up without end. They never reached the agents'
    change log (a visitor is announced with their first chat), so no app holds them;
    the snippet of a forgotten visitor makes a new one on its next call. Returns how many."""
    cut = utcnow() - idle
    removed = 0
    while True:
        async with db.write() as conn:
            seen_since = exists().where(
                m.PageVisit.customer_id == m.Customer.id, m.PageVisit.visited_at >= cut
            )
            ids = list(
                await conn.scalars(
                    select(m.Customer.id)
                    .where(
                        exists().where(m.VisitorKey.customer_id == m.Customer.id),
                        ~exists().where(m.Chat.customer_id == m.Customer.id),
                        ~seen_since,
                        m.Customer.created_at < cut,
                    )
                    .limit(batch)
                )
            )
            if not ids:
                return removed
            await conn.execute(delete(m.PageVisit).where(m.PageVisit.customer_id.in_(ids)))
            await conn.execute(delete(m.VisitorKey).where(m.VisitorKey.customer_id.in_(ids)))
            await conn.execute(
                delete(m.CustomerIdentity).where(m.CustomerIdentity.customer_id.in_(ids))
            )
            await conn.execute(delete(m.Customer).where(m.Customer.id.in_(ids)))
            removed += len(ids)
