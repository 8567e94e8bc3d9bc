"""Email as a medium (U3): mail in through our SMTP listener in real SMTP sessions, an
agent's reply out through SMTP to a local mail server (the external party: an aiosmtpd
server in its own thread, keeping what it receives)."""

from __future__ import annotations

import asyncio
import socket
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import aiosmtplib
import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session
from sqlalchemy import func, select

from protocol.kinds import Medium
from server.customers.limits import PublicLimits
from server.db import models as m
from server.mail.listener import MailHandler, listen
from server.mail.outbound import (
    EmailSender,
    OutboundMail,
    PermanentDelivery,
    RetryableDelivery,
    SmtpAccount,
)
from server.mail.parse import html_text, parse
from server.mail.serve import parse_listen
from server.services import Services
from tests.support.pusher import Pusher
from tests.support.uploads import Tus
from tests.support.world import World, login

INBOX = "help@testco.example"
PDF = b"%PDF-1.4 a small invoice\x00\x01\x02" * 10


# ---- the remote mail server (the external party) ---------------------------------------


@dataclass
class Remote:
    """What the workspace's mail server received, and how it answers RCPT."""

    port: int = 0
    rcpt_answer: str = "250 OK"
    mails: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, opts: list[str]
    ) -> str:
        if not self.rcpt_answer.startswith("250"):
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(msg, EmailMessage)
        self.mails.append((str(envelope.mail_from), list(envelope.rcpt_tos), msg))
        return "250 Queued"

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        self.logins.append((bytes(data.login), bytes(data.password)))
        return AuthResult(success=data.password == b"s3cret pass", handled=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def remote() -> Iterator[Remote]:
    box = Remote(port=_free_port())
    ctl = Controller(
        box,
        hostname="127.0.0.1",
        port=box.port,
        authenticator=box.authenticate,
        auth_require_tls=False,
    )
    ctl.start()
    yield box
    ctl.stop()


# ---- our side ----------------------------------------------------------------------------


@pytest.fixture
async def owner(client: httpx.AsyncClient, world: World) -> dict[str, str]:
    return await login(client, "owner")


@pytest.fixture
async def connected(
    client: httpx.AsyncClient, owner: dict[str, str], remote: Remote
) -> dict[str, Any]:
    """The email medium connected by the owner, its mail server the `remote` one."""
    r = await client.put(
        "/integrations/email",
        json={
            "settings": {
                "inbound_address": INBOX,
                "smtp_host": "127.0.0.1",
                "smtp_port": remote.port,
                "smtp_user": "sangdam",
                "smtp_starttls": False,
            },
            "secrets": {"smtp_password": "s3cret pass"},
        },
        headers=owner,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


@pytest.fixture
async def listener(services: Services) -> AsyncIterator[int]:
    """Our SMTP listener on 127.0.0.1, a free port; yields the port."""
    handler = MailHandler(
        services.db, services.doorbell, services.uploads.storage, PublicLimits(services.settings)
    )
    server = await listen(handler, "127.0.0.1", 0, max_bytes=256 * 1024)
    yield int(server.sockets[0].getsockname()[1])
    server.close()
    await server.wait_closed()


def mail(
    text: str | None = "Hello, my order #12 did not arrive.",
    *,
    sender: str = "Mina Kim <mina@customer.example>",
    subject: str = "Where is my order?",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    html: str | None = None,
    files: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = INBOX
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or f"<{uuid.uuid4()}@customer.example>"
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    if text is not None:
        msg.set_content(text)
    if html is not None:
        if text is None:
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    for name, ctype, data in files:
        main, _, sub = ctype.partition("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg


async def deliver(port: int, msg: EmailMessage, to: str = INBOX) -> None:
    await aiosmtplib.send(msg, hostname="127.0.0.1", port=port, recipients=[to], timeout=60)


async def email_chats(services: Services) -> list[Any]:
    async with services.db.read() as conn:
        return list(
            (
                await conn.execute(
                    select(m.Chat).where(m.Chat.medium == Medium.EMAIL.value).order_by(m.Chat.id)
                )
            ).all()
        )


async def messages_of(services: Services, chat_id: uuid.UUID) -> list[Any]:
    async with services.db.read() as conn:
        return list(
            (
                await conn.execute(
                    select(m.Message).where(m.Message.chat_id == chat_id).order_by(m.Message.seq)
                )
            ).all()
        )


async def file_bytes(services: Services, file_id: str) -> bytes:
    async with services.db.read() as conn:
        row = (await conn.execute(select(m.File).where(m.File.id == uuid.UUID(file_id)))).one()
        parts = (await conn.execute(select(m.FilePart).where(m.FilePart.file_id == row.id))).all()
    return b"".join([b async for b in services.uploads.read(list(parts), 0, row.size)])


async def until_delivered(services: Services, message_id: uuid.UUID) -> None:
    """The outbox sends the queued reply (its job does this every few seconds on the
    worker holding the lease; here, at once), at most a minute."""
    async with asyncio.timeout(60):
        while True:
            await services.outbox.deliver_due()
            async with services.db.read() as conn:
                at = await conn.scalar(
                    select(m.Message.delivered_at).where(m.Message.id == message_id)
                )
            if at is not None:
                return
            await asyncio.sleep(0.02)


def text_of(message: Any) -> str:
    return "".join(b["text"] for b in message.blocks if b["type"] == "text")


def files_of(message: Any) -> list[dict[str, Any]]:
    return [f for b in message.blocks if b["type"] == "files" for f in b["files"]]


# ---- mail in -----------------------------------------------------------------------------


# covers: U3
async def test_a_mail_opens_an_email_chat_with_its_text_and_attachment(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    await deliver(
        listener,
        mail(
            sender="김민아 <Mina@Customer.example>",
            subject="주문 문의",
            files=[("invoice.pdf", "application/pdf", PDF)],
        ),
    )
    [chat] = await email_chats(services)
    async with services.db.read() as conn:
        customer = (
            await conn.execute(select(m.Customer).where(m.Customer.id == chat.customer_id))
        ).one()
        identity = await conn.scalar(
            select(m.CustomerIdentity.external_id).where(
                m.CustomerIdentity.customer_id == chat.customer_id,
                m.CustomerIdentity.medium == "email",
            )
        )
    assert customer.name == "김민아"
    assert identity == "mina@customer.example"
    [msg] = await messages_of(services, chat.id)
    assert msg.author_kind == "customer" and msg.author_id == chat.customer_id
    assert "주문 문의" in text_of(msg)
    assert "my order #12 did not arrive" in text_of(msg)
    [ref] = files_of(msg)
    assert (ref["name"], ref["content_type"], ref["size"]) == (
        "invoice.pdf",
        "application/pdf",
        len(PDF),
    )
    assert await file_bytes(services, ref["id"]) == PDF


# covers: U3
async def test_a_reply_to_our_message_id_threads_into_the_same_chat(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    first = "<first-1@customer.example>"
    await deliver(listener, mail(message_id=first))
    # a later answer of theirs naming their own first mail, and a new unrelated mail
    await deliver(listener, mail("And another thing.", in_reply_to=first, subject="Re: x"))
    await deliver(listener, mail("A new question", subject="Invoice"))
    chats = await email_chats(services)
    assert len(chats) == 2
    async with services.db.read() as conn:
        first_chat = await conn.scalar(
            select(m.EmailMessage.chat_id).where(m.EmailMessage.header_id == first)
        )
    texts = [text_of(x) for x in await messages_of(services, first_chat)]
    assert len(texts) == 2 and "And another thing." in texts[1]
    assert "Re: x" not in texts[1]  # the subject opens a chat; it is not repeated


async def test_mail_to_an_unknown_address_is_refused_at_rcpt_and_creates_nothing(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
        await deliver(listener, mail(), to="nobody@testco.example")
    assert refused.value.recipients[0].code == 550
    assert await email_chats(services) == []


async def test_a_flood_of_mail_is_deferred_with_451_over_the_limits(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    # per sending server: over its limit, RCPT answers 451 (try later); nothing is read
    services.settings.mail_address_mails = 3
    for i in range(3):
        await deliver(listener, mail(f"message {i}", sender=f"c{i} <c{i}@customer.example>"))
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
        await deliver(listener, mail("one too many"))
    assert refused.value.recipients[0].code == 451
    assert len(await email_chats(services)) == 3

    # per workspace, whoever sends: over its limit, DATA answers 451 and stores nothing
    services.settings.mail_address_mails = 1000
    services.settings.mail_workspace_mails = 4
    await deliver(listener, mail("the fourth", sender="d <d@customer.example>"))
    with pytest.raises(aiosmtplib.SMTPResponseException) as deferred:
        await deliver(listener, mail("the fifth", sender="e <e@customer.example>"))
    assert deferred.value.code == 451
    assert len(await email_chats(services)) == 4


async def test_a_mail_without_a_from_address_is_refused(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    nameless = mail()
    del nameless["From"]
    with pytest.raises(aiosmtplib.SMTPResponseException) as refused:
        await aiosmtplib.send(
            nameless,
            hostname="127.0.0.1",
            port=listener,
            sender="someone@customer.example",
            recipients=[INBOX],
        )
    assert refused.value.code == 550
    assert await email_chats(services) == []


async def test_nothing_is_received_before_email_is_connected(
    services: Services, world: World, listener: int
) -> None:
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused):
        await deliver(listener, mail())
    assert await email_chats(services) == []


async def test_an_html_only_mail_lands_as_text(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    body = (
        "<html><head><style>p{color:red}</style></head><body><p>Hi &amp; hello</p>"
        "<script>alert(1)</script><p>Second <b>line</b></p></body></html>"
    )
    await deliver(listener, mail(None, html=body))
    [chat] = await email_chats(services)
    [msg] = await messages_of(services, chat.id)
    text = text_of(msg)
    assert "Hi & hello" in text and "Second line" in text
    assert "<" not in text and "alert" not in text and "color" not in text
    assert [b["type"] for b in msg.blocks] == ["text"]


async def test_a_duplicate_message_id_creates_nothing(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    same = mail(message_id="<dup-1@customer.example>", files=[("a.txt", "text/plain", b"a")])
    await deliver(listener, same)
    await deliver(listener, same)
    [chat] = await email_chats(services)
    assert len(await messages_of(services, chat.id)) == 1
    async with services.db.read() as conn:
        assert await conn.scalar(select(func.count()).select_from(m.File)) == 1


async def test_too_many_attachments_land_with_a_note_and_a_too_big_mail_is_refused(
    services: Services, connected: dict[str, Any], listener: int
) -> None:
    files = [(f"f{i}.txt", "text/plain", f"file {i}".encode()) for i in range(12)]
    await deliver(listener, mail(files=files))
    [chat] = await email_chats(services)
    [msg] = await messages_of(services, chat.id)
    assert len(files_of(msg)) == 10
    assert "f10.txt" in text_of(msg) and "f11.txt" in text_of(msg)
    assert "Not received" in text_of(msg)
    # the listener here takes at most 256 KiB of DATA: over it, 552 and nothing stored
    big = mail("big", files=[("big.bin", "application/octet-stream", b"x" * 400_000)])
    with pytest.raises(aiosmtplib.SMTPResponseException) as refused:
        await deliver(listener, big)
    assert refused.value.code == 552
    assert len(await email_chats(services)) == 1


def test_parse_keeps_the_thread_and_strips_html_safely() -> None:
    raw = mail(None, html="<p>a<br>b</p><script>x()</script>", in_reply_to="<r@x>").as_bytes()
    parsed = parse(raw)
    assert parsed.thread == ["<r@x>"]
    assert parsed.text == "a\nb"
    assert html_text("<p>&lt;script&gt;</p>") == "<script>"  # shown as text, never markup


# ---- mail out ----------------------------------------------------------------------------


# covers: U3
async def test_an_agents_reply_goes_out_threaded_with_its_attachment(
    client: httpx.AsyncClient,
    services: Services,
    world: World,
    connected: dict[str, Any],
    listener: int,
    remote: Remote,
) -> None:
    theirs = "<order-question@customer.example>"
    await deliver(listener, mail(message_id=theirs, subject="Where is my order?"))
    [chat] = await email_chats(services)
    ana = await login(client, "ana")
    upload = await Tus(client, ana).upload(
        PDF, chat_id=str(chat.id), message_id=uuid.uuid4(), name="label.pdf"
    )
    reply_id = uuid.uuid4()
    res = await Pusher(client, ana).do(
        "send_message",
        chat_id=chat.id,
        message_id=reply_id,
        blocks=[
            {"type": "text", "text": "It ships today."},
            {"type": "files", "files": [{"id": upload, "name": "label.pdf", "size": 1}]},
        ],
    )
    assert res["status"] == "applied", res
    # queued with the reply, it goes out through the outbox (server.connectors.outbox)
    await until_delivered(services, reply_id)

    [(mail_from, rcpts, sent)] = remote.mails
    assert remote.logins and remote.logins[-1] == (b"sangdam", b"s3cret pass")
    assert rcpts == ["mina@customer.example"]
    assert mail_from == INBOX
    assert sent["From"].addresses[0].addr_spec == INBOX
    assert "Ana" in sent["From"].addresses[0].display_name
    assert sent["Subject"] == "Re: Where is my order?"
    assert sent["In-Reply-To"] == theirs
    assert theirs in sent["References"]
    body = sent.get_body(preferencelist=("plain",))
    assert body is not None and "It ships today." in body.get_content()
    [att] = list(sent.iter_attachments())
    assert att.get_filename() == "label.pdf" and att.get_payload(decode=True) == PDF
    # delivered (the V mark), and the customer's answer to it threads into the chat
    [_, reply] = await messages_of(services, chat.id)
    assert reply.id == reply_id and reply.delivered_at is not None
    await deliver(listener, mail("Thanks!", in_reply_to=str(sent["Message-ID"])))
    assert len(await email_chats(services)) == 1
    assert text_of((await messages_of(services, chat.id))[-1]).startswith("Thanks!")


def _account(port: int) -> SmtpAccount:
    return SmtpAccount(INBOX, "127.0.0.1", port, "sangdam", "s3cret pass", smtp_starttls=False)


OUT = OutboundMail(to="mina@customer.example", text="hi", subject="Q", sender_name="Test Co")


async def test_a_4xx_answer_is_retryable_and_a_5xx_permanent(remote: Remote) -> None:
    sender = EmailSender(timeout=60)
    remote.rcpt_answer = "451 4.3.0 try later"
    with pytest.raises(RetryableDelivery, match="451"):
        await sender.deliver(_account(remote.port), OUT)
    remote.rcpt_answer = "550 5.1.1 no such user"
    with pytest.raises(PermanentDelivery, match="550"):
        await sender.deliver(_account(remote.port), OUT)
    assert remote.mails == []
    remote.rcpt_answer = "250 OK"
    await sender.deliver(_account(remote.port), OUT)
    assert len(remote.mails) == 1


async def test_an_unreachable_mail_server_is_retryable() -> None:
    with pytest.raises(RetryableDelivery):
        await EmailSender(timeout=30).deliver(_account(_free_port()), OUT)


async def test_a_wrong_password_is_permanent(remote: Remote) -> None:
    wrong = SmtpAccount(INBOX, "127.0.0.1", remote.port, "sangdam", "nope", smtp_starttls=False)
    with pytest.raises(PermanentDelivery, match="535"):
        await EmailSender(timeout=60).deliver(wrong, OUT)
    assert remote.mails == []


def test_the_listen_address_is_checked() -> None:
    assert parse_listen("0.0.0.0:2525") == ("0.0.0.0", 2525)
    assert parse_listen("[::1]:25") == ("::1", 25)
    for bad in ("2525", "host:", "host:99999", "host:x"):
        with pytest.raises(ValueError, match="host:port"):
            parse_listen(bad)


async def test_the_mail_command_receives_mail_in_its_own_process(
    services: Services, connected: dict[str, Any], tmp_path: Path
) -> None:
    port = _free_port()
    log = (tmp_path / "mail.log").open("w+")
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        "mail",
        "--listen",
        f"127.0.0.1:{port}",
        "--database-url",
        services.settings.database_url,
        stdout=asyncio.subprocess.PIPE,
        stderr=log,
    )
    try:
        assert proc.stdout is not None
        async with asyncio.timeout(120):
            line = await proc.stdout.readline()
        assert f"receiving mail on 127.0.0.1:{port}" in line.decode(), log.read()
        await deliver(port, mail("Sent to the mail process."))
        [chat] = await email_chats(services)
        [msg] = await messages_of(services, chat.id)
        assert "Sent to the mail process." in text_of(msg)
    finally:
        proc.terminate()
        await proc.wait()
        log.close()
