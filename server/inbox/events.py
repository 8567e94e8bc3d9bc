"""System events in the conversation (SPEC C1 build: assigned, team set, snoozed, closed,
reopened, tagged): who did what, to whom, as a message of kind "event".

Written in the transaction of the action itself, so the line and the change can never
disagree. An event goes through the change log like a message, marked internal: the
customer's API and feed never show it. It is not a chat's last message (no preview, no
new sort order) and nobody's unread: only the message row and its log entry are written.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from protocol import schemas as s
from protocol.kinds import AuthorKind, Entity, EventAction, MessageKind
from server import wire
from server.db import models as m
from server.db.types import utcnow
from server.sync.changelog import ChangeWriter

_INSERT = insert(m.Message).returning(m.Message)


async def record(
    w: ChangeWriter,
    chat: Any,
    action: EventAction,
    *,
    actor_id: uuid.UUID | None,
    manager_id: uuid.UUID | None = None,
    team_id: uuid.UUID | None = None,
    tag: str | None = None,
    until: datetime | None = None,
) -> Any:
    """Add one event line to the chat; returns its message row."""
    block = s.EventBlock(
        action=action,
        actor_id=actor_id,
        manager_id=manager_id,
        team_id=team_id,
        tag=tag,
        until=until,
    ).model_dump(mode="json", exclude_none=True)
    seq = await w.next_seq()
    row = (
        await w.conn.execute(
            _INSERT,
            {
                "id": uuid.uuid4(),
                "workspace_id": chat.workspace_id,
                "chat_id": chat.id,
                "seq": seq,
                "author_kind": AuthorKind.SYSTEM.value,
                "author_id": None,
                "kind": MessageKind.EVENT.value,
                "blocks": [block],
                "text": "",
                "created_at": utcnow(),
            },
        )
    ).one()
    w.emit(Entity.MESSAGE, row.id, wire.message(row), chat_id=chat.id, internal=True, seq=seq)
    return row
