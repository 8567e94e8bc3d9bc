"""Files a customer sent through another medium (a mail's attachments, a LINE photo):
their bytes written to storage before the transaction that attaches them (a slow disk
or a slow messenger holds no lock), then attached to the customer's message as done
uploads, and removed again when that transaction does not keep them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.kinds import AuthorKind
from server.db import models as m
from server.uploads.service import ATTACHED, safe_name, safe_type
from server.uploads.storage import Storage


class TooLarge(Exception):
    """The bytes went over the limit given to `store`: nothing was kept."""


@dataclass(frozen=True)
class StoredFile:
    id: uuid.UUID
    name: str
    content_type: str
    size: int
    key: str

    def ref(self) -> dict[str, Any]:
        """As a message's `files` block lists it."""
        return {
            "id": str(self.id),
            "name": self.name,
            "size": self.size,
            "content_type": self.content_type,
        }


async def store(
    storage: Storage,
    name: str,
    content_type: str | None,
    chunks: AsyncIterable[bytes],
    *,
    limit: int,
    source: str,
) -> StoredFile:
    """Write `chunks` as one new object; `source` names where they came from in the key
    (`mail`, `line`, ...). Over `limit` bytes raises TooLarge and keeps nothing."""
    file_id = uuid.uuid4()
    key = f"{file_id}/0.{source}"
    writer = await storage.create(key)
    size = 0
    try:
        async for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise TooLarge(name)
            await writer.write([chunk])
        await writer.drain()
        await writer.close()
    except BaseException:
        await writer.discard()
        raise
    return StoredFile(file_id, safe_name(name), safe_type(content_type), size, key)


async def forget(storage: Storage, files: list[StoredFile]) -> None:
    for f in files:
        await storage.delete_prefix(str(f.id))


async def attach(
    conn: AsyncConnection,
    workspace_id: uuid.UUID,
    chat_id: uuid.UUID,
    message_id: uuid.UUID,
    customer_id: uuid.UUID,
    files: list[StoredFile],
    now: datetime,
) -> None:
    """The stored files as the message's (finished, attached, the customer's uploads)."""
    for f in files:
        await conn.execute(
            insert(m.File).values(
                id=f.id,
                workspace_id=workspace_id,
                chat_id=chat_id,
                message_id=message_id,
                name=f.name,
                size=f.size,
                content_type=f.content_type,
                storage_key=str(f.id),
                received=f.size,
                created_at=now,
                completed_at=now,
                uploader_kind=AuthorKind.CUSTOMER.value,
                uploader_id=customer_id,
                state=ATTACHED,
                expires_at=None,
            )
        )
        await conn.execute(
            insert(m.FilePart).values(file_id=f.id, offset=0, length=f.size, storage_key=f.key)
        )
