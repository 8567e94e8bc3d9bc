"""One reply out by SMTP (U3): composed as a reply in the customer's thread and handed
to the workspace's mail server.

`EmailSender` has the connectors' shape (`medium`, `deliver`): the outbound queue calls
it and retries on `RetryableDelivery` (4xx, the server unreachable), gives up on
`PermanentDelivery` (5xx: the address or the message is refused for good).
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import aiosmtplib

from protocol.kinds import Medium


class DeliveryError(Exception):
    """The mail was not accepted; says why (never a secret)."""


class RetryableDelivery(DeliveryError):
    """A transient failure (4xx, connection refused or lost): try again later."""


class PermanentDelivery(DeliveryError):
    """The mail server refused for good (5xx): retrying changes nothing."""


@dataclass(frozen=True)
class SmtpAccount:
    """A workspace's email medium: its settings (protocol.media.EmailSettings) and its
    sealed password, opened."""

    inbound_address: str
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool = True

    def __repr__(self) -> str:
        return f"SmtpAccount({self.inbound_address!r} via {self.smtp_host}:{self.smtp_port})"

    @classmethod
    def of(cls, settings: dict[str, object], secrets: dict[str, str]) -> SmtpAccount:
        return cls(
            inbound_address=str(settings["inbound_address"]),
            smtp_host=str(settings["smtp_host"]),
            smtp_port=int(str(settings.get("smtp_port", 587))),
            smtp_user=str(settings["smtp_user"]),
            smtp_password=secrets.get("smtp_password", ""),
            smtp_starttls=bool(settings.get("smtp_starttls", True)),
        )


@dataclass(frozen=True)
class OutboundMail:
    """One reply: to whom, in which thread, what."""

    to: str
    text: str
    subject: str  # the thread's original subject ("Re: " is added once)
    sender_name: str  # shown in From, e.g. "Ana (Test Co)"
    in_reply_to: str | None = None  # the newest Message-ID of the thread
    references: Sequence[str] = ()  # the thread's Message-IDs, oldest first
    attachments: Sequence[tuple[str, str, bytes]] = field(default=())  # name, type, bytes
    message_id: str | None = None  # ours; made when None


def reply_subject(subject: str) -> str:
    subject = subject.strip() or "(no subject)"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def compose(account: SmtpAccount, mail: OutboundMail) -> EmailMessage:
    msg = EmailMessage()
    local, _, domain = account.inbound_address.partition("@")
    msg["From"] = Address(display_name=mail.sender_name, username=local, domain=domain)
    msg["To"] = mail.to
    msg["Subject"] = reply_subject(mail.subject)
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = mail.message_id or make_msgid(domain=domain)
    if mail.in_reply_to:
        msg["In-Reply-To"] = mail.in_reply_to
    refs = list(
        dict.fromkeys([*mail.references, *([mail.in_reply_to] if mail.in_reply_to else [])])
    )
    if refs:
        msg["References"] = " ".join(refs)
    msg.set_content(mail.text or "")
    for name, content_type, data in mail.attachments:
        maintype, _, subtype = content_type.partition("/")
        if not subtype:
            maintype, subtype = "application", "octet-stream"
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


class EmailSender:
    """Sends one reply through the workspace's SMTP server."""

    medium = Medium.EMAIL

    def __init__(self, timeout: float = 60.0, tls_context: ssl.SSLContext | None = None) -> None:
        self.timeout = timeout
        self.tls_context = tls_context

    async def deliver(self, account: SmtpAccount, mail: OutboundMail) -> str:
        """Send it; the Message-ID it went with, once the server accepted it."""
        msg = compose(account, mail)
        implicit_tls = account.smtp_port == 465
        try:
            await aiosmtplib.send(
                msg,
                hostname=account.smtp_host,
                port=account.smtp_port,
                username=account.smtp_user or None,
                password=account.smtp_password or None,
                use_tls=implicit_tls,
                start_tls=account.smtp_starttls and not implicit_tls,
                tls_context=self.tls_context,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise _answered(exc.recipients[0] if exc.recipients else None) from None
        except aiosmtplib.SMTPResponseException as exc:
            raise _answered(exc) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise RetryableDelivery(f"the mail server could not be reached: {exc}") from None
        return str(msg["Message-ID"])


def _answered(exc: aiosmtplib.SMTPResponseException | None) -> DeliveryError:
    if exc is None:
        return PermanentDelivery("the mail server refused the recipient")
    what = f"the mail server answered {exc.code}: {exc.message}"
    return RetryableDelivery(what) if 400 <= exc.code < 500 else PermanentDelivery(what)
