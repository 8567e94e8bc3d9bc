"""An inbound mail becomes a customer's message in an email chat (U3, S9).

The customer is the From address (their email identity); the mail joins the chat whose
Message-IDs (ours or theirs) its In-Reply-To/References name, else opens a new chat.
A Message-ID seen before in the workspace changes nothing: mail servers redeliver.
Attachments are stored as the chat's files (already attached: M1's limits were applied
by server.mail.parse, and what they dropped is said in the message).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import AuthorKind, Medium, MessageKind
from protocol.limits import MAX_TEXT_CHARS
from server.customers.service import customer_by_identity
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.inbox import chats
from server.mail.parse import InboundMail
from server.routing import service as routing
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell
from server.uploads.received import StoredFile, attach, forget, store
from server.uploads.storage import Storage


async def workspace_for(db: Database, address: str) -> uuid.UUID | None:
    """The workspace whose connected email medium receives at `address`, if any."""
    wanted = address.strip().lower()
    async with db.read() as conn:
        rows = await conn.execute(
            select(m.Integration.workspace_id, m.Integration.config).where(
                m.Integration.medium == Medium.EMAIL.value, m.Integration.connected.is_(True)
            )
        )
        for row in rows:
            if str((row.config or {}).get("inbound_address", "")).lower() == wanted:
                return uuid.UUID(str(row.workspace_id))
    return None


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _stored_files(storage: Storage, mail: InboundMail) -> list[StoredFile]:
    """Each attachment's bytes, written before the transaction (a slow disk holds no
    lock). M1's limits were applied by server.mail.parse."""
    stored: list[StoredFile] = []
    try:
        for a in mail.attachments:
            stored.append(
                await store(
                    storage,
                    a.name,
                    a.content_type,
                    _chunks(a.data),
                    limit=len(a.data),
                    source="mail",
                )
            )
    except BaseException:
        await forget(storage, stored)
        raise
    return stored


async def receive(
    db: Database, doorbell: Doorbell, storage: Storage, workspace_id: uuid.UUID, mail: InboundMail
) -> uuid.UUID | None:
    """Store `mail` in the workspace; its chat's id, or None when it was there already."""
    files = await _stored_files(storage, mail)
    try:
        async with db.write() as conn:
            await lock_workspace(conn, workspace_id)
            if await _seen(conn, workspace_id, mail.message_id):
                chat_id = None
            else:
                w = ChangeWriter(conn, workspace_id)
                chat_id = await _store(w, mail, files)
                head = await w.flush()
    except BaseException:
        await forget(storage, files)
        raise
    if chat_id is None:
        await forget(storage, files)
        return None
    if head is not None:
        doorbell.ring(workspace_id, head)
    return chat_id


async def _seen(conn: AsyncConnection, workspace_id: uuid.UUID, header_id: str) -> bool:
    found = await conn.scalar(
        select(m.EmailMessage.id).where(
            m.EmailMessage.workspace_id == workspace_id, m.EmailMessage.header_id == header_id
        )
    )
    return found is not None


async def _threaded_chat(
    conn: AsyncConnection, workspace_id: uuid.UUID, thread: list[str]
) -> uuid.UUID | None:
    if not thread:
        return None
    chat_id: uuid.UUID | None = await conn.scalar(
        select(m.EmailMessage.chat_id)
        .where(
            m.EmailMessage.workspace_id == workspace_id,
            m.EmailMessage.header_id.in_(thread),
        )
        .order_by(m.EmailMessage.created_at.desc())
        .limit(1)
    )
    return chat_id


def _text(mail: InboundMail, new_chat: bool) -> str:
    """The message's text: the subject when it opens a chat, the body, and what was not
    received (said last, never cut off by a long body)."""
    head = [mail.subject] if new_chat and mail.subject else []
    note = ["[Not received: " + "; ".join(mail.dropped) + "]"] if mail.dropped else []
    room = MAX_TEXT_CHARS - len("\n\n".join([*head, *note])) - 4
    body = [mail.text[: max(0, room)]] if mail.text else []
    text = "\n\n".join([*head, *body, *note])[:MAX_TEXT_CHARS]
    return text or "(empty email)"


async def _store(w: ChangeWriter, mail: InboundMail, files: list[StoredFile]) -> uuid.UUID:
    ws = w.workspace_id
    chat_id = await _threaded_chat(w.conn, ws, mail.thread)
    if chat_id is not None:
        chat = await chats.load_chat(w.conn, ws, chat_id)
        customer_id = chat.customer_id
    else:
        name = (mail.sender_name or mail.sender or "Email customer")[:200]
        customer_id = await customer_by_identity(w, Medium.EMAIL, mail.sender, name)
        # no team yet: Unassigned (routing has nothing to place)
        chat = await chats.create_chat(w, ws, customer_id, medium=Medium.EMAIL.value)
    message_id = uuid.uuid4()
    now = utcnow()
    await attach(w.conn, ws, chat.id, message_id, customer_id, files, now)
    blocks: list[dict[str, Any]] = [{"type": "text", "text": _text(mail, chat_id is None)}]
    if files:
        blocks.append({"type": "files", "files": [f.ref() for f in files]})
    await chats.add_message(
        w,
        chat,
        message_id=message_id,
        author_kind=AuthorKind.CUSTOMER,
        author_id=customer_id,
        kind=MessageKind.REPLY,
        blocks=blocks,
    )
    await w.conn.execute(
        insert(m.EmailMessage).values(
            id=uuid.uuid4(),
            workspace_id=ws,
            chat_id=chat.id,
            message_id=message_id,
            header_id=mail.message_id,
            subject=mail.subject,
            outbound=False,
            created_at=now,
        )
    )
    await routing.route_if_reopened(w, chat)
    return uuid.UUID(str(chat.id))
