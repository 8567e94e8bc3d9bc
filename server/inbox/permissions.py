"""Who may do what (SPEC O1-O4, P8). Every check reads the manager's row inside the
caller's transaction, so a seat switched off a moment ago is already in force."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import Permission, Role
from server.db import models as m
from server.errors import ServiceError

ADMINS = frozenset({Role.OWNER.value, Role.ADMIN.value})


# Built once: building a statement and its cache key costs more than running it.
_MANAGER = select(m.Manager).where(
    m.Manager.id == bindparam("manager_id"), m.Manager.workspace_id == bindparam("workspace_id")
)


async def manager_row(
    conn: AsyncConnection, workspace_id: uuid.UUID, manager_id: uuid.UUID
) -> Row[Any]:
    params = {"manager_id": manager_id, "workspace_id": workspace_id}
    row = (await conn.execute(_MANAGER, params)).first()
    if row is None:
        raise ServiceError(ErrorCode.INVALID_VALUE, f"No manager {manager_id} in this workspace.")
    return row


async def require_seat(
    conn: AsyncConnection, workspace_id: uuid.UUID, manager_id: uuid.UUID
) -> None:
    check_seat(await manager_row(conn, workspace_id, manager_id))


def check_seat(row: Row[Any]) -> None:
    """O2, P8: changing a chat's state, tags or description needs my operator seat on."""
    if not row.operator_seat:
        raise ServiceError(
            ErrorCode.OPERATOR_SEAT_REQUIRED,
            "Turn your operator seat on to change a chat's state, tags or description.",
        )


def check_assignable(row: Row[Any]) -> None:
    """O1: only managers whose operator seat is on can be assigned; never one who was
    deactivated."""
    if row.deactivated_at is not None:
        raise ServiceError(
            ErrorCode.MANAGER_DEACTIVATED, f"{row.name} was deactivated: they cannot be assigned."
        )
    if not row.operator_seat:
        raise ServiceError(
            ErrorCode.ASSIGNEE_SEAT_OFF,
            f"{row.name}'s operator seat is off: only seat-on managers can be assigned.",
        )


def require_permission(row: Row[Any], permission: Permission) -> None:
    """O4: permissions such as "delete chats" are granted per manager."""
    if permission.value not in row.permissions:
        raise ServiceError(
            ErrorCode.PERMISSION_REQUIRED,
            f"This needs the '{permission.value}' permission.",
        )


def require_self_or_admin(actor: Row[Any], target_id: uuid.UUID) -> None:
    """O3: a manager changes their own settings; an admin or owner changes anyone's."""
    if actor.id != target_id and actor.role not in ADMINS:
        raise ServiceError(
            ErrorCode.ADMIN_REQUIRED, "Only an admin or the owner can change another manager."
        )


def require_admin(row: Row[Any]) -> None:
    """O4: running the workspace (teams, invitations, roles, deactivation, media, profile
    fields, its settings) is for admins and owners."""
    if row.role not in ADMINS:
        raise ServiceError(
            ErrorCode.ADMIN_REQUIRED, "Only an admin or an owner runs the workspace."
        )


def require_workspace_admin(row: Row[Any]) -> None:
    """O4: the workspace's setup (media, profile fields, name, hours) is for admins and
    owners, and for a manager given the "manage the workspace" permission; its people
    (teams, roles, deactivation) stay with admins."""
    if row.role not in ADMINS and Permission.MANAGE_WORKSPACE.value not in row.permissions:
        raise ServiceError(
            ErrorCode.ADMIN_REQUIRED,
            "Only an admin, an owner or a manager allowed to manage the workspace sets it up.",
        )


def require_owner(row: Row[Any]) -> None:
    """O4: only an owner makes, unmakes or deactivates an owner."""
    if row.role != Role.OWNER.value:
        raise ServiceError(ErrorCode.OWNER_REQUIRED, "Only an owner changes an owner.")
