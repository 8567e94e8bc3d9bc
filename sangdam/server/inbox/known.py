"""Rows a push batch's transaction has already read, so it reads each one once.

A push batch (sync/push.py) applies dozens of mutations that mostly touch the same few
kinds of rows: a chat, the chat_state rows of it, the acting manager, the workspace's
tags, who watches unassigned chats. `Known.read` fetches the chats and chat states the batch names in two statements
at its start; then each is kept current as the batch writes it. That takes one to three
round trips per mutation off the time the workspace is locked.

Sound only where three things hold, as they do in a push run without savepoints:
- the transaction holds the workspace lock, so no other writer changes these rows;
- every change to them goes through `inbox.chats` (chat, chat_state) or
  `sync.mutations` (tag), which write them here too (a write-through cache);
- it is dropped with the run that filled it: a rolled-back write never leaves a row
  behind that the database no longer has. So a run with savepoints, which can roll a
  mutation back and go on, uses none.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from sangdam.server.db import models as m

_CHATS = select(m.Chat).where(
    m.Chat.workspace_id == bindparam("workspace_id"),
    m.Chat.id.in_(bindparam("chat_ids", expanding=True)),
)
_STATES = select(m.ChatState).where(m.ChatState.chat_id.in_(bindparam("chat_ids", expanding=True)))


@dataclass(slots=True)
class Known:
    chats: dict[uuid.UUID, Row[Any]] = field(default_factory=dict)
    # chat id -> every manager's chat_state row of that chat, by manager id. A chat that
    # is present has all its rows here (a manager absent has none); one absent: not read.
    states: dict[uuid.UUID, dict[uuid.UUID, Row[Any]]] = field(default_factory=dict)
    managers: dict[uuid.UUID, Row[Any]] = field(default_factory=dict)  # of this workspace
    tag_ids: dict[str, uuid.UUID] | None = None  # the workspace's tags by name, once read
    unassigned_watchers: list[uuid.UUID] | None = None  # S11, once read

    @classmethod
    async def read(
        cls, conn: AsyncConnection, workspace_id: uuid.UUID, chat_ids: Collection[uuid.UUID]
    ) -> Known:
        """The workspace's chats among these, and all their chat_state rows."""
        known = cls()
        if not chat_ids:
            return known
        ids = sorted(chat_ids)
        rows = await conn.execute(_CHATS, {"workspace_id": workspace_id, "chat_ids": ids})
        known.chats = {r.id: r for r in rows}
        if known.chats:
            known.states = {cid: {} for cid in known.chats}
            for r in await conn.execute(_STATES, {"chat_ids": sorted(known.chats)}):
                known.states[r.chat_id][r.manager_id] = r
        return known
