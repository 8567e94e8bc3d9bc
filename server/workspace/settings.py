"""The workspace's name, time zone (IANA) and business hours."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.kinds import Entity
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.sync.changelog import ChangeWriter
from server.sync.doorbell import Doorbell
from server.workspace.writes import admin_reading, as_admin


class WorkspaceService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    async def show(self, me: Principal) -> dict[str, Any]:
        async with admin_reading(self.db, me) as conn:
            return await show(conn, me.workspace_id)

    async def update(self, me: Principal, req: s.WorkspaceSettings) -> dict[str, Any]:
        async with as_admin(self.db, self.doorbell, me) as w:
            return await change(w, req)


async def show(conn: AsyncConnection, workspace_id: uuid.UUID) -> dict[str, Any]:
    row = (await conn.execute(select(m.Workspace).where(m.Workspace.id == workspace_id))).one()
    return wire.workspace(row)


async def change(w: ChangeWriter, req: s.WorkspaceSettings) -> dict[str, Any]:
    """Fields left out stay; business hours replace the whole week (a day left out or
    null is closed)."""
    values: dict[str, Any] = {}
    if req.name is not None:
        values["name"] = req.name
    if req.time_zone is not None:
        values["time_zone"] = req.time_zone
    if req.business_hours is not None:
        values["business_hours"] = {
            day: hours.model_dump()
            for day in s.WEEKDAYS
            if (hours := req.business_hours.get(day)) is not None
        }
    if values:
        await w.conn.execute(
            update(m.Workspace).where(m.Workspace.id == w.workspace_id).values(**values)
        )
    data = await show(w.conn, w.workspace_id)
    if values:
        w.emit(Entity.WORKSPACE, w.workspace_id, data)
    return data
