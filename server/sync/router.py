"""`/sync`: bootstrap, catch-up, push and the realtime WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from fastapi.responses import StreamingResponse
from starlette.types import Send

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.limits import BOOTSTRAP_PAGE, MAX_CHANGES_PAGE, PRESENCE_TTL_S
from server.auth.service import Principal
from server.deps import Me, Svc
from server.errors import ServiceError
from server.sync import bootstrap
from server.sync.feed import Reader, changes_page, check_cursor, log_bounds
from server.sync.realtime import Hub, Subscriber

router = APIRouter(prefix="/sync", tags=["sync"])

# WebSocket close codes (4000-4999 are the application's own).
CLOSE_UNAUTHENTICATED = 4401
CLOSE_RESYNC = 4410
# Seconds a socket without an Authorization header has to send its `auth` frame.
AUTH_WAIT = 5.0
SESSION_ENDED = ServiceError(ErrorCode.TOKEN_REVOKED, "This session has ended: log in again.")
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
    A `since` below what the log still keeps is 410 (resync_required): start over.
    Each line is read in a short transaction of its own (server/sync/bootstrap.py)."""
    position = bootstrap.parse_after(after)
    await bootstrap.check_since(svc.db, me.workspace_id, since)
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
async def realtime(websocket: WebSocket, since: int = 0) -> None:
    """`?since=<cursor>`; the token in `Authorization: Bearer`, or (for pages that cannot
    set headers) in the first frame, `{"type":"auth","token":...}`, within AUTH_WAIT
    seconds: never in the URL, which access logs write out. Frames: `changes` {from, to,
    head, changes} and `ping`. When the session ends (logout, revocation, expiry, a
    password change, a deactivated manager) the socket closes with 4401."""
    svc = websocket.app.state.services
    header = websocket.headers.get("authorization", "")
    token = header[7:] if header.lower().startswith("bearer ") else None
    await websocket.accept()
    try:
        if token is None:
            token = await _first_frame_token(websocket)
        me: Principal = await svc.auth.authenticate(token)
        async with svc.db.read() as conn:
            pruned, head = await log_bounds(conn, me.workspace_id)
        check_cursor(since, pruned, head)
    except ServiceError as exc:
        with contextlib.suppress(Exception):  # the client may be gone already
            await _close_with(websocket, exc)
        return
    sub = Subscriber(_Frames(websocket.scope[RAW_SEND]), Reader(me.manager_id), since)
    with svc.auth.live.hold(me.token_id, me.manager_id) as ended:
        sender = asyncio.create_task(svc.hub.serve(me.workspace_id, sub))
        receiver = asyncio.create_task(_receive(websocket, svc.hub, me))
        ender = asyncio.create_task(ended.wait())
        try:
            await asyncio.wait({sender, receiver, ender}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sender, receiver, ender):
                task.cancel()
            for task in (sender, receiver, ender):
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            with contextlib.suppress(Exception):
                if ended.is_set():
                    await _close_with(websocket, SESSION_ENDED)
                else:
                    await websocket.close()


async def _first_frame_token(websocket: WebSocket) -> str:
    """The token of a `{"type":"auth","token":...}` first frame (AUTH_WAIT seconds)."""
    refused = ServiceError(
        ErrorCode.UNAUTHENTICATED,
        'Send the token in an Authorization header or a first frame {"type":"auth","token":...}.',
    )
    try:
        message = await asyncio.wait_for(websocket.receive(), AUTH_WAIT)
    except TimeoutError:
        raise refused from None
    try:
        frame = json.loads(message.get("text") or "")
    except ValueError:
        raise refused from None
    if not isinstance(frame, dict) or frame.get("type") != "auth":
        raise refused
    token = frame.get("token")
    if not isinstance(token, str):
        raise refused
    return token


async def _close_with(websocket: WebSocket, exc: ServiceError) -> None:
    """An error frame saying why, then the close code the client acts on."""
    code = CLOSE_RESYNC if exc.code is ErrorCode.RESYNC_REQUIRED else CLOSE_UNAUTHENTICATED
    await websocket.send_text(json.dumps({"type": "error", **exc.body()}))
    await websocket.close(code=code, reason=exc.code.value)


async def _receive(websocket: WebSocket, hub: Hub, me: Principal) -> None:
    """Clients may send `{"type":"ping"}` and `presence` frames (fanned out to the
    workspace's other managers, never logged); anything else gets an error frame, not
    a crash. When the socket ends (the app quit, crashed or lost its network) the
    others are told this manager left the chat they were last in, at once rather than
    when its presence expires."""
    here: uuid.UUID | None = None  # the chat this socket last said it views or types in
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
            elif kind == "presence" and (said := _presence(hub, me, msg)) is not None:
                here = None if said.what == "left" else said.chat_id
            else:
                await websocket.send_text(
                    json.dumps(
                        {
                            "type": "error",
                            "error": {
                                "code": ErrorCode.BAD_REQUEST.value,
                                "message": "Unknown frame: clients send only ping and "
                                "presence {chat_id, what: viewing|typing|left}.",
                            },
                        }
                    )
                )
    except (WebSocketDisconnect, RuntimeError, KeyError):
        return
    finally:
        if here is not None:
            _fan_presence(hub, me, here, "left")


def _presence(hub: Hub, me: Principal, msg: dict[str, Any]) -> s.PresenceIn | None:
    """Fan a valid presence frame out to the workspace's other managers (customers have
    no socket on this hub); None: it was not one."""
    try:
        got = s.PresenceIn.model_validate(msg)
    except ValueError:
        return None
    _fan_presence(hub, me, got.chat_id, got.what)
    return got


def _fan_presence(hub: Hub, me: Principal, chat_id: uuid.UUID, what: s.PresenceWhat) -> None:
    frame = s.PresenceFrame(
        chat_id=chat_id, manager_id=me.manager_id, what=what, ttl=PRESENCE_TTL_S
    )
    hub.ephemeral(me.workspace_id, frame.model_dump_json(), skip_manager=me.manager_id)
