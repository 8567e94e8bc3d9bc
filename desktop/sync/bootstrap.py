"""Filling an empty (or outdated) cache from `GET /sync/bootstrap`, resumably.

ARCHITECTURE "Data flow" 4. The stream is NDJSON: a `reference` line, `chats` pages
newest first, then `end` with `as_of_seq`. Each line is written in its own transaction
and announced before the next is read, so the agent sees the newest chats while the
older ones still load. The position after each page (`next`) is stored with it: a broken
stream resumes with `?after=` instead of starting over.

A resumed stream is a newer snapshot than the pages before it. The log head taken
before the first request (`floor`) is at or below every snapshot, so the feed is then
followed from the floor: replaying full rows from there brings every chat written in
between up to date, whichever snapshot it came from. The resumed request sends the floor
as `since`, so the server also sends again the chats that moved ahead of our position.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx

from desktop.sync import api
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds

log = logging.getLogger(__name__)


async def bootstrap(
    cache: Cache,
    client: httpx.AsyncClient,
    headers: dict[str, str],
    *,
    page_size: int,
    announce: Callable[[ChangedIds], None],
    progress: Callable[[int], None],
    read_timeout: float = 60.0,
) -> int:
    """Run (or resume) the bootstrap to its end; returns the cursor to follow from.
    Raises api.Unauthorized, api.Retryable or httpx.TransportError when it cannot."""
    m = cache.get_meta()
    params: dict[str, Any] = {"page_size": page_size}
    if m.bootstrap_after is None:
        floor = await api.head(client, headers)
        await asyncio.to_thread(cache.begin_bootstrap, floor)
        progress(0)
    else:
        params["after"] = m.bootstrap_after
        if m.bootstrap_floor is not None:
            # Chats that moved ahead of our position since the first stream are sent again.
            params["since"] = m.bootstrap_floor
        await asyncio.to_thread(cache.resume_bootstrap)
        progress(m.bootstrap_chats)
        log.info("resuming the bootstrap after %s", m.bootstrap_after)
    async with client.stream(
        "GET", "/sync/bootstrap", params=params, headers=headers, timeout=read_timeout
    ) as r:
        if r.status_code in (400, 410) and "after" in params:
            # The server no longer understands our position, or no longer keeps the log
            # from our floor (410): start over (from a new floor).
            await asyncio.to_thread(cache.start_resync)
            raise api.Retryable("the bootstrap position was refused; starting over")
        if r.status_code != 200:
            await r.aread()
        api.check(r)
        async for line in r.aiter_lines():
            if not line.strip():
                continue
            obj = api.parse_line(line)
            match obj.get("type"):
                case "reference":
                    announce(await asyncio.to_thread(cache.write_reference, obj))
                case "chats":
                    done, changed = await asyncio.to_thread(cache.write_chat_page, obj)
                    announce(changed)
                    progress(done)
                case "end":
                    cursor, changed = await asyncio.to_thread(
                        cache.finish_bootstrap, int(obj["as_of_seq"])
                    )
                    announce(changed)
                    return cursor
                case other:
                    log.debug("ignoring a bootstrap line of type %r", other)
    raise api.Retryable("the bootstrap stream ended before its end line")
