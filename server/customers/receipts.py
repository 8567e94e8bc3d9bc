"""Read receipts (SPEC C3): the customer side says how far it has read the team's replies.

Every reply of the chat up to the message named, not yet marked, gets `customer_read_at`
now; each changed row goes through the change log, so the managers' desktops draw the
customer's avatar under the last reply read. Notes and events are never the customer's
to read, and a message of another chat is refused like a missing one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, update

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind, Entity, MessageKind
from server import wire
from server.auth.service import CustomerPrincipal
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell

_TARGET = select(m.Message.seq, m.Message.kind).where(
    m.Message.id == bindparam("message_id"), m.Message.chat_id == bindparam("chat_id")
)
_MARK = (
    update(m.Message)
    .where(
        m.Message.chat_id == bindparam("b_chat_id"),
        m.Message.seq <= bindparam("b_upto"),
        m.Message.author_kind.in_((AuthorKind.MANAGER.value, AuthorKind.BOT.value)),
        m.Message.kind == MessageKind.REPLY.value,
        m.Message.customer_read_at.is_(None),
    )
    .values(customer_read_at=bindparam("b_now"))
    .returning(m.Message)
)


async def mark_read(
    db: Database, doorbell: Doorbell, who: CustomerPrincipal, req: s.CustomerReadRequest
) -> dict[str, Any]:
    """Returns {"read": how many replies this marked}."""
    async with db.write() as conn:
        await lock_workspace(conn, who.workspace_id)
        target = (
            await conn.execute(_TARGET, {"message_id": req.message_id, "chat_id": who.chat_id})
        ).first()
        if target is None or target.kind in (MessageKind.NOTE.value, MessageKind.EVENT.value):
            raise ServiceError(ErrorCode.NOT_FOUND, f"No message {req.message_id} in this chat.")
        rows = (
            await conn.execute(
                _MARK, {"b_chat_id": who.chat_id, "b_upto": target.seq, "b_now": utcnow()}
            )
        ).all()
        w = ChangeWriter(conn, who.workspace_id)
        for row in sorted(rows, key=lambda r: r.seq):
            w.emit(Entity.MESSAGE, row.id, wire.message(row), chat_id=who.chat_id)
        head = await w.flush()
    if head is not None:
        doorbell.ring(who.workspace_id, head)
    return {"read": len(rows)}
