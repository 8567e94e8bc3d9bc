"""The only writers of chat, message and chat_state rows, each write logged with its row.

Keeping them here means a chat's denormalised parts (its tag names and follower ids on
the row, chat_tag and chat_follower beside it) can never disagree.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol.errors import ErrorCode
from protocol.kinds import AuthorKind, ChatState, Entity, MessageKind
from protocol.preview import preview, search_text
from server import wire
from server.connectors.base import OUTBOUND_MEDIA
from server.db import models as m
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import counts, loads, sessions
from server.inbox.known import Known
from server.inbox.states import mark_unread as mark_unread  # chat_state: re-exported
from server.inbox.states import update_row
from server.inbox.states import upsert_state as upsert_state  # chat_state: re-exported
from server.notifications import service as notifications
from server.sync.changelog import ChangeWriter

# The statements of the busy paths are built once, with bind parameters: building one
# and computing its cache key costs more than running it (see `_set`).
_LOAD_CHAT = select(m.Chat).where(
    m.Chat.id == bindparam("chat_id"), m.Chat.workspace_id == bindparam("workspace_id")
)
_INSERT_CHAT = insert(m.Chat).returning(m.Chat)
_INSERT_MESSAGE = insert(m.Message).returning(m.Message)
_DROP_FOLLOWERS = delete(m.ChatFollower).where(
    m.ChatFollower.chat_id == bindparam("chat_id"),
    m.ChatFollower.manager_id.in_(bindparam("manager_ids", expanding=True)),
)
_ADD_FOLLOWERS = insert(m.ChatFollower)
_FOLLOWER_KEY = (  # not the column names: an UPDATE keeps those for its SET clause
    m.ChatFollower.chat_id == bindparam("f_chat_id"),
    m.ChatFollower.manager_id == bindparam("f_manager_id"),
)
_EXPLICIT = update(m.ChatFollower).where(*_FOLLOWER_KEY).values(auto=False)
_IS_AUTO = select(m.ChatFollower.auto).where(*_FOLLOWER_KEY)
_DROP_TAG = delete(m.ChatTag).where(
    m.ChatTag.chat_id == bindparam("chat_id"),
    m.ChatTag.tag_id.in_(
        select(m.Tag.id)
        .where(m.Tag.workspace_id == bindparam("workspace_id"), m.Tag.name == bindparam("name"))
        .scalar_subquery()
    ),
)
_ADD_TAG = insert(m.ChatTag)
_DROP_HASHTAGS = delete(m.ChatHashtag).where(
    m.ChatHashtag.chat_id == bindparam("chat_id"),
    m.ChatHashtag.tag.in_(bindparam("tags", expanding=True)),
)
_ADD_HASHTAGS = insert(m.ChatHashtag)
_COUNT_UNREAD = (
    select(func.count())
    .select_from(m.Message)
    .where(
        m.Message.chat_id == bindparam("chat_id"),
        m.Message.seq > bindparam("after_seq"),
        m.Message.kind != MessageKind.EVENT.value,  # events are nobody's unread
        (m.Message.author_id != bindparam("manager_id")) | m.Message.author_id.is_(None),
    )
)


async def load_chat(
    conn: AsyncConnection,
    workspace_id: uuid.UUID,
    chat_id: uuid.UUID,
    known: Known | None = None,
) -> Row[Any]:
    if known is not None and (row := known.chats.get(chat_id)) is not None:
        return row
    params = {"chat_id": chat_id, "workspace_id": workspace_id}
    row = (await conn.execute(_LOAD_CHAT, params)).first()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No chat {chat_id} in this workspace.")
    if known is not None:
        known.chats[chat_id] = row
    return row


async def create_chat(
    w: ChangeWriter,
    workspace_id: uuid.UUID,
    customer_id: uuid.UUID,
    *,
    followers: Sequence[uuid.UUID] = (),
    auto: Collection[uuid.UUID] = (),
    **fields: Any,
) -> Row[Any]:
    """Insert a chat, already routed if routing decided first (`fields`: its assignee,
    its place in a queue), with its followers (`auto`: those an assignment adds, P1,
    S5), and log it; its counts, its assignee's load and the sessions follow as for
    any chat write. Written once, where creating then routing it would write it three
    times."""
    now = fields.pop("created_at", None) or utcnow()
    wanted = list(dict.fromkeys(followers))
    params = {
        "id": fields.pop("id", None) or uuid.uuid4(),
        "workspace_id": workspace_id,
        "customer_id": customer_id,
        "created_at": now,
        "last_message_at": now,
        "tags": [],
        "follower_ids": [str(f) for f in wanted],
        **fields,
    }
    row = (await w.conn.execute(_INSERT_CHAT, params)).one()
    if wanted:
        await w.conn.execute(
            _ADD_FOLLOWERS,
            [{"chat_id": row.id, "manager_id": f, "auto": f in auto} for f in sorted(wanted)],
        )
    if w.known is not None:  # nobody has a chat_state row of it yet
        w.known.chats[row.id] = row
        w.known.new_chats.add(row.id)
    w.emit(Entity.CHAT, row.id, wire.chat(row), chat_id=row.id)
    await counts.chat_changed(w, None, row)
    await loads.chat_changed(w.conn, None, row)
    await sessions.chat_changed(w, None, row)  # S5: in its assignee's, followers', watchers'
    return row


async def update_chat(w: ChangeWriter, old: Row[Any], **values: Any) -> Row[Any]:
    """Update a chat, log its full row after the change, and let the inbox's derived
    state (counts, routing, notifications) follow from the old and new rows."""
    row = await update_row(w.conn, m.Chat, {"id": old.id}, values)
    if w.known is not None:
        w.known.chats[row.id] = row
    w.emit(Entity.CHAT, row.id, wire.chat(row), chat_id=row.id)
    await counts.chat_changed(w, old, row)
    await loads.chat_changed(w.conn, old, row)  # R1, R4: routing's load of its assignee
    await sessions.chat_changed(w, old, row)
    return row


async def set_followers(
    w: ChangeWriter,
    chat: Row[Any],
    followers: Iterable[uuid.UUID],
    *,
    auto: Collection[uuid.UUID] = (),
) -> Row[Any]:
    """`auto`: those of the new followers whom an assignment adds (P1, S5)."""
    wanted = list(dict.fromkeys(followers))
    old = {uuid.UUID(f) for f in chat.follower_ids}
    new = set(wanted)
    if old == new:
        return chat
    if old - new:
        await w.conn.execute(
            _DROP_FOLLOWERS, {"chat_id": chat.id, "manager_ids": sorted(old - new)}
        )
    if new - old:
        await w.conn.execute(
            _ADD_FOLLOWERS,
            [{"chat_id": chat.id, "manager_id": f, "auto": f in auto} for f in sorted(new - old)],
        )
    return await update_chat(w, chat, follower_ids=[str(f) for f in wanted])


async def follow(w: ChangeWriter, chat: Row[Any], manager_id: uuid.UUID) -> Row[Any]:
    """An explicit follow: kept through reassignment, even if an assignment made it."""
    if str(manager_id) in chat.follower_ids:
        await w.conn.execute(_EXPLICIT, {"f_chat_id": chat.id, "f_manager_id": manager_id})
        return chat
    return await set_followers(w, chat, [*(uuid.UUID(f) for f in chat.follower_ids), manager_id])


async def unfollow(w: ChangeWriter, chat: Row[Any], manager_id: uuid.UUID) -> Row[Any]:
    """Stop following, and forget a mention: the chat leaves my sessions unless it is
    mine or unassigned with my S11 switch on (S5)."""
    state = (await sessions.states(w, chat.id, {manager_id}))[manager_id]
    chat = await set_followers(
        w, chat, [uuid.UUID(f) for f in chat.follower_ids if uuid.UUID(f) != manager_id]
    )
    if state is not None and state.was_mentioned:
        await upsert_state(w, manager_id, chat, was_mentioned=False)
        await sessions.recheck(w, chat, {manager_id})
    return chat


async def drop_auto_follow(w: ChangeWriter, chat: Row[Any], manager_id: uuid.UUID) -> Row[Any]:
    """The chat left this manager's hands: the follow its assignment added goes too."""
    if str(manager_id) not in chat.follower_ids:
        return chat
    auto = await w.conn.scalar(_IS_AUTO, {"f_chat_id": chat.id, "f_manager_id": manager_id})
    if not auto:
        return chat
    return await set_followers(
        w, chat, [uuid.UUID(f) for f in chat.follower_ids if uuid.UUID(f) != manager_id]
    )


async def add_tag(w: ChangeWriter, chat: Row[Any], name: str, tag_id: uuid.UUID) -> Row[Any]:
    if name in chat.tags:
        return chat
    await w.conn.execute(_ADD_TAG, {"chat_id": chat.id, "tag_id": tag_id})
    return await update_chat(w, chat, tags=sorted({*chat.tags, name}))


async def remove_tag(w: ChangeWriter, chat: Row[Any], name: str) -> Row[Any]:
    if name not in chat.tags:
        return chat
    params = {"chat_id": chat.id, "workspace_id": chat.workspace_id, "name": name}
    await w.conn.execute(_DROP_TAG, params)
    return await update_chat(w, chat, tags=[t for t in chat.tags if t != name])


HASHTAG = re.compile(r"#(\w{1,100})")


def hashtags(text: str) -> list[str]:
    """P3: the #hashtags of a description, in order, each once (Korean included)."""
    return list(dict.fromkeys(t.lower() for t in HASHTAG.findall(text)))


async def set_description(w: ChangeWriter, chat: Row[Any], description: str) -> Row[Any]:
    """The chat_hashtag rows are always the old description's hashtags: only the
    difference is written."""
    if chat.description == description:
        return chat
    old, new = set(hashtags(chat.description)), set(hashtags(description))
    if old - new:
        await w.conn.execute(_DROP_HASHTAGS, {"chat_id": chat.id, "tags": sorted(old - new)})
    if new - old:
        await w.conn.execute(_ADD_HASHTAGS, [{"chat_id": chat.id, "tag": t} for t in new - old])
    return await update_chat(w, chat, description=description)


def last_message(
    seq: int, at: datetime, blocks: list[dict[str, Any]], kind: MessageKind
) -> dict[str, Any]:
    """The chat's fields that follow its newest message."""
    return {
        "last_message_at": at,
        "last_message_seq": seq,
        "last_message_preview": preview(blocks, note=kind is MessageKind.NOTE),
    }


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
    seq: int | None = None,
    at: datetime | None = None,
) -> Row[Any]:
    """Insert a message, move the chat's last-message fields, and tell whom the rules
    say (server.notifications). A customer writing reopens a snoozed chat (H3).

    `seq` (reserved from `w`) and `at`: those of a chat's first message that the chat
    was created with (`last_message`), so the chat is not written again."""
    if seq is None:
        seq = await w.next_seq()
    now = at or utcnow()
    internal = kind is MessageKind.NOTE
    try:
        inserted = await w.conn.execute(
            _INSERT_MESSAGE,
            {
                "id": message_id,
                "workspace_id": chat.workspace_id,
                "chat_id": chat.id,
                "seq": seq,
                "author_kind": author_kind.value,
                "author_id": author_id,
                "kind": kind.value,
                "blocks": blocks,
                "text": search_text(blocks),
                "created_at": now,
            },
        )
    except IntegrityError as exc:  # the id is the primary key. A failed insert counts as a
        # write, so a push batch that ran without savepoints runs again with them.
        raise ServiceError(
            ErrorCode.DUPLICATE_ID, f"Message id {message_id} is already used."
        ) from exc
    msg = inserted.one()
    w.emit(Entity.MESSAGE, msg.id, wire.message(msg), chat_id=chat.id, internal=internal, seq=seq)
    if (
        kind is MessageKind.REPLY
        and author_kind in (AuthorKind.MANAGER, AuthorKind.BOT)
        and chat.medium in OUTBOUND_MEDIA
    ):  # U3: the reply goes out through the chat's medium (server.connectors.outbox)
        await w.conn.execute(
            insert(m.Outbound).values(
                id=uuid.uuid4(),
                workspace_id=chat.workspace_id,
                message_id=message_id,
                medium=chat.medium,
                attempts=0,
                next_at=now,
                created_at=now,
            )
        )
    changes = last_message(seq, now, blocks, kind)
    text = changes["last_message_preview"]
    # The chat's first message (a new chat to the audience): none before it, or the
    # chat was created with it.
    first = not chat.last_message_seq or chat.last_message_seq == seq
    if author_kind is AuthorKind.CUSTOMER and chat.state == ChatState.SNOOZED.value:
        changes.update(state=ChatState.OPEN.value, snooze_until=None)
    if any(getattr(chat, k) != v for k, v in changes.items()):
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
        first=first,
    )
    return msg


async def count_unread(
    conn: AsyncConnection, chat_id: uuid.UUID, manager_id: uuid.UUID, after_seq: int
) -> int:
    params = {"chat_id": chat_id, "after_seq": after_seq, "manager_id": manager_id}
    n = await conn.scalar(_COUNT_UNREAD, params)
    return int(n or 0)
