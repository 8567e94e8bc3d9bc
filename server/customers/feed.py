"""A customer's feed of one chat, with cursors that say nothing of the rest of the workspace.

The manager feed's `to` and `head` move with every change in the workspace; a customer
seeing those could watch how busy the company is. Here the entries read are the chat's
own (by the change_log (chat_id, seq) index), `to` is the last of them returned and
`head` the newest, so neither moves when other chats change; and all three are opaque
cursors (server/customers/cursors.py), never seqs, so the distance between two of them
cannot be read either. Entries carry no seq, no client id and no mutation id (a
manager's mutation counter would be another activity meter).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from server.customers.cursors import Cursors, customer_message, visible
from server.db import models as m
from server.errors import ServiceError
from server.sync.feed import to_item


async def customer_changes_page(
    conn: AsyncConnection,
    cursors: Cursors,
    workspace_id: uuid.UUID,
    chat_id: uuid.UUID,
    cursor: str | None,
    limit: int,
) -> dict[str, Any]:
    """`GET /customer/chats/{id}/changes`: the chat's messages changed after the cursor
    `since` (none: from the start)."""
    since = 0 if cursor is None else cursors.open(chat_id, cursor)
    log = m.ChangeLog
    rows = await conn.execute(
        select(log)
        .where(log.workspace_id == workspace_id, log.seq > since, *visible(chat_id))
        .order_by(log.seq)
        .limit(limit)
    )
    items = [to_item(r).change for r in rows]
    # Read after the entries (as the manager feed does): a prune between the two reads
    # raises pruned_seq, so a hole cannot pass unseen.
    head = int(await conn.scalar(select(func.max(log.seq)).where(*visible(chat_id))) or 0)
    pruned = int(
        await conn.scalar(select(m.Workspace.pruned_seq).where(m.Workspace.id == workspace_id)) or 0
    )
    restart = max(head, pruned)
    if not pruned <= since <= restart:
        # Start again from the chat (GET /customer/chats/{id}), then follow from `head`.
        raise ServiceError(
            ErrorCode.RESYNC_REQUIRED,
            "This cursor cannot be followed: reload the chat and follow from `head`.",
            current={"head": cursors.seal(chat_id, restart)},
        )
    to = items[-1]["seq"] if items else since
    head = max(head, since)
    return {
        "since": cursors.seal(chat_id, since),
        "to": cursors.seal(chat_id, to),
        "head": cursors.seal(chat_id, head),
        "changes": [
            {
                "entity": c["entity"],
                "id": c["id"],
                "op": c["op"],
                "data": None if c["data"] is None else customer_message(c["data"]),
            }
            for c in items
        ],
        "more": to < head,
    }
