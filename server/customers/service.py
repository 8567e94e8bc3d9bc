"""Customers start chats and post messages; both go through the change log."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind, Entity, Medium, MessageKind
from server import wire
from server.auth.service import AuthService, CustomerPrincipal
from server.customers.cursors import Cursors, customer_head, customer_message
from server.customers.limits import PublicLimits, refused
from server.customers.visitors import VisitorPrincipal, new_visitor_key
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats
from server.inbox.counts import write_bumps
from server.inbox.known import Known
from server.routing import service as routing
from server.sync.changelog import (
    ChangeWriter,
    lock_workspace,
    read_seqs,
    save_seqs,
    write_log,
)
from server.sync.doorbell import Doorbell
from server.uploads.attach import attach, file_refs

# Built once: building a statement and its cache key costs more than running it.
_WORKSPACE = select(m.Workspace.id).where(m.Workspace.id == bindparam("workspace_id"))
_INSERT_CUSTOMER = insert(m.Customer).returning(m.Customer)
# A visitor's pages seen before their first chat that reach the agents with it (as many
# as the bootstrap sends of each customer, server.sync.bootstrap.VISITS_PER_CUSTOMER).
VISITS_ANNOUNCED = 20


def _guest_name() -> str:
    """A customer who gave no name: "Guest 4821"."""
    return f"Guest {secrets.randbelow(9000) + 1000}"


class CustomerService:
    def __init__(
        self,
        db: Database,
        auth: AuthService,
        doorbell: Doorbell,
        limits: PublicLimits,
        cursors: Cursors,
    ) -> None:
        self.db = db
        self.auth = auth
        self.doorbell = doorbell
        self.limits = limits
        self.cursors = cursors

    async def _known_workspace(self, workspace_id: uuid.UUID, left: float) -> None:
        """An unknown workspace gets the limited answer, so ids cannot be probed."""
        async with self.db.read() as conn:
            known = await conn.scalar(_WORKSPACE, {"workspace_id": workspace_id})
        if known is None:
            raise refused(left)

    async def new_visitor(
        self, req: s.NewVisitorRequest, address: str | None = None
    ) -> s.NewVisitorResponse:
        """The website snippet's first call from a browser (U2): a customer and their
        visitor token. Public: limited per address and per workspace like `start_chat`."""
        left = await self.limits.new_visitor(address, req.workspace_id)
        await self._known_workspace(req.workspace_id, left)
        async with self.db.write() as conn:
            # Not in the change log: most visitors never chat, and the agents' apps
            # need no one who does not (announce_visitor, on their first chat).
            w = ChangeWriter(conn, req.workspace_id)
            customer_id = await create_customer(w, req.workspace_id, _guest_name(), announce=False)
            token = await new_visitor_key(conn, req.workspace_id, customer_id)
        return s.NewVisitorResponse(customer_id=customer_id, token=token)

    async def start_chat(
        self,
        req: s.StartChatRequest,
        address: str | None = None,
        medium: Medium = Medium.WEB,
        visitor: VisitorPrincipal | None = None,
    ) -> s.StartChatResponse:
        """A public call (the website snippet): limited per address and per workspace; an
        unknown workspace gets the limited answer, so ids cannot be probed. `medium` is the
        caller's to decide, never the body's: the public endpoint passes web (messengers
        arrive through verified senders, U3). A `visitor` (the snippet's token) starts a
        chat of their own customer, so the pages they saw stay theirs (P5)."""
        left = await self.limits.new_chat(address, req.workspace_id)
        if visitor is not None and visitor.workspace_id != req.workspace_id:
            raise ServiceError(ErrorCode.FORBIDDEN, "This visitor belongs to another workspace.")
        if self.db.is_sqlite:  # a refusal must not queue on SQLite's one writer
            await self._known_workspace(req.workspace_id, left)
        async with self.db.write() as conn:
            # As a push batch writes (sync.push): the workspace lock and its last seq in
            # one statement (which also tells whether the workspace exists), seqs handed
            # out in memory, the counts' changes and the log rows written once at the
            # end, rows read once (one transaction, no savepoint). The chat is routed
            # before it is written, so it is written once.
            try:
                seqs = await read_seqs(conn, req.workspace_id)
            except LookupError:
                raise refused(left) from None
            w = ChangeWriter(conn, req.workspace_id, seqs=seqs, rows=[], bumps=[], known=Known())
            place = await routing.place(w, req.team_id)  # R1, R2: before the chat is written
            if place is None:
                raise ServiceError(ErrorCode.INVALID_VALUE, "No such team in this workspace.")
            if visitor is not None:
                customer_id = visitor.customer_id
                await announce_visitor(w, customer_id)
            else:
                name = req.name or _guest_name()
                customer_id = await create_customer(w, req.workspace_id, name)
            now = utcnow()
            blocks: list[dict[str, Any]] = [{"type": "text", "text": req.text}]
            # The first message's seq and fields go on the chat row as it is written.
            seq = (await w.reserve(1))[0] if req.text else None
            first = {} if seq is None else chats.last_message(seq, now, blocks, MessageKind.REPLY)
            chat = await chats.create_chat(
                w,
                req.workspace_id,
                customer_id,
                medium=medium.value,
                team_id=req.team_id,
                page_url=req.page_url,
                created_at=now,
                **place,
                **first,
            )
            await routing.placed(w, chat)
            token = await self.auth.new_customer_link(conn, chat.id)
            if seq is not None:
                await chats.add_message(
                    w,
                    chat,
                    message_id=uuid.uuid4(),
                    author_kind=AuthorKind.CUSTOMER,
                    author_id=customer_id,
                    kind=MessageKind.REPLY,
                    blocks=blocks,
                    seq=seq,
                    at=now,
                )
            head = await w.flush()
            await write_bumps(conn, req.workspace_id, w.bumps or [])
            await write_log(conn, w.rows or [])
            await save_seqs(conn, req.workspace_id, seqs)
        if head is not None:
            self.doorbell.ring(req.workspace_id, head)
        return s.StartChatResponse(chat_id=chat.id, customer_id=customer_id, token=token)

    async def post_message(
        self, who: CustomerPrincipal, req: s.CustomerMessageRequest
    ) -> dict[str, Any]:
        """Idempotent by message id: a retried post returns the message it made."""
        async with self.db.write() as conn:
            await lock_workspace(conn, who.workspace_id)
            existing = (await conn.execute(select(m.Message).where(m.Message.id == req.id))).first()
            if existing is not None:
                if existing.chat_id != who.chat_id or existing.author_kind != AuthorKind.CUSTOMER:
                    raise ServiceError(ErrorCode.DUPLICATE_ID, "This message id is already used.")
                return customer_message(wire.message(existing))
            chat = await chats.load_chat(conn, who.workspace_id, who.chat_id)
            blocks: list[dict[str, Any]] = [{"type": "text", "text": req.text}] if req.text else []
            if req.files:  # M1: only this customer's finished uploads to this chat
                refs = await file_refs(
                    conn,
                    workspace_id=who.workspace_id,
                    chat_id=chat.id,
                    author_kind=AuthorKind.CUSTOMER,
                    author_id=who.customer_id,
                    message_id=req.id,
                    file_ids=req.files,
                )
                blocks.append({"type": "files", "files": refs})
            w = ChangeWriter(conn, who.workspace_id)
            msg = await chats.add_message(
                w,
                chat,
                message_id=req.id,
                author_kind=AuthorKind.CUSTOMER,
                author_id=who.customer_id,
                kind=MessageKind.REPLY,
                blocks=blocks,
            )
            await attach(conn, req.id, req.files)
            await routing.route_if_reopened(w, chat)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(who.workspace_id, head)
        return customer_message(wire.message(msg))

    async def chat(self, who: CustomerPrincipal, limit: int) -> dict[str, Any]:
        """The chat and its newest messages; `head`, read first, is the cursor to follow
        its changes from (what changed meanwhile may come again: same ids)."""
        async with self.db.read() as conn:
            chat = await chats.load_chat(conn, who.workspace_id, who.chat_id)
            head = await customer_head(conn, who.workspace_id, chat.id)
            messages = await self.messages(conn, chat.id, before=None, limit=limit)
        return {
            "id": str(chat.id),
            "state": chat.state,
            "medium": chat.medium,
            "head": self.cursors.seal(chat.id, head),
            **messages,
        }

    async def messages(
        self, conn: AsyncConnection, chat_id: uuid.UUID, *, before: str | None, limit: int
    ) -> dict[str, Any]:
        """A customer's page of messages, oldest first, notes hidden: before the cursor
        `before` (none: the newest); its `before` is the cursor of the next older page
        (null when there is none). Messages carry no seq: their order is the list's."""
        seq = None if before is None else self.cursors.open(chat_id, before)
        page = await message_page(conn, chat_id, before=seq, limit=limit, customer=True)
        rows = page["messages"]
        older = self.cursors.seal(chat_id, rows[0]["seq"]) if page["more"] and rows else None
        return {
            "messages": [customer_message(r) for r in rows],
            "more": page["more"],
            "before": older,
        }


async def message_page(
    conn: AsyncConnection, chat_id: uuid.UUID, *, before: int | None, limit: int, customer: bool
) -> dict[str, Any]:
    """The newest `limit` messages before seq `before`, oldest first; notes hidden from
    customers."""
    q = select(m.Message).where(m.Message.chat_id == chat_id)
    if before is not None:
        q = q.where(m.Message.seq < before)
    if customer:
        q = q.where(m.Message.kind.not_in((MessageKind.NOTE.value, MessageKind.EVENT.value)))
    rows = (await conn.execute(q.order_by(m.Message.seq.desc()).limit(limit + 1))).all()
    more = len(rows) > limit
    return {"messages": [wire.message(r) for r in reversed(rows[:limit])], "more": more}


async def announce_visitor(w: ChangeWriter, customer_id: uuid.UUID) -> None:
    """A website visitor's first chat (U2): the agents' apps learn of the customer and of
    the newest pages they saw before it (P5), kept out of the change log until now."""
    chatted = await w.conn.scalar(
        select(m.Chat.id).where(m.Chat.customer_id == customer_id).limit(1)
    )
    if chatted is not None:
        return  # announced with their first chat; later visits went to the log
    [customer] = await wire.customers(w.conn, [customer_id])
    w.emit(Entity.CUSTOMER, customer_id, customer)
    seen = (
        await w.conn.execute(
            select(m.PageVisit)
            .where(m.PageVisit.customer_id == customer_id)
            .order_by(m.PageVisit.visited_at.desc(), m.PageVisit.id)
            .limit(VISITS_ANNOUNCED)
        )
    ).all()
    for row in reversed(seen):
        w.emit(Entity.PAGE_VISIT, row.id, wire.page_visit(row))


async def customer_by_identity(
    w: ChangeWriter, medium: Medium, external_id: str, name: str
) -> uuid.UUID:
    """The customer known on `medium` by `external_id` (a LINE user id, a From address);
    made, named `name`, with that identity on their first message."""
    external_id = external_id[:300]
    found: uuid.UUID | None = await w.conn.scalar(
        select(m.CustomerIdentity.customer_id).where(
            m.CustomerIdentity.workspace_id == w.workspace_id,
            m.CustomerIdentity.medium == medium.value,
            m.CustomerIdentity.external_id == external_id,
        )
    )
    if found is not None:
        return found
    customer_id = await create_customer(w, w.workspace_id, name, announce=False)
    await w.conn.execute(
        insert(m.CustomerIdentity).values(
            id=uuid.uuid4(),
            workspace_id=w.workspace_id,
            customer_id=customer_id,
            medium=medium.value,
            external_id=external_id,
        )
    )
    [customer] = await wire.customers(w.conn, [customer_id])
    w.emit(Entity.CUSTOMER, customer_id, customer)
    return customer_id


async def create_customer(
    w: ChangeWriter, workspace_id: uuid.UUID, name: str, *, announce: bool = True, **fields: Any
) -> uuid.UUID:
    customer_id = uuid.uuid4()
    params = {
        "id": customer_id,
        "workspace_id": workspace_id,
        "name": name,
        "profile": fields.pop("profile", {}),
        "created_at": utcnow(),
        **fields,
    }
    row = (await w.conn.execute(_INSERT_CUSTOMER, params)).one()
    if not announce:
        return customer_id
    if w.known is not None:  # for the notifications about its chat
        w.known.customer_names[customer_id] = name
    # As wire.customers would read it back: a new customer has no identities yet.
    w.emit(
        Entity.CUSTOMER, customer_id, wire.dump(s.CustomerOut, {**row._asdict(), "identities": []})
    )
    return customer_id
