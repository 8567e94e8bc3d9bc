"""Teams as admins run them (O4, R1-R4): create, rename, delete; members in or out of
the auto-assignment rota; auto-assignment on or off. Every change is logged, so every
app's sidebar and choices follow at once.

A member's maximum of auto-assigned chats is theirs (R4: `manager.max_auto_assign`, one
number whatever the team); setting it through a team sets that one number.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import people as p
from protocol.errors import ErrorCode
from protocol.kinds import ChatState, Entity, EventAction
from server import wire
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats, events, permissions
from server.managers.accounts import admin_write
from server.routing import service as routing
from server.sync.changelog import ChangeWriter
from server.sync.doorbell import Doorbell


async def team_row(conn: AsyncConnection, workspace_id: uuid.UUID, team_id: uuid.UUID) -> Row[Any]:
    row = (
        await conn.execute(
            select(m.Team).where(m.Team.id == team_id, m.Team.workspace_id == workspace_id)
        )
    ).first()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No team {team_id} in this workspace.")
    return row


async def _name_free(
    conn: AsyncConnection, workspace_id: uuid.UUID, name: str, but: uuid.UUID | None = None
) -> None:
    query = select(m.Team.id).where(m.Team.workspace_id == workspace_id, m.Team.name == name)
    found = await conn.scalar(query)
    if found is not None and found != but:
        raise ServiceError(ErrorCode.NAME_TAKEN, f"A team named {name!r} exists already.")


async def _member_row(conn: AsyncConnection, team_id: uuid.UUID, manager_id: uuid.UUID) -> Any:
    return (
        await conn.execute(
            select(m.TeamMember).where(
                m.TeamMember.team_id == team_id, m.TeamMember.manager_id == manager_id
            )
        )
    ).first()


async def _emit(
    w: ChangeWriter, team_id: uuid.UUID, manager_ids: Sequence[uuid.UUID] = ()
) -> dict[str, Any]:
    """Log the team's row and its changed members' rows (their team_ids)."""
    [team] = await wire.teams(w.conn, [team_id])
    w.emit(Entity.TEAM, team_id, team)
    for manager in await wire.managers(w.conn, list(manager_ids)):
        w.emit(Entity.MANAGER, manager["id"], manager)
    return team


class TeamService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    def _write(self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None) -> Any:
        return admin_write(self.db, self.doorbell, workspace_id, actor_id)

    async def list_teams(self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None) -> list[Any]:
        async with self.db.read() as conn:
            if actor_id is not None:
                actor = await permissions.manager_row(conn, workspace_id, actor_id)
                permissions.require_admin(actor)
            ids = list(
                await conn.scalars(
                    select(m.Team.id)
                    .where(m.Team.workspace_id == workspace_id)
                    .order_by(m.Team.name)
                )
            )
            found = {t["id"]: t for t in await wire.teams(conn, ids)}
        return [found[str(i)] for i in ids]

    async def create(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, req: p.TeamCreate
    ) -> dict[str, Any]:
        async with self._write(workspace_id, actor_id) as (w, _actor):
            await _name_free(w.conn, workspace_id, req.name)
            members = list(dict.fromkeys(req.member_ids))
            for mid in members:
                _check_joinable(await permissions.manager_row(w.conn, workspace_id, mid))
            tid = uuid.uuid4()
            await w.conn.execute(
                insert(m.Team).values(
                    id=tid,
                    workspace_id=workspace_id,
                    name=req.name,
                    auto_assign=req.auto_assign,
                    created_at=utcnow(),
                )
            )
            if members:
                await w.conn.execute(
                    insert(m.TeamMember),
                    [{"team_id": tid, "manager_id": mid, "auto_assign": True} for mid in members],
                )
            return await _emit(w, tid, members)

    async def update(
        self,
        workspace_id: uuid.UUID,
        actor_id: uuid.UUID | None,
        team_id: uuid.UUID,
        req: p.TeamUpdate,
    ) -> dict[str, Any]:
        """Rename, or turn auto-assignment on (new chats of the team are routed, R1) or
        off (its waiting chats leave the queue for Unassigned: nobody would take them)."""
        async with self._write(workspace_id, actor_id) as (w, _actor):
            team = await team_row(w.conn, workspace_id, team_id)
            values: dict[str, Any] = {}
            if req.name is not None and req.name != team.name:
                await _name_free(w.conn, workspace_id, req.name, but=team_id)
                values["name"] = req.name
            if req.auto_assign is not None and req.auto_assign != team.auto_assign:
                values["auto_assign"] = req.auto_assign
            if values:
                await w.conn.execute(update(m.Team).where(m.Team.id == team_id).values(**values))
            if values.get("auto_assign") is False:
                for chat in await _team_chats(w.conn, team_id, queued=True):
                    await chats.update_chat(w, chat, queued_since=None)
            return await _emit(w, team_id) if values else (await wire.teams(w.conn, [team_id]))[0]

    async def delete(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, team_id: uuid.UUID
    ) -> None:
        """The team goes; its chats stay, without a team (out of its queue, into
        Unassigned if nobody has them: S6), each with a "team cleared" line."""
        async with self._write(workspace_id, actor_id) as (w, _actor):
            await team_row(w.conn, workspace_id, team_id)
            for chat in await _team_chats(w.conn, team_id):
                chat = await chats.update_chat(w, chat, team_id=None, queued_since=None)
                await events.record(w, chat, EventAction.TEAM_CLEARED, actor_id=actor_id)
            members = list(
                await w.conn.scalars(
                    select(m.TeamMember.manager_id).where(m.TeamMember.team_id == team_id)
                )
            )
            await w.conn.execute(delete(m.TeamMember).where(m.TeamMember.team_id == team_id))
            await w.conn.execute(delete(m.Team).where(m.Team.id == team_id))
            w.tombstone(Entity.TEAM, team_id)
            for manager in await wire.managers(w.conn, members):
                w.emit(Entity.MANAGER, manager["id"], manager)

    async def add_member(
        self,
        workspace_id: uuid.UUID,
        actor_id: uuid.UUID | None,
        team_id: uuid.UUID,
        req: p.TeamMemberAdd,
    ) -> dict[str, Any]:
        """Add a member (or, already one, set their place in the rota). A member who
        joins an auto-assigning team's rota takes its waiting chats they have room for
        (R3)."""
        async with self._write(workspace_id, actor_id) as (w, _actor):
            await team_row(w.conn, workspace_id, team_id)
            mid = req.manager_id
            _check_joinable(await permissions.manager_row(w.conn, workspace_id, mid))
            member = await _member_row(w.conn, team_id, mid)
            if member is not None and member.auto_assign == req.rota:
                return (await wire.teams(w.conn, [team_id]))[0]
            if member is None:
                row = {"team_id": team_id, "manager_id": mid, "auto_assign": req.rota}
                await w.conn.execute(insert(m.TeamMember).values(**row))
            else:
                await _set_rota(w.conn, team_id, mid, req.rota)
            team = await _emit(w, team_id, [mid])
            if req.rota:
                await routing.refill(w, mid)
            return team

    async def update_member(
        self,
        workspace_id: uuid.UUID,
        actor_id: uuid.UUID | None,
        team_id: uuid.UUID,
        manager_id: uuid.UUID,
        req: p.TeamMemberUpdate,
    ) -> dict[str, Any]:
        """In the rota or not; the member's maximum (theirs in every team, R4). Coming
        into the rota or a higher maximum gives them waiting chats (R3)."""
        async with self._write(workspace_id, actor_id) as (w, _actor):
            await team_row(w.conn, workspace_id, team_id)
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            member = await _member_row(w.conn, team_id, manager_id)
            if member is None:
                raise ServiceError(
                    ErrorCode.NOT_FOUND, f"{target.name} is not a member of this team."
                )
            room = False
            if req.rota is not None and req.rota != member.auto_assign:
                await _set_rota(w.conn, team_id, manager_id, req.rota)
                await _emit(w, team_id)
                room = req.rota
            top = req.max_auto_assign
            if top is not None and top != target.max_auto_assign:
                await w.conn.execute(
                    update(m.Manager).where(m.Manager.id == manager_id).values(max_auto_assign=top)
                )
                [data] = await wire.managers(w.conn, [manager_id])
                w.emit(Entity.MANAGER, manager_id, data)
                room = room or top > target.max_auto_assign
            if room:
                await routing.refill(w, manager_id)
            return (await wire.teams(w.conn, [team_id]))[0]

    async def remove_member(
        self,
        workspace_id: uuid.UUID,
        actor_id: uuid.UUID | None,
        team_id: uuid.UUID,
        manager_id: uuid.UUID,
    ) -> dict[str, Any]:
        """They leave the team; the chats they hold stay theirs."""
        async with self._write(workspace_id, actor_id) as (w, _actor):
            await team_row(w.conn, workspace_id, team_id)
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            if await _member_row(w.conn, team_id, manager_id) is None:
                raise ServiceError(
                    ErrorCode.NOT_FOUND, f"{target.name} is not a member of this team."
                )
            await w.conn.execute(
                delete(m.TeamMember).where(
                    m.TeamMember.team_id == team_id, m.TeamMember.manager_id == manager_id
                )
            )
            return await _emit(w, team_id, [manager_id])


def _check_joinable(row: Row[Any]) -> None:
    if row.deactivated_at is not None:
        raise ServiceError(
            ErrorCode.MANAGER_DEACTIVATED, f"{row.name} was deactivated: reactivate them first."
        )


async def _set_rota(conn: AsyncConnection, team_id: uuid.UUID, mid: uuid.UUID, on: bool) -> None:
    await conn.execute(
        update(m.TeamMember)
        .where(m.TeamMember.team_id == team_id, m.TeamMember.manager_id == mid)
        .values(auto_assign=on)
    )


async def _team_chats(
    conn: AsyncConnection, team_id: uuid.UUID, *, queued: bool = False
) -> list[Row[Any]]:
    """A team's chats (oldest first); `queued`: only those waiting in its queue."""
    query = select(m.Chat).where(m.Chat.team_id == team_id)
    if queued:
        query = query.where(
            m.Chat.queued_since.is_not(None),
            m.Chat.assignee_id.is_(None),
            m.Chat.state == ChatState.OPEN.value,
        )
    return list((await conn.execute(query.order_by(m.Chat.created_at, m.Chat.id))).all())
