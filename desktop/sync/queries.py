"""Reading the cache for the UI: windows of a section's chats, counts, a chat's messages.

The Qt models call these on the GUI thread as rows scroll into view, so each one is a
single indexed query that returns only what is on screen. A section here means what it
means on the server (`server.inbox.sections`): all, mine, unread, starred,
sessions, unassigned, unassigned_team:<id>, queue:<team>, assignee:<id>, medium:<m>,
tag:<name>; every list is narrowed to one state (S12) and sorted by last message (L1).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    exists,
    func,
    select,
    true,
)

from desktop.sync import tables as t
from protocol.kinds import Medium

c, st, cu = t.chats.c, t.chat_state.c, t.customers.c


@dataclass(frozen=True, slots=True)
class ChatRow:
    """One line of a chat list (L4): the chat as the server sent it (optimistic effects
    applied), its customer, and my state of it."""

    id: str
    chat: dict[str, Any]
    customer_name: str
    customer_avatar: str | None
    starred: bool
    unread_count: int
    mentioned: bool


@dataclass(frozen=True, slots=True)
class MessageRow:
    id: str
    chat_id: str
    seq: int | None  # None while pending or failed
    sort_key: int  # what `before` compares with: seq, or after every seq while local
    pending: bool
    failed_reason: str | None
    message: dict[str, Any]


def section_filter(section: str, me: str) -> tuple[ColumnElement[bool], bool]:
    """The condition for a section, and whether it needs my chat_state joined."""
    name, _, arg = section.partition(":")
    match name:
        case "all":
            return true(), False
        case "mine":
            return c.assignee_id == me, False
        case "unread":
            return st.unread_count > 0, True
        case "starred":
            return st.starred.is_(True), True
        case "sessions":
            return st.in_sessions.is_(True), True
        case "unassigned":
            return (c.assignee_id.is_(None) & c.queued.is_(False)), False
        case "unassigned_team":
            return (c.assignee_id.is_(None) & c.queued.is_(False) & (c.team_id == arg)), False
        case "queue":
            return (c.queued.is_(True) & (c.team_id == arg)), False
        case "assignee":
            return c.assignee_id == arg, False
        case "medium":
            if arg not in {m.value for m in Medium}:
                raise ValueError(f"unknown medium {arg!r}")
            return c.medium == arg, False
        case "tag":
            tags = func.json_each(c.data, "$.tags").table_valued("value")
            return exists(select(1).select_from(tags).where(tags.c.value == arg)), False
    raise ValueError(f"unknown section {section!r} (hashtag and search go to the server)")


def _narrowed(query: Select[Any], section: str, state: str | None, me: str) -> Select[Any]:
    cond, needs_state = section_filter(section, me)
    if needs_state:
        query = query.join(t.chat_state, st.chat_id == c.id)
    return query.where(cond, c.state == state if state is not None else true())


def chat_rows(
    conn: Connection,
    me: str,
    section: str,
    state: str | None,
    offset: int,
    limit: int,
    *,
    oldest_first: bool = False,
) -> list[ChatRow]:
    query = (
        select(
            c.id,
            c.data,
            cu.name,
            func.json_extract(cu.data, "$.avatar_url"),
            st.starred,
            st.unread_count,
            st.mentioned,
        )
        .select_from(t.chats)
        .outerjoin(t.customers, cu.id == c.customer_id)
    )
    cond, needs_state = section_filter(section, me)
    query = query.join(t.chat_state, st.chat_id == c.id, isouter=not needs_state)
    query = query.where(cond, c.state == state if state is not None else true())
    order = (
        (c.last_message_us.asc(), c.id.asc())
        if oldest_first
        else (c.last_message_us.desc(), c.id.desc())
    )
    result = conn.execute(query.order_by(*order).limit(limit).offset(offset))
    return [
        ChatRow(
            id=r[0],
            chat=json.loads(r[1]),
            customer_name=r[2] or "",
            customer_avatar=r[3],
            starred=bool(r[4]),
            unread_count=int(r[5] or 0),
            mentioned=bool(r[6]),
        )
        for r in result
    ]


def chat_count(conn: Connection, me: str, section: str, state: str | None) -> int:
    query = _narrowed(select(func.count()).select_from(t.chats), section, state, me)
    return int(conn.execute(query).scalar() or 0)


def chat_position(
    conn: Connection, me: str, section: str, state: str | None, chat_id: str
) -> int | None:
    """Where a chat sits in a section's newest-first list (to keep a selection)."""
    row = conn.execute(select(c.last_message_us).where(c.id == chat_id)).first()
    if row is None:
        return None
    query = _narrowed(select(func.count()).select_from(t.chats), section, state, me).where(
        (c.last_message_us > row[0]) | ((c.last_message_us == row[0]) & (c.id > chat_id))
    )
    return int(conn.execute(query).scalar() or 0)


def messages(conn: Connection, chat_id: str, before: int | None, limit: int) -> list[MessageRow]:
    """The newest `limit` messages below `before` (a sort key), oldest first."""
    m = t.messages.c
    query = select(m.id, m.chat_id, m.seq, m.sort_key, m.pending, m.failed_reason, m.data).where(
        m.chat_id == chat_id, m.sort_key < before if before is not None else true()
    )
    result = conn.execute(query.order_by(m.sort_key.desc()).limit(limit)).all()
    return [
        MessageRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5], json.loads(r[6]))
        for r in reversed(result)
    ]
