"""Rows a push batch's transaction has already read, so it reads each one once.

A push batch (sync/push.py) applies dozens of mutations that mostly touch the same few
kinds of rows: a chat, the acting manager's chat_state of it, the manager, the
workspace's tags, who watches unassigned chats. `Known.read` fetches the batch's
managers, its chats and the managers' chat states of them in three statements at its
start; each row is then kept current as the batch writes it. That takes one to three
round trips per mutation off the time the workspace is locked. A customer's new chat
(customers.service.start_chat) uses one too: its chat has no chat_state rows to read
(`new_chats`), and its customer's and team's names are known (`customer_names`,
`team_names`).

Sound only where three things hold, as they do in a push run without savepoints:
- the transaction holds the workspace lock, so no other writer changes these rows;
- every change to them in a push goes through `inbox.chats` (chat, chat_state) or
  `sync.mutations` (tag), which write them here too; no push changes a manager;
- it is dropped with the run that filled it: a rolled-back write never leaves a row
  behind that the database no longer has. So a run with savepoints, which can roll a
  mutation back and go on, uses none.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from server.db import models as m

_CHATS = select(m.Chat).where(
    m.Chat.workspace_id == bindparam("workspace_id"),
    m.Chat.id.in_(bindparam("chat_ids", expanding=True)),
)
_MANAGERS = select(m.Manager).where(
    m.Manager.workspace_id == bindparam("workspace_id"),
    m.Manager.id.in_(bindparam("manager_ids", expanding=True)),
)
_STATES = select(m.ChatState).where(
    m.ChatState.chat_id.in_(bindparam("chat_ids", expanding=True)),
    m.ChatState.manager_id.in_(bindparam("manager_ids", expanding=True)),
)


@dataclass(slots=True)
class Known:
    chats: dict[uuid.UUID, Row[Any]] = field(default_factory=dict)
    # (manager id, chat id) -> that manager's chat_state row of the chat; None: it has
    # none. A pair absent: not read.
    states: dict[tuple[uuid.UUID, uuid.UUID], Row[Any] | None] = field(default_factory=dict)
    managers: dict[uuid.UUID, Row[Any]] = field(default_factory=dict)  # of this workspace
    tag_ids: dict[str, uuid.UUID] | None = None  # the workspace's tags by name, once read
    unassigned_watchers: list[uuid.UUID] | None = None  # S11, once read
    # Chats this transaction created: their chat_state rows are those in `states` (a
    # pair absent is a row not made yet), so none is read.
    new_chats: set[uuid.UUID] = field(default_factory=set)
    # Names a notification carries (no push renames a customer or a team), once read.
    customer_names: dict[uuid.UUID, str] = field(default_factory=dict)
    team_names: dict[uuid.UUID, str] = field(default_factory=dict)

    def state(self, manager_id: uuid.UUID, chat_id: uuid.UUID) -> tuple[bool, Row[Any] | None]:
        """(known, row): whether this manager's chat_state row of the chat is known here
        (None: it has none), and the row."""
        row = self.states.get((manager_id, chat_id))
        if row is not None:
            return True, row
        return (manager_id, chat_id) in self.states or chat_id in self.new_chats, None

    @classmethod
    async def read(
        cls,
        conn: AsyncConnection,
        workspace_id: uuid.UUID,
        chat_ids: Collection[uuid.UUID],
        manager_ids: Collection[uuid.UUID],
    ) -> Known:
        """These managers (the batch's) and the workspace's chats among these, with the
        managers' chat_state rows of them (not every manager's: a chat may have one for
        each member of a large team)."""
        known = cls()
        params = {"workspace_id": workspace_id, "manager_ids": sorted(manager_ids)}
        known.managers = {r.id: r for r in await conn.execute(_MANAGERS, params)}
        if not chat_ids:
            return known
        ids = sorted(chat_ids)
        rows = await conn.execute(_CHATS, {"workspace_id": workspace_id, "chat_ids": ids})
        known.chats = {r.id: r for r in rows}
        if known.chats and manager_ids:
            known.states = dict.fromkeys(itertools.product(manager_ids, known.chats))
            params = {"chat_ids": sorted(known.chats), "manager_ids": sorted(manager_ids)}
            for r in await conn.execute(_STATES, params):
                known.states[r.manager_id, r.chat_id] = r
        return known
