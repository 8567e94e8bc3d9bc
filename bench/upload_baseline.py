"""bench.upload's baseline receiver: a minimal ASGI app that writes a request's body to
a file, and nothing else.

``PUT /files/{name}`` with a Content-Length body: the bytes go, as they arrive, to
``{name}`` in ``SANGDAM_FILES_DIR`` (plain blocking writes on the event loop, no
checksum, no database, no authentication, no fsync); answers 204 once the last byte is
written. ``GET /health`` answers 200. What any server that takes a file onto its disk
must do, so bench.upload can quote our tus server as a share of it.

It runs as our server does, in a uvicorn process (one worker), and takes the options of
``sangdam-server serve`` so ``bench._support.Server(entry=...)`` starts it the same way:
``python -m bench.upload_baseline serve --database-url ANY --port N`` (the database and
the other options mean nothing here).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class Receiver:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path == "/health":
            await _drain(receive)
            await _answer(send, 200)
        elif scope["method"] == "PUT" and path.startswith("/files/"):
            name = Path(path.removeprefix("/files/")).name  # no folders, no `..`
            with open(self.folder / name, "wb") as out:  # noqa: ASYNC230 (the minimal way)
                while True:
                    event = await receive()
                    out.write(event.get("body", b""))
                    if not event.get("more_body"):
                        break
            await _answer(send, 204)
        else:
            await _drain(receive)
            await _answer(send, 404)


async def _drain(receive: Receive) -> None:
    while (await receive()).get("more_body"):
        pass


async def _answer(send: Send, status: int) -> None:
    await send({"type": "http.response.start", "status": status, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def create() -> Receiver:
    """uvicorn's factory: the folder from the environment, as for our server."""
    folder = Path(os.environ["SANGDAM_FILES_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return Receiver(folder)


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    p = argparse.ArgumentParser(prog="python -m bench.upload_baseline", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the receiver (takes sangdam-server serve's options)")
    serve.add_argument("--database-url", default="", help="accepted, means nothing here")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8752)
    serve.add_argument("--workers", type=int, choices=[1], default=1)
    serve.add_argument("--doorbell", default=None, help="accepted, means nothing here")
    serve.add_argument("--no-migrate", action="store_true", help="accepted, means nothing here")
    serve.add_argument("--log-level", default="info")
    args = p.parse_args(argv)
    uvicorn.run(
        "bench.upload_baseline:create",
        factory=True,
        host=args.host,
        port=args.port,
        workers=1,
        log_level=args.log_level,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
