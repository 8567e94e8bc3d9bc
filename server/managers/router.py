"""`/managers`: one's own settings, an admin's for anyone (O3); admins and owners invite,
deactivate and reactivate managers and set their roles and permissions (O4).
`/invitations/accept`: the invited person's own call, with the invitation's token."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, Response

from protocol import people as p
from protocol import schemas as s
from server.deps import Me, Svc

router = APIRouter(prefix="/managers", tags=["managers"])
invitations = APIRouter(prefix="/invitations", tags=["managers"])


@router.get("", response_model=list[s.ManagerOut])
async def list_managers(me: Me, svc: Svc) -> list[dict[str, Any]]:
    """Every manager, deactivated ones too (admins and owners)."""
    return await svc.people.list_managers(me.workspace_id, me.manager_id)


@router.post("/invitations", response_model=p.InvitationCreated, status_code=201)
async def invite(body: p.InvitationCreate, request: Request, me: Me, svc: Svc) -> dict[str, Any]:
    """An invitation link with a one-time token, valid for 7 days; only this answer
    carries the token."""
    data, token = await svc.people.invite(me.workspace_id, me.manager_id, body)
    link = p.invitation_link(str(request.base_url), token)
    return {**data, "token": token, "link": link}


@router.get("/invitations", response_model=list[p.InvitationOut])
async def pending_invitations(me: Me, svc: Svc) -> list[dict[str, Any]]:
    return await svc.people.invitations(me.workspace_id, me.manager_id)


@router.delete("/invitations/{invitation_id}", status_code=204)
async def withdraw_invitation(invitation_id: uuid.UUID, me: Me, svc: Svc) -> Response:
    await svc.people.withdraw(me.workspace_id, me.manager_id, invitation_id)
    return Response(status_code=204)


@router.patch("/{manager_id}", response_model=s.ManagerOut)
async def update_manager(
    manager_id: uuid.UUID, body: s.ManagerSettings, me: Me, svc: Svc
) -> dict[str, Any]:
    """Operator seat, availability, maximum auto-assignments, "notify me of unassigned
    chats", and (admins only) permissions. Gaining room takes waiting chats (R3)."""
    return await svc.managers.update(me, manager_id, body)


@router.put("/{manager_id}/role", response_model=s.ManagerOut)
async def set_role(manager_id: uuid.UUID, body: p.RoleUpdate, me: Me, svc: Svc) -> dict[str, Any]:
    """Only an owner makes or unmakes an owner; the last active owner stays one."""
    return await svc.people.set_role(me.workspace_id, me.manager_id, manager_id, body.role)


@router.put("/{manager_id}/permissions", response_model=s.ManagerOut)
async def set_permissions(
    manager_id: uuid.UUID, body: p.PermissionsUpdate, me: Me, svc: Svc
) -> dict[str, Any]:
    return await svc.people.set_permissions(me.workspace_id, me.manager_id, manager_id, body)


@router.post("/{manager_id}/deactivate", response_model=s.ManagerOut)
async def deactivate(manager_id: uuid.UUID, me: Me, svc: Svc) -> dict[str, Any]:
    """Every session ends; open chats go back to routing; their history stays theirs."""
    return await svc.people.deactivate(me.workspace_id, me.manager_id, manager_id)


@router.post("/{manager_id}/reactivate", response_model=s.ManagerOut)
async def reactivate(manager_id: uuid.UUID, me: Me, svc: Svc) -> dict[str, Any]:
    return await svc.people.reactivate(me.workspace_id, me.manager_id, manager_id)


@invitations.post("/accept", response_model=s.LoginResponse, status_code=201)
async def accept_invitation(body: p.InvitationAccept, svc: Svc) -> s.LoginResponse:
    """Become the invited manager: name and password set, logged in at once."""
    session = await svc.people.accept(body)
    return s.LoginResponse(
        token=session.token,
        expires_at=session.expires_at,
        manager_id=session.manager_id,
        workspace_id=session.workspace_id,
    )
