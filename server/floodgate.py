"""Refuse, before routing, what would only be refused again: the next request from an
address this worker has seen over its public or login limit, until that window ends.

The answer is the one the limit itself gives (same status, body and Retry-After), so it
tells nothing more; the route, its dependencies and its body are never run, so a flood
from a limited address costs the worker little beyond parsing its HTTP.
"""

from __future__ import annotations

import math

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from server.auth import throttle
from server.auth.service import too_many
from server.customers.limits import chat_key, hook_key, refused, request_key, visitor_key
from server.errors import ServiceError
from server.services import Services


class Floodgate:
    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = self._refusal(scope)
            if refusal is not None:
                response = JSONResponse(refusal.body(), refusal.status, headers=refusal.headers)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> ServiceError | None:
        path: str = scope["path"]
        client = scope.get("client")
        host = client[0] if client else None
        if path.startswith("/customer/"):
            blocks = self.services.customers.limits.blocks
            wait = blocks.wait(request_key(host))
            if wait is None and path == "/customer/chats" and scope["method"] == "POST":
                wait = blocks.wait(chat_key(host))
            if wait is None and path == "/customer/visitors" and scope["method"] == "POST":
                wait = blocks.wait(visitor_key(host))
            return None if wait is None else refused(wait)
        if path.startswith("/hooks/"):
            wait = self.services.customers.limits.blocks.wait(hook_key(host))
            return None if wait is None else refused(wait)
        if path == "/auth/login" and scope["method"] == "POST":
            wait = self.services.auth.blocks.wait(throttle.address_key(host or ""))
            return None if wait is None else too_many(max(1, math.ceil(wait)))
        return None
