"""The chat's calls outside the outbox (SPEC H4, H5): its links and a permanent delete.

These need the server there and then: a link is the server's to make, a delete cannot be
undone, so neither is queued. A refusal comes back as `CallRefused` with the server's
code and message (the window says it); no connection as `httpx.TransportError`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httpx

from desktop.sync import api
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds


class CallRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True, slots=True)
class Links:
    manager_url: str  # an https page that opens the chat in the app (for teammates)
    app_url: str  # the sangdam:// link itself


def _refused(r: httpx.Response) -> CallRefused:
    try:
        error = r.json()["error"]
        return CallRefused(r.status_code, str(error["code"]), str(error["message"]))
    except (ValueError, KeyError, TypeError):
        return CallRefused(r.status_code, "", r.reason_phrase or f"HTTP {r.status_code}")


def _check(r: httpx.Response, *ok: int) -> None:
    if r.status_code in ok:
        return
    if r.status_code == 401:
        raise api.Unauthorized(api.error_message(r))
    if r.status_code in api.RETRYABLE_STATUS:
        raise api.Retryable(f"HTTP {r.status_code}: {api.error_message(r)}")
    raise _refused(r)


async def links(client: httpx.AsyncClient, headers: dict[str, str], chat_id: str) -> Links:
    r = await client.get(f"/chats/{chat_id}/links", headers=headers)
    _check(r, 200)
    body = r.json()
    return Links(str(body["manager_url"]), str(body["app_url"]))


async def new_customer_link(
    client: httpx.AsyncClient, headers: dict[str, str], chat_id: str
) -> str:
    """A new link for the chat's customer; the old one stops working."""
    r = await client.post(f"/chats/{chat_id}/customer-link", headers=headers)
    _check(r, 200, 201)
    return str(r.json()["url"])


async def delete_chat(
    client: httpx.AsyncClient, headers: dict[str, str], cache: Cache, chat_id: str
) -> ChangedIds:
    """H5: gone for good on the server, then from the cache (the feed's tombstone would
    remove it too; this does not wait for it)."""
    r = await client.delete(f"/chats/{chat_id}", headers=headers)
    _check(r, 204)
    return await asyncio.to_thread(cache.write_fetched_chat, chat_id, None)
