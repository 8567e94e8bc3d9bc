"""Routing decisions. Every caller runs in a writing transaction that took the workspace
row first (sync.changelog.lock_workspace), so two workers never assign above a maximum,
never assign one chat twice, and keep each queue in order; SQLite has one writer anyway.

What a decision reads is small whatever the workspace holds: members' loads are kept
counts read by primary key (server.inbox.loads, manager_load), and a queue's oldest
chats come from the ix_chat_queue index, a team at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Row, bindparam, func, select, true, update

from protocol.kinds import ChatState
from server.db import models as m
from server.db.types import utcnow
from server.inbox import chats
from server.notifications import service as notifications
from server.notifications.audience import Reason
from server.sync.changelog import ChangeWriter


def _eligible_members(in_teams: Any) -> Any:
    """Members in an auto-assigning team's rota (`in_teams`: which team_member rows)
    whose seat is on, who are available and not deactivated, with their load (open chats
    assigned: the kept count, read by primary key)."""
    return (
        select(
            m.Manager.id,
            m.Manager.max_auto_assign,
            m.Manager.last_assigned_at,
            m.TeamMember.team_id,
            func.coalesce(m.ManagerLoad.open_chats, 0).label("load"),
        )
        .join(m.TeamMember, m.TeamMember.manager_id == m.Manager.id)
        .join(m.Team, m.Team.id == m.TeamMember.team_id)
        .outerjoin(m.ManagerLoad, m.ManagerLoad.manager_id == m.Manager.id)
        .where(
            in_teams,
            m.Team.auto_assign.is_(True),
            m.TeamMember.auto_assign.is_(True),
            m.Manager.operator_seat.is_(True),
            m.Manager.available.is_(True),
            m.Manager.deactivated_at.is_(None),
        )
    )


# Built once: building a statement and its cache key costs more than running it.
_ELIGIBLE_IN_TEAM = _eligible_members(m.TeamMember.team_id == bindparam("team_id"))
_ELIGIBLE_SELF = _eligible_members(m.TeamMember.manager_id == bindparam("manager_id")).where(
    m.Manager.id == bindparam("manager_id")
)
# A team's queue, oldest first (R2), read along ix_chat_queue (workspace, team, since).
_QUEUE_HEAD = (
    select(m.Chat)
    .where(
        m.Chat.workspace_id == bindparam("workspace_id"),
        m.Chat.team_id == bindparam("team_id"),
        m.Chat.queued_since.is_not(None),
        m.Chat.assignee_id.is_(None),
        m.Chat.state == ChatState.OPEN.value,
    )
    .order_by(m.Chat.queued_since, m.Chat.id)
    .limit(bindparam("n", type_=Integer))
)


# A team of the workspace (no row: there is none) beside its eligible members (none: one
# row whose member columns are null): what routing a new chat reads, in one statement.
_MEMBERS = _ELIGIBLE_IN_TEAM.subquery()
_TEAM_WITH_MEMBERS = (
    select(
        m.Team.auto_assign,
        m.Team.name,
        _MEMBERS.c.id,
        _MEMBERS.c.max_auto_assign,
        _MEMBERS.c.last_assigned_at,
        _MEMBERS.c.load,
    )
    .select_from(m.Team)
    .outerjoin(_MEMBERS, true())
    .where(m.Team.id == bindparam("team_id"), m.Team.workspace_id == bindparam("workspace_id"))
)
_AUTO_ASSIGN = select(m.Team.auto_assign).where(m.Team.id == bindparam("team_id"))
_STAMP = (
    update(m.Manager)
    .where(m.Manager.id == bindparam("s_manager_id"))
    .values(last_assigned_at=bindparam("s_at"))
)


def _rank(row: Any, load: int) -> tuple[int, datetime, str]:
    """R1: fewest open chats first; ties to the one assigned least recently."""
    never = datetime.min.replace(tzinfo=utcnow().tzinfo)
    return (load, row.last_assigned_at or never, str(row.id))


def _best(members: Iterable[Any]) -> uuid.UUID | None:
    """R1, R4: the eligible member with room whom the rule picks (None: nobody has room)."""
    room = [r for r in members if r.load < r.max_auto_assign]
    if not room:
        return None
    best: uuid.UUID = min(room, key=lambda r: _rank(r, r.load)).id
    return best


async def _stamp(w: ChangeWriter, manager_id: uuid.UUID) -> None:
    """R1's tie-break: when this manager was last given a chat."""
    await w.conn.execute(_STAMP, {"s_manager_id": manager_id, "s_at": utcnow()})


async def give(
    w: ChangeWriter, chat: Row[Any], manager_id: uuid.UUID, *, actor_id: uuid.UUID | None
) -> Row[Any]:
    """Assign a chat: out of any queue, the assignee follows it (P1, an automatic follow
    that goes with a later reassignment, S5) and is told (N3); the manager it leaves has
    room again (R3)."""
    previous = chat.assignee_id
    await _stamp(w, manager_id)
    chat = await chats.update_chat(w, chat, assignee_id=manager_id, queued_since=None)
    if previous is not None and previous != manager_id:  # S5: it leaves their sessions
        chat = await chats.drop_auto_follow(w, chat, previous)
    followers = [uuid.UUID(f) for f in chat.follower_ids]
    chat = await chats.set_followers(w, chat, [*followers, manager_id], auto={manager_id})
    await notifications.on_event(w, chat, Reason.ASSIGNED, actor_id=actor_id)
    if previous is not None and previous != manager_id and chat.state == ChatState.OPEN.value:
        await refill(w, previous)
    return chat


async def route_if_reopened(w: ChangeWriter, before: Row[Any]) -> None:
    """A customer's message was just added to `before` (the chat as it was): one that was
    snoozed is open again (chats.add_message), so it is routed as it is now."""
    if before.state == ChatState.SNOOZED.value:
        await route(w, await chats.load_chat(w.conn, w.workspace_id, before.id))


async def route(w: ChangeWriter, chat: Row[Any]) -> Row[Any]:
    """A chat arrived in (or moved to) a team: give it to the best eligible member, or
    queue it (R1, R2). Chats without a team, or already assigned, are left alone."""
    if chat.assignee_id is not None or chat.state != ChatState.OPEN.value:
        return chat
    auto = chat.team_id is not None and await w.conn.scalar(_AUTO_ASSIGN, {"team_id": chat.team_id})
    if not auto:
        if chat.queued_since is not None:  # a place kept from before it was closed or snoozed
            chat = await chats.update_chat(w, chat, queued_since=None)
        return chat
    members = (await w.conn.execute(_ELIGIBLE_IN_TEAM, {"team_id": chat.team_id})).all()
    best = _best(members)
    if best is not None:
        return await give(w, chat, best, actor_id=None)
    # R2: it joins the end of the queue. A chat routed here is arriving (new, reopened,
    # moved): one that was queued, then closed or snoozed, keeps no place from before.
    return await chats.update_chat(w, chat, queued_since=utcnow())


async def place(w: ChangeWriter, team_id: uuid.UUID | None) -> dict[str, Any] | None:
    """`route` for a chat not written yet, arriving in `team_id`: the fields to create it
    with (`chats.create_chat`), so a new chat is written once, already routed, rather
    than written and then updated; None if the workspace has no such team. An
    assignment's other effects follow once the row exists (`placed`). The team's name,
    read on the way, is kept for the notifications (`Known.team_names`)."""
    if team_id is None:
        return {}
    params = {"team_id": team_id, "workspace_id": w.workspace_id}
    rows = (await w.conn.execute(_TEAM_WITH_MEMBERS, params)).all()
    if not rows:
        return None
    if w.known is not None:
        w.known.team_names[team_id] = rows[0].name
    if not rows[0].auto_assign:
        return {}
    best = _best(r for r in rows if r.id is not None)
    if best is None:  # R2: it joins the end of the queue
        return {"queued_since": utcnow()}
    await _stamp(w, best)
    return {"assignee_id": best, "followers": [best], "auto": {best}}


async def placed(w: ChangeWriter, chat: Row[Any]) -> None:
    """What `give` does besides writing the row, for a chat created by `place`'s
    decision: its assignee is told (N3), as when a chat is assigned before its first
    message (the row may carry it already: `chats.last_message`)."""
    if chat.assignee_id is not None:
        await notifications.on_event(w, chat, Reason.ASSIGNED, actor_id=None, preview="")


async def refill(w: ChangeWriter, manager_id: uuid.UUID) -> None:
    """R3: a manager gained room (a chat closed or snoozed, they came back, their maximum
    rose, their seat turned on): give them the oldest waiting chats of their teams."""
    rows = (await w.conn.execute(_ELIGIBLE_SELF, {"manager_id": manager_id})).all()
    if not rows:
        return
    room = rows[0].max_auto_assign - rows[0].load
    if room <= 0:
        return
    # Each team's oldest `room` chats, then the oldest of those: nothing else writes
    # the queues while this transaction holds the workspace lock, and giving a waiting
    # chat (it has no assignee) refills nobody else.
    waiting: list[Row[Any]] = []
    for team_id in sorted({r.team_id for r in rows}):
        params = {"workspace_id": w.workspace_id, "team_id": team_id, "n": room}
        waiting += (await w.conn.execute(_QUEUE_HEAD, params)).all()
    waiting.sort(key=lambda c: (c.queued_since, c.id))
    for chat in waiting[:room]:
        await give(w, chat, manager_id, actor_id=None)


async def team_changed(w: ChangeWriter, chat: Row[Any]) -> Row[Any]:
    """A chat changed team: out of the old queue, then routed in the new team."""
    if chat.queued_since is not None:
        chat = await chats.update_chat(w, chat, queued_since=None)
    return await route(w, chat)
