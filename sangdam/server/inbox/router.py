"""`/chats`: one chat's head and its messages, in pages going back in time."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from sangdam.protocol import schemas as s
from sangdam.protocol.limits import MAX_MESSAGES_PAGE
from sangdam.server import wire
from sangdam.server.customers.service import message_page
from sangdam.server.deps import Me, Svc
from sangdam.server.inbox.chats import load_chat

router = APIRouter(prefix="/chats", tags=["chats"])


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
