"""create_app(settings): the ASGI app with its routers, error bodies and lifespan."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from protocol.errors import ErrorCode
from protocol.limits import MAX_REQUEST_BYTES
from protocol.uploads import UPLOADS_PATH
from protocol.version import app_version
from server import redact
from server.auth.router import router as auth_router
from server.config import Settings
from server.connectors.router import router as hooks_router
from server.customers.router import feeds as customer_feeds
from server.customers.router import router as customers_router
from server.errors import ServiceError
from server.floodgate import Floodgate
from server.inbox.router import inbox_router, pages, search_router
from server.inbox.router import router as chats_router
from server.macros.router import router as macros_router
from server.managers.router import invitations as invitations_router
from server.managers.router import router as managers_router
from server.media.router import router as media_router
from server.services import Services
from server.sync.router import RAW_SEND
from server.sync.router import router as sync_router
from server.teams.router import router as teams_router
from server.uploads.router import files as files_router
from server.uploads.router import options_router as upload_options_router
from server.uploads.router import uploads as uploads_router
from server.web.cors import SnippetCors
from server.web.router import pages as customer_pages
from server.web.snippet_router import router as snippet_router
from server.workspace.router import router as workspace_router

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHENTICATED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.BODY_TOO_LARGE,
}


def _freeze_startup_objects() -> None:
    """Move what start-up made (modules, classes, routes: about 150,000 objects) out of
    the collector's reach. Else every full collection walks them all, 60-80 ms of CPU
    on the event loop's thread at an unforeseeable moment: the longest stall of the
    loop during long work (bench.loop_stall) was such a collection, not the work."""
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    services = Services.build(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        redact.install()
        await services.start()
        _freeze_startup_objects()
        try:
            yield
        finally:
            await services.stop()

    app = FastAPI(title="Sangdam", version=app_version(), lifespan=lifespan)
    app.state.services = services
    for router in (
        auth_router,
        sync_router,
        inbox_router,
        search_router,
        chats_router,
        managers_router,
        invitations_router,
        teams_router,
        macros_router,
        media_router,
        workspace_router,
        customers_router,
        customer_feeds,
        hooks_router,
        upload_options_router,
        uploads_router,
        files_router,
        pages,
        customer_pages,
        snippet_router,
    ):
        app.include_router(router)

    @app.get("/health", tags=["meta"])
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": app_version()}

    _install_error_handlers(app)
    # Uploads stream their bytes and check their own limits (server.uploads).
    app.add_middleware(BodyLimit, limit=MAX_REQUEST_BYTES, exempt=(UPLOADS_PATH + "/",))
    app.add_middleware(KeepWebSocketSend)
    # Outermost: a limited address's next request is refused before anything else runs.
    app.add_middleware(Floodgate, services=services)
    # Outside it: the website snippet's three public calls answer other origins (U2),
    # their 429s included; nothing else does.
    app.add_middleware(SnippetCors)
    return app


def error_response(status: int, code: ErrorCode, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code.value, "message": message, **extra}}, status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def service_error(_req: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse(exc.body(), exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_req: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, ErrorCode.BAD_REQUEST, "The body is not valid JSON.")
        fields = [
            {"loc": [str(p) for p in e.get("loc", ())], "message": str(e.get("msg", ""))}
            for e in errors[:20]
        ]
        first = fields[0] if fields else {"loc": [], "message": "invalid"}
        return error_response(
            422,
            ErrorCode.VALIDATION,
            f"{'.'.join(first['loc'])}: {first['message']}",
            fields=fields,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, ErrorCode.BAD_REQUEST)
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, ErrorCode.INTERNAL, "Something went wrong on the server.")


class KeepWebSocketSend:
    """Puts the server's own ASGI `send` of a WebSocket in its scope (`RAW_SEND`), before
    the framework wraps it. The realtime hub sends one frame per socket per change; the
    wrappers' checks on each cost it about 5% of its CPU (bench.fanout)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            scope[RAW_SEND] = send
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.limit = limit
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or f"{scope['path']}/".startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit, send)
            return
        seen = 0
        too_large = False

        async def limited() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    too_large = True
                    raise _TooLarge
            return message

        replaced = False

        async def guarded_send(message: Message) -> None:
            # Frameworks turn a failed body read into their own 400; say what happened.
            nonlocal replaced
            if too_large:
                if not replaced:
                    replaced = True
                    await _too_large(self.limit, send)
                return
            await send(message)

        try:
            await self.app(scope, limited, guarded_send)
        except _TooLarge:
            if not replaced:
                await _too_large(self.limit, send)


class _TooLarge(Exception):
    pass


async def _too_large(limit: int, send: Send) -> None:
    response = error_response(
        413, ErrorCode.BODY_TOO_LARGE, f"Request bodies are limited to {limit} bytes."
    )
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
