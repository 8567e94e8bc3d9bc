"""What each pushed mutation does. A handler checks everything before it writes, raises
ServiceError to refuse, and logs every row it changes through the ChangeWriter."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import (
    AuthorKind,
    ChatState,
    Entity,
    EventAction,
    FieldType,
    MessageKind,
    MutationName,
)
from protocol.limits import MAX_SNOOZE, MAX_TAGS_PER_CHAT
from server import wire
from server.auth.service import Principal
from server.db import models as m
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats, events, permissions
from server.routing import service as routing
from server.sync.changelog import ChangeWriter
from server.uploads.attach import attach, file_refs


@dataclass(frozen=True, slots=True)
class Context:
    w: ChangeWriter
    me: Principal

    @property
    def conn(self) -> AsyncConnection:
        return self.w.conn


Handler = Callable[[Context, Any], Awaitable[None]]
HANDLERS: dict[MutationName, Handler] = {}


def handles(name: MutationName) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[name] = fn
        return fn

    return register


async def _chat(ctx: Context, chat_id: uuid.UUID) -> Any:
    return await chats.load_chat(ctx.conn, ctx.me.workspace_id, chat_id, ctx.w.known)


async def _manager(ctx: Context, manager_id: uuid.UUID) -> Any:
    """A manager of this workspace (refused if not); read once per batch: no push
    changes a manager."""
    known = ctx.w.known
    row = known.managers.get(manager_id) if known is not None else None
    if row is None:
        row = await permissions.manager_row(ctx.conn, ctx.me.workspace_id, manager_id)
        if known is not None:
            known.managers[manager_id] = row
    return row


async def _seat(ctx: Context) -> None:
    permissions.check_seat(await _manager(ctx, ctx.me.manager_id))


async def _team_in_workspace(ctx: Context, team_id: uuid.UUID) -> None:
    found = await ctx.conn.scalar(
        select(m.Team.id).where(m.Team.id == team_id, m.Team.workspace_id == ctx.me.workspace_id)
    )
    if found is None:
        raise ServiceError(ErrorCode.INVALID_VALUE, f"No team {team_id} in this workspace.")


def _stale(what: str, current: Any) -> ServiceError:
    return ServiceError(
        ErrorCode.STALE_VALUE,
        f"The chat's {what} was changed by someone else meanwhile.",
        current=current,
    )


@handles(MutationName.SEND_MESSAGE)
async def send_message(ctx: Context, a: s.SendMessageArgs) -> None:
    if a.kind is MessageKind.EVENT:
        raise ServiceError(ErrorCode.INVALID_VALUE, "Events are written by the server only.")
    chat = await _chat(ctx, a.chat_id)
    blocks = [b.model_dump(mode="json") for b in a.blocks]
    file_ids = [uuid.UUID(f["id"]) for b in blocks if b["type"] == "files" for f in b["files"]]
    if file_ids:  # M1: the server's own records describe the files
        refs = iter(
            await file_refs(
                ctx.conn,
                workspace_id=ctx.me.workspace_id,
                chat_id=chat.id,
                author_kind=AuthorKind.MANAGER,
                author_id=ctx.me.manager_id,
                message_id=a.message_id,
                file_ids=file_ids,
            )
        )
        for b in blocks:
            if b["type"] == "files":
                b["files"] = [next(refs) for _ in b["files"]]
    mentions = a.mentions or s.Mentions()
    for manager_id in mentions.manager_ids:
        await _manager(ctx, manager_id)
    for team_id in mentions.team_ids:
        await _team_in_workspace(ctx, team_id)
    await chats.add_message(
        ctx.w,
        chat,
        message_id=a.message_id,
        author_kind=AuthorKind.MANAGER,
        author_id=ctx.me.manager_id,
        kind=a.kind,
        blocks=blocks,
        mentioned_managers=mentions.manager_ids,
        mentioned_teams=mentions.team_ids,
    )
    await attach(ctx.conn, a.message_id, file_ids)


@handles(MutationName.STAR)
async def star(ctx: Context, a: s.StarArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    await chats.upsert_state(ctx.w, ctx.me.manager_id, chat, starred=a.starred)


@handles(MutationName.MARK_READ)
async def mark_read(ctx: Context, a: s.MarkReadArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    upto = chat.last_message_seq if a.read_seq is None else min(a.read_seq, chat.last_message_seq)
    unread = (  # nothing comes after the last message
        0
        if upto == chat.last_message_seq
        else await chats.count_unread(ctx.conn, chat.id, ctx.me.manager_id, upto)
    )
    await chats.upsert_state(
        ctx.w, ctx.me.manager_id, chat, read_seq=upto, unread_count=unread, mentioned=False
    )


@handles(MutationName.MARK_UNREAD)
async def mark_unread(ctx: Context, a: s.MarkUnreadArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    await chats.mark_unread(ctx.w, ctx.me.manager_id, chat)


@handles(MutationName.ASSIGN)
async def assign(ctx: Context, a: s.AssignArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    if chat.assignee_id != a.expected_assignee_id:
        raise _stale("assignee", str(chat.assignee_id) if chat.assignee_id else None)
    if a.assignee_id == chat.assignee_id:
        return
    if a.assignee_id is not None:
        permissions.check_assignable(await _manager(ctx, a.assignee_id))
        await routing.give(ctx.w, chat, a.assignee_id, actor_id=ctx.me.manager_id)
        await events.record(
            ctx.w,
            chat,
            EventAction.ASSIGNED,
            actor_id=ctx.me.manager_id,
            manager_id=a.assignee_id,
        )
        return
    previous = chat.assignee_id
    chat = await chats.update_chat(ctx.w, chat, assignee_id=None)
    await events.record(
        ctx.w, chat, EventAction.UNASSIGNED, actor_id=ctx.me.manager_id, manager_id=previous
    )
    if previous is not None:  # S5: it leaves their sessions unless they chose to follow
        chat = await chats.drop_auto_follow(ctx.w, chat, previous)
    if previous is not None and chat.state == ChatState.OPEN.value:
        await routing.refill(ctx.w, previous)


@handles(MutationName.SET_TEAM)
async def set_team(ctx: Context, a: s.SetTeamArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    if chat.team_id != a.expected_team_id:
        raise _stale("team", str(chat.team_id) if chat.team_id else None)
    if a.team_id == chat.team_id:
        return
    if a.team_id is not None:
        await _team_in_workspace(ctx, a.team_id)
    chat = await chats.update_chat(ctx.w, chat, team_id=a.team_id)
    await events.record(
        ctx.w,
        chat,
        EventAction.TEAM_SET if a.team_id is not None else EventAction.TEAM_CLEARED,
        actor_id=ctx.me.manager_id,
        team_id=a.team_id,
    )
    await routing.team_changed(ctx.w, chat)


@handles(MutationName.FOLLOW)
async def follow(ctx: Context, a: s.FollowArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    who = a.manager_id or ctx.me.manager_id
    await _manager(ctx, who)
    await chats.follow(ctx.w, chat, who)


@handles(MutationName.UNFOLLOW)
async def unfollow(ctx: Context, a: s.FollowArgs) -> None:
    chat = await _chat(ctx, a.chat_id)
    who = a.manager_id or ctx.me.manager_id
    await chats.unfollow(ctx.w, chat, who)


@handles(MutationName.SET_STATE)
async def set_state(ctx: Context, a: s.SetStateArgs) -> None:
    await _seat(ctx)
    chat = await _chat(ctx, a.chat_id)
    if chat.state != a.expected_state:
        raise _stale("state", chat.state)
    until = None
    if a.state is ChatState.SNOOZED:
        until = _snooze_end(a.snooze_until)
    elif a.snooze_until is not None:
        raise ServiceError(ErrorCode.INVALID_VALUE, "snooze_until goes only with state 'snoozed'.")
    if a.state == chat.state and until == chat.snooze_until:
        return
    was_open = chat.state == ChatState.OPEN.value
    changes: dict[str, Any] = {"state": a.state.value, "snooze_until": until}
    if a.state is not ChatState.OPEN:
        changes["queued_since"] = None  # a closed or snoozed chat waits in no queue
    chat = await chats.update_chat(ctx.w, chat, **changes)
    action = {
        ChatState.SNOOZED: EventAction.SNOOZED,
        ChatState.CLOSED: EventAction.CLOSED,
        ChatState.OPEN: EventAction.REOPENED,
    }[a.state]
    await events.record(ctx.w, chat, action, actor_id=ctx.me.manager_id, until=until)
    if was_open and a.state is not ChatState.OPEN and chat.assignee_id is not None:
        await routing.refill(ctx.w, chat.assignee_id)  # R3: a closed or snoozed chat frees room
    elif not was_open and a.state is ChatState.OPEN:
        await routing.route(ctx.w, chat)


def _snooze_end(until: datetime | None) -> datetime:
    now = utcnow()
    if until is None:
        raise ServiceError(ErrorCode.INVALID_VALUE, "Snoozing needs snooze_until.")
    if until.tzinfo is None:
        raise ServiceError(ErrorCode.INVALID_VALUE, "snooze_until needs a time zone.")
    if until <= now:
        raise ServiceError(ErrorCode.INVALID_VALUE, "snooze_until must be in the future.")
    if until - now > MAX_SNOOZE:
        raise ServiceError(
            ErrorCode.LIMIT_EXCEEDED,
            f"A chat can be snoozed for at most {MAX_SNOOZE.days} days.",
        )
    return until


# Built once: building a statement and its cache key costs more than running it.
_TAG_ID = select(m.Tag.id).where(
    m.Tag.workspace_id == bindparam("workspace_id"), m.Tag.name == bindparam("name")
)
_TAG_IDS = select(m.Tag.name, m.Tag.id).where(m.Tag.workspace_id == bindparam("workspace_id"))


async def _tag_id(ctx: Context, name: str) -> uuid.UUID:
    """The workspace's tag of this name, made if it has none."""
    ws, known = ctx.me.workspace_id, ctx.w.known
    if known is None:
        tid = await ctx.conn.scalar(_TAG_ID, {"workspace_id": ws, "name": name})
    else:
        if known.tag_ids is None:  # all at once: a workspace has tens of tags
            rows = await ctx.conn.execute(_TAG_IDS, {"workspace_id": ws})
            known.tag_ids = {tag_name: tid for tag_name, tid in rows}
        tid = known.tag_ids.get(name)
    if tid is None:
        row = (
            await ctx.conn.execute(
                insert(m.Tag).values(id=uuid.uuid4(), workspace_id=ws, name=name).returning(m.Tag)
            )
        ).one()
        ctx.w.emit(Entity.TAG, row.id, wire.tag(row))
        tid = row.id
        if known is not None and known.tag_ids is not None:
            known.tag_ids[name] = tid
    return tid


@handles(MutationName.ADD_TAG)
async def add_tag(ctx: Context, a: s.TagArgs) -> None:
    await _seat(ctx)
    chat = await _chat(ctx, a.chat_id)
    if a.tag in chat.tags:
        return
    if len(chat.tags) >= MAX_TAGS_PER_CHAT:
        raise ServiceError(
            ErrorCode.LIMIT_EXCEEDED, f"A chat has at most {MAX_TAGS_PER_CHAT} tags."
        )
    chat = await chats.add_tag(ctx.w, chat, a.tag, await _tag_id(ctx, a.tag))
    await events.record(ctx.w, chat, EventAction.TAGGED, actor_id=ctx.me.manager_id, tag=a.tag)


@handles(MutationName.REMOVE_TAG)
async def remove_tag(ctx: Context, a: s.TagArgs) -> None:
    await _seat(ctx)
    chat = await _chat(ctx, a.chat_id)
    if a.tag not in chat.tags:
        return
    chat = await chats.remove_tag(ctx.w, chat, a.tag)
    await events.record(ctx.w, chat, EventAction.UNTAGGED, actor_id=ctx.me.manager_id, tag=a.tag)


@handles(MutationName.SET_DESCRIPTION)
async def set_description(ctx: Context, a: s.SetDescriptionArgs) -> None:
    await _seat(ctx)
    chat = await _chat(ctx, a.chat_id)
    await chats.set_description(ctx.w, chat, a.description)


@handles(MutationName.SET_PROFILE_FIELD)
async def set_profile_field(ctx: Context, a: s.SetProfileFieldArgs) -> None:
    customer = (
        await ctx.conn.execute(
            select(m.Customer).where(
                m.Customer.id == a.customer_id, m.Customer.workspace_id == ctx.me.workspace_id
            )
        )
    ).first()
    if customer is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"No customer {a.customer_id} in this workspace.")
    field = (
        await ctx.conn.execute(
            select(m.CustomerField.type, m.CustomerField.options).where(
                m.CustomerField.workspace_id == ctx.me.workspace_id, m.CustomerField.key == a.key
            )
        )
    ).first()
    if field is None:
        raise ServiceError(ErrorCode.INVALID_VALUE, f"No profile field '{a.key}' is defined.")
    value = profile_value(FieldType(field.type), list(field.options or []), a.value)
    profile = dict(customer.profile)
    if value is None:
        profile.pop(a.key, None)
    else:
        profile[a.key] = value
    if profile == customer.profile:
        return
    await ctx.conn.execute(
        update(m.Customer).where(m.Customer.id == customer.id).values(profile=profile)
    )
    [data] = await wire.customers(ctx.conn, [customer.id])
    ctx.w.emit(Entity.CUSTOMER, customer.id, data)


def coerce_field(ftype: FieldType, value: str | float | bool | None) -> Any:
    """A profile value checked against its field's type: a clear refusal, never a guess."""
    if value is None:
        return None
    ok: bool
    match ftype:
        case FieldType.STRING:
            ok = isinstance(value, str)
        case FieldType.NUMBER:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        case FieldType.BOOLEAN:
            ok = isinstance(value, bool)
        case FieldType.DATE:
            ok = isinstance(value, str)
            if ok:
                try:
                    date.fromisoformat(str(value))
                except ValueError:
                    ok = False
        case FieldType.SELECT:
            ok = isinstance(value, str)
    if not ok:
        raise ServiceError(ErrorCode.INVALID_VALUE, f"This field takes a {ftype.value}.")
    return value


def profile_value(ftype: FieldType, options: list[str], value: Any) -> Any:
    """A profile value checked against its field (P4): its type, and for a select one
    of its options."""
    value = coerce_field(ftype, value)
    if ftype is FieldType.SELECT and value is not None and value not in options:
        raise ServiceError(
            ErrorCode.INVALID_VALUE,
            f"{value!r} is not one of this field's options: {', '.join(options)}.",
        )
    return value


assert set(HANDLERS) == set(MutationName), set(MutationName) - set(HANDLERS)
