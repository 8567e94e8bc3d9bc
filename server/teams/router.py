"""`/teams`: admins and owners run the workspace's teams (O4, R1-R4)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response

from protocol import people as p
from protocol import schemas as s
from server.deps import Me, Svc

router = APIRouter(prefix="/teams", tags=["teams"])


@router.get("", response_model=list[s.TeamOut])
async def list_teams(me: Me, svc: Svc) -> list[Any]:
    return await svc.teams.list_teams(me.workspace_id, me.manager_id)


@router.post("", response_model=s.TeamOut, status_code=201)
async def create_team(body: p.TeamCreate, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.teams.create(me.workspace_id, me.manager_id, body)


@router.patch("/{team_id}", response_model=s.TeamOut)
async def update_team(team_id: uuid.UUID, body: p.TeamUpdate, me: Me, svc: Svc) -> dict[str, Any]:
    """Rename; auto-assignment on (R1) or off (its queue empties into Unassigned)."""
    return await svc.teams.update(me.workspace_id, me.manager_id, team_id, body)


@router.delete("/{team_id}", status_code=204)
async def delete_team(team_id: uuid.UUID, me: Me, svc: Svc) -> Response:
    """Its chats stay, without a team."""
    await svc.teams.delete(me.workspace_id, me.manager_id, team_id)
    return Response(status_code=204)


@router.post("/{team_id}/members", response_model=s.TeamOut)
async def add_member(team_id: uuid.UUID, body: p.TeamMemberAdd, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.teams.add_member(me.workspace_id, me.manager_id, team_id, body)


@router.patch("/{team_id}/members/{manager_id}", response_model=s.TeamOut)
async def update_member(
    team_id: uuid.UUID, manager_id: uuid.UUID, body: p.TeamMemberUpdate, me: Me, svc: Svc
) -> dict[str, Any]:
    """In the rota or not; their maximum of auto-assigned chats (R4, theirs everywhere)."""
    return await svc.teams.update_member(me.workspace_id, me.manager_id, team_id, manager_id, body)


@router.delete("/{team_id}/members/{manager_id}", response_model=s.TeamOut)
async def remove_member(
    team_id: uuid.UUID, manager_id: uuid.UUID, me: Me, svc: Svc
) -> dict[str, Any]:
    return await svc.teams.remove_member(me.workspace_id, me.manager_id, team_id, manager_id)
