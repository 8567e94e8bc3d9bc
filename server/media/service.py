"""Connecting and disconnecting media (S9), with each one's checked settings.

Secrets are checked, sealed (server.media.secrets) and stored; what leaves (answers,
change-log entries) is `wire.integration`: the settings and the secrets' names only. A
refused secret is named by its field, never echoed.
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import media
from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import INTEGRATION_ORDER, Entity, Medium
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database
from server.errors import ServiceError
from server.media.secrets import Sealer, SecretsUnreadable, open_secrets
from server.sync.changelog import ChangeWriter
from server.sync.doorbell import Doorbell
from server.workspace.writes import admin_reading, as_admin


class MediaService:
    def __init__(self, db: Database, doorbell: Doorbell, sealer: Sealer) -> None:
        self.db = db
        self.doorbell = doorbell
        self.sealer = sealer

    async def list(self, me: Principal) -> list[dict[str, Any]]:
        async with admin_reading(self.db, me) as conn:
            return await listing(conn, me.workspace_id)

    async def connect(
        self, me: Principal, medium: Medium, req: s.IntegrationConnect
    ) -> dict[str, Any]:
        async with as_admin(self.db, self.doorbell, me) as w:
            return await connect(w, self.sealer, medium, req)

    async def disconnect(self, me: Principal, medium: Medium) -> dict[str, Any]:
        async with as_admin(self.db, self.doorbell, me) as w:
            return await disconnect(w, medium)

    async def secrets(self, workspace_id: uuid.UUID, medium: Medium) -> dict[str, str] | None:
        """A connected medium's secrets, for the code that talks to it (issue 18)."""
        async with self.db.read() as conn:
            return await open_secrets(conn, self.sealer, workspace_id, medium)


async def listing(conn: AsyncConnection, workspace_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every medium set up once, connected or not, in the sidebar's order (S9)."""
    rows = await conn.execute(
        select(m.Integration).where(m.Integration.workspace_id == workspace_id)
    )
    order = {md.value: i for i, md in enumerate(INTEGRATION_ORDER)}
    return sorted((wire.integration(r) for r in rows), key=lambda i: order[i["medium"]])


def _connectable(medium: Medium) -> Medium:
    if medium not in media.SETTINGS:
        names = ", ".join(md.value for md in INTEGRATION_ORDER)
        raise ServiceError(
            ErrorCode.INVALID_VALUE, f"{medium.value!r} is not connected this way: use {names}."
        )
    return medium


def _checked(schema: type[BaseModel], where: str, values: dict[str, Any]) -> BaseModel:
    """`values` as `schema`, or a 422 naming each wrong field (never its value)."""
    try:
        return schema.model_validate(values)
    except ValidationError as exc:
        fields = [
            {"loc": [where, *(str(p) for p in e["loc"])], "message": e["msg"]}
            for e in exc.errors(include_input=False, include_url=False)
        ]
        first = fields[0]
        raise ServiceError(
            ErrorCode.VALIDATION,
            f"{'.'.join(first['loc'])}: {first['message']}",
            current={"fields": fields},
        ) from None


def _default_name(medium: Medium, settings: dict[str, Any]) -> str:
    shown = next((str(v) for v in settings.values() if isinstance(v, str)), "")
    return f"{medium.value} {shown}".strip()[:200]


async def connect(
    w: ChangeWriter, sealer: Sealer, medium: Medium, req: s.IntegrationConnect
) -> dict[str, Any]:
    """Connect `medium`, or change its settings: settings given replace the old ones;
    secrets left out keep the ones already held (a disconnected medium holds none)."""
    medium = _connectable(medium)
    ws = w.workspace_id
    row = (
        await w.conn.execute(
            select(m.Integration).where(
                m.Integration.workspace_id == ws, m.Integration.medium == medium.value
            )
        )
    ).first()
    settings_in = req.settings or (dict(row.config) if row is not None else {})
    settings = _checked(media.SETTINGS[medium], "settings", settings_in).model_dump(mode="json")
    held: dict[str, str] = {}
    if row is not None and row.sealed_secrets is not None:
        try:
            held = sealer.open(ws, medium, bytes(row.sealed_secrets))
        except SecretsUnreadable:
            held = {}  # sealed under a lost key: the request must give them all again
    secrets = _checked(media.SECRETS[medium], "secrets", {**held, **req.secrets})
    plain = {k: str(v) for k, v in secrets.model_dump().items() if v is not None}
    values = {
        "name": req.name or (row.name if row is not None else _default_name(medium, settings)),
        "connected": True,
        "config": settings,
        "sealed_secrets": sealer.seal(ws, medium, plain),
        "secret_names": sorted(plain),
    }
    if row is None:
        integration_id = uuid.uuid4()
        await w.conn.execute(
            insert(m.Integration).values(
                id=integration_id, workspace_id=ws, medium=medium.value, **values
            )
        )
    else:
        integration_id = row.id
        await w.conn.execute(
            update(m.Integration).where(m.Integration.id == integration_id).values(**values)
        )
    return await _emit(w, integration_id)


async def disconnect(w: ChangeWriter, medium: Medium) -> dict[str, Any]:
    """The medium leaves the sidebar (S9) and its secrets are wiped; its chats stay."""
    medium = _connectable(medium)
    done = await w.conn.execute(
        update(m.Integration)
        .where(
            m.Integration.workspace_id == w.workspace_id,
            m.Integration.medium == medium.value,
            m.Integration.connected.is_(True),
        )
        .values(connected=False, sealed_secrets=None, secret_names=[])
    )
    if done.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, f"{medium.value} is not connected.")
    integration_id = await w.conn.scalar(
        select(m.Integration.id).where(
            m.Integration.workspace_id == w.workspace_id, m.Integration.medium == medium.value
        )
    )
    assert integration_id is not None
    return await _emit(w, integration_id)


async def _emit(w: ChangeWriter, integration_id: uuid.UUID) -> dict[str, Any]:
    row = (
        await w.conn.execute(select(m.Integration).where(m.Integration.id == integration_id))
    ).one()
    data = wire.integration(row)
    w.emit(Entity.INTEGRATION, integration_id, data)
    return data
