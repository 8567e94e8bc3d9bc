"""A message's files: only its author's finished uploads to its chat, described by the
server's own records (a client cannot rename a file or lie about its size)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind
from server.db import models as m
from server.errors import ServiceError
from server.uploads.service import ATTACHED, COMPLETE, EXPIRED, UPLOADING


async def file_refs(
    conn: AsyncConnection,
    *,
    workspace_id: uuid.UUID,
    chat_id: uuid.UUID,
    author_kind: AuthorKind,
    author_id: uuid.UUID,
    message_id: uuid.UUID,
    file_ids: Sequence[uuid.UUID],
) -> list[dict[str, Any]]:
    """FileRefs (wire form) for `file_ids`, in their order; refused unless every one is
    a finished upload of this author to this chat, in no other message. Reads only."""
    if len(set(file_ids)) != len(file_ids):
        raise ServiceError(ErrorCode.INVALID_VALUE, "A file is listed twice.")
    rows = {
        r.id: r
        for r in (
            await conn.execute(
                select(m.File).where(
                    m.File.id.in_(list(file_ids)), m.File.workspace_id == workspace_id
                )
            )
        ).all()
    }
    refs: list[dict[str, Any]] = []
    for file_id in file_ids:
        row = rows.get(file_id)
        if (
            row is None
            or row.chat_id != chat_id
            or row.uploader_kind != author_kind.value
            or row.uploader_id != author_id
        ):
            raise ServiceError(
                ErrorCode.INVALID_VALUE, f"File {file_id} is not your upload to this chat."
            )
        if row.state == UPLOADING:
            raise ServiceError(
                ErrorCode.UPLOAD_UNFINISHED,
                f"File {row.name} is still uploading ({row.received} of {row.size} bytes).",
            )
        if row.state == EXPIRED:
            raise ServiceError(
                ErrorCode.UPLOAD_EXPIRED, f"The upload of {row.name} failed: upload it again."
            )
        if row.state == ATTACHED and row.message_id != message_id:
            raise ServiceError(ErrorCode.INVALID_VALUE, f"File {row.name} is in another message.")
        refs.append(
            {
                "id": str(row.id),
                "name": row.name,
                "size": row.size,
                "content_type": row.content_type,
            }
        )
    return refs


async def attach(
    conn: AsyncConnection, message_id: uuid.UUID, file_ids: Sequence[uuid.UUID]
) -> None:
    """The files now belong to the sent message: readable by its audience, kept."""
    if file_ids:
        done = await conn.execute(
            update(m.File)
            .where(m.File.id.in_(list(file_ids)), m.File.state.in_((COMPLETE, ATTACHED)))
            .values(message_id=message_id, state=ATTACHED)
        )
        if done.rowcount != len(file_ids):  # the sweep took one since file_refs read it
            raise ServiceError(ErrorCode.UPLOAD_EXPIRED, "A file was removed: upload it again.")
