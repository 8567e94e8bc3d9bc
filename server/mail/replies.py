"""An agent's reply in an email chat goes out as a mail in the customer's thread (U3).

`send_reply` reads what the mail needs (the workspace's medium and its opened secrets,
the thread's Message-IDs and subject, the customer's address, the files' bytes), hands
it to the sender, and once the mail server accepted it records the Message-ID (so the
customer's answer threads back). The outbox (server.connectors.outbox) calls it through
`MailReplySender`, which turns the sender's `RetryableDelivery` or `PermanentDelivery`
into the outbox's `Retryable` or `Permanent`; the outbox then sets the message's
`delivered_at` (the V mark) or its failure, as for every medium.

Our Message-ID is made from the message's id, so a retried delivery reuses it.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import insert, select

from protocol.kinds import AuthorKind, Medium, MessageKind
from server.connectors.base import OutboundJob, Permanent, Retryable
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.mail.outbound import (
    DeliveryError,
    EmailSender,
    OutboundMail,
    PermanentDelivery,
    RetryableDelivery,
    SmtpAccount,
)
from server.media.secrets import Sealer, open_secrets
from server.uploads.service import UploadService

log = logging.getLogger(__name__)


def our_message_id(message_id: uuid.UUID, inbound_address: str) -> str:
    return f"<{message_id}@{inbound_address.partition('@')[2] or 'sangdam.invalid'}>"


async def _file_bytes(uploads: UploadService, conn: Any, file_id: str) -> tuple[str, str, bytes]:
    row = (await conn.execute(select(m.File).where(m.File.id == uuid.UUID(file_id)))).one()
    parts = (
        await conn.execute(
            select(m.FilePart).where(m.FilePart.file_id == row.id).order_by(m.FilePart.offset)
        )
    ).all()
    data = b"".join([block async for block in uploads.read(list(parts), 0, row.size)])
    return row.name, row.content_type, data


async def outbound_mail(
    db: Database, sealer: Sealer, uploads: UploadService, message_id: uuid.UUID
) -> tuple[SmtpAccount, OutboundMail, uuid.UUID, uuid.UUID]:
    """What to send for the reply `message_id`: (account, mail, workspace, chat)."""
    async with db.read() as conn:
        msg = (await conn.execute(select(m.Message).where(m.Message.id == message_id))).one()
        chat = (await conn.execute(select(m.Chat).where(m.Chat.id == msg.chat_id))).one()
        if (
            chat.medium != Medium.EMAIL.value
            or msg.kind != MessageKind.REPLY.value
            or msg.author_kind == AuthorKind.CUSTOMER.value
        ):
            raise PermanentDelivery("only a team's reply in an email chat goes out by email")
        ws = chat.workspace_id
        integration = (
            await conn.execute(
                select(m.Integration.config).where(
                    m.Integration.workspace_id == ws,
                    m.Integration.medium == Medium.EMAIL.value,
                    m.Integration.connected.is_(True),
                )
            )
        ).first()
        secrets = await open_secrets(conn, sealer, ws, Medium.EMAIL)
        if integration is None or secrets is None:
            raise PermanentDelivery("email is not connected in this workspace")
        to = await conn.scalar(
            select(m.CustomerIdentity.external_id).where(
                m.CustomerIdentity.customer_id == chat.customer_id,
                m.CustomerIdentity.medium == Medium.EMAIL.value,
            )
        )
        if to is None:
            raise PermanentDelivery("the customer has no email address")
        thread = (
            await conn.execute(
                select(m.EmailMessage.header_id, m.EmailMessage.subject, m.EmailMessage.outbound)
                .where(m.EmailMessage.chat_id == chat.id)
                .order_by(m.EmailMessage.created_at, m.EmailMessage.id)
            )
        ).all()
        workspace = await conn.scalar(select(m.Workspace.name).where(m.Workspace.id == ws))
        agent = (
            await conn.scalar(select(m.Manager.name).where(m.Manager.id == msg.author_id))
            if msg.author_id is not None
            else None
        )
        files = [
            await _file_bytes(uploads, conn, ref["id"])
            for block in msg.blocks
            if block.get("type") == "files"
            for ref in block.get("files", [])
        ]
    account = SmtpAccount.of(dict(integration.config), secrets)
    subject = next((t.subject for t in thread if t.subject), "")
    ids = [t.header_id for t in thread]
    mail = OutboundMail(
        to=str(to),
        text=msg.text,
        subject=subject,
        sender_name=f"{agent} ({workspace})" if agent else str(workspace or ""),
        in_reply_to=next((t.header_id for t in reversed(thread) if not t.outbound), None)
        or (ids[-1] if ids else None),
        references=ids[-20:],  # the newest of a long thread: headers stay short
        attachments=files,
        message_id=our_message_id(message_id, account.inbound_address),
    )
    return account, mail, ws, chat.id


async def send_reply(
    db: Database,
    sealer: Sealer,
    uploads: UploadService,
    message_id: uuid.UUID,
    sender: EmailSender | None = None,
) -> None:
    """Send the reply `message_id` by email and record its Message-ID (see the module);
    one delivered already is not sent again. Its V mark is the outbox's to set, as for
    every medium."""
    async with db.read() as conn:
        done = await conn.scalar(select(m.Message.delivered_at).where(m.Message.id == message_id))
    if done is not None:
        return
    account, mail, ws, chat_id = await outbound_mail(db, sealer, uploads, message_id)
    sent_id = await (sender or EmailSender()).deliver(account, mail)
    async with db.write() as conn:
        known = await conn.scalar(
            select(m.EmailMessage.id).where(
                m.EmailMessage.workspace_id == ws, m.EmailMessage.header_id == sent_id
            )
        )
        if known is None:
            await conn.execute(
                insert(m.EmailMessage).values(
                    id=uuid.uuid4(),
                    workspace_id=ws,
                    chat_id=chat_id,
                    message_id=message_id,
                    header_id=sent_id,
                    subject="",
                    outbound=True,
                    created_at=utcnow(),
                )
            )


class MailReplySender:
    """The email medium's sender for the outbox (server.connectors.outbox): the outbox
    queues each reply of an email chat with the reply itself, tries it with backoff and
    records a failure; this sends it (`send_reply`) and says which failures may pass."""

    medium = Medium.EMAIL

    def __init__(
        self,
        db: Database,
        sealer: Sealer,
        uploads: UploadService,
        sender: EmailSender | None = None,
    ) -> None:
        self.db = db
        self.sealer = sealer
        self.uploads = uploads
        self.sender = sender or EmailSender()

    async def deliver(self, job: OutboundJob) -> None:
        try:
            await send_reply(self.db, self.sealer, self.uploads, job.message_id, self.sender)
        except RetryableDelivery as exc:
            raise Retryable(str(exc)) from None
        except DeliveryError as exc:
            raise Permanent(str(exc)) from None
