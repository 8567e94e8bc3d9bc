"""Managers as admins run them (O3, O4): invitations, roles, permissions,
deactivation. Admins and owners only; only an owner touches an owner; a workspace always
keeps one active owner (LAST_OWNER). Every change is logged for every app.

Deactivating keeps everything the manager wrote or did attributed to them; it ends
every session (tokens revoked in the same transaction; this worker's sockets close at
once, other workers' at their next session check) and gives their open chats back to
routing: their team's next eligible member, its queue, or Unassigned (R1, R2, S6).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import people as p
from protocol.errors import ErrorCode
from protocol.kinds import ChatState, Entity, EventAction, Role
from server import wire
from server.auth.secrets import INVITATION_TOKEN_PREFIX, new_token, token_hash
from server.auth.service import AuthService, Session
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats, events, permissions
from server.managers.accounts import add_manager, admin_write, email_taken, keep_an_owner
from server.routing import service as routing
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell


def _invitation(row: Any) -> dict[str, Any]:
    return wire.dump(p.InvitationOut, row)


class PeopleService:
    def __init__(self, db: Database, doorbell: Doorbell, auth: AuthService) -> None:
        self.db = db
        self.doorbell = doorbell
        self.auth = auth

    def _write(self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None) -> Any:
        return admin_write(self.db, self.doorbell, workspace_id, actor_id)

    async def list_managers(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None
    ) -> list[dict[str, Any]]:
        """Every manager of the workspace, deactivated ones too, by name."""
        async with self.db.read() as conn:
            if actor_id is not None:
                permissions.require_admin(
                    await permissions.manager_row(conn, workspace_id, actor_id)
                )
            ids = list(
                await conn.scalars(
                    select(m.Manager.id)
                    .where(m.Manager.workspace_id == workspace_id)
                    .order_by(m.Manager.name, m.Manager.id)
                )
            )
            found = {x["id"]: x for x in await wire.managers(conn, ids)}
        return [found[str(i)] for i in ids]

    # ---- invitations ------------------------------------------------------------------

    async def invite(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, req: p.InvitationCreate
    ) -> tuple[dict[str, Any], str]:
        """A one-time token (only its hash kept) that lets its holder become a manager
        within INVITATION_LIFETIME; an earlier invitation of the same email is withdrawn.
        Returns the invitation and the token."""
        async with self._write(workspace_id, actor_id) as (w, actor):
            if req.role is Role.OWNER and actor is not None:
                permissions.require_owner(actor)
            if await email_taken(w.conn, req.email):
                raise ServiceError(ErrorCode.INVALID_VALUE, f"{req.email} is a manager already.")
            now = utcnow()
            await w.conn.execute(
                update(m.Invitation)
                .where(
                    m.Invitation.workspace_id == workspace_id,
                    m.Invitation.email == req.email,
                    m.Invitation.used_at.is_(None),
                )
                .values(used_at=now)
            )
            token = new_token(INVITATION_TOKEN_PREFIX)
            row = {
                "id": uuid.uuid4(),
                "workspace_id": workspace_id,
                "email": req.email,
                "role": req.role.value,
                "permissions": sorted({x.value for x in req.permissions}),
                "token_hash": token_hash(token),
                "invited_by": actor_id,
                "created_at": now,
                "expires_at": now + p.INVITATION_LIFETIME,
            }
            await w.conn.execute(insert(m.Invitation).values(**row))
        return _invitation(row), token

    async def invitations(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None
    ) -> list[dict[str, Any]]:
        """Invitations not accepted, withdrawn or expired, newest first."""
        async with self.db.read() as conn:
            if actor_id is not None:
                permissions.require_admin(
                    await permissions.manager_row(conn, workspace_id, actor_id)
                )
            rows = await conn.execute(
                select(m.Invitation)
                .where(
                    m.Invitation.workspace_id == workspace_id,
                    m.Invitation.used_at.is_(None),
                    m.Invitation.expires_at > utcnow(),
                )
                .order_by(m.Invitation.created_at.desc())
            )
            return [_invitation(r) for r in rows]

    async def withdraw(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, invitation_id: uuid.UUID
    ) -> None:
        async with self._write(workspace_id, actor_id) as (w, _actor):
            done = await w.conn.execute(
                update(m.Invitation)
                .where(
                    m.Invitation.id == invitation_id,
                    m.Invitation.workspace_id == workspace_id,
                    m.Invitation.used_at.is_(None),
                )
                .values(used_at=utcnow())
            )
            if done.rowcount != 1:
                raise ServiceError(ErrorCode.NOT_FOUND, "No pending invitation with this id.")

    async def accept(self, req: p.InvitationAccept) -> Session:
        """The invited person sets their name and password: the manager is made, the
        token is used up, and a session opens. Only a valid token costs a hash."""
        async with self.db.read() as conn:
            await _usable(conn, req.token)
        hashed = await self.auth.passwords.hash_async(req.password)
        async with self.db.write() as conn:
            invitation = await _usable(conn, req.token)
            wid = invitation.workspace_id
            await lock_workspace(conn, wid)
            claimed = await conn.execute(
                update(m.Invitation)
                .where(m.Invitation.id == invitation.id, m.Invitation.used_at.is_(None))
                .values(used_at=utcnow())
            )
            if claimed.rowcount != 1:  # accepted by someone else a moment ago
                raise _used()
            w = ChangeWriter(conn, wid)
            mid = await add_manager(
                conn,
                w,
                email=invitation.email,
                name=req.name,
                password_hash=hashed,
                role=Role(invitation.role),
                permissions=invitation.permissions,
            )
            await conn.execute(
                update(m.Invitation).where(m.Invitation.id == invitation.id).values(manager_id=mid)
            )
            session = await self.auth.open_session(conn, mid, wid, req.device_name)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(wid, head)
        return session

    # ---- roles, permissions, deactivation -----------------------------------------------

    async def set_role(
        self,
        workspace_id: uuid.UUID,
        actor_id: uuid.UUID | None,
        manager_id: uuid.UUID,
        role: Role,
    ) -> dict[str, Any]:
        async with self._write(workspace_id, actor_id) as (w, actor):
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            if target.role == role.value:
                return await _manager(w.conn, manager_id)
            if actor is not None and Role.OWNER.value in (target.role, role.value):
                permissions.require_owner(actor)
            await keep_an_owner(w.conn, target)
            return await _change(w, manager_id, role=role.value)

    async def set_permissions(
        self,
        workspace_id: uuid.UUID,
        actor_id: uuid.UUID | None,
        manager_id: uuid.UUID,
        req: p.PermissionsUpdate,
    ) -> dict[str, Any]:
        async with self._write(workspace_id, actor_id) as (w, _actor):
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            wanted = sorted({x.value for x in req.permissions})
            if sorted(target.permissions) == wanted:
                return await _manager(w.conn, manager_id)
            return await _change(w, manager_id, permissions=wanted)

    async def set_seat(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, manager_id: uuid.UUID, on: bool
    ) -> dict[str, Any]:
        """O3: an admin switches anyone's operator seat; a seat turned on takes waiting
        chats (R3). (Managers switch their own with PATCH /managers/{id}.)"""
        async with self._write(workspace_id, actor_id) as (w, _actor):
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            if target.operator_seat == on:
                return await _manager(w.conn, manager_id)
            data = await _change(w, manager_id, operator_seat=on)
            if on:
                await routing.refill(w, manager_id)
        return data

    async def deactivate(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, manager_id: uuid.UUID
    ) -> dict[str, Any]:
        async with self._write(workspace_id, actor_id) as (w, actor):
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            if target.deactivated_at is not None:
                return await _manager(w.conn, manager_id)
            if actor is not None and target.role == Role.OWNER.value:
                permissions.require_owner(actor)
            await keep_an_owner(w.conn, target)
            if actor is not None and actor.id == manager_id:
                raise ServiceError(ErrorCode.INVALID_VALUE, "Ask another admin to deactivate you.")
            now = utcnow()
            data = await _change(w, manager_id, deactivated_at=now)
            await w.conn.execute(
                update(m.AuthToken)
                .where(m.AuthToken.manager_id == manager_id, m.AuthToken.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            await _hand_back(w, manager_id, actor_id)
        await self.auth.revoke_manager(manager_id)  # this worker's sockets close now
        return data

    async def reactivate(
        self, workspace_id: uuid.UUID, actor_id: uuid.UUID | None, manager_id: uuid.UUID
    ) -> dict[str, Any]:
        """They may log in again (their old sessions stay ended) and be assigned; they
        take waiting chats of their teams as any member coming back does (R3)."""
        async with self._write(workspace_id, actor_id) as (w, actor):
            target = await permissions.manager_row(w.conn, workspace_id, manager_id)
            if target.deactivated_at is None:
                return await _manager(w.conn, manager_id)
            if actor is not None and target.role == Role.OWNER.value:
                permissions.require_owner(actor)
            data = await _change(w, manager_id, deactivated_at=None)
            await routing.refill(w, manager_id)
        return data


async def _manager(conn: AsyncConnection, manager_id: uuid.UUID) -> dict[str, Any]:
    [data] = await wire.managers(conn, [manager_id])
    return data


async def _change(w: ChangeWriter, manager_id: uuid.UUID, **values: Any) -> dict[str, Any]:
    await w.conn.execute(update(m.Manager).where(m.Manager.id == manager_id).values(**values))
    data = await _manager(w.conn, manager_id)
    w.emit(Entity.MANAGER, manager_id, data)
    return data


async def _hand_back(w: ChangeWriter, manager_id: uuid.UUID, actor_id: uuid.UUID | None) -> None:
    """A deactivated manager's open and snoozed chats lose their assignee (a line says
    so; the chats leave their sessions); open ones are routed again (R1, R2), so they
    go to their team's next member, its queue, or Unassigned (S6). Closed chats keep
    their assignee: that is history."""
    held = (
        await w.conn.execute(
            select(m.Chat)
            .where(
                m.Chat.workspace_id == w.workspace_id,
                m.Chat.assignee_id == manager_id,
                m.Chat.state.in_([ChatState.OPEN.value, ChatState.SNOOZED.value]),
            )
            .order_by(m.Chat.last_message_at, m.Chat.id)
        )
    ).all()
    for chat in held:
        chat = await chats.update_chat(w, chat, assignee_id=None)
        await events.record(
            w, chat, EventAction.UNASSIGNED, actor_id=actor_id, manager_id=manager_id
        )
        chat = await chats.drop_auto_follow(w, chat, manager_id)
        await routing.route(w, chat)


def _used() -> ServiceError:
    return ServiceError(ErrorCode.INVITATION_USED, "This invitation was used already.")


async def _usable(conn: AsyncConnection, token: str) -> Row[Any]:
    row = (
        await conn.execute(select(m.Invitation).where(m.Invitation.token_hash == token_hash(token)))
    ).first()
    if row is None:
        raise ServiceError(ErrorCode.INVITATION_INVALID, "This invitation link is not valid.")
    if row.used_at is not None:
        raise _used()
    expires: datetime = row.expires_at
    if expires <= utcnow():
        raise ServiceError(
            ErrorCode.INVITATION_EXPIRED, "This invitation has expired: ask for a new one."
        )
    return row
