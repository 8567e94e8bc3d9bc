"""`/sync`: bootstrap, catch-up, push and the realtime WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from fastapi.responses import StreamingResponse
from starlette.types import Send

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.limits import BOOTSTRAP_PAGE, MAX_CHANGES_PAGE
from server.auth.service import Principal
from server.deps import Me, Svc
from server.errors import ServiceError
from server.sync import bootstrap
from server.sync.feed import Reader, changes_page, check_cursor, log_bounds
from server.sync.realtime import Subscriber

router = APIRouter(prefix="/sync", tags=["sync"])

# WebSocket close codes (4000-4999 are the application's own).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_RESYNC = 4410
# The scope key under which app.KeepWebSocketSend leaves the server's own `send`.
RAW_SEND = "sangdam.raw_send"


class _Frames:
    """The hub's frames, straight to the server's WebSocket `send`: once the socket is
    accepted, Starlette's per-message state checks and wrappers add nothing."""

    def __init__(self, send: Send) -> None:
        self._send = send

    async def send_text(self, data: str) -> None:
        await self._send({"type": "websocket.send", "text": data})


@router.get(
    "/bootstrap",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
async def get_bootstrap(
    me: Me,
    svc: Svc,
    page_size: Annotated[int, Query(ge=1, le=1000)] = BOOTSTRAP_PAGE,
    after: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[int | None, Query(ge=0, le=2**62)] = None,
) -> StreamingResponse:
    """NDJSON lines: `reference` (unless resuming with `after`), `chats` pages newest
    first, each with `next`, the chats changed meanwhile (since `since`, when a resumed
    download began earlier), and `end` with `as_of_seq`: follow the feed from there.
    Each line is read in a short transaction of its own (server/sync/bootstrap.py)."""
    position = bootstrap.parse_after(after)
    return StreamingResponse(
        bootstrap.stream(svc.db, me, page_size=page_size, position=position, since=since),
        media_type="application/x-ndjson",
    )


@router.get("/changes", response_model=s.ChangesPage)
async def get_changes(
    me: Me,
    svc: Svc,
    since: Annotated[int, Query(ge=0, le=2**62)],
    limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PAGE)] = 500,
) -> dict[str, Any]:
    async with svc.db.read() as conn:
        return await changes_page(conn, me.workspace_id, Reader(me.manager_id), since, limit)


@router.post("/push", response_model=s.PushResponse)
async def push(body: s.PushRequest, me: Me, svc: Svc) -> s.PushResponse:
    return await svc.push.push(me, body)


@router.websocket("/ws")
async def realtime(websocket: WebSocket, since: int = 0, token: str | None = None) -> None:
    """`?since=<cursor>`; the token in `Authorization: Bearer` (or `?token=` for pages
    that cannot set headers). Frames: `changes` {from, to, head, changes} and `ping`."""
    svc = websocket.app.state.services
    header = websocket.headers.get("authorization", "")
    token = header[7:] if header.lower().startswith("bearer ") else token
    await websocket.accept()
    try:
        me: Principal = await svc.auth.authenticate(token)
        async with svc.db.read() as conn:
            pruned, head = await log_bounds(conn, me.workspace_id)
        check_cursor(since, pruned, head)
    except ServiceError as exc:
        code = CLOSE_RESYNC if exc.code is ErrorCode.RESYNC_REQUIRED else CLOSE_UNAUTHENTICATED
        await websocket.send_text(json.dumps({"type": "error", **exc.body()}))
        await websocket.close(code=code, reason=exc.code.value)
        return
    sub = Subscriber(_Frames(websocket.scope[RAW_SEND]), Reader(me.manager_id), since)
    sender = asyncio.create_task(svc.hub.serve(me.workspace_id, sub))
    receiver = asyncio.create_task(_receive(websocket))
    try:
        await asyncio.wait({sender, receiver}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (sender, receiver):
            task.cancel()
        for task in (sender, receiver):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(Exception):
            await websocket.close()


async def _receive(websocket: WebSocket) -> None:
    """Clients may send `{"type":"ping"}`; anything else gets an error frame, not a crash."""
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            # A binary frame has no "text": receive_text() raised KeyError for it, which
            # ended the connection instead of answering with an error frame.
            text = message.get("text") or ""
            try:
                msg = json.loads(text)
                kind = msg.get("type") if isinstance(msg, dict) else None
            except ValueError:
                kind = None
            if kind == "ping":
                await websocket.send_text('{"type":"pong"}')
            else:
                await websocket.send_text(
                    json.dumps(
                        {
                            "type": "error",
                            "error": {
                                "code": ErrorCode.BAD_REQUEST.value,
                                "message": 'Unknown frame: clients send only {"type":"ping"}.',
                            },
                        }
                    )
                )
    except (WebSocketDisconnect, RuntimeError, KeyError):
        return
