"""A stand-in for a messenger's API (LINE, Instagram, ...): the external party our
server calls, served over real HTTP on 127.0.0.1. It records each request and answers
with the statuses it is told, in order (then 200); a GET gets the file put at its path
(the photos customers send, which the messenger keeps), else 404."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeMedium:
    base: str = ""
    seen: list[Seen] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # answers to come, then 200
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # GET path: bytes, type

    async def handle(self, request: Request) -> Response:
        if request.method == "GET":  # a file a customer sent, kept by the messenger
            self.seen.append(Seen(request.url.path, dict(request.headers), None))
            if request.url.path not in self.files:
                return Response(b"gone", 404)
            data, content_type = self.files[request.url.path]
            return Response(data, 200, media_type=content_type)
        body = json.loads(await request.body() or b"null")
        self.seen.append(Seen(request.url.path, dict(request.headers), body))
        status = self.statuses.pop(0) if self.statuses else 200
        return JSONResponse({"ok": status == 200}, status)


def _listening() -> socket.socket:
    """A bound, listening socket: connections wait in its backlog until the server runs."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock


@contextlib.asynccontextmanager
async def serve_fake() -> AsyncIterator[FakeMedium]:
    fake = FakeMedium()
    app = Starlette(routes=[Route("/{path:path}", fake.handle, methods=["GET", "POST"])])
    sock = _listening()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    fake.base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    try:
        yield fake
    finally:
        server.should_exit = True
        await task
        sock.close()
