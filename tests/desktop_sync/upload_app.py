"""A stand-in desktop app for the uploads' crash test: attaches a file to a message,
sends it, gets killed mid-upload, and on its next run resumes and finishes.

    python -m tests.desktop_sync.upload_app --url URL --email E --password P
        --folder DIR --chat CHAT_ID --file PATH [--pause-after-patches K] [--chunk BYTES]

The first run attaches the file and sends the message (both committed to the cache
before any byte goes), printing `attached <message id>`. Every run prints `created`,
`head <offset>` and `patched <offset>` as the server answers POST, HEAD and PATCH; with
--pause-after-patches K it hangs after the K-th PATCH answer (the test SIGKILLs it
there). It prints `done` once the message is on the server and in the cache.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
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
    p.add_argument("--file", type=Path, required=True)
    p.add_argument("--pause-after-patches", type=int, default=0)
    p.add_argument("--chunk", type=int, default=0, help="bytes per PATCH (the app's own: 0)")
    args = p.parse_args()

    patches = 0

    async def on_response(response: httpx.Response) -> None:
        nonlocal patches
        method, path = response.request.method, response.request.url.path
        if not path.startswith("/uploads"):
            return
        if method == "POST":
            say("created")
        elif method == "HEAD":
            say(f"head {response.headers.get('Upload-Offset')}")
        elif method == "PATCH":
            patches += 1
            say(f"patched {response.headers.get('Upload-Offset')}")
            if patches == args.pause_after_patches:
                say("paused")
                await asyncio.sleep(3600)

    async with httpx.AsyncClient(
        base_url=args.url, timeout=30, event_hooks={"response": [on_response]}
    ) as client:
        r = await client.post("/auth/login", json={"email": args.email, "password": args.password})
        r.raise_for_status()
        who = r.json()
        cache = Cache.for_login(
            args.url, who["workspace_id"], who["manager_id"], folder=args.folder
        )
        sent = asyncio.Event()
        marker = args.folder / "message_id"

        def on_changed(changed: ChangedIds) -> None:
            if not marker.exists():
                return
            mid = marker.read_text()
            for m in cache.reads.messages(args.chat, limit=100):
                if m.id == mid and m.seq is not None:
                    sent.set()

        engine = SyncEngine(
            cache, who["token"], client=client, backoff=Backoff(0.05, 0.5), on_changed=on_changed
        )
        if args.chunk:
            engine.uploader.tus.chunk = args.chunk
        if not marker.exists():
            mid = str(uuid.uuid4())
            check = engine.check_files([args.file])
            assert not check.refused, check.refused
            await engine.attach_files(args.chat, check, message_id=mid)
            await engine.send_message(args.chat, "after a crash", message_id=mid)
            marker.write_text(mid)
            say(f"attached {mid}")
        await engine.start()
        on_changed(ChangedIds())
        await sent.wait()
        say("done")
        await engine.stop()
        cache.close()


if __name__ == "__main__":
    asyncio.run(main())
