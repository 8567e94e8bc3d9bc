"""The administration window's calls (issue 17; SPEC S9, M3, P4): media, profile fields,
the workspace's settings and macros.

Like the chat's links these need the server there and then: a change an admin makes is
checked by the server (its permission, its values) and the answer is said at once, so
nothing is queued. A refusal comes back as `chat_calls.CallRefused` with the server's
code and message; no connection as `httpx.TransportError`. The feed brings every change
to the cache (and to every other app) as usual; nothing here writes the cache.
"""

from __future__ import annotations

from typing import Any

import httpx

from desktop.sync.chat_calls import CallRefused, _check

__all__ = [
    "CallRefused",
    "connect_medium",
    "create_field",
    "delete_field",
    "delete_macro",
    "disconnect_medium",
    "edit_field",
    "save_macro",
    "update_workspace",
]

Headers = dict[str, str]


def _json(r: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = r.json()
    return body


# ---- media (S9) --------------------------------------------------------------------------


async def connect_medium(
    client: httpx.AsyncClient,
    headers: Headers,
    medium: str,
    settings: dict[str, Any],
    secrets: dict[str, str],
) -> dict[str, Any]:
    """Connect `medium` or change its settings; a secret left out keeps the one held."""
    body = {"settings": settings, "secrets": secrets}
    r = await client.put(f"/integrations/{medium}", json=body, headers=headers)
    _check(r, 200)
    return _json(r)


async def disconnect_medium(
    client: httpx.AsyncClient, headers: Headers, medium: str
) -> dict[str, Any]:
    """Its secrets are wiped on the server; its chats stay."""
    r = await client.delete(f"/integrations/{medium}", headers=headers)
    _check(r, 200)
    return _json(r)


# ---- profile fields (P4) -----------------------------------------------------------------


async def create_field(
    client: httpx.AsyncClient, headers: Headers, field: dict[str, Any]
) -> dict[str, Any]:
    r = await client.post("/customer-fields", json=field, headers=headers)
    _check(r, 201, 200)
    return _json(r)


async def edit_field(
    client: httpx.AsyncClient, headers: Headers, key: str, change: dict[str, Any]
) -> dict[str, Any]:
    """A new type or fewer options that a customer's value would not fit is refused
    (422 invalid_value, its message names the field and how many customers)."""
    r = await client.patch(f"/customer-fields/{key}", json=change, headers=headers)
    _check(r, 200)
    return _json(r)


async def delete_field(client: httpx.AsyncClient, headers: Headers, key: str) -> None:
    """The customers' values are kept on the server."""
    r = await client.delete(f"/customer-fields/{key}", headers=headers)
    _check(r, 204)


# ---- the workspace -------------------------------------------------------------------------


async def update_workspace(
    client: httpx.AsyncClient, headers: Headers, change: dict[str, Any]
) -> dict[str, Any]:
    """`business_hours` replaces the week (a weekday left out is closed)."""
    r = await client.patch("/workspace", json=change, headers=headers)
    _check(r, 200)
    return _json(r)


# ---- macros (M3) -----------------------------------------------------------------------------


async def save_macro(
    client: httpx.AsyncClient, headers: Headers, macro_id: str | None, name: str, body: str
) -> dict[str, Any]:
    """Create (`macro_id` None) or change a macro; the server checks its variables."""
    payload = {"name": name, "body": body}
    if macro_id:
        r = await client.put(f"/macros/{macro_id}", json=payload, headers=headers)
    else:
        r = await client.post("/macros", json=payload, headers=headers)
    _check(r, 200, 201)
    return _json(r)


async def delete_macro(client: httpx.AsyncClient, headers: Headers, macro_id: str) -> None:
    r = await client.delete(f"/macros/{macro_id}", headers=headers)
    _check(r, 204, 404)
