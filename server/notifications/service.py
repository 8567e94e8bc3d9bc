"""Turning an audience into feed entries: one private notification per recipient, which
raises their unread count; a mention also puts the chat in their "My sessions" (S5)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import Entity, MessageKind
from server.db import models as m
from server.db.types import utcnow
from server.inbox.states import upsert_state
from server.notifications.audience import (
    ChatFacts,
    Reason,
    event_audience,
    message_audience,
)
from server.sync.changelog import ChangeWriter


def facts(chat: Row[Any]) -> ChatFacts:
    return ChatFacts(
        assignee_id=chat.assignee_id,
        follower_ids=frozenset(uuid.UUID(f) for f in chat.follower_ids),
        queued=chat.queued_since is not None,
        closed=chat.state == "closed",
    )


# Built once: building a statement and its cache key costs more than running it.
_TEAM_MEMBERS = select(m.TeamMember.manager_id).where(
    m.TeamMember.team_id.in_(bindparam("team_ids", expanding=True))
)
_WATCHERS = select(m.Manager.id).where(
    m.Manager.workspace_id == bindparam("workspace_id"), m.Manager.notify_unassigned.is_(True)
)
# The chat's customer and team names, in one statement (a name is None without a row).
_NAMES = select(
    select(m.Customer.name).where(m.Customer.id == bindparam("customer_id")).scalar_subquery(),
    select(m.Team.name).where(m.Team.id == bindparam("team_id")).scalar_subquery(),
)


async def team_members(conn: AsyncConnection, team_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    ids = list(team_ids)
    if not ids:
        return set()
    rows = await conn.scalars(_TEAM_MEMBERS, {"team_ids": ids})
    return set(rows.all())


async def unassigned_watchers(w: ChangeWriter) -> list[uuid.UUID]:
    """S11: who asked to hear of unassigned chats (once per push batch: no push changes it)."""
    if w.known is not None and w.known.unassigned_watchers is not None:
        return w.known.unassigned_watchers
    rows = await w.conn.scalars(_WATCHERS, {"workspace_id": w.workspace_id})
    watchers = list(rows.all())
    if w.known is not None:
        w.known.unassigned_watchers = watchers
    return watchers


async def _names(w: ChangeWriter, chat: Row[Any]) -> tuple[str | None, str | None]:
    """The chat's customer and team names (None: no such row), read once per batch."""
    known = w.known
    customer_id, team_id = chat.customer_id, chat.team_id
    if (
        known is not None
        and customer_id in known.customer_names
        and (team_id is None or team_id in known.team_names)
    ):
        return known.customer_names[customer_id], known.team_names.get(team_id)
    params = {"customer_id": customer_id, "team_id": team_id}
    customer, team = (await w.conn.execute(_NAMES, params)).one()
    if known is not None:
        if customer is not None:
            known.customer_names[customer_id] = customer
        if team is not None:
            known.team_names[team_id] = team
    return customer, team


async def on_message(
    w: ChangeWriter,
    chat: Row[Any],
    message: Row[Any],
    preview: str,
    *,
    mentioned_managers: Iterable[uuid.UUID] = (),
    mentioned_teams: Iterable[uuid.UUID] = (),
    first: bool = False,
) -> dict[uuid.UUID, Reason]:
    """`first`: the chat's first message (the app says "new chat", not "new message")."""
    about = facts(chat)
    mentioned = set(mentioned_managers) | await team_members(w.conn, mentioned_teams)
    watchers = (
        await unassigned_watchers(w) if about.assignee_id is None and not about.queued else []
    )
    audience = message_audience(
        about,
        author_id=message.author_id if message.author_kind == "manager" else None,
        internal=message.kind == MessageKind.NOTE.value,
        mentioned=mentioned,
        unassigned_watchers=watchers,
    )
    await emit(w, chat, audience, preview=preview, message=message, first=first)
    return audience


async def on_event(
    w: ChangeWriter,
    chat: Row[Any],
    reason: Reason,
    *,
    actor_id: uuid.UUID | None = None,
    preview: str | None = None,
) -> dict[uuid.UUID, Reason]:
    """`preview`: the chat's, unless given."""
    audience = event_audience(facts(chat), reason, actor_id=actor_id)
    text = chat.last_message_preview if preview is None else preview
    await emit(w, chat, audience, preview=text)
    return audience


async def emit(
    w: ChangeWriter,
    chat: Row[Any],
    audience: dict[uuid.UUID, Reason],
    *,
    preview: str,
    message: Row[Any] | None = None,
    first: bool = False,
) -> None:
    if not audience:
        return
    customer, team = await _names(w, chat)
    internal = message is not None and message.kind == MessageKind.NOTE.value
    now = utcnow().isoformat()
    for manager_id in sorted(audience):
        reason = audience[manager_id]
        nid = uuid.uuid4()
        w.emit(
            Entity.NOTIFICATION,
            nid,
            {
                "id": str(nid),
                "manager_id": str(manager_id),
                "reason": reason.value,
                "chat_id": str(chat.id),
                "message_id": str(message.id) if message is not None else None,
                "customer_name": customer or "",
                "medium": chat.medium,
                "team_id": str(chat.team_id) if chat.team_id else None,
                "team_name": team,
                "preview": preview,
                "internal": internal,
                "first_message": first,
                "created_at": now,
            },
            manager_id=manager_id,
            chat_id=chat.id,
        )
        # S5: everyone else told is in their sessions already (server.inbox.sessions);
        # a mention puts the chat there and keeps it after it is read.
        changes: dict[str, Any] = {}
        if reason is Reason.MENTION:
            changes.update(mentioned=True, was_mentioned=True, in_sessions=True)
        await upsert_state(
            w, manager_id, chat, unread_delta=1 if message is not None else 0, **changes
        )
