"""Page visits (P5, U2): the website's snippet says which page the customer saw.

Each visit is a row of `page_visit` and a `page_visit` entry of the change log, so the
managers' apps hold the newest ones in their caches (the bootstrap sends each
customer's newest, `server.sync.bootstrap.recent_visits`). With a chat's token a visit
belongs to that chat; with a visitor's token (the snippet before and after any chat) to
the visitor's newest chat, or to no chat yet.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert

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
        await lock_workspace(conn, who.workspace_id)
        chat_id = (
            who.chat_id
            if isinstance(who, CustomerPrincipal)
            else await newest_chat(conn, who.customer_id)
        )
        row = (
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
        data = wire.page_visit(row)
        w = ChangeWriter(conn, who.workspace_id)
        w.emit(Entity.PAGE_VISIT, row.id, data)
        head = await w.flush()
    if head is not None:
        doorbell.ring(who.workspace_id, head)
    return data
