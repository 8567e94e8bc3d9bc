"""bench.upload's two uploaders, each run in a process of its own so its memory is its own.

    python -m bench.upload_client app --url URL --token T --chat C FILE...
    python -m bench.upload_client plain --url URL FILE...

``app``: the desktop's uploader as the app runs it (``desktop.sync.tus.TusClient`` on one
long-lived ``httpx.AsyncClient`` with the engine's settings, sha256 on every chunk), all
FILEs of one message at once, to our server. ``plain``: each FILE in one streaming
``PUT`` with httpx (1 MiB reads from disk, Content-Length set) to bench.upload_baseline,
all at once.

Clock: ``time.perf_counter`` in this process, started just before the first request goes
(``app``: the first creation POST; ``plain``: the PUTs) and stopped when the last answer
has arrived (``app``: the last PATCH's 204 that completes a file). Memory: this
process's RSS sampled every 5 ms from just before the clock starts to just after it
stops (bench.rss); growth is the peak less the RSS at the start.

CPU: ``time.process_time`` (this process, every thread) over the same span.

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


async def upload_app(url: str, token: str, chat: str, paths: list[Path]) -> dict[str, Any]:
    from desktop.sync.tus import TusClient

    message_id = str(uuid.uuid4())
    async with httpx.AsyncClient(base_url=url, timeout=30.0) as client:
        tus = TusClient(client, {"Authorization": f"Bearer {token}"})
        await client.get("/health")  # the connection pool warm, as the app's is
        with PeakRss() as rss:
            began, cpu = time.perf_counter(), time.process_time()
            ids = await asyncio.gather(
                *(tus.upload(p, chat_id=chat, message_id=message_id) for p in paths)
            )
            took, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {
        "seconds": took,
        "cpu_seconds": cpu,
        "patches": tus.patches,
        **_memory(rss),
        "file_ids": ids,
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
    p.add_argument("--token", default="")
    p.add_argument("--chat", default="")
    p.add_argument("files", nargs="+", type=Path)
    args = p.parse_args()
    if args.side == "app":
        if not args.token or not args.chat:
            p.error("app needs --token and --chat")
        result = asyncio.run(upload_app(args.url, args.token, args.chat, args.files))
    else:
        result = asyncio.run(upload_plain(args.url, args.files))
    result["bytes"] = sum(f.stat().st_size for f in args.files)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
