"""What each sidebar section holds (SPEC S1-S12) and the sidebar of one manager.

Counts come from chat_count (kept by server.inbox.counts); lists are keyset
pages over chat, sorted by last message (L1), narrowed by state (S12).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import INTEGRATION_ORDER, ChatState, Medium
from protocol.limits import MAX_CHAT_IDS
from server import wire
from server.db import models as m
from server.errors import ServiceError
from server.inbox import counts

PER_MANAGER = {"unread", "starred", "sessions"}


async def sidebar(
    conn: AsyncConnection, workspace_id: uuid.UUID, me: uuid.UUID, state: ChatState
) -> dict[str, Any]:
    """Every number one manager's sidebar shows, for chats in `state`."""
    raw = await counts.summary(conn, workspace_id, me, state.value)  # only what it shows
    shared: dict[str, int] = {}
    mine: dict[str, int] = {}
    for r in raw:
        (mine if r["scope"] else shared)[r["key"]] = r["count"]
    managers = {
        r.id: r
        for r in await conn.execute(
            select(
                m.Manager.id, m.Manager.name, m.Manager.max_auto_assign, m.Manager.notify_unassigned
            ).where(m.Manager.workspace_id == workspace_id)
        )
    }
    teams = {
        r.id: r.name
        for r in await conn.execute(
            select(m.Team.id, m.Team.name).where(m.Team.workspace_id == workspace_id)
        )
    }
    connected = {
        r.medium: r.name
        for r in await conn.execute(
            select(m.Integration.medium, m.Integration.name).where(
                m.Integration.workspace_id == workspace_id, m.Integration.connected.is_(True)
            )
        )
    }

    def by_prefix(prefix: str) -> dict[str, int]:
        return {k[len(prefix) :]: v for k, v in shared.items() if k.startswith(prefix) and v}

    assignees = []
    for mid, n in by_prefix("assignee:").items():
        row = managers.get(uuid.UUID(mid))
        if row is not None:
            assignees.append(
                {
                    "manager_id": mid,
                    "name": row.name,
                    "count": n,
                    "over_max": n > row.max_auto_assign,
                }
            )
    assignees.sort(key=lambda a: (-a["count"], a["name"]))
    medium_counts = by_prefix("medium:")
    return {
        "state": state.value,
        "all": shared.get("all", 0),
        "mine": shared.get(f"assignee:{me}", 0),
        "unread": mine.get("unread", 0),
        "starred": mine.get("starred", 0),
        "sessions": mine.get("sessions", 0),
        "unassigned": shared.get("unassigned", 0),
        "unassigned_teams": sorted(
            (
                {
                    "team_id": str(t),
                    "name": name,
                    "count": by_prefix("unassigned_team:").get(str(t), 0),
                }
                for t, name in teams.items()
            ),
            key=lambda x: x["name"],
        ),
        # S7: shown only while a chat waits
        "queue": sorted(
            (
                {"team_id": t, "name": teams.get(uuid.UUID(t), "?"), "count": n}
                for t, n in by_prefix("queue:").items()
            ),
            key=lambda x: x["name"],
        ),
        "assignees": assignees,
        # S9: connected media only, in the fixed order, even with no chat
        "integrations": [
            {
                "medium": md.value,
                "name": connected[md.value],
                "count": medium_counts.get(md.value, 0),
            }
            for md in INTEGRATION_ORDER
            if md.value in connected
        ],
        "tags": sorted(
            ({"name": name, "count": n} for name, n in by_prefix("tag:").items()),
            key=lambda x: x["name"],
        ),
        "notify_unassigned": bool(managers[me].notify_unassigned) if me in managers else False,
        "counts": raw,
    }


def section_query(workspace_id: uuid.UUID, me: uuid.UUID, section: str) -> Select[Any]:
    """The chats a section holds, before the state filter and paging."""
    q = select(m.Chat).where(m.Chat.workspace_id == workspace_id)
    name, _, arg = section.partition(":")
    match name:
        case "all":
            return q
        case "mine":
            return q.where(m.Chat.assignee_id == me)
        case "unread" | "starred" | "sessions":
            flag = {
                "unread": m.ChatState.unread_count > 0,
                "starred": m.ChatState.starred.is_(True),
                "sessions": m.ChatState.in_sessions.is_(True),
            }[name]
            return q.join(m.ChatState, m.ChatState.chat_id == m.Chat.id).where(
                m.ChatState.manager_id == me, flag
            )
        case "unassigned":
            return q.where(m.Chat.assignee_id.is_(None), m.Chat.queued_since.is_(None))
        case "unassigned_team":
            return q.where(
                m.Chat.assignee_id.is_(None),
                m.Chat.queued_since.is_(None),
                m.Chat.team_id == _uuid(arg),
            )
        case "queue":
            return q.where(m.Chat.queued_since.is_not(None), m.Chat.team_id == _uuid(arg))
        case "assignee":
            return q.where(m.Chat.assignee_id == _uuid(arg))
        case "medium":
            if arg not in {md.value for md in Medium}:
                raise ServiceError(ErrorCode.BAD_REQUEST, f"Unknown medium {arg!r}.")
            return q.where(m.Chat.medium == arg)
        case "hashtag":
            return q.join(m.ChatHashtag, m.ChatHashtag.chat_id == m.Chat.id).where(
                m.ChatHashtag.tag == arg.lstrip("#").lower()
            )
        case "tag":
            return (
                q.join(m.ChatTag, m.ChatTag.chat_id == m.Chat.id)
                .join(m.Tag, m.Tag.id == m.ChatTag.tag_id)
                .where(m.Tag.name == arg)
            )
    raise ServiceError(ErrorCode.BAD_REQUEST, f"Unknown section {section!r}.")


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise ServiceError(ErrorCode.BAD_REQUEST, f"Not an id: {text!r}.") from exc


async def list_section(
    conn: AsyncConnection,
    workspace_id: uuid.UUID,
    me: uuid.UUID,
    section: str,
    *,
    state: ChatState,
    oldest_first: bool,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> dict[str, Any]:
    q = section_query(workspace_id, me, section).where(m.Chat.state == state.value)
    at, cid = m.Chat.last_message_at, m.Chat.id
    if after is not None:
        a_at, a_id = after
        if oldest_first:
            q = q.where(or_(at > a_at, and_(at == a_at, cid > a_id)))
        else:
            q = q.where(or_(at < a_at, and_(at == a_at, cid < a_id)))
    order = (at.asc(), cid.asc()) if oldest_first else (at.desc(), cid.desc())
    rows = (await conn.execute(q.order_by(*order).limit(limit))).all()
    nxt = f"{rows[-1].last_message_at.isoformat()}|{rows[-1].id}" if len(rows) == limit else None
    return {"chats": [wire.chat(r) for r in rows], "next": nxt}


async def section_ids(
    conn: AsyncConnection, workspace_id: uuid.UUID, me: uuid.UUID, section: str, state: ChatState
) -> dict[str, Any]:
    """Every chat id of a section in a state, newest first, capped at MAX_CHAT_IDS."""
    q = section_query(workspace_id, me, section).where(m.Chat.state == state.value)
    order = (m.Chat.last_message_at.desc(), m.Chat.id.desc())
    ids = list(
        (
            await conn.scalars(q.with_only_columns(m.Chat.id).order_by(*order).limit(MAX_CHAT_IDS))
        ).all()
    )
    total = len(ids)
    if total == MAX_CHAT_IDS:
        total = int(await conn.scalar(q.with_only_columns(func.count(m.Chat.id))) or 0)
    return {"ids": [str(i) for i in ids], "total": total, "truncated": total > len(ids)}
