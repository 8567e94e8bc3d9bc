"""`sangdam://` links (SPEC H4): what a manager link asks the app to open.

    sangdam://chat/<chat id>?server=<server base URL>[&workspace=<workspace id>]
    sangdam://invite?server=<server base URL>&token=<invitation token>   (issue 17)

The server builds them (`GET /chats/{id}/links`, and the page `/m/chats/{id}` opens
one). The server is part of the link, so a link for another server than the one logged
in is told apart from a chat that is not there. Pure: no Qt, no network; the window
turns a `LinkError`'s kind into a sentence.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

from desktop.sync.paths import normal_url

SCHEME = "sangdam"
MAX_LENGTH = 2048  # a link is a chat id and a server address; anything longer is not one


class Problem(StrEnum):
    NOT_A_LINK = "not_a_link"  # another scheme, too long, or not a URL at all
    UNKNOWN_KIND = "unknown_kind"  # sangdam://<something other than chat>
    BAD_CHAT_ID = "bad_chat_id"
    NO_SERVER = "no_server"
    BAD_SERVER = "bad_server"
    BAD_WORKSPACE = "bad_workspace"
    BAD_TOKEN = "bad_token"  # an invitation link without its token


class LinkError(ValueError):
    def __init__(self, problem: Problem, link: str) -> None:
        super().__init__(f"{problem.value}: {link[:200]!r}")
        self.problem = problem
        self.link = link


@dataclass(frozen=True, slots=True)
class ChatLink:
    chat_id: str  # canonical UUID text
    server: str  # normal_url of the server's base URL
    workspace: str | None = None  # canonical UUID text, when the link says


def parse(text: str) -> ChatLink:
    """The chat link in `text`, or LinkError saying what is wrong with it."""
    link = text.strip()
    if not link or len(link) > MAX_LENGTH or any(ord(c) < 32 for c in link):
        raise LinkError(Problem.NOT_A_LINK, text)
    parts = urlsplit(link)
    if parts.scheme.lower() != SCHEME:
        raise LinkError(Problem.NOT_A_LINK, text)
    if parts.netloc.lower() != "chat":
        raise LinkError(Problem.UNKNOWN_KIND, text)
    chat_id = _uuid(parts.path.strip("/"))
    if chat_id is None:
        raise LinkError(Problem.BAD_CHAT_ID, text)
    query = parse_qs(parts.query, keep_blank_values=True)
    servers = query.get("server") or []
    if not servers or not servers[0].strip():
        raise LinkError(Problem.NO_SERVER, text)
    server = servers[0].strip()
    address = urlsplit(server)
    if address.scheme.lower() not in {"http", "https"} or not address.hostname:
        raise LinkError(Problem.BAD_SERVER, text)
    try:
        address.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise LinkError(Problem.BAD_SERVER, text) from None
    workspace = None
    if query.get("workspace"):
        workspace = _uuid(query["workspace"][0])
        if workspace is None:
            raise LinkError(Problem.BAD_WORKSPACE, text)
    return ChatLink(chat_id, normal_url(server), workspace)


@dataclass(frozen=True, slots=True)
class InviteLink:
    """An invitation to join a workspace (issue 17): the app asks a name and a password
    and accepts it on `server`."""

    server: str  # normal_url of the server's base URL
    token: str

    def __repr__(self) -> str:  # the token is a secret: never in a log line
        return f"InviteLink(server={self.server!r})"


def is_invite(text: str) -> bool:
    parts = urlsplit(text.strip()[:MAX_LENGTH])
    return parts.scheme.lower() == SCHEME and parts.netloc.lower() == "invite"


def parse_invite(text: str) -> InviteLink:
    """The invitation link in `text`, or LinkError saying what is wrong with it."""
    link = text.strip()
    if not link or len(link) > MAX_LENGTH or any(ord(c) < 32 for c in link):
        raise LinkError(Problem.NOT_A_LINK, text)
    parts = urlsplit(link)
    if parts.scheme.lower() != SCHEME:
        raise LinkError(Problem.NOT_A_LINK, text)
    if parts.netloc.lower() != "invite":
        raise LinkError(Problem.UNKNOWN_KIND, text)
    query = parse_qs(parts.query, keep_blank_values=True)
    server = _server(query, text)
    tokens = [t.strip() for t in query.get("token") or [] if t.strip()]
    if not tokens or len(tokens[0]) > 200:
        raise LinkError(Problem.BAD_TOKEN, text)
    return InviteLink(server, tokens[0])


def _server(query: dict[str, list[str]], text: str) -> str:
    servers = query.get("server") or []
    if not servers or not servers[0].strip():
        raise LinkError(Problem.NO_SERVER, text)
    server = servers[0].strip()
    address = urlsplit(server)
    if address.scheme.lower() not in {"http", "https"} or not address.hostname:
        raise LinkError(Problem.BAD_SERVER, text)
    try:
        address.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise LinkError(Problem.BAD_SERVER, text) from None
    return normal_url(server)


def same_server(a: str, b: str) -> bool:
    """`https://Inbox.example.com:443/` and `https://inbox.example.com` are one server."""
    return _canonical(a) == _canonical(b)


def _canonical(url: str) -> str:
    parts = urlsplit(normal_url(url))
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port
    except ValueError:
        return normal_url(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # IPv6
    netloc = host if port in (None, default) else f"{host}:{port}"
    return f"{parts.scheme}://{netloc}{parts.path}"


def _uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None
