"""`POST /hooks/{workspace_id}/{medium}`: the address each external medium is given for
its webhooks (U3). Public: the signature is the only key (server.connectors.inbound)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request

from protocol.kinds import Medium
from server.deps import Svc

router = APIRouter(prefix="/hooks", tags=["hooks"])


@router.post("/{workspace_id}/{medium}")
async def webhook(workspace_id: uuid.UUID, medium: Medium, request: Request, svc: Svc) -> Any:
    """200 with {"taken", "seen"} once verified (a retried event: taken 0, seen 1, so the
    medium stops retrying); 401 for a wrong or missing signature, 404 for a medium not
    connected, 400 for a payload that is not the medium's."""
    body = await request.body()
    address = request.client.host if request.client else None
    return await svc.connectors.receive(workspace_id, medium, body, request.headers, address)
