"""The customers' profile schema (P4): fields with a key, label, type, options, order.

A field's type or options change only when every customer's value for its key still
fits, so no profile is left holding a value its field refuses. Deleting a field keeps
the customers' values (nothing is lost; a field made again with the key shows them).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import Entity, FieldType, Op
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.sync.changelog import ChangeWriter
from server.sync.doorbell import Doorbell
from server.sync.mutations import profile_value
from server.workspace.writes import admin_reading, as_admin

MAX_FIELDS = 100


class FieldService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    async def list(self, me: Principal) -> list[dict[str, Any]]:
        async with admin_reading(self.db, me) as conn:
            return await listing(conn, me.workspace_id)

    async def create(self, me: Principal, req: s.CustomerFieldIn) -> dict[str, Any]:
        async with as_admin(self.db, self.doorbell, me) as w:
            return await create(w, req)

    async def edit(self, me: Principal, key: str, req: s.CustomerFieldEdit) -> dict[str, Any]:
        async with as_admin(self.db, self.doorbell, me) as w:
            return await edit(w, key, req)

    async def delete(self, me: Principal, key: str) -> None:
        async with as_admin(self.db, self.doorbell, me) as w:
            await remove(w, key)


async def listing(conn: AsyncConnection, workspace_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await conn.execute(
        select(m.CustomerField)
        .where(m.CustomerField.workspace_id == workspace_id)
        .order_by(m.CustomerField.position, m.CustomerField.key)
    )
    return [wire.customer_field(r) for r in rows]


async def _row(w: ChangeWriter, key: str) -> Any:
    row = (
        await w.conn.execute(
            select(m.CustomerField).where(
                m.CustomerField.workspace_id == w.workspace_id, m.CustomerField.key == key
            )
        )
    ).first()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No profile field '{key}' here.")
    return row


async def _check_values(w: ChangeWriter, key: str, ftype: FieldType, options: list[str]) -> None:
    """Refuse a schema that a customer's current value for `key` would not fit."""
    misfits: list[str] = []
    rows = await w.conn.execute(
        select(m.Customer.id, m.Customer.profile).where(m.Customer.workspace_id == w.workspace_id)
    )
    for cid, profile in rows:
        if key in (profile or {}):
            try:
                profile_value(ftype, options, profile[key])
            except ServiceError:
                misfits.append(str(cid))
    if misfits:
        raise ServiceError(
            ErrorCode.INVALID_VALUE,
            f"{len(misfits)} customer(s) hold a '{key}' value that a {ftype.value} field "
            "with these options would refuse: change those values first.",
            current={"key": key, "customers": len(misfits), "first_customer_id": misfits[0]},
        )


async def create(w: ChangeWriter, req: s.CustomerFieldIn) -> dict[str, Any]:
    existing = await w.conn.scalar(
        select(m.CustomerField.key).where(
            m.CustomerField.workspace_id == w.workspace_id, m.CustomerField.key == req.key
        )
    )
    if existing is not None:
        raise ServiceError(ErrorCode.DUPLICATE_ID, f"A profile field '{req.key}' exists already.")
    count, last = (
        await w.conn.execute(
            select(func.count(), func.max(m.CustomerField.position)).where(
                m.CustomerField.workspace_id == w.workspace_id
            )
        )
    ).one()
    if count >= MAX_FIELDS:
        raise ServiceError(
            ErrorCode.LIMIT_EXCEEDED, f"A workspace has at most {MAX_FIELDS} profile fields."
        )
    options = list(req.options or [])
    await _check_values(w, req.key, req.type, options)
    position = req.position if req.position is not None else (0 if last is None else last + 1)
    await w.conn.execute(
        insert(m.CustomerField).values(
            workspace_id=w.workspace_id,
            key=req.key,
            label=req.label,
            type=req.type.value,
            options=options,
            position=position,
        )
    )
    return await _emit(w, req.key)


async def edit(w: ChangeWriter, key: str, req: s.CustomerFieldEdit) -> dict[str, Any]:
    row = await _row(w, key)
    old_type = FieldType(row.type)
    ftype = req.type or old_type
    if req.options is not None:
        options = list(req.options)
    elif ftype is FieldType.SELECT and old_type is FieldType.SELECT:
        options = list(row.options or [])
    else:
        options = []
    try:
        s.check_options(ftype, options)
    except ValueError as exc:
        raise ServiceError(ErrorCode.VALIDATION, f"options: {exc}") from None
    if ftype is not old_type or options != list(row.options or []):
        await _check_values(w, key, ftype, options)
    values: dict[str, Any] = {"type": ftype.value, "options": options}
    if req.label is not None:
        values["label"] = req.label
    if req.position is not None:
        values["position"] = req.position
    await w.conn.execute(
        update(m.CustomerField)
        .where(m.CustomerField.workspace_id == w.workspace_id, m.CustomerField.key == key)
        .values(**values)
    )
    return await _emit(w, key)


async def remove(w: ChangeWriter, key: str) -> None:
    await _row(w, key)
    await w.conn.execute(
        delete(m.CustomerField).where(
            m.CustomerField.workspace_id == w.workspace_id, m.CustomerField.key == key
        )
    )
    w.emit(Entity.CUSTOMER_FIELD, key, None, op=Op.DELETE)


async def _emit(w: ChangeWriter, key: str) -> dict[str, Any]:
    data = wire.customer_field(await _row(w, key))
    w.emit(Entity.CUSTOMER_FIELD, key, data)
    return data
