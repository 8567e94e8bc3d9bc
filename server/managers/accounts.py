"""Manager rows as the administration writes them: adding one, and the owners a
workspace must keep (O4). Shared by the people service, the CLI and the seed."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Row, func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import Entity, Role
from server import wire
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import permissions
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell


async def email_taken(conn: AsyncConnection, email: str) -> bool:
    found = await conn.scalar(select(m.Manager.id).where(m.Manager.email == email))
    return found is not None


async def add_manager(
    conn: AsyncConnection,
    w: ChangeWriter,
    *,
    email: str,
    name: str,
    password_hash: str,
    role: Role = Role.MANAGER,
    permissions: Sequence[str] = (),
    manager_id: uuid.UUID | None = None,
    **fields: object,
) -> uuid.UUID:
    """Insert a manager and log it; an email already used anywhere is refused."""
    mid = manager_id or uuid.uuid4()
    email = email.strip().lower()
    if await email_taken(conn, email):
        raise ServiceError(ErrorCode.INVALID_VALUE, f"A manager with email {email} exists.")
    await conn.execute(
        insert(m.Manager).values(
            id=mid,
            workspace_id=w.workspace_id,
            email=email,
            name=name,
            password_hash=password_hash,
            role=role.value,
            permissions=list(permissions),
            created_at=utcnow(),
            **fields,
        )
    )
    [data] = await wire.managers(conn, [mid])
    w.emit(Entity.MANAGER, mid, data)
    return mid


async def active_owners(conn: AsyncConnection, workspace_id: uuid.UUID) -> int:
    """Owners who can still log in. Read under the workspace lock, so two admins
    demoting the last two owners at once cannot both pass."""
    n = await conn.scalar(
        select(func.count())
        .select_from(m.Manager)
        .where(
            m.Manager.workspace_id == workspace_id,
            m.Manager.role == Role.OWNER.value,
            m.Manager.deactivated_at.is_(None),
        )
    )
    return int(n or 0)


async def keep_an_owner(conn: AsyncConnection, target: Row[Any]) -> None:
    """O4: refuse (LAST_OWNER) to demote or deactivate the last active owner (`target`,
    a manager row)."""
    if target.role != Role.OWNER.value or target.deactivated_at is not None:
        return
    if await active_owners(conn, target.workspace_id) <= 1:
        raise ServiceError(
            ErrorCode.LAST_OWNER,
            "This is the workspace's last owner: make someone else an owner first.",
        )


@asynccontextmanager
async def admin_write(
    db: Database, doorbell: Doorbell, workspace_id: uuid.UUID, actor_id: uuid.UUID | None
) -> AsyncIterator[tuple[ChangeWriter, Row[Any] | None]]:
    """One administrative change: the workspace locked, the actor checked to be an admin
    or owner (O4; `actor_id` None: the command line, run by whoever holds the database),
    the change log written and the doorbell rung once it commits. Yields the writer and
    the actor's row."""
    async with db.write() as conn:
        await lock_workspace(conn, workspace_id)
        actor = None
        if actor_id is not None:
            actor = await permissions.manager_row(conn, workspace_id, actor_id)
            permissions.require_admin(actor)
        w = ChangeWriter(conn, workspace_id)
        yield w, actor
        head = await w.flush()
    if head is not None:
        doorbell.ring(workspace_id, head)
