"""bench.upload's two uploaders, each run in a process of its own so its memory is its own.

    python -m bench.upload_client app --url URL --login JSON --chat C --folder DIR FILE...
    python -m bench.upload_client plain --url URL FILE...

``app``: the path the app takes. A ``SyncEngine`` for the login (the answer of
``POST /auth/login``, as JSON) on a cache in DIR, started and bootstrapped; then the
FILEs are checked (``engine.check_files``), attached to one new message
(``engine.attach_files``) and sent by the engine's uploader (desktop.sync.uploader over
the tus client, desktop.sync.tus: PATCHes of up to 64 MiB streamed from disk in 1 MiB
reads, each with a crc32 hashed ahead, three files at a time), to our server.
``plain``: each FILE in one streaming ``PUT`` with httpx (1 MiB reads from disk,
Content-Length set) to bench.upload_baseline, all at once.

Clock: ``time.perf_counter`` in this process. ``app``: starts just before the files are
checked and stops when the engine has recorded the last of them as up (its
``on_changed`` for the message, after the 204 of the PATCH that completed it, the row
written); ``plain``: starts just before the PUTs go and stops when the last answer has
arrived. Memory: this process's RSS sampled every 5 ms over the same span (bench.rss);
growth is the peak less the RSS at the start. CPU: ``time.process_time`` (this process,
every thread) over the same span.

Prints one JSON line: seconds, cpu_seconds, bytes, rss_before_mb, rss_growth_mb,
patches, file_ids.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from bench.rss import PeakRss

MIB = 1024**2
READ = MIB  # the plain uploader's reads from disk


async def upload_app(
    url: str, login: dict[str, str], chat: str, paths: list[Path], folder: Path
) -> dict[str, Any]:
    """The files through the app's sync engine: checked, attached to one new message,
    sent by its uploader; done when the engine has recorded every file as up."""
    from desktop.sync.changed import ChangedIds
    from desktop.sync.engine import SyncEngine
    from desktop.sync.status import Phase

    message_id = str(uuid.uuid4())
    changed = asyncio.Event()
    online = asyncio.Event()

    def on_changed(ids: ChangedIds) -> None:
        if message_id in ids.uploads:
            changed.set()

    engine = SyncEngine.for_login(
        url,
        login["token"],
        login["workspace_id"],
        login["manager_id"],
        folder=folder,
        on_changed=on_changed,
        on_status=lambda s: online.set() if s.phase is Phase.ONLINE else None,
    )
    await engine.start()
    try:
        await asyncio.wait_for(online.wait(), 60)  # bootstrapped, following the feed
        with PeakRss() as rss:
            began, cpu = time.perf_counter(), time.process_time()
            check = engine.check_files(paths)
            if check.refused:
                raise RuntimeError(f"the app refused files: {check.refused}")
            await engine.attach_files(chat, check, message_id=message_id)
            while True:
                files = engine.uploads(message_id)
                if any(f.stopped for f in files):
                    raise RuntimeError(f"an upload failed: {[f.error for f in files]}")
                if all(f.done for f in files):
                    break
                changed.clear()
                await changed.wait()
            took, cpu = time.perf_counter() - began, time.process_time() - cpu
        patches = engine.uploader.tus.patches
    finally:
        await engine.stop()
    return {
        "seconds": took,
        "cpu_seconds": cpu,
        "patches": patches,
        **_memory(rss),
        "file_ids": [f.file_id for f in files],
    }


async def _read(path: Path) -> AsyncIterator[bytes]:
    with open(path, "rb") as f:  # noqa: ASYNC230 (plain: reads on the loop, as httpx docs do)
        while data := f.read(READ):
            yield data


async def upload_plain(url: str, paths: list[Path]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as client:
        await client.get("/health")

        sizes = [p.stat().st_size for p in paths]  # before the clock

        async def put(i: int, path: Path) -> None:
            r = await client.put(
                f"/files/{i}-{quote(path.name)}",
                content=_read(path),
                headers={"Content-Length": str(sizes[i])},
            )
            r.raise_for_status()

        with PeakRss() as rss:
            began, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(put(i, p) for i, p in enumerate(paths)))
            took, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"seconds": took, "cpu_seconds": cpu, "patches": 0, **_memory(rss), "file_ids": []}


def _memory(rss: PeakRss) -> dict[str, float]:
    return {"rss_before_mb": rss.before / MIB, "rss_growth_mb": rss.growth / MIB}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("side", choices=["app", "plain"])
    p.add_argument("--url", required=True)
    p.add_argument("--login", default="", help="app: the login answer (JSON)")
    p.add_argument("--chat", default="")
    p.add_argument("--folder", type=Path, help="app: where its cache goes")
    p.add_argument("files", nargs="+", type=Path)
    args = p.parse_args()
    if args.side == "app":
        if not args.login or not args.chat or args.folder is None:
            p.error("app needs --login, --chat and --folder")
        login = json.loads(args.login)
        result = asyncio.run(upload_app(args.url, login, args.chat, args.files, args.folder))
    else:
        result = asyncio.run(upload_plain(args.url, args.files))
    result["bytes"] = sum(f.stat().st_size for f in args.files)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
