"""`/macros`: the workspace's saved replies (M3). Reading them is bootstrap's and the
change log's; these change them (the "manage macros" permission, O4)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response

from protocol import schemas as s
from server.deps import Me, Svc

router = APIRouter(prefix="/macros", tags=["macros"])


@router.post("", response_model=s.MacroOut, status_code=201)
async def create_macro(body: s.MacroIn, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.macros.save(me, body)


@router.put("/{macro_id}", response_model=s.MacroOut)
async def update_macro(macro_id: uuid.UUID, body: s.MacroIn, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.macros.save(me, body, macro_id)


@router.delete("/{macro_id}", status_code=204)
async def delete_macro(macro_id: uuid.UUID, me: Me, svc: Svc) -> Response:
    await svc.macros.delete(me, macro_id)
    return Response(status_code=204)
