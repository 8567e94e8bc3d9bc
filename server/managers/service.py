"""Changing a manager's settings (O3, R3, R4, S11), and what follows from it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import Entity
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import permissions, sessions
from server.routing import service as routing
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell


class ManagerService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    async def update(
        self, me: Principal, manager_id: uuid.UUID, req: s.ManagerSettings
    ) -> dict[str, Any]:
        changes = {k: v for k, v in req.model_dump(exclude_unset=True).items() if v is not None}
        async with self.db.write() as conn:
            await lock_workspace(conn, me.workspace_id)
            actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
            target = await permissions.manager_row(conn, me.workspace_id, manager_id)
            permissions.require_self_or_admin(actor, target.id)
            if "permissions" in changes and actor.role not in permissions.ADMINS:
                raise ServiceError(
                    ErrorCode.ADMIN_REQUIRED, "Only an admin or the owner grants permissions."
                )
            if not changes:
                [data] = await wire.managers(conn, [manager_id])
                return data
            await conn.execute(
                update(m.Manager).where(m.Manager.id == manager_id).values(**changes)
            )
            w = ChangeWriter(conn, me.workspace_id)
            [data] = await wire.managers(conn, [manager_id])
            w.emit(Entity.MANAGER, manager_id, data)
            gained_room = (
                (changes.get("operator_seat") and not target.operator_seat)
                or (changes.get("available") and not target.available)
                or changes.get("max_auto_assign", target.max_auto_assign) > target.max_auto_assign
            )
            switch = changes.get("notify_unassigned")
            if switch is not None and switch != target.notify_unassigned:  # S11 -> S5
                await sessions.switch_changed(w, manager_id, switch)
            if gained_room:  # R3
                await routing.refill(w, manager_id)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(me.workspace_id, head)
        return data
