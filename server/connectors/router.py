"""`POST /hooks/{workspace_id}/{medium}`: the address each external medium is given for
its webhooks (U3). Public: the signature is the only key (server.connectors.inbound).
`GET` on the same address answers Meta's subscription check for Instagram."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse

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


@router.get("/{workspace_id}/{medium}", response_class=PlainTextResponse)
async def subscription_check(
    workspace_id: uuid.UUID,
    medium: Medium,
    request: Request,
    svc: Svc,
    mode: str = Query("", alias="hub.mode"),
    token: str = Query("", alias="hub.verify_token"),
    challenge: str = Query("", alias="hub.challenge"),
) -> str:
    """Meta's check when an admin subscribes this address: its challenge echoed as plain
    text when the verify token matches the medium's; 403 when it does not, 404 for a
    medium not connected or one that makes no such check."""
    address = request.client.host if request.client else None
    return await svc.connectors.subscription_check(
        workspace_id, medium, mode, token, challenge, address
    )
