"""Creating, changing and deleting macros (M3, O4). Every change goes through the change
log (entity "macro"), so every app of the workspace shows it live; only managers with
the "manage macros" permission may make one (403 permission_required otherwise)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, insert, select, update

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import Entity, Op, Permission
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import permissions
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell


class MacroService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    async def save(
        self, me: Principal, req: s.MacroIn, macro_id: uuid.UUID | None = None
    ) -> dict[str, Any]:
        """A new macro (`macro_id` None), or a change to one of this workspace's."""
        async with self.db.write() as conn:
            await lock_workspace(conn, me.workspace_id)
            actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
            permissions.require_permission(actor, Permission.MANAGE_MACROS)
            values = {"name": req.name, "body": req.body}
            if macro_id is None:
                macro_id = uuid.uuid4()
                await conn.execute(
                    insert(m.Macro).values(id=macro_id, workspace_id=me.workspace_id, **values)
                )
            else:
                done = await conn.execute(
                    update(m.Macro)
                    .where(m.Macro.id == macro_id, m.Macro.workspace_id == me.workspace_id)
                    .values(**values)
                )
                if done.rowcount == 0:
                    raise ServiceError(ErrorCode.NOT_FOUND, f"No macro {macro_id} here.")
            row = (await conn.execute(select(m.Macro).where(m.Macro.id == macro_id))).one()
            data = wire.macro(row)
            w = ChangeWriter(conn, me.workspace_id)
            w.emit(Entity.MACRO, macro_id, data)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(me.workspace_id, head)
        return data

    async def delete(self, me: Principal, macro_id: uuid.UUID) -> None:
        async with self.db.write() as conn:
            await lock_workspace(conn, me.workspace_id)
            actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
            permissions.require_permission(actor, Permission.MANAGE_MACROS)
            done = await conn.execute(
                delete(m.Macro).where(
                    m.Macro.id == macro_id, m.Macro.workspace_id == me.workspace_id
                )
            )
            if done.rowcount == 0:
                raise ServiceError(ErrorCode.NOT_FOUND, f"No macro {macro_id} here.")
            w = ChangeWriter(conn, me.workspace_id)
            w.emit(Entity.MACRO, macro_id, None, op=Op.DELETE)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(me.workspace_id, head)
