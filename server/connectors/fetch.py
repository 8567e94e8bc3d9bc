"""Files a customer sent on LINE, Instagram or Naver TalkTalk, brought in before their
message is written (U3, M1): the bytes are fetched from the messenger and stored as the
message's files, so the agent sees the photo itself, not "[image]" or a link that
expires. What cannot be brought in (the messenger refuses, too large, an 11th file) is
said in the message's text; the message itself always lands."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import httpx

from protocol.kinds import Medium
from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE
from server.config import Settings
from server.connectors.inbound import InboundEvent, MediaRef
from server.uploads.received import StoredFile, TooLarge, forget, store
from server.uploads.service import gib
from server.uploads.storage import Storage

TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class Unfetchable(Exception):
    """Why a file could not be brought in, as the message will say it."""


@dataclass
class Fetched:
    files: list[StoredFile] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)  # "image: the messenger answered 404"


async def fetch_media(
    storage: Storage,
    settings: Settings,
    medium: Medium,
    event: InboundEvent,
    secrets: Mapping[str, str],
) -> Fetched:
    """Each of the event's files, stored (at most MAX_FILES_PER_MESSAGE, each at most
    MAX_FILE_BYTES); a failure of one is noted and the others kept."""
    out = Fetched()
    if not event.media:
        return out
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=True) as client:
            for n, ref in enumerate(event.media, start=1):
                label = ref.name or ref.kind
                if len(out.files) >= MAX_FILES_PER_MESSAGE:
                    out.missed.append(f"{label}: more than {MAX_FILES_PER_MESSAGE} files")
                    continue
                try:
                    out.files.append(await _one(client, storage, settings, medium, ref, n, secrets))
                except TooLarge:
                    out.missed.append(f"{label}: larger than {gib(MAX_FILE_BYTES)}")
                except Unfetchable as exc:
                    out.missed.append(f"{label}: {exc}")
                except httpx.HTTPError:
                    out.missed.append(f"{label}: the messenger could not be reached")
    except BaseException:
        await forget(storage, out.files)
        raise
    return out


def _where(
    settings: Settings, ref: MediaRef, secrets: Mapping[str, str]
) -> tuple[str, dict[str, str]]:
    """The file's address and the headers that open it."""
    if ref.line_id is not None:
        base = settings.line_data_api_base.rstrip("/")
        url = f"{base}/v2/bot/message/{quote(ref.line_id, safe='')}/content"
        return url, {"Authorization": f"Bearer {secrets.get('access_token', '')}"}
    url = ref.url or ""
    if urlsplit(url).scheme not in ("http", "https"):
        raise Unfetchable("not a web address")
    return url, {}


async def _one(
    client: httpx.AsyncClient,
    storage: Storage,
    settings: Settings,
    medium: Medium,
    ref: MediaRef,
    n: int,
    secrets: Mapping[str, str],
) -> StoredFile:
    url, headers = _where(settings, ref, secrets)
    async with client.stream("GET", url, headers=headers) as r:
        if r.status_code != 200:
            raise Unfetchable(f"the messenger answered {r.status_code}")
        length = r.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_FILE_BYTES:
            raise TooLarge(ref.name or ref.kind)
        content_type = r.headers.get("content-type")
        name = ref.name or _name(medium, ref.kind, content_type, n)
        return await store(
            storage, name, content_type, r.aiter_bytes(), limit=MAX_FILE_BYTES, source=medium.value
        )


def _name(medium: Medium, kind: str, content_type: str | None, n: int) -> str:
    """A name for a file the messenger gives none: `line-image-1.jpg`."""
    ext = mimetypes.guess_extension((content_type or "").split(";")[0].strip()) or ""
    return f"{medium.value}-{kind}-{n}{ext}"
