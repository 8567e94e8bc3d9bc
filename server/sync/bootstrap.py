"""The streamed bootstrap: reference data, then chat heads newest first, then as_of_seq.

Nothing holds a database connection while the client reads: the log head is taken
first (as_of_seq), then the reference line and each keyset page are read in short
transactions of their own, and sent after the transaction ends, so a stalled client
pins no connection and no snapshot. Every line is at or after as_of_seq; what changed
during the download is in the log after it and reaches the client through the feed,
whose entries are whole rows (and counts whole values): applying one a page already
reflected changes nothing. A chat whose last message moved it ahead of the keyset
position while the pages ran would be in no page; so before `end`, the chats the log
shows changed since the cursor (or since `since`, the floor a resumed download began
from) are sent once more, with their customers and states.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import INTEGRATION_ORDER, Entity
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import counts
from server.sync.feed import log_bounds


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
        "workspace": wire.workspace(workspace),
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
                select(m.CustomerField)
                .where(m.CustomerField.workspace_id == ws)
                .order_by(m.CustomerField.position, m.CustomerField.key)
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
    page = await _page(conn, me, rows)
    nxt = f"{rows[-1].last_message_at.isoformat()}|{rows[-1].id}" if len(rows) == limit else None
    return page, nxt


async def _page(conn: AsyncConnection, me: Principal, rows: Sequence[Any]) -> dict[str, Any]:
    """A `chats` line for these chat rows: the chats, their customers and my states."""
    ids = [r.id for r in rows]
    states = [
        wire.chat_state(r)
        for r in await conn.execute(
            select(m.ChatState).where(
                m.ChatState.manager_id == me.manager_id, m.ChatState.chat_id.in_(ids)
            )
        )
    ]
    customer_ids = [r.customer_id for r in rows]
    return {
        "type": "chats",
        "chats": [wire.chat(r) for r in rows],
        "customers": await wire.customers(conn, customer_ids),
        "states": states,
        "visits": await recent_visits(conn, customer_ids),
    }


VISITS_PER_CUSTOMER = 20  # P5: the newest page visits of each customer the cache holds


async def recent_visits(
    conn: AsyncConnection, customer_ids: Sequence[uuid.UUID]
) -> list[dict[str, Any]]:
    """The newest VISITS_PER_CUSTOMER page visits of each of these customers (P5); the
    feed's `page_visit` entries bring the later ones."""
    if not customer_ids:
        return []
    rank = (
        func.row_number()
        .over(partition_by=m.PageVisit.customer_id, order_by=m.PageVisit.visited_at.desc())
        .label("rank")
    )
    ranked = (
        select(m.PageVisit, rank)
        .where(m.PageVisit.customer_id.in_(sorted(set(customer_ids))))
        .subquery()
    )
    rows = await conn.execute(
        select(ranked).where(ranked.c.rank <= VISITS_PER_CUSTOMER).order_by(ranked.c.visited_at)
    )
    return [wire.page_visit(r) for r in rows]


def _floor_pruned(since: int, pruned: int, head: int) -> ServiceError:
    return ServiceError(
        ErrorCode.RESYNC_REQUIRED,
        f"Changes up to {pruned} are no longer kept, past this download's floor {since}: "
        "start the bootstrap again (without `after` and `since`).",
        current={"pruned_seq": pruned, "head": head},
    )


async def check_since(db: Database, workspace_id: uuid.UUID, since: int | None) -> None:
    """A resumed download's floor must still be in the log: the chats changed after it
    are read from there, and a floor below what pruning kept would miss some of them
    silently. 410 (resync_required) instead: the client starts the download over."""
    if since is None:
        return
    async with db.read() as conn:
        pruned, head = await log_bounds(conn, workspace_id)
    if since < pruned:
        raise _floor_pruned(since, pruned, head)


async def changed_chats(
    db: Database, workspace_id: uuid.UUID, since: int
) -> list[uuid.UUID] | None:
    """Chats whose row the log shows changed after `since` (one short read); None when
    the log no longer holds everything after `since` (pruned meanwhile)."""
    async with db.read() as conn:
        ids = await conn.scalars(
            select(m.ChangeLog.chat_id)
            .where(
                m.ChangeLog.workspace_id == workspace_id,
                m.ChangeLog.seq > since,
                m.ChangeLog.entity == Entity.CHAT,
            )
            .distinct()
        )
        found = [i for i in ids if i is not None]
        # After the entries, as the feed does: a prune in between raises pruned_seq.
        pruned, _ = await log_bounds(conn, workspace_id)
    return None if since < pruned else found


async def stream(
    db: Database,
    me: Principal,
    *,
    page_size: int,
    position: tuple[datetime, uuid.UUID] | None = None,
    since: int | None = None,
) -> AsyncIterator[bytes]:
    """Reference data (skipped when resuming from `position`), pages, the chats changed
    meanwhile, then the end line. Every `yield` is outside a transaction: a client that
    stops reading holds no connection."""
    async with db.read() as conn:
        as_of = int(
            await conn.scalar(select(m.Workspace.last_seq).where(m.Workspace.id == me.workspace_id))
            or 0
        )
    if position is None:
        async with db.read(snapshot=True) as conn:
            ref = await reference(conn, me)
        yield _line(ref)
    count = 0
    while True:
        async with db.read() as conn:
            page, nxt = await chat_page(conn, me, position, page_size)
        count += len(page["chats"])
        page["next"] = nxt
        yield _line(page)
        if nxt is None:
            break
        position = parse_after(nxt)
    floor = as_of if since is None else min(since, as_of)
    moved = await changed_chats(db, me.workspace_id, floor)
    if moved is None:
        # Pruned past the floor during the download: no `end` line, so the client does
        # not take the download as whole; resuming gets the 410 of check_since.
        yield _line({"type": "resync_required", "floor": floor})
        return
    for start in range(0, len(moved), page_size):
        batch = moved[start : start + page_size]
        async with db.read() as conn:
            rows = (
                await conn.execute(
                    select(m.Chat).where(
                        m.Chat.workspace_id == me.workspace_id, m.Chat.id.in_(batch)
                    )
                )
            ).all()
            extra = await _page(conn, me, rows)
        extra["next"] = None
        yield _line(extra)
    yield _line({"type": "end", "as_of_seq": as_of, "chats": count})
