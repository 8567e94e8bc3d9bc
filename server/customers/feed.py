"""A customer's feed of one chat, with cursors that say nothing of the rest of the workspace.

The manager feed's `to` and `head` move with every change in the workspace; a customer
seeing those could watch how busy the company is. Here the entries read are the chat's
own (by the change_log (chat_id, seq) index), `to` is the last of them returned and
`head` the newest, so neither moves when other chats change.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import Entity
from server.db import models as m
from server.errors import ServiceError
from server.sync.feed import to_item


def _visible(chat_id: uuid.UUID) -> list[Any]:
    log = m.ChangeLog
    return [log.chat_id == chat_id, log.entity == Entity.MESSAGE.value, log.internal == false()]


async def customer_changes_page(
    conn: AsyncConnection, workspace_id: uuid.UUID, chat_id: uuid.UUID, since: int, limit: int
) -> dict[str, Any]:
    """`GET /customer/chats/{id}/changes`: the chat's messages changed after `since`."""
    log = m.ChangeLog
    rows = await conn.execute(
        select(log)
        .where(log.workspace_id == workspace_id, log.seq > since, *_visible(chat_id))
        .order_by(log.seq)
        .limit(limit)
    )
    items = [to_item(r) for r in rows]
    # Read after the entries (as the manager feed does): a prune between the two reads
    # raises pruned_seq, so a hole cannot pass unseen.
    head = int(await conn.scalar(select(func.max(log.seq)).where(*_visible(chat_id))) or 0)
    pruned = int(
        await conn.scalar(select(m.Workspace.pruned_seq).where(m.Workspace.id == workspace_id)) or 0
    )
    restart = max(head, pruned)
    if not pruned <= since <= restart:
        # Start again from the chat (GET /customer/chats/{id}), then follow from `head`.
        raise ServiceError(
            ErrorCode.RESYNC_REQUIRED,
            f"This cursor cannot be followed: reload the chat and follow from {restart}.",
            current={"head": restart},
        )
    to = items[-1].seq if items else since
    head = max(head, since)
    return {
        "since": since,
        "to": to,
        "head": head,
        "changes": [i.change for i in items],
        "more": to < head,
    }
