"""The SMTP listener (U3): receives mail for the connected workspaces' inbound addresses.

A recipient no workspace receives at is refused at RCPT (550), so nothing of it is read;
a mail over `max_bytes` is refused at DATA (552, by aiosmtpd's size limit). A sending
server over its limit is answered 451 at RCPT, a workspace over its own at DATA
(`PublicLimits.mail_*`), as is a failure while storing: the sending server keeps the mail
and tries again later, and the Message-ID makes a second delivery count once.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

from aiosmtpd.smtp import SMTP, Envelope, Session

from server.customers.limits import PublicLimits
from server.db.database import Database
from server.errors import ServiceError
from server.mail.inbound import receive, workspace_for
from server.mail.parse import parse
from server.sync.doorbell import Doorbell
from server.uploads.storage import Storage

log = logging.getLogger(__name__)

MAX_MAIL_BYTES = 25 * 1024 * 1024  # the DATA of one mail
TOO_MANY = "451 4.7.1 Too many mails for now; try again later"


class MailHandler:
    """aiosmtpd's handler: RCPT checks the address, DATA stores the mail."""

    def __init__(
        self, db: Database, doorbell: Doorbell, storage: Storage, limits: PublicLimits
    ) -> None:
        self.db = db
        self.doorbell = doorbell
        self.storage = storage
        self.limits = limits

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if await workspace_for(self.db, address) is None:
            return "550 5.1.1 No such mailbox here"
        if not envelope.rcpt_tos:  # the mail's first recipient: its sender counts once
            try:
                await self.limits.mail_sender(session.peer[0] if session.peer else None)
            except ServiceError:
                return TOO_MANY
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        if not isinstance(raw, bytes):
            raw = str(raw or "").encode()
        try:
            mail = parse(raw)
            if "@" not in mail.sender:  # no one to answer, nor to know the customer by
                return "550 5.6.0 A From address is required"
            workspaces: list[uuid.UUID] = []
            for address in envelope.rcpt_tos:
                ws = await workspace_for(self.db, address)
                if ws is not None and ws not in workspaces:
                    workspaces.append(ws)
            for ws in workspaces:
                await self.limits.mail_workspace(ws)
            for ws in workspaces:
                await receive(self.db, self.doorbell, self.storage, ws, mail)
        except ServiceError:
            return TOO_MANY
        except Exception:
            log.exception("an inbound mail could not be stored")
            return "451 4.3.0 Could not store the mail now; try again later"
        return "250 2.0.0 Stored"


async def listen(
    handler: MailHandler, host: str, port: int, max_bytes: int = MAX_MAIL_BYTES
) -> asyncio.Server:
    """Serve SMTP on host:port on the running loop (the database's: no thread of its
    own, unlike aiosmtpd's Controller); port 0 takes a free one. Close it to stop."""
    loop = asyncio.get_running_loop()
    return await loop.create_server(
        lambda: SMTP(handler, data_size_limit=max_bytes, hostname="sangdam"), host, port
    )
