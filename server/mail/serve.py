"""`sangdam-server mail`: the SMTP listener as its own process, beside `serve`.

Its own process so the HTTP workers never hold port 25 (or 2525) and a mail flood never
slows the inbox; it shares the database and the files folder with them, and rings their
doorbell (postgres or redis; with memory, their hubs' head poll finds the new mail).
"""

from __future__ import annotations

import asyncio

from server.config import Settings
from server.customers.limits import PublicLimits
from server.db.database import Database
from server.mail.listener import MAX_MAIL_BYTES, MailHandler, listen
from server.ratelimit import make_windows
from server.sync.doorbell import make_doorbell
from server.uploads.storage import LocalStorage


def parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65_535:
        raise ValueError(f"--listen takes host:port, e.g. 0.0.0.0:2525 (not {text!r})")
    return host.strip("[]") or "0.0.0.0", int(port)


async def run(settings: Settings, host: str, port: int, max_bytes: int = MAX_MAIL_BYTES) -> None:
    db = Database(settings.database_url)
    doorbell = make_doorbell(settings.doorbell, settings.database_url, settings.redis_url)
    await doorbell.start()
    limits = PublicLimits(settings, make_windows(settings.doorbell, settings.redis_url))
    handler = MailHandler(db, doorbell, LocalStorage(settings.files_path()), limits)
    server = await listen(handler, host, port, max_bytes)
    print(f"receiving mail on {host}:{port}", flush=True)
    try:
        async with server:
            await server.serve_forever()
    except asyncio.CancelledError:
        pass
    finally:
        await doorbell.stop()
        await db.dispose()
