"""`/integrations`: connect and disconnect media (S9). Admins and the owner only (403
admin_required otherwise); answers never carry a secret, only which are set."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from protocol import schemas as s
from protocol.kinds import Medium
from server.deps import Me, Svc

router = APIRouter(prefix="/integrations", tags=["integrations"])


@router.get("", response_model=list[s.IntegrationOut])
async def list_media(me: Me, svc: Svc) -> list[dict[str, Any]]:
    return await svc.media.list(me)


@router.put("/{medium}", response_model=s.IntegrationOut)
async def connect_medium(
    medium: Medium, body: s.IntegrationConnect, me: Me, svc: Svc
) -> dict[str, Any]:
    """Connect a medium, or change a connected one's settings (protocol.media says what
    each needs); secrets left out keep the ones held."""
    return await svc.media.connect(me, medium, body)


@router.delete("/{medium}", response_model=s.IntegrationOut)
async def disconnect_medium(medium: Medium, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.media.disconnect(me, medium)
