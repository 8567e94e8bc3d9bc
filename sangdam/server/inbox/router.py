"""`/chats`: one chat's head and its messages, in pages going back in time."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from sangdam.protocol import schemas as s
from sangdam.protocol.kinds import ChatState
from sangdam.protocol.limits import MAX_MESSAGES_PAGE
from sangdam.server import wire
from sangdam.server.customers.service import message_page
from sangdam.server.deps import Me, Svc
from sangdam.server.inbox import sections
from sangdam.server.inbox.chats import load_chat
from sangdam.server.sync.bootstrap import parse_after

router = APIRouter(prefix="/chats", tags=["chats"])
inbox_router = APIRouter(prefix="/inbox", tags=["inbox"])


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
