"""The only writers of chat, message and chat_state rows, each write logged with its row.

Keeping them here means a chat's denormalised parts (its tag names and follower ids on
the row, chat_tag and chat_follower beside it) can never disagree.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from sangdam.protocol.errors import ErrorCode
from sangdam.protocol.kinds import AuthorKind, ChatState, Entity, MessageKind
from sangdam.server import wire
from sangdam.server.db import models as m
from sangdam.server.db.types import utcnow
from sangdam.server.errors import ServiceError
from sangdam.server.inbox import counts
from sangdam.server.notifications import service as notifications
from sangdam.server.sync.changelog import ChangeWriter

PREVIEW_CHARS = 120


async def load_chat(conn: AsyncConnection, workspace_id: uuid.UUID, chat_id: uuid.UUID) -> Row[Any]:
    row = (
        await conn.execute(
            select(m.Chat).where(m.Chat.id == chat_id, m.Chat.workspace_id == workspace_id)
        )
    ).first()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No chat {chat_id} in this workspace.")
    return row


async def update_chat(w: ChangeWriter, old: Row[Any], **values: Any) -> Row[Any]:
    """Update a chat, log its full row after the change, and let the inbox's derived
    state (counts, routing, notifications) follow from the old and new rows."""
    row = (
        await w.conn.execute(
            update(m.Chat).where(m.Chat.id == old.id).values(**values).returning(m.Chat)
        )
    ).one()
    w.emit(Entity.CHAT, row.id, wire.chat(row), chat_id=row.id)
    await counts.chat_changed(w, old, row)
    return row


async def set_followers(
    w: ChangeWriter, chat: Row[Any], followers: Iterable[uuid.UUID]
) -> Row[Any]:
    wanted = list(dict.fromkeys(followers))
    old = {uuid.UUID(f) for f in chat.follower_ids}
    new = set(wanted)
    if old == new:
        return chat
    if old - new:
        await w.conn.execute(
            delete(m.ChatFollower).where(
                m.ChatFollower.chat_id == chat.id, m.ChatFollower.manager_id.in_(old - new)
            )
        )
    if new - old:
        await w.conn.execute(
            insert(m.ChatFollower), [{"chat_id": chat.id, "manager_id": f} for f in new - old]
        )
    return await update_chat(w, chat, follower_ids=[str(f) for f in wanted])


async def set_tags(
    w: ChangeWriter, chat: Row[Any], tag_ids_by_name: dict[str, uuid.UUID]
) -> Row[Any]:
    """Replace the chat's tags with these (name -> tag id)."""
    old = set(chat.tags)
    new = set(tag_ids_by_name)
    if old == new:
        return chat
    await w.conn.execute(delete(m.ChatTag).where(m.ChatTag.chat_id == chat.id))
    if tag_ids_by_name:
        await w.conn.execute(
            insert(m.ChatTag),
            [{"chat_id": chat.id, "tag_id": tid} for tid in tag_ids_by_name.values()],
        )
    return await update_chat(w, chat, tags=sorted(new))


HASHTAG = re.compile(r"#(\w{1,100})")


def hashtags(text: str) -> list[str]:
    """P3: the #hashtags of a description, in order, each once (Korean included)."""
    return list(dict.fromkeys(t.lower() for t in HASHTAG.findall(text)))


async def set_description(w: ChangeWriter, chat: Row[Any], description: str) -> Row[Any]:
    if chat.description == description:
        return chat
    await w.conn.execute(delete(m.ChatHashtag).where(m.ChatHashtag.chat_id == chat.id))
    tags = hashtags(description)
    if tags:
        await w.conn.execute(insert(m.ChatHashtag), [{"chat_id": chat.id, "tag": t} for t in tags])
    return await update_chat(w, chat, description=description)


def preview(blocks: Sequence[dict[str, Any]]) -> str:
    """One line that stands for a message in the list and in notifications."""
    parts: list[str] = []
    for b in blocks:
        match b.get("type"):
            case "text":
                parts.append(" ".join(str(b["text"]).split()))
            case "files":
                names = [f["name"] for f in b["files"]]
                parts.append("📎 " + ", ".join(names))
            case "button":
                parts.append(f"[{b['text']}]")
            case "form":
                parts.append("📝 " + ", ".join(f["label"] for f in b["fields"]))
    text = " ".join(parts)
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


async def add_message(
    w: ChangeWriter,
    chat: Row[Any],
    *,
    message_id: uuid.UUID,
    author_kind: AuthorKind,
    author_id: uuid.UUID | None,
    kind: MessageKind,
    blocks: list[dict[str, Any]],
    mentioned_managers: Sequence[uuid.UUID] = (),
    mentioned_teams: Sequence[uuid.UUID] = (),
) -> Row[Any]:
    """Insert a message, move the chat's last-message fields, and tell whom the rules
    say (sangdam.server.notifications). A customer writing reopens a snoozed chat (H3)."""
    seq = await w.next_seq()
    now = utcnow()
    internal = kind is MessageKind.NOTE
    try:
        inserted = await w.conn.execute(
            insert(m.Message)
            .values(
                id=message_id,
                workspace_id=chat.workspace_id,
                chat_id=chat.id,
                seq=seq,
                author_kind=author_kind.value,
                author_id=author_id,
                kind=kind.value,
                blocks=blocks,
                created_at=now,
            )
            .returning(m.Message)
        )
    except IntegrityError as exc:  # the id is the primary key: callers run in a savepoint
        raise ServiceError(
            ErrorCode.DUPLICATE_ID, f"Message id {message_id} is already used."
        ) from exc
    msg = inserted.one()
    w.emit(Entity.MESSAGE, msg.id, wire.message(msg), chat_id=chat.id, internal=internal, seq=seq)
    text = preview(blocks)
    changes: dict[str, Any] = {
        "last_message_at": now,
        "last_message_seq": seq,
        "last_message_preview": text if not internal else f"(note) {text}"[:PREVIEW_CHARS],
    }
    if author_kind is AuthorKind.CUSTOMER and chat.state == ChatState.SNOOZED.value:
        changes.update(state=ChatState.OPEN.value, snooze_until=None)
    chat = await update_chat(w, chat, **changes)
    if author_kind is AuthorKind.MANAGER and author_id is not None:
        await upsert_state(w, author_id, chat, read_seq=seq, unread_count=0)
    await notifications.on_message(
        w,
        chat,
        msg,
        text,
        mentioned_managers=mentioned_managers,
        mentioned_teams=mentioned_teams,
    )
    return msg


async def upsert_state(
    w: ChangeWriter,
    manager_id: uuid.UUID,
    chat: Row[Any],
    *,
    unread_delta: int = 0,
    **values: Any,
) -> Row[Any]:
    """Change one manager's view of a chat; the entry goes to that manager only."""
    chat_id = chat.id
    old = row = (
        await w.conn.execute(
            select(m.ChatState).where(
                m.ChatState.manager_id == manager_id, m.ChatState.chat_id == chat_id
            )
        )
    ).first()
    if row is None:
        fields = {
            "starred": False,
            "read_seq": 0,
            "unread_count": 0,
            "mentioned": False,
            "in_sessions": False,
            **values,
        }
        fields["unread_count"] = max(0, fields["unread_count"] + unread_delta)
        row = (
            await w.conn.execute(
                insert(m.ChatState)
                .values(manager_id=manager_id, chat_id=chat_id, **fields)
                .returning(m.ChatState)
            )
        ).one()
    else:
        if unread_delta:
            values["unread_count"] = max(
                0, values.get("unread_count", row.unread_count) + unread_delta
            )
        if all(getattr(row, k) == v for k, v in values.items()):
            return row
        row = (
            await w.conn.execute(
                update(m.ChatState)
                .where(m.ChatState.manager_id == manager_id, m.ChatState.chat_id == chat_id)
                .values(**values)
                .returning(m.ChatState)
            )
        ).one()
    w.emit(
        Entity.CHAT_STATE,
        f"{chat_id}:{manager_id}",
        wire.chat_state(row),
        manager_id=manager_id,
        chat_id=chat_id,
    )
    await counts.state_changed(w, old, row, chat.state)
    return row


async def count_unread(
    conn: AsyncConnection, chat_id: uuid.UUID, manager_id: uuid.UUID, after_seq: int
) -> int:
    n = await conn.scalar(
        select(func.count())
        .select_from(m.Message)
        .where(
            m.Message.chat_id == chat_id,
            m.Message.seq > after_seq,
            (m.Message.author_id != manager_id) | m.Message.author_id.is_(None),
        )
    )
    return int(n or 0)
