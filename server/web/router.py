"""`/c/<token>`: the customer chat page (SPEC U1), plain HTML, CSS and JavaScript.

The page is one HTML file and its assets (server/web/customer/, shipped as package
data), no build step. The token stays in the page's address (the customer keeps the
link) but travels to the API only in an Authorization header or the feed's first frame;
the access log redacts it from the address (server.redact) and `Referrer-Policy:
no-referrer` keeps it from other sites.

Headers: a strict Content-Security-Policy (scripts, styles only from this server; no
inline code; connections only to this server), `nosniff`, no referrer, no caching of
the page. Framing: with `?embed=1` (the website snippet's panel, U2) any site may frame
the page (`frame-ancestors *`): the link itself is the customer's key, so a site
framing it already holds everything the frame could show, and a framed page acts only
on the chat of its link; without `embed` the page refuses to be framed (clickjacking).
"""

from __future__ import annotations

import re
import uuid
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE
from server.customers.router import limit_public
from server.deps import Svc
from server.errors import ServiceError

ASSETS = {
    "app.js": "text/javascript; charset=utf-8",
    "strings.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "gone.js": "text/javascript; charset=utf-8",
}
_CHAT_MARK = "{{chat_id}}"
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?")

pages = APIRouter(tags=["customer page"], dependencies=[Depends(limit_public)])


@cache
def asset(name: str) -> bytes:
    """A file of server/web/customer, read once per worker."""
    return (resources.files("server.web") / "customer" / name).read_bytes()


def security_headers(request: Request, *, embed: bool) -> dict[str, str]:
    host = request.headers.get("host", "")
    # The Host header goes into the policy: only a host[:port] may, nothing that could
    # add a directive.
    sockets = f" ws://{host} wss://{host}" if _HOST.fullmatch(host) else ""
    policy = "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob: data: https:",
            "media-src 'self' blob:",
            f"connect-src 'self'{sockets}",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {'*' if embed else "'none'"}",
        )
    )
    headers = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    if not embed:
        headers["X-Frame-Options"] = "DENY"
    return headers


def _embedded(request: Request) -> bool:
    return request.query_params.get("embed") == "1"


@pages.get("/c/assets/{name}", include_in_schema=False)
async def page_asset(name: Annotated[str, Path(max_length=40)]) -> Response:
    if name not in ASSETS:
        return Response(status_code=404, headers={"X-Content-Type-Options": "nosniff"})
    return Response(
        asset(name),
        media_type=ASSETS[name],
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=300"},
    )


@pages.get("/c/{token}", response_class=HTMLResponse, include_in_schema=False)
async def customer_page(
    token: Annotated[str, Path(max_length=200)], request: Request, svc: Svc
) -> HTMLResponse:
    """The chat page of a valid link; for an unknown or revoked one, a page saying the
    link no longer works (404), which tells nothing of the chat."""
    headers = security_headers(request, embed=_embedded(request))
    try:
        who = await svc.auth.customer_of(token)
    except ServiceError:
        return HTMLResponse(asset("gone.html").decode(), status_code=404, headers=headers)
    page = (
        asset("index.html")
        .decode()
        .replace(_CHAT_MARK, str(uuid.UUID(str(who.chat_id))))
        .replace("{{max_files}}", str(MAX_FILES_PER_MESSAGE))
        .replace("{{max_bytes}}", str(MAX_FILE_BYTES))
    )
    return HTMLResponse(page, headers=headers)
