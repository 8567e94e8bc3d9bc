"""`/workspace` and `/customer-fields`: the workspace's settings and its customers'
profile schema (P4). Admins and the owner only (403 admin_required otherwise)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from protocol import schemas as s
from server.deps import Me, Svc

router = APIRouter(tags=["workspace"])


@router.get("/workspace", response_model=s.WorkspaceOut)
async def show_workspace(me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.workspace.show(me)


@router.patch("/workspace", response_model=s.WorkspaceOut)
async def update_workspace(body: s.WorkspaceSettings, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.workspace.update(me, body)


@router.get("/customer-fields", response_model=list[s.CustomerFieldOut])
async def list_fields(me: Me, svc: Svc) -> list[dict[str, Any]]:
    return await svc.fields.list(me)


@router.post("/customer-fields", response_model=s.CustomerFieldOut, status_code=201)
async def create_field(body: s.CustomerFieldIn, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.fields.create(me, body)


@router.patch("/customer-fields/{key}", response_model=s.CustomerFieldOut)
async def edit_field(key: str, body: s.CustomerFieldEdit, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.fields.edit(me, key, body)


@router.delete("/customer-fields/{key}", status_code=204)
async def delete_field(key: str, me: Me, svc: Svc) -> Response:
    await svc.fields.delete(me, key)
    return Response(status_code=204)
