"""`/chats`: one chat's head and its messages, in pages going back in time."""

from __future__ import annotations

import html
import uuid
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

from protocol import schemas as s
from protocol.kinds import ChatState
from protocol.limits import MAX_MESSAGES_PAGE, MAX_SEARCH_PAGE, MAX_SEARCH_QUERY
from server import wire
from server.customers.service import message_page
from server.deps import Me, Svc
from server.inbox import search, sections
from server.inbox.chats import load_chat
from server.sync.bootstrap import parse_after

router = APIRouter(prefix="/chats", tags=["chats"])
inbox_router = APIRouter(prefix="/inbox", tags=["inbox"])
search_router = APIRouter(tags=["search"])


@inbox_router.get("/sidebar")
async def get_sidebar(me: Me, svc: Svc, state: ChatState = ChatState.OPEN) -> dict[str, Any]:
    """Every count of my sidebar for chats in `state` (S1-S12)."""
    async with svc.db.read() as conn:
        return await sections.sidebar(conn, me.workspace_id, me.manager_id, state)


@inbox_router.get("/sections/{section}")
async def get_section(
    section: Annotated[str, Path(max_length=200)],
    me: Me,
    svc: Svc,
    state: ChatState = ChatState.OPEN,
    sort: Literal["newest", "oldest"] = "newest",
    after: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """A page of a section's chats: all, mine, unread, starred, sessions, unassigned,
    unassigned_team:<id>, queue:<team id>, assignee:<id>, medium:<medium>, tag:<name>."""
    position = parse_after(after)
    async with svc.db.read() as conn:
        return await sections.list_section(
            conn,
            me.workspace_id,
            me.manager_id,
            section,
            state=state,
            oldest_first=sort == "oldest",
            after=position,
            limit=limit,
        )


@inbox_router.get("/ids", response_model=s.ChatIds)
async def get_ids(
    me: Me,
    svc: Svc,
    section: Annotated[str, Query(min_length=1, max_length=200)],
    state: ChatState = ChatState.OPEN,
) -> dict[str, Any]:
    """L2 "all N chats that match": every chat id of a section in a state, newest
    first, at most MAX_CHAT_IDS (`truncated` says more matched; `total` counts all)."""
    async with svc.db.read() as conn:
        return await sections.section_ids(conn, me.workspace_id, me.manager_id, section, state)


@search_router.get("/search", response_model=s.SearchPage)
async def get_search(
    me: Me,
    svc: Svc,
    q: Annotated[str, Query(min_length=1, max_length=MAX_SEARCH_QUERY)],
    state: s.SearchState = "all",
    section: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_PAGE)] = 50,
) -> dict[str, Any]:
    """L5: chats whose customer name, messages or tags contain `q`, newest first."""
    async with svc.db.read() as conn:
        return await search.search(
            conn,
            me.workspace_id,
            me.manager_id,
            q,
            state=state,
            section=section,
            cursor=cursor,
            limit=limit,
        )


@router.get("/{chat_id}", response_model=s.ChatOut)
async def get_chat(chat_id: uuid.UUID, me: Me, svc: Svc) -> dict[str, Any]:
    async with svc.db.read() as conn:
        return wire.chat(await load_chat(conn, me.workspace_id, chat_id))


@router.get("/{chat_id}/messages")
async def get_messages(
    chat_id: uuid.UUID,
    me: Me,
    svc: Svc,
    before: Annotated[int | None, Query(ge=0, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_MESSAGES_PAGE)] = 50,
) -> dict[str, Any]:
    """`{"messages": [oldest .. newest], "more": bool}`; pass the first seq as `before`."""
    async with svc.db.read() as conn:
        await load_chat(conn, me.workspace_id, chat_id)
        return await message_page(conn, chat_id, before=before, limit=limit, customer=False)


@router.delete("/{chat_id}", status_code=204)
async def delete_chat(chat_id: uuid.UUID, me: Me, svc: Svc) -> Response:
    """H5: permanently delete one chat, its messages and files (needs "delete chats")."""
    await svc.inbox.delete_chat(me, chat_id)
    return Response(status_code=204)


@router.get("/{chat_id}/links", response_model=s.LinksOut)
async def get_links(chat_id: uuid.UUID, me: Me, svc: Svc, request: Request) -> s.LinksOut:
    """H4: the manager link (an https page that opens the chat in the app) and the app
    link itself, which also names the workspace (the app tells a link for another
    workspace from a chat that is gone)."""
    await svc.inbox.chat_exists(me, chat_id)
    base = str(request.base_url).rstrip("/")
    return s.LinksOut(
        manager_url=f"{base}/m/chats/{chat_id}",
        app_url=f"{app_link(chat_id, base)}&workspace={me.workspace_id}",
    )


def app_link(chat_id: uuid.UUID, base: str) -> str:
    """`sangdam://chat/<id>?server=<base>`: what the desktop app opens (desktop.links)."""
    return f"sangdam://chat/{chat_id}?server={quote(base, safe='')}"


@router.post("/{chat_id}/customer-link", response_model=s.CustomerLinkOut)
async def new_customer_link(
    chat_id: uuid.UUID, me: Me, svc: Svc, request: Request
) -> s.CustomerLinkOut:
    """H4: a link only for that customer; making a new one revokes the old."""
    token = await svc.inbox.customer_link(me, chat_id)
    return s.CustomerLinkOut(url=f"{str(request.base_url).rstrip('/')}/c/{token}", token=token)


@router.delete("/{chat_id}/customer-link", status_code=204)
async def revoke_customer_link(chat_id: uuid.UUID, me: Me, svc: Svc) -> Response:
    await svc.inbox.revoke_customer_links(me, chat_id)
    return Response(status_code=204)


@router.post("/bulk", response_model=s.BulkResponse)
async def bulk(body: s.BulkRequest, me: Me, svc: Svc) -> dict[str, Any]:
    """L2: one action over chosen chats or a whole section; a result per chat."""
    return {"results": await svc.inbox.bulk(me, body)}


pages = APIRouter(tags=["links"])

_OPEN_IN_APP = """<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>Sangdam</title><meta http-equiv="refresh" content="0;url={app}"></head>
<body><p>Opening the chat in Sangdam… <a href="{app}">Open Sangdam</a></p>
<p>You need to be logged in to the Sangdam app.</p></body></html>"""


@pages.get("/m/chats/{chat_id}", response_class=HTMLResponse, include_in_schema=False)
async def manager_link_page(chat_id: uuid.UUID, request: Request) -> HTMLResponse:
    """The manager link: reveals nothing itself; the app opens the chat once logged in."""
    app = html.escape(app_link(chat_id, str(request.base_url).rstrip("/")))
    return HTMLResponse(_OPEN_IN_APP.format(app=app))
