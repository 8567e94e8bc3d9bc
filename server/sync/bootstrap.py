"""The streamed bootstrap: reference data, then chat heads newest first, then as_of_seq.

All of it is read in one snapshot, so as_of_seq is exactly the log position the data
reflects: the client follows the feed from there and misses nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import INTEGRATION_ORDER
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import counts


def _line(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def parse_after(after: str | None) -> tuple[datetime, uuid.UUID] | None:
    """A keyset position `<last_message_at ISO>|<chat id>` from a previous page."""
    if not after:
        return None
    try:
        at, cid = after.rsplit("|", 1)
        when = datetime.fromisoformat(at)
        if when.tzinfo is None:
            raise ValueError("naive time")
        return when, uuid.UUID(cid)
    except ValueError as exc:
        raise ServiceError(ErrorCode.BAD_REQUEST, f"Bad 'after' position: {exc}") from exc


async def reference(conn: AsyncConnection, me: Principal) -> dict[str, Any]:
    ws = me.workspace_id
    manager_ids = list(
        (await conn.scalars(select(m.Manager.id).where(m.Manager.workspace_id == ws))).all()
    )
    team_ids = list((await conn.scalars(select(m.Team.id).where(m.Team.workspace_id == ws))).all())
    managers = await wire.managers(conn, manager_ids)
    integrations = [
        wire.integration(r)
        for r in await conn.execute(select(m.Integration).where(m.Integration.workspace_id == ws))
    ]
    order = {medium.value: i for i, medium in enumerate(INTEGRATION_ORDER)}
    integrations.sort(key=lambda i: order.get(i["medium"], len(order)))
    workspace = (await conn.execute(select(m.Workspace).where(m.Workspace.id == ws))).one()
    return {
        "type": "reference",
        "workspace": {"id": str(workspace.id), "name": workspace.name},
        "me": next(x for x in managers if x["id"] == str(me.manager_id)),
        "managers": managers,
        "teams": await wire.teams(conn, team_ids),
        "tags": [
            wire.tag(r)
            for r in await conn.execute(
                select(m.Tag).where(m.Tag.workspace_id == ws).order_by(m.Tag.name)
            )
        ],
        "macros": [
            wire.macro(r)
            for r in await conn.execute(
                select(m.Macro).where(m.Macro.workspace_id == ws).order_by(m.Macro.name)
            )
        ],
        "integrations": integrations,
        # every sidebar count of mine; the feed's `count` entries keep them live
        "counts": await counts.summary(conn, ws, me.manager_id),
        "customer_fields": [
            wire.customer_field(r)
            for r in await conn.execute(
                select(m.CustomerField).where(m.CustomerField.workspace_id == ws)
            )
        ],
    }


async def chat_page(
    conn: AsyncConnection,
    me: Principal,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> tuple[dict[str, Any], str | None]:
    """One page of chat heads, newest first, with their customers and my state."""
    q = select(m.Chat).where(m.Chat.workspace_id == me.workspace_id)
    if after is not None:
        at, cid = after
        q = q.where(
            or_(
                m.Chat.last_message_at < at,
                and_(m.Chat.last_message_at == at, m.Chat.id < cid),
            )
        )
    rows = (
        await conn.execute(q.order_by(m.Chat.last_message_at.desc(), m.Chat.id.desc()).limit(limit))
    ).all()
    ids = [r.id for r in rows]
    states = [
        wire.chat_state(r)
        for r in await conn.execute(
            select(m.ChatState).where(
                m.ChatState.manager_id == me.manager_id, m.ChatState.chat_id.in_(ids)
            )
        )
    ]
    page = {
        "type": "chats",
        "chats": [wire.chat(r) for r in rows],
        "customers": await wire.customers(conn, [r.customer_id for r in rows]),
        "states": states,
    }
    nxt = f"{rows[-1].last_message_at.isoformat()}|{rows[-1].id}" if len(rows) == limit else None
    return page, nxt


async def stream(
    db: Database,
    me: Principal,
    *,
    page_size: int,
    position: tuple[datetime, uuid.UUID] | None = None,
) -> AsyncIterator[bytes]:
    """Reference data (skipped when resuming from `position`), pages, then the end line."""
    async with db.read(snapshot=True) as conn:
        as_of = await conn.scalar(
            select(m.Workspace.last_seq).where(m.Workspace.id == me.workspace_id)
        )
        if position is None:
            yield _line(await reference(conn, me))
        count = 0
        while True:
            page, nxt = await chat_page(conn, me, position, page_size)
            count += len(page["chats"])
            page["next"] = nxt
            yield _line(page)
            if nxt is None:
                break
            position = parse_after(nxt)
    yield _line({"type": "end", "as_of_seq": as_of, "chats": count})
