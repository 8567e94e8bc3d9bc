"""One inbound mail as the inbox needs it (U3): who wrote, what, threaded to what.

Text only: text/plain is preferred; an HTML-only mail is reduced to its text here (tags
dropped, scripts and styles with their content, entities decoded), so no HTML is ever
stored or shown as rich text. Attachments keep their bytes; the limits of M1 apply (the
ones over them are named in `dropped`, and the mail still lands).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from html.parser import HTMLParser

from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE, MAX_TEXT_CHARS

_ID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class InboundMail:
    message_id: str  # "<...>"; made up from the content when the mail has none
    sender: str  # the From address, lower case
    sender_name: str
    subject: str
    text: str
    thread: list[str] = field(default_factory=list)  # In-Reply-To, then References
    attachments: list[Attachment] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # what M1's limits left out, said why


class _Text(HTMLParser):
    """The readable text of an HTML body: no tags, no script/style content."""

    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    _HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    reader = _Text()
    reader.feed(markup)
    reader.close()
    text = html.unescape("".join(reader.parts))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _ids(value: str | None) -> list[str]:
    return _ID.findall(value or "")


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    if part is not None:
        return str(part.get_content()).strip()
    part = msg.get_body(preferencelist=("html",))
    if part is not None:
        return html_text(str(part.get_content()))
    return ""


def parse(
    raw: bytes,
    *,
    max_files: int = MAX_FILES_PER_MESSAGE,
    max_file_bytes: int = MAX_FILE_BYTES,
) -> InboundMail:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    [(name, address)] = getaddresses([str(msg.get("From", ""))])[:1] or [("", "")]
    # No Message-ID: one made of the bytes, so the same mail redelivered counts once.
    own_id = _ids(str(msg.get("Message-ID", ""))) or [
        f"<{hashlib.sha256(raw).hexdigest()}@sangdam.invalid>"
    ]
    message_id = own_id[0]
    thread = _ids(str(msg.get("In-Reply-To", ""))) + _ids(str(msg.get("References", "")))
    mail = InboundMail(
        message_id=message_id[:998],
        sender=address.strip().lower(),
        sender_name=name.strip(),
        subject=" ".join(str(msg.get("Subject", "")).split())[:998],
        text=_body(msg)[:MAX_TEXT_CHARS],
        thread=list(dict.fromkeys(thread)),
    )
    for part in msg.iter_attachments():
        assert isinstance(part, EmailMessage)
        filename = part.get_filename() or "attachment"
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue  # an attached message/rfc822: its text is not ours to unpack
        if len(mail.attachments) >= max_files:
            mail.dropped.append(f"{filename} (a message takes at most {max_files} files)")
        elif len(data) > max_file_bytes:
            mail.dropped.append(f"{filename} (over {max_file_bytes} bytes)")
        else:
            mail.attachments.append(Attachment(filename, part.get_content_type(), data))
    return mail
