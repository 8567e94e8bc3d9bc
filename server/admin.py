"""Creating workspaces, managers and teams: used by the CLI, the seed and the tests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from protocol.errors import ErrorCode
from protocol.kinds import Entity, Role
from server import wire
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.managers.accounts import add_manager
from server.sync.changelog import ChangeWriter, lock_workspace


async def create_workspace(
    db: Database, name: str, workspace_id: uuid.UUID | None = None
) -> uuid.UUID:
    wid = workspace_id or uuid.uuid4()
    async with db.write() as conn:
        await conn.execute(
            insert(m.Workspace).values(
                id=wid, name=name, last_seq=0, pruned_seq=0, created_at=utcnow()
            )
        )
    return wid


async def create_manager(
    db: Database,
    workspace_id: uuid.UUID,
    *,
    email: str,
    name: str,
    password_hash: str,
    role: Role = Role.MANAGER,
    permissions: Sequence[str] = (),
    **fields: Any,
) -> uuid.UUID:
    async with db.write() as conn:
        if await conn.scalar(select(m.Workspace.id).where(m.Workspace.id == workspace_id)) is None:
            raise ServiceError(ErrorCode.NOT_FOUND, f"No workspace {workspace_id}.")
        await lock_workspace(conn, workspace_id)
        w = ChangeWriter(conn, workspace_id)
        try:
            mid = await add_manager(
                conn,
                w,
                email=email,
                name=name,
                password_hash=password_hash,
                role=role,
                permissions=permissions,
                **fields,
            )
        except IntegrityError as exc:
            raise ServiceError(
                ErrorCode.INVALID_VALUE, f"Could not add {email}: {exc.orig}"
            ) from exc
        await w.flush()
    return mid


async def create_team(
    db: Database,
    workspace_id: uuid.UUID,
    name: str,
    member_ids: Sequence[uuid.UUID] = (),
    *,
    auto_assign: bool = False,
) -> uuid.UUID:
    tid = uuid.uuid4()
    async with db.write() as conn:
        await lock_workspace(conn, workspace_id)
        w = ChangeWriter(conn, workspace_id)
        await conn.execute(
            insert(m.Team).values(
                id=tid,
                workspace_id=workspace_id,
                name=name,
                auto_assign=auto_assign,
                created_at=utcnow(),
            )
        )
        if member_ids:
            await conn.execute(
                insert(m.TeamMember), [{"team_id": tid, "manager_id": mid} for mid in member_ids]
            )
        [team] = await wire.teams(conn, [tid])
        w.emit(Entity.TEAM, tid, team)
        for manager in await wire.managers(conn, list(member_ids)):
            w.emit(Entity.MANAGER, manager["id"], manager)
        await w.flush()
    return tid
