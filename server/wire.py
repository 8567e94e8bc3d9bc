"""Rows to wire dicts: the one place a table row becomes what clients receive.

Each function validates through the protocol schema, so the change log, bootstrap and
HTTP answers can never drift from what `protocol` promises.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from server.db import models as m


def dump(schema: type[s.Wire], obj: Any) -> dict[str, Any]:
    """Validate a row (or a dict of its columns) as `schema`; other columns are left out."""
    if isinstance(obj, dict):
        fields = schema.model_fields  # once: each access costs a descriptor call
        obj = {k: v for k, v in obj.items() if k in fields}
    return schema.model_validate(obj, from_attributes=True).model_dump(mode="json", by_alias=True)


def chat(row: Any) -> dict[str, Any]:
    return dump(s.ChatOut, row)


def message(row: Any) -> dict[str, Any]:
    return dump(s.MessageOut, row)


def chat_state(row: Any) -> dict[str, Any]:
    return dump(s.ChatStateOut, row)


def tag(row: Any) -> dict[str, Any]:
    return dump(s.TagOut, row)


def macro(row: Any) -> dict[str, Any]:
    return dump(s.MacroOut, row)


def integration(row: Any) -> dict[str, Any]:
    """Its plain settings and the names of its secrets; the sealed value never."""
    d = row if isinstance(row, dict) else row._asdict()
    return dump(
        s.IntegrationOut,
        {**d, "settings": d.get("config") or {}, "secrets_set": d.get("secret_names") or []},
    )


def workspace(row: Any) -> dict[str, Any]:
    return dump(s.WorkspaceOut, row)


def page_visit(row: Any) -> dict[str, Any]:
    return dump(s.PageVisitOut, row)


def customer_field(row: Any) -> dict[str, Any]:
    return dump(s.CustomerFieldOut, row)


async def managers(conn: AsyncConnection, ids: Sequence[uuid.UUID]) -> list[dict[str, Any]]:
    rows = (await conn.execute(select(m.Manager).where(m.Manager.id.in_(ids)))).all()
    teams: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for team_id, manager_id in await conn.execute(
        select(m.TeamMember.team_id, m.TeamMember.manager_id).where(
            m.TeamMember.manager_id.in_(ids)
        )
    ):
        teams[manager_id].append(team_id)
    return [
        dump(
            s.ManagerOut,
            {**r._asdict(), "team_ids": teams[r.id], "deactivated": r.deactivated_at is not None},
        )
        for r in rows
    ]


async def teams(conn: AsyncConnection, ids: Sequence[uuid.UUID]) -> list[dict[str, Any]]:
    rows = (await conn.execute(select(m.Team).where(m.Team.id.in_(ids)))).all()
    members: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    rota: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for team_id, manager_id, in_rota in await conn.execute(
        select(m.TeamMember.team_id, m.TeamMember.manager_id, m.TeamMember.auto_assign)
        .where(m.TeamMember.team_id.in_(ids))
        .order_by(m.TeamMember.manager_id)
    ):
        members[team_id].append(manager_id)
        if in_rota:
            rota[team_id].append(manager_id)
    return [
        dump(s.TeamOut, {**r._asdict(), "member_ids": members[r.id], "rota_ids": rota[r.id]})
        for r in rows
    ]


async def customers(conn: AsyncConnection, ids: Iterable[uuid.UUID]) -> list[dict[str, Any]]:
    ids = list(set(ids))
    rows = (await conn.execute(select(m.Customer).where(m.Customer.id.in_(ids)))).all()
    identities: dict[uuid.UUID, list[dict[str, str]]] = defaultdict(list)
    for r in await conn.execute(
        select(m.CustomerIdentity).where(m.CustomerIdentity.customer_id.in_(ids))
    ):
        identities[r.customer_id].append({"medium": r.medium, "external_id": r.external_id})
    return [dump(s.CustomerOut, {**r._asdict(), "identities": identities[r.id]}) for r in rows]


def rows_as_dicts(rows: Iterable[Row[Any]]) -> list[dict[str, Any]]:
    return [r._asdict() for r in rows]
