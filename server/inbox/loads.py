"""Each manager's load as routing counts it (R1, R4): the open chats assigned to them.

Kept in manager_load, one row per manager, changed in the writing transaction of every
chat write that moves it: `chat_changed` is called with the old and new row by
`chats.update_chat` (assignment, state, ...), by chat creation and by a chat's delete.
Routing then reads loads by primary key instead of counting chats. A manager without a
row has no load. `recount` rebuilds the rows from the chats (after a bulk load, or to
check): the tests hold the deltas to it.
"""

from __future__ import annotations

import functools
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import Integer, bindparam, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import Insert

from protocol.kinds import ChatState
from server.db import models as m

_OPEN = ChatState.OPEN.value


def holder(chat: Any) -> uuid.UUID | None:
    """Whose load a chat row counts in: its assignee's while it is open."""
    if chat is None or chat.state != _OPEN:
        return None
    assignee: uuid.UUID | None = chat.assignee_id
    return assignee


@functools.cache
def _add_statement(dialect_name: str) -> Insert:
    """Add `d` to one manager's load, making the row if needed; built once per dialect."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    d = bindparam("d", type_=Integer)
    stmt = dialect.insert(m.ManagerLoad).values(manager_id=bindparam("l_manager_id"), open_chats=d)
    add: Insert = stmt.on_conflict_do_update(
        index_elements=["manager_id"], set_={"open_chats": m.ManagerLoad.open_chats + d}
    )
    return add


async def add(conn: AsyncConnection, manager_id: uuid.UUID, d: int) -> None:
    await conn.execute(_add_statement(conn.dialect.name), {"l_manager_id": manager_id, "d": d})


async def chat_changed(conn: AsyncConnection, old: Any, new: Any) -> None:
    """A chat row was written (old None: created; new None: deleted)."""
    before, after = holder(old), holder(new)
    if before == after:
        return
    if before is not None:
        await add(conn, before, -1)
    if after is not None:
        await add(conn, after, 1)


_LOADS = select(m.ManagerLoad.manager_id, m.ManagerLoad.open_chats).where(
    m.ManagerLoad.manager_id.in_(bindparam("manager_ids", expanding=True))
)


async def of(conn: AsyncConnection, manager_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """These managers' loads, by primary key."""
    found = {mid: 0 for mid in manager_ids}
    if manager_ids:
        rows = await conn.execute(_LOADS, {"manager_ids": sorted(set(manager_ids))})
        found.update({mid: int(n) for mid, n in rows})
    return found


def _workspace_managers(workspace_id: uuid.UUID) -> Any:
    return select(m.Manager.id).where(m.Manager.workspace_id == workspace_id)


async def recount(conn: AsyncConnection, workspace_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """Rebuild the loads of a workspace's managers from its chats; returns them."""
    rows = await conn.execute(
        select(m.Chat.assignee_id, func.count())
        .where(
            m.Chat.workspace_id == workspace_id,
            m.Chat.state == _OPEN,
            m.Chat.assignee_id.is_not(None),
        )
        .group_by(m.Chat.assignee_id)
    )
    totals: Counter[uuid.UUID] = Counter({mid: int(n) for mid, n in rows if mid is not None})
    await conn.execute(
        delete(m.ManagerLoad).where(m.ManagerLoad.manager_id.in_(_workspace_managers(workspace_id)))
    )
    if totals:
        await conn.execute(
            insert(m.ManagerLoad),
            [{"manager_id": mid, "open_chats": n} for mid, n in totals.items()],
        )
    return dict(totals)


async def stored(conn: AsyncConnection, workspace_id: uuid.UUID) -> dict[uuid.UUID, int]:
    """The kept loads of a workspace's managers (those not 0)."""
    rows = await conn.execute(
        select(m.ManagerLoad.manager_id, m.ManagerLoad.open_chats).where(
            m.ManagerLoad.manager_id.in_(_workspace_managers(workspace_id)),
            m.ManagerLoad.open_chats != 0,
        )
    )
    return {mid: int(n) for mid, n in rows}
