"""Uploads (M1, tus 1.0): creation with the limits checked before any byte, offsets moved
by compare-and-set, the deadline, termination, and what a download may read.

How a PATCH writes, and why no two writers can corrupt a file: every PATCH streams its
body into an object of its own (`{file_id}/{offset}.{attempt}`), never into a shared
file. Only when its bytes are all stored (and their checksum matched) does it try to
move the offset in the database: `UPDATE file SET received = offset + n WHERE id = ...
AND received = offset`, inserting its part row in the same transaction. Of two PATCHes
racing at one offset (two workers, a client retrying a PATCH whose answer it lost)
exactly one matches; the other deletes its object and answers 409. The file is its
parts in offset order, so a part once committed is never written again, and a dead
worker leaves at most an uncommitted object that its file's deletion removes. A lease
before writing would need a fencing token that a local disk cannot check (a stalled
writer could wake after its lease passed and overwrite the new holder's bytes); parts
need none, and they map one to one onto an object store's multipart upload.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import unicodedata
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind, MessageKind
from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE
from protocol.uploads import (
    CHECKSUM_ALGORITHMS,
    META_CHAT,
    META_FILE_ID,
    META_MESSAGE,
    META_NAME,
    META_TYPE,
)
from server.auth.service import CustomerPrincipal, Principal
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.uploads.storage import Storage, new_hasher

WRITE_BLOCK = 1024 * 1024  # bytes gathered from the request before one disk write

UPLOADING, COMPLETE, ATTACHED, EXPIRED = "uploading", "complete", "attached", "expired"

Who = Principal | CustomerPrincipal


class Progress(NamedTuple):
    offset: int
    expires_at: datetime | None  # None: finished, no deadline any more


@dataclass(frozen=True, slots=True)
class Checksum:
    algorithm: str
    digest: bytes


def who_kind(who: Who) -> AuthorKind:
    return AuthorKind.CUSTOMER if isinstance(who, CustomerPrincipal) else AuthorKind.MANAGER


def who_id(who: Who) -> uuid.UUID:
    return who.customer_id if isinstance(who, CustomerPrincipal) else who.manager_id


def parse_metadata(header: str | None) -> dict[str, str]:
    """tus `Upload-Metadata`: comma-separated `key base64value` pairs (value optional)."""
    meta: dict[str, str] = {}
    for pair in (header or "").split(","):
        pair = pair.strip()
        if not pair:
            continue
        key, _, value = pair.partition(" ")
        try:
            meta[key] = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise ServiceError(
                ErrorCode.BAD_REQUEST, f"Upload-Metadata '{key}' is not base64 of UTF-8 text."
            ) from exc
    return meta


def parse_checksum(header: str | None) -> Checksum | None:
    if not header:
        return None
    algorithm, _, value = header.strip().partition(" ")
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise ServiceError(
            ErrorCode.BAD_REQUEST,
            f"Upload-Checksum: use one of {', '.join(CHECKSUM_ALGORITHMS)}.",
        )
    try:
        digest = base64.b64decode(value.strip(), validate=True)
    except binascii.Error as exc:
        raise ServiceError(ErrorCode.BAD_REQUEST, "Upload-Checksum is not base64.") from exc
    return Checksum(algorithm, digest)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def safe_name(name: str) -> str:
    """The name as stored and served: NFC (a Mac's Korean names arrive decomposed), no
    control characters or NULs, no path separators (`../x` becomes `.._x`), never empty,
    at most 255 characters. Harmless wherever a client saves it."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name.replace("\0", "")).strip()
    if name in ("", ".", ".."):
        name = "file"
    if len(name) > 255:
        _, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 16 else ""
        name = name[: 255 - len(ext) - 1] + "." + ext if ext else name[:255]
    return name


_MIME = re.compile(r"^[A-Za-z0-9][\w.+-]*/[\w.+-]+$")


def safe_type(value: str | None) -> str:
    value = (value or "").split(";")[0].strip().lower()
    return value if len(value) <= 255 and _MIME.match(value) else "application/octet-stream"


def gib(n: int) -> str:
    return f"{n / 1024**3:g} GiB"


class UploadService:
    def __init__(
        self,
        db: Database,
        storage: Storage,
        deadline: timedelta,
        unsent_keep: timedelta = timedelta(days=1),
    ) -> None:
        self.db = db
        self.storage = storage
        self.deadline = deadline
        self.unsent_keep = unsent_keep

    # ---- creation -----------------------------------------------------------------

    async def create(self, who: Who, length: int, meta: Mapping[str, str]) -> Row[Any]:
        """A new upload, or the same one again for a repeated creation (same file id,
        same author). Every limit is checked here, before any byte is accepted."""
        if length > MAX_FILE_BYTES:
            raise ServiceError(
                ErrorCode.FILE_TOO_LARGE,
                f"A file may be at most {gib(MAX_FILE_BYTES)} ({MAX_FILE_BYTES} bytes); "
                f"this one is {length} bytes.",
                current={"limit": MAX_FILE_BYTES, "size": length},
            )
        message_id = _uuid(meta, META_MESSAGE, required=True)
        assert message_id is not None
        file_id = _uuid(meta, META_FILE_ID, required=False) or uuid.uuid4()
        chat_id = self._chat_of(who, meta)
        kind, author = who_kind(who), who_id(who)
        async with self.db.write() as conn:
            await _lock_chat(conn, who.workspace_id, chat_id)
            existing = (await conn.execute(select(m.File).where(m.File.id == file_id))).first()
            if existing is not None:
                same = (
                    existing.uploader_kind == kind.value
                    and existing.uploader_id == author
                    and existing.chat_id == chat_id
                    and existing.message_id == message_id
                    and existing.size == length
                )
                if not same:
                    raise ServiceError(ErrorCode.DUPLICATE_ID, "This file id is already used.")
                return existing
            taken = await conn.scalar(
                select(func.count())
                .select_from(m.File)
                .where(
                    m.File.workspace_id == who.workspace_id,
                    m.File.message_id == message_id,
                    m.File.state != EXPIRED,
                )
            )
            if (taken or 0) >= MAX_FILES_PER_MESSAGE:
                raise ServiceError(
                    ErrorCode.TOO_MANY_FILES,
                    f"A message takes at most {MAX_FILES_PER_MESSAGE} files.",
                    current={"limit": MAX_FILES_PER_MESSAGE},
                )
            now = utcnow()
            return (
                await conn.execute(
                    insert(m.File)
                    .values(
                        id=file_id,
                        workspace_id=who.workspace_id,
                        chat_id=chat_id,
                        message_id=message_id,
                        name=safe_name(meta.get(META_NAME) or "file"),
                        size=length,
                        content_type=safe_type(meta.get(META_TYPE)),
                        storage_key=str(file_id),
                        received=0,
                        created_at=now,
                        completed_at=now if length == 0 else None,
                        uploader_kind=kind.value,
                        uploader_id=author,
                        state=COMPLETE if length == 0 else UPLOADING,
                        expires_at=now + self.deadline,
                    )
                    .returning(m.File)
                )
            ).one()

    @staticmethod
    def _chat_of(who: Who, meta: Mapping[str, str]) -> uuid.UUID:
        given = _uuid(meta, META_CHAT, required=isinstance(who, Principal))
        if isinstance(who, CustomerPrincipal):
            if given is not None and given != who.chat_id:
                raise ServiceError(ErrorCode.FORBIDDEN, "This token opens another chat.")
            return who.chat_id
        assert given is not None
        return given

    # ---- state ----------------------------------------------------------------------

    async def status(self, who: Who, file_id: uuid.UUID) -> Row[Any]:
        """The upload as its uploader sees it (HEAD); past its deadline: gone, 410."""
        async with self.db.read() as conn:
            row = await _own_upload(conn, who, file_id)
        return await self._alive(row)

    async def _alive(self, row: Row[Any]) -> Row[Any]:
        if row.state == EXPIRED or (
            row.state == UPLOADING and row.expires_at is not None and row.expires_at <= utcnow()
        ):
            if await self.expire(row.id):
                raise _expired(self.deadline)
            async with self.db.read() as conn:  # it finished just in time
                fresh = (await conn.execute(select(m.File).where(m.File.id == row.id))).first()
            if fresh is None:
                raise ServiceError(ErrorCode.NOT_FOUND, "This upload was removed.")
            return fresh
        return row

    def _due(self, now: datetime) -> Any:
        """Uploads to give up on: unfinished past their deadline, or finished but in no
        message after `unsent_keep` (a chat's customer token is easy to get; a file
        nobody sends must not fill the disk)."""
        return ((m.File.state == UPLOADING) & (m.File.expires_at <= now)) | (
            (m.File.state == COMPLETE) & (m.File.completed_at <= now - self.unsent_keep)
        )

    async def expire(self, file_id: uuid.UUID) -> bool:
        """Mark one upload that is due (`_due`) expired and remove its bytes; True when it
        is expired now (by this call or an earlier one), False when it is not due."""
        async with self.db.write() as conn:
            await conn.execute(
                update(m.File)
                .where(m.File.id == file_id, self._due(utcnow()))
                .values(state=EXPIRED)
            )
            state = await conn.scalar(select(m.File.state).where(m.File.id == file_id))
            if state != EXPIRED:
                return False
            await conn.execute(delete(m.FilePart).where(m.FilePart.file_id == file_id))
        await self.storage.delete_prefix(str(file_id))
        return True

    async def expire_due(self, limit: int = 200) -> int:
        """The sweep (server.jobs): every upload `_due`."""
        async with self.db.read() as conn:
            due = (
                await conn.scalars(
                    select(m.File.id)
                    .where(self._due(utcnow()))
                    .order_by(m.File.created_at)
                    .limit(limit)
                )
            ).all()
        n = 0
        for file_id in due:
            n += await self.expire(file_id)
        return n

    # ---- writing ---------------------------------------------------------------------

    async def append(
        self,
        who: Who,
        file_id: uuid.UUID,
        offset: int,
        body: AsyncIterator[bytes],
        checksum: Checksum | None,
        *,
        on_disconnect: type[BaseException] | tuple[type[BaseException], ...] = (),
    ) -> Progress:
        """One PATCH: stream `body` into a part of its own, then move the offset by
        compare-and-set (see the module's docstring). Returns the new offset (and the
        deadline while unfinished).

        A client gone mid-body keeps what arrived (tus resumes from there) unless it sent
        a checksum, which cannot be checked on part of a body."""
        async with self.db.read() as conn:
            row = await _own_upload(conn, who, file_id)
        row = await self._alive(row)
        if row.received != offset or row.state != UPLOADING:
            raise _mismatch(row.received)
        room = row.size - offset
        key = f"{file_id}/{offset:015d}.{secrets.token_hex(4)}"
        hasher = new_hasher(checksum.algorithm) if checksum else None
        writer = await self.storage.create(key, hasher)
        cut = False
        try:
            block: list[bytes] = []  # the chunks of the next disk write
            size = 0
            try:
                async for chunk in body:
                    if writer.written + size + len(chunk) > room:
                        raise ServiceError(
                            ErrorCode.BAD_REQUEST,
                            f"More bytes than the upload's length: {room} were left.",
                        )
                    block.append(chunk)
                    size += len(chunk)
                    if size >= WRITE_BLOCK:
                        await writer.write(block)
                        block, size = [], 0
            except on_disconnect:
                cut = True
            if block:
                await writer.write(block)
            await writer.drain()
            if checksum and hasher and (cut or hasher.digest() != checksum.digest):
                raise ServiceError(
                    ErrorCode.CHECKSUM_MISMATCH,
                    f"The {checksum.algorithm} of the bytes received does not match "
                    "Upload-Checksum: nothing was kept.",
                )
        except BaseException:
            await writer.discard()
            raise
        n = writer.written
        if n == 0:
            await writer.discard()
            return Progress(offset, row.expires_at)
        try:
            await writer.close()
        except OSError:
            # Its folder went meanwhile (terminated, expired, its chat deleted): say why.
            await writer.discard()
            await self._why_not(row.id)
            raise
        end = await self._commit(row, offset, n, key)
        return Progress(end, None if end == row.size else row.expires_at)

    async def _why_not(self, file_id: uuid.UUID) -> int:
        """The refusal for a PATCH that lost: gone (404), expired (410), or the offset it
        should have used (409, returned for the caller to raise)."""
        async with self.db.read() as conn:
            row = (await conn.execute(select(m.File).where(m.File.id == file_id))).first()
        if row is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "This upload was removed.")
        await self._alive(row)
        return int(row.received)

    async def _commit(self, row: Row[Any], offset: int, n: int, key: str) -> int:
        now = utcnow()
        end = offset + n
        done = end == row.size
        async with self.db.write() as conn:
            moved = await conn.execute(
                update(m.File)
                .where(
                    m.File.id == row.id,
                    m.File.received == offset,
                    m.File.state == UPLOADING,
                    m.File.expires_at > now,
                )
                .values(
                    received=end,
                    **({"state": COMPLETE, "completed_at": now} if done else {}),
                )
            )
            if moved.rowcount:
                await conn.execute(
                    insert(m.FilePart).values(
                        file_id=row.id, offset=offset, length=n, storage_key=key
                    )
                )
                return end
        # Someone else moved it first, or the deadline passed meanwhile: ours is void.
        await self.storage.delete(key)
        raise _mismatch(await self._why_not(row.id))

    async def terminate(self, who: Who, file_id: uuid.UUID) -> None:
        """tus termination: the upload and its bytes go; a file in a sent message stays."""
        async with self.db.write() as conn:
            row = await _own_upload(conn, who, file_id)
            if row.state == ATTACHED:
                raise ServiceError(
                    ErrorCode.FORBIDDEN, "This file is in a sent message and stays with it."
                )
            await conn.execute(delete(m.File).where(m.File.id == file_id))
        await self.storage.delete_prefix(str(file_id))

    # ---- reading ---------------------------------------------------------------------

    async def readable(self, who: Who, file_id: uuid.UUID) -> tuple[Row[Any], list[Row[Any]]]:
        """A finished file and its parts, for a manager of its workspace or its chat's
        customer (who never sees a file of an internal note); anyone else: 404."""
        async with self.db.read() as conn:
            row = (
                await conn.execute(
                    select(m.File).where(
                        m.File.id == file_id,
                        m.File.workspace_id == who.workspace_id,
                        m.File.state.in_((COMPLETE, ATTACHED)),
                    )
                )
            ).first()
            if row is not None and isinstance(who, CustomerPrincipal):
                row = row if await _customer_may_read(conn, who, row) else None
            if row is None:
                raise ServiceError(ErrorCode.NOT_FOUND, "No such file.")
            parts = (
                await conn.execute(
                    select(m.FilePart)
                    .where(m.FilePart.file_id == file_id)
                    .order_by(m.FilePart.offset)
                )
            ).all()
        return row, list(parts)

    async def read(self, parts: list[Row[Any]], start: int, end: int) -> AsyncIterator[bytes]:
        """Bytes [start, end) of a file made of `parts`."""
        for part in parts:
            lo, hi = part.offset, part.offset + part.length
            if hi <= start or lo >= end:
                continue
            async for block in self.storage.read(
                part.storage_key, max(start, lo) - lo, min(end, hi) - lo
            ):
                yield block

    async def remove_bytes(self, file_ids: list[uuid.UUID]) -> None:
        """After their rows are gone (a deleted chat, H5): their stored bytes."""
        for file_id in file_ids:
            await self.storage.delete_prefix(str(file_id))


async def _customer_may_read(conn: AsyncConnection, who: CustomerPrincipal, row: Row[Any]) -> bool:
    if row.chat_id != who.chat_id:
        return False
    if row.uploader_kind == AuthorKind.CUSTOMER.value and row.uploader_id == who.customer_id:
        return True
    if row.state != ATTACHED:
        return False
    kind = await conn.scalar(
        select(m.Message.kind).where(
            m.Message.id == row.message_id, m.Message.chat_id == who.chat_id
        )
    )
    return kind is not None and kind != MessageKind.NOTE.value


async def _own_upload(conn: AsyncConnection, who: Who, file_id: uuid.UUID) -> Row[Any]:
    row = (
        await conn.execute(
            select(m.File).where(
                m.File.id == file_id,
                m.File.workspace_id == who.workspace_id,
                m.File.uploader_kind == who_kind(who).value,
                m.File.uploader_id == who_id(who),
            )
        )
    ).first()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "No such upload.")
    return row


async def _lock_chat(conn: AsyncConnection, workspace_id: uuid.UUID, chat_id: uuid.UUID) -> None:
    """The chat must be this workspace's; on PostgreSQL its row is locked so two
    creations for one message cannot both see room for the tenth file."""
    q = select(m.Chat.id).where(m.Chat.id == chat_id, m.Chat.workspace_id == workspace_id)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    if await conn.scalar(q) is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No chat {chat_id} in this workspace.")


def _uuid(meta: Mapping[str, str], key: str, *, required: bool) -> uuid.UUID | None:
    value = meta.get(key)
    if not value:
        if required:
            raise ServiceError(ErrorCode.BAD_REQUEST, f"Upload-Metadata needs '{key}'.")
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise ServiceError(
            ErrorCode.BAD_REQUEST, f"Upload-Metadata '{key}' is not a UUID."
        ) from exc


def _mismatch(current: int) -> ServiceError:
    return ServiceError(
        ErrorCode.UPLOAD_OFFSET_MISMATCH,
        f"The upload is at offset {current}: continue from there.",
        current=current,
        headers={"Upload-Offset": str(current)},
    )


def _expired(deadline: timedelta) -> ServiceError:
    minutes = deadline.total_seconds() / 60
    return ServiceError(
        ErrorCode.UPLOAD_EXPIRED,
        f"The upload did not finish within {minutes:g} minutes of its start; its bytes were "
        "removed. Upload the file again.",
    )


def expires_header(when: datetime | None) -> dict[str, str]:
    return {"Upload-Expires": format_datetime(when, usegmt=True)} if when else {}
