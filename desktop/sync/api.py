"""The few server calls the sync engine makes besides the feed, and how their failures read.

Every failure is one of two kinds for the caller: `Unauthorized` (stop and ask the agent
to log in again) or `Retryable` (the network or the server is down or busy: back off
and try again; nothing is dropped). Responses are written to the cache here, in a
worker thread, so the event loop only waits on the network.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from protocol.limits import MAX_MESSAGES_PAGE


class Unauthorized(Exception):
    """The token was refused (expired, revoked, or never valid)."""


class Retryable(Exception):
    """Worth trying again later: a network error, a 5xx, a throttle."""


RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


def check(r: httpx.Response, *ok: int) -> None:
    """Raise the right kind of error for anything but the expected statuses."""
    if r.status_code in (ok or (200,)):
        return
    if r.status_code == 401:
        raise Unauthorized(error_message(r))
    if r.status_code in RETRYABLE_STATUS:
        raise Retryable(f"HTTP {r.status_code}: {error_message(r)}")
    # Any other answer is a bug on one side; retrying slowly keeps the data and the log
    # says why, where dropping it would lose an agent's action.
    raise Retryable(f"unexpected HTTP {r.status_code} for {r.request.url.path}: {error_message(r)}")


def error_message(r: httpx.Response) -> str:
    try:
        return str(r.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return r.reason_phrase or f"HTTP {r.status_code}"


async def head(client: httpx.AsyncClient, headers: dict[str, str]) -> int:
    """The workspace's log head now (also when the log is pruned: the 410 names it)."""
    r = await client.get("/sync/changes", params={"since": 0, "limit": 1}, headers=headers)
    if r.status_code == 410:
        try:
            return int(r.json()["error"]["current"]["head"])
        except (ValueError, KeyError, TypeError) as exc:
            raise Retryable(f"a 410 without the head: {r.text[:200]}") from exc
    check(r)
    return int(r.json()["head"])


async def refresh_chat(
    client: httpx.AsyncClient, headers: dict[str, str], cache: Cache, chat_id: str
) -> ChangedIds:
    """Read a chat and its newest messages from the server into the cache (after a
    refused mutation: the server's truth, fresher than the cache)."""
    r = await client.get(f"/chats/{chat_id}", headers=headers)
    if r.status_code == 404:
        return await asyncio.to_thread(cache.write_fetched_chat, chat_id, None)
    check(r)
    changed = await asyncio.to_thread(cache.write_fetched_chat, chat_id, r.json())
    more_changed, _ = await load_messages(client, headers, cache, chat_id, before=None, limit=50)
    changed.merge(more_changed)
    return changed


async def load_messages(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    cache: Cache,
    chat_id: str,
    *,
    before: int | None,
    limit: int,
) -> tuple[ChangedIds, bool]:
    """A page of a chat's messages below `before` (None: the newest) into the cache;
    returns what changed and whether older ones remain."""
    params: dict[str, Any] = {"limit": max(1, min(limit, MAX_MESSAGES_PAGE))}
    if before is not None:
        params["before"] = before
    r = await client.get(f"/chats/{chat_id}/messages", params=params, headers=headers)
    if r.status_code == 404:
        return await asyncio.to_thread(cache.write_fetched_chat, chat_id, None), False
    check(r)
    body = r.json()
    more = bool(body.get("more"))
    changed = await asyncio.to_thread(
        cache.write_fetched_messages, chat_id, body["messages"], before=before, more=more
    )
    return changed, more


def parse_line(line: str) -> dict[str, Any]:
    value = json.loads(line)
    if not isinstance(value, dict):
        raise Retryable(f"a bootstrap line that is not an object: {line[:100]!r}")
    return value
