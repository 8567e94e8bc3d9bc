"""Raw tus requests for tests: what any tus client would send, spelled out."""

from __future__ import annotations

import base64
import hashlib
import uuid
import zlib
from collections.abc import AsyncIterable, Mapping
from dataclasses import dataclass

import httpx

from protocol.uploads import (
    META_CHAT,
    META_FILE_ID,
    META_MESSAGE,
    META_NAME,
    META_TYPE,
    OFFSET_CONTENT_TYPE,
    TUS_VERSION,
    UPLOADS_PATH,
)

TUS = {"Tus-Resumable": TUS_VERSION}


def metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def checksum(algorithm: str, data: bytes) -> str:
    """An Upload-Checksum header made here (not by protocol.uploads): `crc32` is zlib's
    CRC-32 as 4 bytes big-endian, the others hashlib's."""
    if algorithm == "crc32":
        digest = zlib.crc32(data).to_bytes(4, "big")
    else:
        digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm} {base64.b64encode(digest).decode()}"


@dataclass
class Tus:
    """One caller's tus requests (a manager's or a customer's bearer headers)."""

    client: httpx.AsyncClient
    headers: Mapping[str, str]

    async def create(
        self,
        length: int,
        *,
        chat_id: str | None,
        message_id: uuid.UUID | str | None = None,
        name: str = "report.pdf",
        content_type: str = "application/pdf",
        file_id: uuid.UUID | None = None,
        body: bytes | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        meta: dict[str, str] = {META_NAME: name, META_TYPE: content_type}
        if chat_id is not None:
            meta[META_CHAT] = chat_id
        if message_id is not None:
            meta[META_MESSAGE] = str(message_id)
        if file_id is not None:
            meta[META_FILE_ID] = str(file_id)
        headers = {
            **self.headers,
            **TUS,
            "Upload-Length": str(length),
            "Upload-Metadata": metadata(**meta),
            **(extra or {}),
        }
        if body is not None:
            headers.setdefault("Content-Type", OFFSET_CONTENT_TYPE)
        return await self.client.post(UPLOADS_PATH, headers=headers, content=body)

    async def upload(
        self,
        data: bytes,
        *,
        chat_id: str | None,
        message_id: uuid.UUID,
        name: str = "report.pdf",
        content_type: str = "application/pdf",
    ) -> str:
        """A finished upload of `data` (creation-with-upload); its file id."""
        r = await self.create(
            len(data),
            chat_id=chat_id,
            message_id=message_id,
            name=name,
            content_type=content_type,
            body=data,
        )
        assert r.status_code == 201, r.text
        assert r.headers["Upload-Offset"] == str(len(data))
        return r.headers["Location"].rsplit("/", 1)[1]

    async def patch(
        self,
        location: str,
        offset: int,
        data: bytes | AsyncIterable[bytes],
        *,
        extra: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        headers = {
            **self.headers,
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Type": OFFSET_CONTENT_TYPE,
            **(extra or {}),
        }
        return await self.client.patch(location, headers=headers, content=data)

    async def head(self, location: str) -> httpx.Response:
        return await self.client.head(location, headers={**self.headers, **TUS})

    async def delete(self, location: str) -> httpx.Response:
        return await self.client.delete(location, headers={**self.headers, **TUS})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error_code(r: httpx.Response) -> str:
    code: str = r.json()["error"]["code"]
    return code
