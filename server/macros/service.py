"""Creating, changing and deleting macros (M3, O4). Every change goes through the change
log (entity "macro"), so every app of the workspace shows it live; only managers with
the "manage macros" permission may make one (403 permission_required otherwise)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import Entity, Op, Permission
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.inbox import permissions
from server.sync.changelog import ChangeWriter
from server.sync.doorbell import Doorbell
from server.workspace.writes import as_admin


class MacroService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    async def save(
        self, me: Principal, req: s.MacroIn, macro_id: uuid.UUID | None = None
    ) -> dict[str, Any]:
        """A new macro (`macro_id` None), or a change to one of this workspace's."""
        async with as_admin(self.db, self.doorbell, me, _may_manage_macros) as w:
            return await save_macro(w, req, macro_id)

    async def delete(self, me: Principal, macro_id: uuid.UUID) -> None:
        async with as_admin(self.db, self.doorbell, me, _may_manage_macros) as w:
            await delete_macro(w, macro_id)


def _may_manage_macros(actor: Row[Any]) -> None:
    permissions.require_permission(actor, Permission.MANAGE_MACROS)


async def listing(conn: AsyncConnection, workspace_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await conn.execute(
        select(m.Macro).where(m.Macro.workspace_id == workspace_id).order_by(m.Macro.name)
    )
    return [wire.macro(r) for r in rows]


async def save_macro(
    w: ChangeWriter, req: s.MacroIn, macro_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Its variables were checked by `MacroIn` (protocol.schemas.MACRO_VARIABLES)."""
    values = {"name": req.name, "body": req.body}
    if macro_id is None:
        macro_id = uuid.uuid4()
        await w.conn.execute(
            insert(m.Macro).values(id=macro_id, workspace_id=w.workspace_id, **values)
        )
    else:
        done = await w.conn.execute(
            update(m.Macro)
            .where(m.Macro.id == macro_id, m.Macro.workspace_id == w.workspace_id)
            .values(**values)
        )
        if done.rowcount == 0:
            raise ServiceError(ErrorCode.NOT_FOUND, f"No macro {macro_id} here.")
    row = (await w.conn.execute(select(m.Macro).where(m.Macro.id == macro_id))).one()
    data = wire.macro(row)
    w.emit(Entity.MACRO, macro_id, data)
    return data


async def delete_macro(w: ChangeWriter, macro_id: uuid.UUID) -> None:
    done = await w.conn.execute(
        delete(m.Macro).where(m.Macro.id == macro_id, m.Macro.workspace_id == w.workspace_id)
    )
    if done.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No macro {macro_id} here.")
    w.emit(Entity.MACRO, macro_id, None, op=Op.DELETE)
