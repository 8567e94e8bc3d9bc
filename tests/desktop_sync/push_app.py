"""A stand-in desktop app for test_crash: queues N messages, pushes them, gets killed.

    python -m tests.desktop_sync.push_app --url URL --email E --password P --folder DIR
        --chat CHAT_ID --count N [--pause-after-push K] [--announce-sends]

The first run queues N messages (the outbox rows commit before anything is sent) and
records that it did; every run then syncs until the outbox is empty and prints `done`.
It prints `pushed <k>` after each push response; with --pause-after-push K it then
hangs after the K-th response has arrived and before the outbox hears of it (the worst
moment to die); with --announce-sends it prints `sending` as each push goes out.
The test SIGKILLs it at those points.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import httpx

from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.engine import SyncEngine
from desktop.sync.follower import Backoff


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--folder", type=Path, required=True)
    p.add_argument("--chat", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--pause-after-push", type=int, default=0)
    p.add_argument("--announce-sends", action="store_true")
    args = p.parse_args()

    pushes = 0

    async def on_request(request: httpx.Request) -> None:
        if request.url.path == "/sync/push" and args.announce_sends:
            say("sending")

    async def on_response(response: httpx.Response) -> None:
        nonlocal pushes
        if response.request.url.path != "/sync/push":
            return
        await response.aread()
        pushes += 1
        say(f"pushed {pushes}")
        if pushes == args.pause_after_push:
            say("paused")
            await asyncio.sleep(3600)

    async with httpx.AsyncClient(
        base_url=args.url,
        timeout=30,
        event_hooks={"request": [on_request], "response": [on_response]},
    ) as client:
        r = await client.post("/auth/login", json={"email": args.email, "password": args.password})
        r.raise_for_status()
        who = r.json()
        cache = Cache.for_login(
            args.url, who["workspace_id"], who["manager_id"], folder=args.folder
        )
        emptied = asyncio.Event()

        def on_changed(changed: ChangedIds) -> None:
            if changed.outbox and not cache.outbox():
                emptied.set()

        engine = SyncEngine(
            cache,
            who["token"],
            client=client,
            autopush=False,
            backoff=Backoff(0.05, 0.5),
            on_changed=on_changed,
        )
        marker = args.folder / "queued"
        if not marker.exists():
            for i in range(args.count):
                await engine.send_message(args.chat, f"crash {i}")
            marker.write_text("yes")
            say("queued")
        await engine.start()
        engine.push_now()
        if cache.outbox():
            await emptied.wait()
        say("done")
        await engine.stop()
        cache.close()


if __name__ == "__main__":
    asyncio.run(main())
