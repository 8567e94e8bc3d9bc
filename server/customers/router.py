"""`/customer`: the customer's API. A chat's token opens that chat and nothing else."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, WebSocket
from fastapi.security import HTTPAuthorizationCredentials

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import Medium
from protocol.limits import MAX_CHANGES_PAGE, MAX_MESSAGES_PAGE
from server.customers.cursors import customer_message
from server.customers.feed import customer_changes_page
from server.customers.forms import answer_form
from server.customers.people import chat_people
from server.customers.receipts import mark_read
from server.customers.socket import CustomerFeed
from server.customers.visitors import VISITOR_TOKEN_PREFIX, VisitorPrincipal, visitor_of
from server.customers.visits import record_visit
from server.deps import Customer, Svc, bearer
from server.errors import ServiceError


def client_address(request: Request) -> str | None:
    """The caller's address (behind a proxy, run uvicorn with --proxy-headers)."""
    return request.client.host if request.client else None


async def limit_public(request: Request, svc: Svc) -> None:
    """Every customer request counts against its address's limit (429 when over)."""
    await svc.customers.limits.request(client_address(request))


router = APIRouter(prefix="/customer", tags=["customer"], dependencies=[Depends(limit_public)])
# WebSockets have no Request for `limit_public`: the feed counts its connection itself.
feeds = APIRouter(prefix="/customer", tags=["customer"])


@router.post("/chats", response_model=s.StartChatResponse, status_code=201)
async def start_chat(
    body: s.StartChatRequest,
    request: Request,
    svc: Svc,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> s.StartChatResponse:
    """Public: always a web chat. With a website visitor's token (the snippet, U2), a chat
    of that visitor's customer. With a manager's token of the workspace (an integration
    standing in for a messenger's signed endpoint, U3), `medium` is taken as given."""
    medium = Medium.WEB
    if cred is not None and cred.credentials.startswith(VISITOR_TOKEN_PREFIX):
        visitor = await visitor_of(svc.db, cred.credentials)
        return await svc.customers.start_chat(body, client_address(request), visitor=visitor)
    if cred is not None:
        me = await svc.auth.authenticate(cred.credentials)
        if me.workspace_id != body.workspace_id:
            raise ServiceError(ErrorCode.FORBIDDEN, "This token belongs to another workspace.")
        medium = body.medium
    return await svc.customers.start_chat(body, client_address(request), medium)


async def current_visitor(
    svc: Svc, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> VisitorPrincipal:
    return await visitor_of(svc.db, cred.credentials if cred else None)


Visitor = Annotated[VisitorPrincipal, Depends(current_visitor)]


@router.post("/visitors", response_model=s.NewVisitorResponse, status_code=201)
async def new_visitor(
    body: s.NewVisitorRequest, request: Request, svc: Svc
) -> s.NewVisitorResponse:
    """Public (U2): the website snippet's first call from a browser. Limited per address
    and per workspace; an unknown workspace gets the limited answer (no probing)."""
    return await svc.customers.new_visitor(body, client_address(request))


@router.post("/visitor/visits", response_model=s.PageVisitOut, status_code=201)
async def post_visitor_visit(body: s.PageVisitRequest, who: Visitor, svc: Svc) -> dict[str, Any]:
    """U2, P5: the snippet tells that its visitor saw a page (before or after a chat)."""
    return await record_visit(svc.db, svc.customers.doorbell, who, body)


@router.post("/chats/{chat_id}/messages", response_model=s.CustomerMessageOut, status_code=201)
async def post_message(
    chat_id: uuid.UUID, body: s.CustomerMessageRequest, who: Customer, svc: Svc
) -> dict[str, Any]:
    return await svc.customers.post_message(who, body)


@router.post("/chats/{chat_id}/visits", response_model=s.PageVisitOut, status_code=201)
async def post_visit(
    chat_id: uuid.UUID, body: s.PageVisitRequest, who: Customer, svc: Svc
) -> dict[str, Any]:
    """U2, P5: the website's snippet tells that this chat's customer saw a page."""
    return await record_visit(svc.db, svc.customers.doorbell, who, body)


@router.post("/chats/{chat_id}/messages/{message_id}/answers", response_model=s.CustomerMessageOut)
async def post_form_answers(
    chat_id: uuid.UUID,
    message_id: uuid.UUID,
    body: s.FormAnswersRequest,
    who: Customer,
    svc: Svc,
) -> dict[str, Any]:
    """Answer a form a manager sent (M6): once; the answers may fill profile fields."""
    return customer_message(await answer_form(svc.db, svc.doorbell, who, message_id, body))


@router.post("/chats/{chat_id}/read")
async def post_read(
    chat_id: uuid.UUID, body: s.CustomerReadRequest, who: Customer, svc: Svc
) -> dict[str, Any]:
    """C3: the team's replies up to `message_id` are read by the customer."""
    return await mark_read(svc.db, svc.customers.doorbell, who, body)


@router.get("/chats/{chat_id}", response_model=s.CustomerChatOut)
async def get_chat(chat_id: uuid.UUID, who: Customer, svc: Svc) -> dict[str, Any]:
    return await svc.customers.chat(who, limit=50)


@router.get("/chats/{chat_id}/messages", response_model=s.CustomerMessagesPage)
async def get_messages(
    chat_id: uuid.UUID,
    who: Customer,
    svc: Svc,
    before: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_MESSAGES_PAGE)] = 50,
) -> dict[str, Any]:
    """`before`: a page's `before` cursor (none: the newest messages)."""
    async with svc.db.read() as conn:
        return await svc.customers.messages(conn, who.chat_id, before=before, limit=limit)


@router.get("/chats/{chat_id}/changes", response_model=s.CustomerChangesPage)
async def get_changes(
    chat_id: uuid.UUID,
    who: Customer,
    svc: Svc,
    since: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_PAGE)] = 500,
) -> dict[str, Any]:
    """The chat's new messages, internal notes never included. `since`: a cursor this
    chat was given (`head` of the chat, `to` of a page; none: from the start); the
    cursors are opaque and count only this chat's entries (400 for any other string)."""
    async with svc.db.read() as conn:
        return await customer_changes_page(
            conn, svc.customers.cursors, who.workspace_id, who.chat_id, since, limit
        )


@router.get("/chats/{chat_id}/people", response_model=s.CustomerPeopleOut)
async def get_people(chat_id: uuid.UUID, who: Customer, svc: Svc) -> dict[str, Any]:
    """The workspace's name and the managers who replied in this chat (names, avatars):
    what the customer page shows beside each reply."""
    async with svc.db.read() as conn:
        return await chat_people(conn, who.workspace_id, who.chat_id)


@feeds.websocket("/chats/{chat_id}/feed")
async def customer_feed(websocket: WebSocket, chat_id: uuid.UUID) -> None:
    """The chat's changes as they happen (server/customers/socket.py): first frame
    `{"type":"auth","token":...,"since":<cursor>}`; then `changes` frames shaped as
    `GET /customer/chats/{id}/changes` pages; `{"type":"ping"}` is answered with a pong.
    Closes with 4401 when the link stops working, 4410 when the cursor is too old."""
    svc = websocket.app.state.services
    try:
        await svc.customers.limits.request(websocket.client.host if websocket.client else None)
    except ServiceError:
        await websocket.close(code=4429, reason=ErrorCode.TOO_MANY_ATTEMPTS.value)
        return
    await CustomerFeed(
        websocket,
        chat_id,
        db=svc.db,
        auth=svc.auth,
        hub=svc.hub,
        cursors=svc.customers.cursors,
        recheck=svc.settings.session_check_interval.total_seconds(),
    ).run()
