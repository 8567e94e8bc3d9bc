"""The cache side of uploads: files attached to a message, and messages waiting for them.

Issue 13. The outbox sends mutations strictly in order, so a message whose files are
still going up cannot sit in it (it would hold up every later action). Instead:

- attached files are rows of `uploads` (the path, the tus URL once created, the
  status), so a restarted app resumes them;
- when the agent sends, the message goes to `outgoing` (its text, kind, mentions) and
  shows in the conversation as a pending message with a files block, at the bottom;
- the transaction that records the last of its files done also puts the send_message
  mutation (text block + FilesBlock of the server's file ids) in the outbox and drops
  the message's `uploads` and `outgoing` rows. A message with a failed file waits for
  the agent: retry (a new upload) or remove it.

Every function here runs inside the caller's transaction (`Tx`); `Cache` wraps each in
one. The network is the uploader's (`desktop.sync.uploader`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as upsert

from desktop.sync import outbox, rows
from desktop.sync import tables as t
from desktop.sync.effects import Pending
from desktop.sync.file_check import LocalFile
from desktop.sync.items import UploadItem
from desktop.sync.layout import (
    UPLOAD_CANCELLED,
    UPLOAD_DONE,
    UPLOAD_FAILED,
    UPLOAD_SENDING,
    WAITING_BASE,
)
from desktop.sync.rows import Row, Tx
from protocol.kinds import MessageKind, MutationName
from protocol.limits import MAX_FILES_PER_MESSAGE

CANCELLED = "cancelled"  # the error_code of an upload the agent cancelled

_U = t.uploads
_O = t.outgoing
_LOCAL_MESSAGE = upsert(t.messages)
_LOCAL_MESSAGE = _LOCAL_MESSAGE.on_conflict_do_update(
    index_elements=["id"],
    set_={c: _LOCAL_MESSAGE.excluded[c] for c in ("sort_key", "data")},
    where=t.messages.c.pending.is_(True) & t.messages.c.mutation_id.is_(None),
)


class UploadRefused(ValueError):
    """An attach or send that cannot be (the caller's check missed it): nothing written."""


def item(r: Any) -> UploadItem:
    return UploadItem(
        r.id, r.file_id, r.chat_id, r.message_id, r.position, r.path, r.name, r.size,
        r.content_type, r.url, r.offset or 0, r.status, r.error_code, r.error,
    )  # fmt: skip


def of_message(conn: Connection, message_id: str) -> list[UploadItem]:
    query = select(_U).where(_U.c.message_id == message_id).order_by(_U.c.position)
    return [item(r) for r in conn.execute(query)]


def get(conn: Connection, upload_id: str) -> UploadItem | None:
    r = conn.execute(select(_U).where(_U.c.id == upload_id)).first()
    return None if r is None else item(r)


def sending(conn: Connection) -> list[UploadItem]:
    """Every upload still to send (a restarted app resumes these), oldest first."""
    query = select(_U).where(_U.c.status == UPLOAD_SENDING).order_by(_U.c.created_at, _U.c.position)
    return [item(r) for r in conn.execute(query)]


def _outgoing(conn: Connection, message_id: str) -> Row | None:
    r = conn.execute(select(_O).where(_O.c.message_id == message_id)).first()
    return None if r is None else dict(r._mapping)


def _touch(tx: Tx, chat_id: str, message_id: str) -> None:
    tx.changed.uploads.add(message_id)
    if _outgoing(tx.conn, message_id) is not None:
        tx.changed.message(chat_id, message_id)


# ---- attaching --------------------------------------------------------------------------


def add(
    tx: Tx, chat_id: str, message_id: str, files: Sequence[LocalFile], created_at: str
) -> list[UploadItem]:
    """Attach checked files to a message not yet sent; raises UploadRefused (nothing
    written) past MAX_FILES_PER_MESSAGE or for a message already sent."""
    if _outgoing(tx.conn, message_id) is not None:
        raise UploadRefused("this message has been sent: its files cannot change")
    have = tx.conn.execute(
        select(func.count(), func.max(_U.c.position)).where(_U.c.message_id == message_id)
    ).one()
    count, last = int(have[0]), have[1]
    if count + len(files) > MAX_FILES_PER_MESSAGE:
        raise UploadRefused(
            f"a message holds at most {MAX_FILES_PER_MESSAGE} files ({count} attached)"
        )
    others = tx.conn.execute(
        select(_U.c.chat_id).where(_U.c.message_id == message_id, _U.c.chat_id != chat_id)
    ).first()
    if others is not None:
        raise UploadRefused("this message belongs to another chat")
    position = -1 if last is None else int(last)
    added = []
    for f in files:
        position += 1
        values = {
            "id": str(uuid.uuid4()),
            "file_id": str(uuid.uuid4()),
            "chat_id": chat_id,
            "message_id": message_id,
            "position": position,
            "path": str(f.path),
            "name": f.name[:255],
            "size": f.size,
            "content_type": f.content_type[:255],
            "url": None,
            "offset": 0,
            "status": UPLOAD_SENDING,
            "error_code": None,
            "error": None,
            "created_at": created_at,
        }
        tx.conn.execute(insert(_U).values(**values))
        added.append(item(_Values(values)))
    tx.changed.uploads.add(message_id)
    return added


class _Values:
    """A dict read like a result row (for `item`)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)


# ---- what the uploader reports ------------------------------------------------------------


def created(tx: Tx, upload_id: str, url: str, offset: int) -> None:
    """The server made the upload: keep its URL (a restart resumes from it)."""
    u = get(tx.conn, upload_id)
    if u is None:
        return
    tx.conn.execute(update(_U).where(_U.c.id == upload_id).values(url=url, offset=offset))
    _touch(tx, u.chat_id, u.message_id)


def finished(tx: Tx, upload_id: str) -> Pending | None:
    """Every byte is up. If it was its sent message's last file, the message goes to
    the outbox in this same transaction: returned."""
    u = get(tx.conn, upload_id)
    if u is None or u.status != UPLOAD_SENDING:
        return None
    tx.conn.execute(
        update(_U)
        .where(_U.c.id == upload_id)
        .values(status=UPLOAD_DONE, offset=u.size, error_code=None, error=None)
    )
    _touch(tx, u.chat_id, u.message_id)
    return settle(tx, u.message_id)


def failed(tx: Tx, upload_id: str, code: str, message: str, *, status: str = UPLOAD_FAILED) -> None:
    """It stopped for a reason the agent must see (and can retry)."""
    u = get(tx.conn, upload_id)
    if u is None or u.status == UPLOAD_DONE:
        return
    tx.conn.execute(
        update(_U).where(_U.c.id == upload_id).values(status=status, error_code=code, error=message)
    )
    _touch(tx, u.chat_id, u.message_id)


def retried(tx: Tx, upload_id: str) -> UploadItem | None:
    """A failed or cancelled upload starts again as a new one (a new file id: the old
    one may be expired on the server, its bytes gone). None if not stopped."""
    u = get(tx.conn, upload_id)
    if u is None or u.status not in (UPLOAD_FAILED, UPLOAD_CANCELLED):
        return None
    tx.conn.execute(
        update(_U)
        .where(_U.c.id == upload_id)
        .values(
            file_id=str(uuid.uuid4()),
            url=None,
            offset=0,
            status=UPLOAD_SENDING,
            error_code=None,
            error=None,
        )
    )
    _touch(tx, u.chat_id, u.message_id)
    if _outgoing(tx.conn, u.message_id) is not None:
        show(tx, u.message_id)
    return get(tx.conn, upload_id)


def removed(tx: Tx, upload_id: str) -> tuple[UploadItem | None, Pending | None]:
    """The agent took a file off its message: gone here (the caller terminates it on
    the server). A sent message then goes out without it if the rest is up, or is
    dropped if nothing is left to send; that send is returned."""
    u = get(tx.conn, upload_id)
    if u is None:
        return None, None
    tx.conn.execute(delete(_U).where(_U.c.id == upload_id))
    _touch(tx, u.chat_id, u.message_id)
    return u, settle(tx, u.message_id)


# ---- sending ----------------------------------------------------------------------------


def send(
    tx: Tx,
    chat_id: str,
    message_id: str,
    *,
    text: str | None,
    kind: str,
    mentions: Mapping[str, Any] | None,
    created_at: str,
) -> Pending | None:
    """The agent sent a message with the files attached to `message_id`: to the outbox
    now if they are all up (returned), else held in `outgoing` and shown as pending."""
    if _outgoing(tx.conn, message_id) is not None:
        raise UploadRefused("this message has been sent already")
    files = of_message(tx.conn, message_id)
    if any(f.chat_id != chat_id for f in files):
        raise UploadRefused("these files were attached in another chat")
    args: dict[str, Any] = {"chat_id": chat_id, "message_id": message_id, "kind": str(kind)}
    if text:
        args["text"] = text
    if mentions is not None:
        args["mentions"] = dict(mentions)
    if not text and not files:
        raise UploadRefused("nothing to send: no text and no files")
    _mutation(args, [{"id": str(uuid.uuid4()), "name": "x", "size": 0}])  # raises if invalid
    sort_key = WAITING_BASE + rows.micros(created_at)
    tx.conn.execute(
        insert(_O).values(
            message_id=message_id,
            chat_id=chat_id,
            args=rows.dumps(args),
            sort_key=sort_key,
            created_at=created_at,
        )
    )
    tx.changed.uploads.add(message_id)
    return settle(tx, message_id)


def _blocks(args: Mapping[str, Any], files: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if args.get("text"):
        blocks.append({"type": "text", "text": args["text"]})
    if files:
        blocks.append({"type": "files", "files": list(files)})
    return blocks


def _mutation(args: Mapping[str, Any], files: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The send_message args, validated (pydantic.ValidationError for bad input)."""
    body = {k: v for k, v in args.items() if k != "text"}
    body["blocks"] = _blocks(args, files)
    return outbox.validated(MutationName.SEND_MESSAGE, body)


def _file_ref(f: UploadItem) -> dict[str, Any]:
    return {"id": f.file_id, "name": f.name, "size": f.size, "content_type": f.content_type}


def settle(tx: Tx, message_id: str) -> Pending | None:
    """A sent message whose files are all up goes to the outbox (returned); one with
    nothing left is dropped; otherwise its pending row shows its files as they are."""
    out = _outgoing(tx.conn, message_id)
    if out is None:
        return None
    files = of_message(tx.conn, message_id)
    if any(not f.done for f in files):
        show(tx, message_id)
        return None
    args = rows.parse_object(out["args"])
    chat_id = str(out["chat_id"])
    tx.conn.execute(delete(_O).where(_O.c.message_id == message_id))
    tx.conn.execute(delete(_U).where(_U.c.message_id == message_id))
    _drop_local(tx, chat_id, message_id)
    tx.changed.uploads.add(message_id)
    if not args.get("text") and not files:
        return None  # every file was removed and there is no text: nothing to send
    clean = _mutation(args, [_file_ref(f) for f in files])
    return outbox.enqueue(tx, MutationName.SEND_MESSAGE, clean, str(out["created_at"]))


def _drop_local(tx: Tx, chat_id: str, message_id: str) -> None:
    tx.conn.execute(
        delete(t.messages).where(
            t.messages.c.id == message_id,
            t.messages.c.pending.is_(True),
            t.messages.c.mutation_id.is_(None),
        )
    )
    tx.changed.message(chat_id, message_id)


def show(tx: Tx, message_id: str) -> None:
    """(Re)write a waiting message's pending row from `outgoing` and its files."""
    out = _outgoing(tx.conn, message_id)
    if out is None:
        return
    args = rows.parse_object(out["args"])
    files = [_file_ref(f) for f in of_message(tx.conn, message_id)]
    chat_id = str(out["chat_id"])
    message = {
        "id": message_id,
        "chat_id": chat_id,
        "seq": None,
        "author_kind": "manager",
        "author_id": tx.me,
        "kind": args.get("kind") or MessageKind.REPLY.value,
        "blocks": _blocks(args, files),
        "created_at": out["created_at"],
        "customer_read_at": None,
        "delivered_at": None,
    }
    tx.conn.execute(
        _LOCAL_MESSAGE,
        {
            "id": message_id,
            "chat_id": chat_id,
            "seq": None,
            "sort_key": int(out["sort_key"]),
            "pending": True,
            "failed_reason": None,
            "mutation_id": None,
            "data": rows.dumps(message),
        },
    )
    tx.changed.message(chat_id, message_id)


def show_all(tx: Tx) -> None:
    """Every waiting message's pending row (after the cache file was rebuilt)."""
    for (message_id,) in tx.conn.execute(select(_O.c.message_id)).all():
        show(tx, str(message_id))
