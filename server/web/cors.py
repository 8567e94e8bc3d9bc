"""CORS for the website snippet's calls (U2), and nothing else.

The snippet runs on a company's site, another origin than this server, and calls three
public endpoints with a bearer token in a header (never a cookie). Those three, POST
only, answer any origin without credentials; every other path (the manager API above
all) gets no CORS header, so a browser keeps other sites' pages from reading it.
Outermost, so the limits' 429 answers carry the header too (the snippet reads them).
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SNIPPET_PATHS = frozenset({"/customer/visitors", "/customer/visitor/visits", "/customer/chats"})
ALLOWED_HEADERS = "authorization, content-type"


class SnippetCors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in SNIPPET_PATHS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(headers, scope, receive, send)
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["Access-Control-Allow-Origin"] = "*"
                out["Access-Control-Expose-Headers"] = "Retry-After"
            await send(message)

        await self.app(scope, receive, with_cors)

    @staticmethod
    async def _preflight(headers: Headers, scope: Scope, receive: Receive, send: Send) -> None:
        if headers["access-control-request-method"] != "POST":
            await Response(status_code=204)(scope, receive, send)  # no grant: the browser refuses
            return
        grant = {
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": ALLOWED_HEADERS,
            "Access-Control-Max-Age": "600",
        }
        await Response(status_code=204, headers=grant)(scope, receive, send)
