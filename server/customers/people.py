"""Who the customer is talking to: the workspace's name and the managers who replied.

The customer page shows each reply with its author's name and avatar. Only managers
who wrote a reply (never a note) in this very chat are named, so a chat's link does not
list the rest of the team.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import AuthorKind, MessageKind
from server.db import models as m


async def chat_people(
    conn: AsyncConnection, workspace_id: uuid.UUID, chat_id: uuid.UUID
) -> dict[str, Any]:
    """`{"workspace": {"name"}, "managers": [{id, name, avatar_url}]}`."""
    name = await conn.scalar(select(m.Workspace.name).where(m.Workspace.id == workspace_id))
    authors = (
        select(m.Message.author_id)
        .where(
            m.Message.chat_id == chat_id,
            m.Message.author_kind == AuthorKind.MANAGER.value,
            m.Message.kind == MessageKind.REPLY.value,
        )
        .distinct()
    )
    rows = await conn.execute(
        select(m.Manager.id, m.Manager.name, m.Manager.avatar_url)
        .where(m.Manager.workspace_id == workspace_id, m.Manager.id.in_(authors))
        .order_by(m.Manager.name)
    )
    return {
        "workspace": {"name": name or ""},
        "managers": [{"id": str(r.id), "name": r.name, "avatar_url": r.avatar_url} for r in rows],
    }
