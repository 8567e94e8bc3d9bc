"""Chat actions outside the outbox: permanent delete (H5), links (H4), bulk (L2)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import Entity, MutationName, Op, Permission
from protocol.limits import MAX_CHAT_IDS
from server.auth.service import AuthService, Principal
from server.db import models as m
from server.db.database import Database
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox import chats, counts, loads, permissions, sections
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell
from server.sync.mutations import HANDLERS, Context
from server.uploads.service import UploadService

# Chats per transaction of a bulk action (L2): each transaction holds the workspace's
# writer (SQLite: the only one), so other managers' pushes wait at most one batch.
BULK_BATCH = 25
PURGE_BATCH = 500  # messages per transaction of a chat's delete (H5)
BULK_MAX = MAX_CHAT_IDS

# L2: what a bulk action may do, and how the chat's current value fills its expectation.
BULK_ACTIONS: dict[MutationName, str | None] = {
    MutationName.ASSIGN: "assignee_id",
    MutationName.SET_TEAM: "team_id",
    MutationName.SET_STATE: "state",
    MutationName.ADD_TAG: None,
    MutationName.REMOVE_TAG: None,
    MutationName.MARK_READ: None,
    MutationName.MARK_UNREAD: None,
    MutationName.STAR: None,
    MutationName.FOLLOW: None,
    MutationName.UNFOLLOW: None,
}


class InboxService:
    def __init__(
        self, db: Database, auth: AuthService, doorbell: Doorbell, uploads: UploadService
    ) -> None:
        self.db = db
        self.auth = auth
        self.doorbell = doorbell
        self.uploads = uploads

    async def delete_chat(self, me: Principal, chat_id: uuid.UUID) -> None:
        """H5: one chat per request, for good: its messages, files and every trace of
        their content in the change log; a tombstone tells every desktop.

        In short transactions (a long one would hold SQLite's single writer, and every
        other writer of the workspace, for as long as it takes): the history goes first,
        oldest messages first, `PURGE_BATCH` at a time, each batch with the log entries up
        to its newest message scrubbed in the same transaction; then the chat itself, the
        few messages left and the rest of its log go in one last short one. Between two
        batches the chat is whole but for its oldest messages (its newest message and its
        latest row stay to the end), its counts are untouched, and its log is scrubbed up
        to the newest message deleted. A delete cut short (a crash, a lost connection)
        leaves such a state; asking again finishes it."""
        async with self.db.read() as conn:  # refused: nothing is touched
            actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
            permissions.require_permission(actor, Permission.DELETE_CHATS)
            await chats.load_chat(conn, me.workspace_id, chat_id)
        scrubbed = 0  # the chat's log entries up to this seq are scrubbed already
        while (top := await self._purge_batch(me.workspace_id, chat_id, scrubbed)) is not None:
            scrubbed = top
        async with self.db.write() as conn:
            await lock_workspace(conn, me.workspace_id)
            actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
            permissions.require_permission(actor, Permission.DELETE_CHATS)
            chat = await chats.load_chat(conn, me.workspace_id, chat_id)
            w = ChangeWriter(conn, me.workspace_id)
            await counts.chat_changed(w, chat, None)
            await loads.chat_changed(conn, chat, None)
            await _scrub_log(conn, me.workspace_id, chat.id, after=scrubbed)
            file_ids = list(
                (await conn.scalars(select(m.File.id).where(m.File.chat_id == chat.id))).all()
            )
            await conn.execute(delete(m.File).where(m.File.chat_id == chat.id))
            await conn.execute(delete(m.Chat).where(m.Chat.id == chat.id))
            w.tombstone(Entity.CHAT, chat.id, chat_id=chat.id)
            head = await w.flush()
        if head is not None:
            self.doorbell.ring(me.workspace_id, head)
        # The bytes go once the rows are gone for good (a rolled-back delete keeps both).
        await self.uploads.remove_bytes(file_ids)

    async def _purge_batch(
        self, workspace_id: uuid.UUID, chat_id: uuid.UUID, scrubbed: int
    ) -> int | None:
        """Delete the chat's oldest `PURGE_BATCH` messages and scrub its log entries up to
        the newest of them, in one transaction; returns that seq, or None when no more
        than that are left (they go with the chat, so its newest message stays to the
        end)."""
        async with self.db.write() as conn:
            await lock_workspace(conn, workspace_id)
            seqs = (
                await conn.scalars(
                    select(m.Message.seq)
                    .where(m.Message.chat_id == chat_id)
                    .order_by(m.Message.seq)
                    .limit(PURGE_BATCH + 1)
                )
            ).all()
            if len(seqs) <= PURGE_BATCH:
                return None
            top = int(seqs[PURGE_BATCH - 1])
            # Past entries held the chat's rows and messages: keep their seqs (no gaps),
            # drop their content. None below `top` can describe a message kept.
            await _scrub_log(conn, workspace_id, chat_id, after=scrubbed, upto=top)
            await conn.execute(
                delete(m.Message).where(m.Message.chat_id == chat_id, m.Message.seq <= top)
            )
            return top

    async def customer_link(self, me: Principal, chat_id: uuid.UUID) -> str:
        """H4: a new customer token for this chat; earlier ones stop working."""
        async with self.db.write() as conn:
            await chats.load_chat(conn, me.workspace_id, chat_id)
            await _revoke(conn, chat_id)
            token = await self.auth.new_customer_link(conn, chat_id)
        self.auth.live.end_chat(chat_id)  # open pages of the old link stop at once
        return token

    async def revoke_customer_links(self, me: Principal, chat_id: uuid.UUID) -> None:
        async with self.db.write() as conn:
            await chats.load_chat(conn, me.workspace_id, chat_id)
            await _revoke(conn, chat_id)
        self.auth.live.end_chat(chat_id)  # open pages of the link stop at once

    async def chat_exists(self, me: Principal, chat_id: uuid.UUID) -> None:
        async with self.db.read() as conn:
            await chats.load_chat(conn, me.workspace_id, chat_id)

    async def bulk(self, me: Principal, req: s.BulkRequest) -> list[dict[str, Any]]:
        """L2: one action over chosen chats or every chat of a section; a result each."""
        async with self.db.read() as conn:
            await permissions.require_seat(conn, me.workspace_id, me.manager_id)
            ids = await self._targets(conn, me, req)
        name = req.action.name
        results: list[dict[str, Any]] = []
        for start in range(0, len(ids), BULK_BATCH):
            async with self.db.write() as conn:
                await lock_workspace(conn, me.workspace_id)
                w = ChangeWriter(conn, me.workspace_id)
                for chat_id in ids[start : start + BULK_BATCH]:
                    results.append(await self._one(w, me, name, req.action.args, chat_id))
                head = await w.flush()
            if head is not None:
                self.doorbell.ring(me.workspace_id, head)
        return results

    async def _targets(
        self, conn: AsyncConnection, me: Principal, req: s.BulkRequest
    ) -> list[uuid.UUID]:
        if req.chat_ids is not None:
            return list(dict.fromkeys(req.chat_ids))
        assert req.filter is not None
        q = sections.section_query(me.workspace_id, me.manager_id, req.filter.section)
        q = q.where(m.Chat.state == req.filter.state.value)
        ids = list((await conn.scalars(q.with_only_columns(m.Chat.id).limit(BULK_MAX + 1))).all())
        if len(ids) > BULK_MAX:
            raise ServiceError(
                ErrorCode.LIMIT_EXCEEDED, f"A bulk action takes at most {BULK_MAX} chats."
            )
        return ids

    async def _one(
        self,
        w: ChangeWriter,
        me: Principal,
        name: MutationName,
        args: dict[str, Any],
        chat_id: uuid.UUID,
    ) -> dict[str, Any]:
        try:
            async with w.conn.begin_nested():
                chat = await chats.load_chat(w.conn, me.workspace_id, chat_id)
                full: dict[str, Any] = {**args, "chat_id": chat_id}
                field = BULK_ACTIONS[name]
                if field is not None:  # bulk overwrites: the expectation is what is there
                    current = getattr(chat, field)
                    full[f"expected_{field}"] = current
                parsed = s.MUTATION_ARGS[name].model_validate(full)
                await HANDLERS[name](Context(w, me), parsed)
        except ServiceError as exc:
            return {"chat_id": str(chat_id), "status": "refused", "error": exc.body()["error"]}
        except ValueError as exc:  # pydantic's ValidationError
            return {
                "chat_id": str(chat_id),
                "status": "refused",
                "error": {"code": ErrorCode.VALIDATION.value, "message": str(exc).splitlines()[0]},
            }
        return {"chat_id": str(chat_id), "status": "applied"}


async def _scrub_log(
    conn: AsyncConnection,
    workspace_id: uuid.UUID,
    chat_id: uuid.UUID,
    *,
    after: int,
    upto: int | None = None,
) -> None:
    """The chat's log entries in (after, upto] keep their seqs and lose their content."""
    log = m.ChangeLog
    q = update(log).where(
        log.workspace_id == workspace_id,
        log.chat_id == chat_id,
        log.seq > after,
        log.op != Op.DELETE.value,  # a resumed delete does not rewrite what it scrubbed
    )
    if upto is not None:
        q = q.where(log.seq <= upto)
    await conn.execute(q.values(op=Op.DELETE.value, data=None))


async def _revoke(conn: AsyncConnection, chat_id: uuid.UUID) -> None:
    await conn.execute(
        update(m.CustomerLink)
        .where(m.CustomerLink.chat_id == chat_id, m.CustomerLink.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
