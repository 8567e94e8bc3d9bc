"""Page visits (P5, U2): the website's snippet says which page the customer saw.

Each visit is a row of `page_visit` and a `page_visit` entry of the change log, so the
managers' apps hold the newest ones in their caches (the bootstrap sends each
customer's newest, `server.sync.bootstrap.recent_visits`). With a chat's token a visit
belongs to that chat; with a visitor's token (the snippet before and after any chat) to
the visitor's newest chat, or to no chat yet: then it is only stored, until that first
chat announces the visitor to the agents.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.kinds import Entity
from server import wire
from server.auth.service import CustomerPrincipal
from server.customers.visitors import VisitorPrincipal, newest_chat
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell


async def record_visit(
    db: Database,
    doorbell: Doorbell,
    who: CustomerPrincipal | VisitorPrincipal,
    req: s.PageVisitRequest,
) -> dict[str, Any]:
    async with db.write() as conn:
        if isinstance(who, CustomerPrincipal):
            chat_id: uuid.UUID | None = who.chat_id
        else:
            chat_id = await newest_chat(conn, who.customer_id)
        if chat_id is None:
            # A visitor who never chatted: kept, not logged; their first chat brings
            # the newest to the agents (customers.service.announce_visitor).
            return wire.page_visit(await _insert(conn, who, None, req))
        await lock_workspace(conn, who.workspace_id)
        row = await _insert(conn, who, chat_id, req)
        data = wire.page_visit(row)
        w = ChangeWriter(conn, who.workspace_id)
        w.emit(Entity.PAGE_VISIT, row.id, data)
        head = await w.flush()
    if head is not None:
        doorbell.ring(who.workspace_id, head)
    return data


async def _insert(
    conn: AsyncConnection,
    who: CustomerPrincipal | VisitorPrincipal,
    chat_id: uuid.UUID | None,
    req: s.PageVisitRequest,
) -> Any:
    return (
        await conn.execute(
            insert(m.PageVisit)
            .values(
                id=uuid.uuid4(),
                workspace_id=who.workspace_id,
                customer_id=who.customer_id,
                chat_id=chat_id,
                url=req.url,
                title=req.title,
                referrer=req.referrer or None,
                visited_at=utcnow(),
            )
            .returning(m.PageVisit)
        )
    ).one()
