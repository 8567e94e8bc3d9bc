"""The administration window's calls (issue 17; SPEC O3, O4, R1-R4): teams, their
members, managers' roles, permissions, seats, deactivation, and invitations.

Not queued in the outbox: an admin's change needs the server's yes or no there and then
(the last owner, a role only an owner may give). Every change comes back to every app
through the change log, so these return nothing the cache must write; a refusal is
`CallRefused` with the server's code and message, no connection `httpx.TransportError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from desktop.sync.chat_calls import CallRefused, _check

__all__ = ["CallRefused", "Invitation", "accept_invitation"]

Headers = dict[str, str]


@dataclass(frozen=True, slots=True)
class Invitation:
    id: str
    email: str
    role: str
    expires_at: str
    link: str = ""  # only in the answer that made it


def _invitation(body: dict[str, Any]) -> Invitation:
    return Invitation(
        str(body["id"]),
        str(body["email"]),
        str(body["role"]),
        str(body["expires_at"]),
        str(body.get("link") or ""),
    )


# ---- teams (O4, R1-R4) --------------------------------------------------------------------


async def create_team(
    client: httpx.AsyncClient, headers: Headers, name: str, member_ids: list[str]
) -> str:
    r = await client.post("/teams", json={"name": name, "member_ids": member_ids}, headers=headers)
    _check(r, 201)
    return str(r.json()["id"])


async def update_team(
    client: httpx.AsyncClient,
    headers: Headers,
    team_id: str,
    *,
    name: str | None = None,
    auto_assign: bool | None = None,
) -> None:
    body: dict[str, Any] = {}
    if name is not None:
        body["name"] = name
    if auto_assign is not None:
        body["auto_assign"] = auto_assign
    r = await client.patch(f"/teams/{team_id}", json=body, headers=headers)
    _check(r, 200)


async def delete_team(client: httpx.AsyncClient, headers: Headers, team_id: str) -> None:
    r = await client.delete(f"/teams/{team_id}", headers=headers)
    _check(r, 204)


async def add_member(
    client: httpx.AsyncClient, headers: Headers, team_id: str, manager_id: str
) -> None:
    r = await client.post(
        f"/teams/{team_id}/members", json={"manager_id": manager_id}, headers=headers
    )
    _check(r, 200)


async def remove_member(
    client: httpx.AsyncClient, headers: Headers, team_id: str, manager_id: str
) -> None:
    r = await client.delete(f"/teams/{team_id}/members/{manager_id}", headers=headers)
    _check(r, 200)


async def update_member(
    client: httpx.AsyncClient,
    headers: Headers,
    team_id: str,
    manager_id: str,
    *,
    rota: bool | None = None,
    max_auto_assign: int | None = None,
) -> None:
    body: dict[str, Any] = {}
    if rota is not None:
        body["rota"] = rota
    if max_auto_assign is not None:
        body["max_auto_assign"] = max_auto_assign
    r = await client.patch(f"/teams/{team_id}/members/{manager_id}", json=body, headers=headers)
    _check(r, 200)


# ---- managers (O3, O4) ---------------------------------------------------------------------


async def set_role(client: httpx.AsyncClient, headers: Headers, manager_id: str, role: str) -> None:
    r = await client.put(f"/managers/{manager_id}/role", json={"role": role}, headers=headers)
    _check(r, 200)


async def set_permissions(
    client: httpx.AsyncClient, headers: Headers, manager_id: str, permissions: list[str]
) -> None:
    r = await client.put(
        f"/managers/{manager_id}/permissions",
        json={"permissions": permissions},
        headers=headers,
    )
    _check(r, 200)


async def set_seat(client: httpx.AsyncClient, headers: Headers, manager_id: str, on: bool) -> None:
    r = await client.patch(f"/managers/{manager_id}", json={"operator_seat": on}, headers=headers)
    _check(r, 200)


async def deactivate(client: httpx.AsyncClient, headers: Headers, manager_id: str) -> None:
    r = await client.post(f"/managers/{manager_id}/deactivate", headers=headers)
    _check(r, 200)


async def reactivate(client: httpx.AsyncClient, headers: Headers, manager_id: str) -> None:
    r = await client.post(f"/managers/{manager_id}/reactivate", headers=headers)
    _check(r, 200)


# ---- invitations ----------------------------------------------------------------------------


async def invite(client: httpx.AsyncClient, headers: Headers, email: str, role: str) -> Invitation:
    r = await client.post(
        "/managers/invitations", json={"email": email, "role": role}, headers=headers
    )
    _check(r, 201)
    return _invitation(r.json())


async def invitations(client: httpx.AsyncClient, headers: Headers) -> list[Invitation]:
    """The pending ones (not in the cache: only admins see them)."""
    r = await client.get("/managers/invitations", headers=headers)
    _check(r, 200)
    return [_invitation(b) for b in r.json()]


async def withdraw(client: httpx.AsyncClient, headers: Headers, invitation_id: str) -> None:
    r = await client.delete(f"/managers/invitations/{invitation_id}", headers=headers)
    _check(r, 204)


@dataclass(frozen=True, slots=True)
class Accepted:
    token: str
    manager_id: str
    workspace_id: str


async def accept_invitation(
    client: httpx.AsyncClient, token: str, name: str, password: str, device_name: str
) -> Accepted:
    """The invited person's own call (no session yet): name and password set, a session
    back, as a login gives."""
    r = await client.post(
        "/invitations/accept",
        json={"token": token, "name": name, "password": password, "device_name": device_name},
    )
    if r.status_code != 201:
        from desktop.sync.chat_calls import _refused

        raise _refused(r)
    body = r.json()
    return Accepted(str(body["token"]), str(body["manager_id"]), str(body["workspace_id"]))


async def my_email(client: httpx.AsyncClient, token: str) -> str:
    """`GET /auth/me` with a new session: the login's email (the keyring's key)."""
    r = await client.get("/auth/me", headers={"Authorization": f"Bearer {token}"})
    _check(r, 200)
    return str(r.json()["email"])
