"""`/managers`: one's own settings; an admin's for anyone (O3)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from protocol import schemas as s
from server.deps import Me, Svc

router = APIRouter(prefix="/managers", tags=["managers"])


@router.patch("/{manager_id}", response_model=s.ManagerOut)
async def update_manager(
    manager_id: uuid.UUID, body: s.ManagerSettings, me: Me, svc: Svc
) -> dict[str, Any]:
    """Operator seat, availability, maximum auto-assignments, "notify me of unassigned
    chats", and (admins only) permissions. Gaining room takes waiting chats (R3)."""
    return await svc.managers.update(me, manager_id, body)
