"""Webhooks in (U3): check who sent a payload, then read it into events. No database.

Each medium's own scheme where it has one: LINE's `X-Line-Signature` (base64 HMAC-SHA256
of the raw body, key: the channel secret), Instagram's `X-Hub-Signature-256`
("sha256=" + hex HMAC-SHA256, key: the app secret). Kakao, Naver TalkTalk and phone
call records use ours (docs/architecture.md, "External media"): `X-Sangdam-Timestamp`
(unix seconds) and `X-Sangdam-Signature` = "sha256=" + hex HMAC-SHA256 of
`<timestamp>.<raw body>` with the medium's `webhook_secret`, refused outside a window.
Every event carries an id, the key that makes a retried or replayed one count once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from protocol.errors import ErrorCode
from protocol.kinds import Medium
from server.errors import ServiceError

HOOK_MEDIA: frozenset[Medium] = frozenset(
    {Medium.LINE, Medium.INSTAGRAM, Medium.KAKAO, Medium.NAVER, Medium.PHONE}
)
MAX_TEXT = 10_000


FILE_KINDS = frozenset({"image", "video", "audio", "file"})


@dataclass(frozen=True)
class MediaRef:
    """A file the customer sent, still at the medium: at `url`, or (LINE) kept by the
    messenger under `line_id` and fetched with the channel's token."""

    kind: str  # image, video, audio or file
    name: str | None = None
    url: str | None = None
    line_id: str | None = None


@dataclass(frozen=True)
class InboundEvent:
    """One thing a customer sent: `user_id` is their id on the medium; `media` the files
    (server.connectors.fetch brings them in as the message's files)."""

    event_id: str
    user_id: str
    name: str
    text: str
    media: tuple[MediaRef, ...] = ()


def unsigned(why: str) -> ServiceError:
    return ServiceError(ErrorCode.UNAUTHENTICATED, f"The webhook's signature is refused: {why}.")


def malformed(why: str) -> ServiceError:
    return ServiceError(ErrorCode.BAD_REQUEST, f"The webhook's payload is not understood: {why}.")


def _mac(key: str, data: bytes) -> bytes:
    return hmac.new(key.encode(), data, hashlib.sha256).digest()


def check_subscription(secrets: Mapping[str, str], mode: str, token: str, challenge: str) -> None:
    """Raise unless Meta's subscription check carries the medium's verify token (403) and a
    challenge worth echoing (400: only a short run of letters and digits goes back)."""
    want = secrets.get("verify_token")
    if not want:
        raise ServiceError(
            ErrorCode.FORBIDDEN, "No verify token is set for this medium: set one, then subscribe."
        )
    if mode != "subscribe" or not hmac.compare_digest(token.encode(), want.encode()):
        raise ServiceError(ErrorCode.FORBIDDEN, "The subscription's verify token is refused.")
    if not (0 < len(challenge) <= 128 and challenge.isascii() and challenge.isalnum()):
        raise malformed("the challenge is not a short run of letters and digits")


def verify(
    medium: Medium,
    body: bytes,
    headers: Mapping[str, str],
    secrets: Mapping[str, str],
    *,
    now: float,
    window_s: float,
) -> None:
    """Raise 401 unless `body` was signed by whoever holds the medium's secret."""
    if medium is Medium.LINE:
        given = headers.get("x-line-signature", "")
        want = base64.b64encode(_mac(secrets["channel_secret"], body)).decode()
    elif medium is Medium.INSTAGRAM:
        given = headers.get("x-hub-signature-256", "")
        want = "sha256=" + _mac(secrets["app_secret"], body).hex()
    else:
        key = secrets.get("webhook_secret")
        if not key:
            raise unsigned("no webhook secret is set for this medium")
        stamp = headers.get("x-sangdam-timestamp", "")
        if not stamp.isdigit():
            raise unsigned("no timestamp")
        if abs(now - int(stamp)) > window_s:
            raise unsigned("the timestamp is outside the window")
        given = headers.get("x-sangdam-signature", "")
        want = "sha256=" + _mac(key, stamp.encode() + b"." + body).hex()
    if not given or not hmac.compare_digest(given.encode(), want.encode()):
        raise unsigned("it does not match")


def parse(medium: Medium, body: bytes) -> list[InboundEvent]:
    try:
        data = json.loads(body)
    except ValueError:
        raise malformed("not JSON") from None
    if not isinstance(data, dict):
        raise malformed("not an object")
    try:
        return PARSERS[medium](data)
    except (KeyError, TypeError, AttributeError):
        raise malformed(f"not a {medium.value} event") from None


def _text(value: Any) -> str:
    return str(value)[:MAX_TEXT]


def _line(data: dict[str, Any]) -> list[InboundEvent]:
    """LINE Messaging API: `events[]` of type message from a user; others are skipped.
    Images, videos, audio and files are kept by LINE (or at the bot's own address, an
    "external" content provider) until fetched; a location is said as text."""
    out = []
    for ev in data["events"]:
        if ev.get("type") != "message" or ev["source"].get("type") != "user":
            continue
        msg = ev["message"]
        kind = str(msg["type"])
        media: tuple[MediaRef, ...] = ()
        if kind == "text":
            text = str(msg["text"])
        elif kind in FILE_KINDS:
            text = ""
            provider = msg.get("contentProvider") or {}
            name = str(msg["fileName"]) if msg.get("fileName") else None
            if provider.get("type") == "external" and provider.get("originalContentUrl"):
                media = (MediaRef(kind, name, url=str(provider["originalContentUrl"])),)
            else:
                media = (MediaRef(kind, name, line_id=str(msg["id"])),)
        elif kind == "location":
            place = [str(msg.get(k)) for k in ("title", "address") if msg.get(k)]
            text = " ".join(["📍", *place, f"({msg['latitude']}, {msg['longitude']})"])
        else:
            text = f"[{kind}]"
        user = str(ev["source"]["userId"])
        event_id = str(ev.get("webhookEventId") or msg["id"])
        out.append(InboundEvent(event_id, user, f"LINE {user[-6:]}", _text(text), media))
    return out


def _instagram(data: dict[str, Any]) -> list[InboundEvent]:
    """Instagram messaging webhooks: `entry[].messaging[]` with a `message`; echoes of
    the page's own replies are skipped. Image, video, audio and file attachments are
    fetched from their URL; others (a shared post, a reel) are given as their link."""
    out = []
    for entry in data["entry"]:
        for ev in entry.get("messaging", []):
            msg = ev.get("message")
            if not msg or msg.get("is_echo"):
                continue
            parts = [msg["text"]] if msg.get("text") else []
            media = []
            for a in msg.get("attachments", []):
                kind, url = str(a.get("type")), (a.get("payload") or {}).get("url")
                if kind in FILE_KINDS and url:
                    media.append(MediaRef(kind, url=str(url)))
                else:
                    parts.append(str(url or f"[{kind}]"))
            user = str(ev["sender"]["id"])
            name = f"Instagram {user[-6:]}"
            text = _text("\n".join(parts))
            out.append(InboundEvent(str(msg["mid"]), user, name, text, tuple(media)))
    return out


def _kakao(data: dict[str, Any]) -> list[InboundEvent]:
    """Ours: {id, user_key, name?, text}."""
    user = str(data["user_key"])
    name = str(data.get("name") or f"Kakao {user[-6:]}")
    return [InboundEvent(str(data["id"]), user, name[:200], _text(data["text"]))]


def _naver(data: dict[str, Any]) -> list[InboundEvent]:
    """TalkTalk's event shape ({event: "send", user, textContent: {text}}) plus our id."""
    if data.get("event") != "send":
        return []
    user = str(data["user"])
    content = data.get("textContent") or {}
    image = (data.get("imageContent") or {}).get("imageUrl")
    media = (MediaRef("image", url=str(image)),) if image else ()
    text = content.get("text") or ("" if media else "[message]")
    name = f"TalkTalk {user[-6:]}"
    return [InboundEvent(str(data["id"]), user, name, _text(text), media)]


def _phone(data: dict[str, Any]) -> list[InboundEvent]:
    """A call record: {id, caller (E.164), status: answered|missed, duration_s,
    recording_url?, name?}, one call event line in the caller's chat."""
    caller = str(data["caller"])
    status = str(data["status"])
    if status not in ("answered", "missed"):
        raise KeyError("status")
    seconds = int(data.get("duration_s") or 0)
    line = f"Call from {caller}: {status}, {seconds // 60}:{seconds % 60:02d}"
    if data.get("recording_url"):
        line += f", recording {data['recording_url']}"
    name = str(data.get("name") or caller)[:200]
    return [InboundEvent(str(data["id"]), caller, name, _text(line))]


PARSERS = {
    Medium.LINE: _line,
    Medium.INSTAGRAM: _instagram,
    Medium.KAKAO: _kakao,
    Medium.NAVER: _naver,
    Medium.PHONE: _phone,
}
