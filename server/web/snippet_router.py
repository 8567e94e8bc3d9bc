"""The website snippet's script (GET /snippet.js, U2) and its demo site (GET /demo/site).

The script is plain JavaScript shipped as package data (no build step). The demo site is
a fake company's website that includes the snippet against this server: served only
when the settings ask for it (`sangdam-server serve --demo-site`), since it names a
workspace to anyone who opens it.
"""

from __future__ import annotations

import html
import uuid
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from protocol.errors import ErrorCode
from server.db import models as m
from server.deps import Svc
from server.errors import ServiceError

router = APIRouter(tags=["snippet"], include_in_schema=False)

# path under /demo/site -> (page title, fragment file)
DEMO_PAGES = {
    "": ("Haneul Coffee: fresh roasted beans", "home.html"),
    "/pricing": ("Pricing and subscriptions - Haneul Coffee", "pricing.html"),
}


@cache
def _asset(*parts: str) -> str:
    return resources.files("server.web").joinpath(*parts).read_text(encoding="utf-8")


@router.get("/snippet.js")
async def snippet_js() -> Response:
    return Response(
        _asset("snippet", "snippet.js"),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/demo/site", response_class=HTMLResponse)
@router.get("/demo/site/pricing", response_class=HTMLResponse)
async def demo_site(
    request: Request,
    svc: Svc,
    workspace: Annotated[uuid.UUID | None, Query()] = None,
) -> HTMLResponse:
    """A fake company's website with the snippet. `?workspace=<id>`, else the server's
    only workspace (the seeded demo)."""
    if not svc.settings.demo_site:
        raise ServiceError(ErrorCode.NOT_FOUND, "Not found.")
    query = f"?workspace={workspace}" if workspace else ""  # the links keep a given one
    if workspace is None:
        async with svc.db.read() as conn:
            found = list(await conn.scalars(select(m.Workspace.id).limit(2)))
        if len(found) == 1:
            workspace = found[0]
    title, fragment = DEMO_PAGES[request.url.path.removeprefix("/demo/site")]
    base = str(request.base_url).rstrip("/")
    snippet = (
        f'<script src="{html.escape(base)}/snippet.js" data-workspace="{workspace}" async></script>'
        if workspace
        else '<p class="note">Add <code>?workspace=&lt;id&gt;</code> to this address to '
        "see the chat of a workspace.</p>"
    )
    body = (
        _asset("demo", "site.html")
        .replace("{{title}}", html.escape(title))
        .replace("{{main}}", _asset("demo", fragment))
        .replace("{{home}}", f"/demo/site{query}")
        .replace("{{pricing}}", f"/demo/site/pricing{query}")
        .replace("{{snippet}}", snippet)
    )
    return HTMLResponse(body)
