"""My sessions (S5), kept live: the chats that notify me now.

A chat is in a manager's sessions iff it is unassigned (and not queued) while their S11
switch is on, or assigned to them, or followed by them, or they were @mentioned in it
(`chat_state.was_mentioned`). `chat_state.in_sessions` holds the answer; it is
recomputed in the writing transaction of every change that can move it, for the
managers that change concerns only: a chat's assignee, followers or unassignedness
(`chat_changed`, called by every chat write), a manager's switch (`switch_changed`), a
mention (notifications), an unfollow (which also forgets the mention). Each change
goes through `inbox.states.upsert_state`, so its chat_state entry and the "sessions" count
reach every desktop through the change log.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import Row, and_, bindparam, exists, insert, select, update

from protocol.kinds import Entity
from server import wire
from server.db import models as m
from server.inbox import counts
from server.inbox.states import upsert_state
from server.notifications.service import unassigned_watchers
from server.sync.changelog import ChangeWriter

BATCH = 500  # rows per statement when a switch moves many chats

_STATES = select(m.ChatState).where(
    m.ChatState.chat_id == bindparam("chat_id"),
    m.ChatState.manager_id.in_(bindparam("manager_ids", expanding=True)),
)


def unassigned(chat: Any) -> bool:
    """Unassigned in the S5/N2 sense: nobody has it and it waits in no queue (N3)."""
    return chat.assignee_id is None and chat.queued_since is None


def belongs(chat: Any, manager_id: uuid.UUID, *, watcher: bool, mentioned: bool) -> bool:
    """The S5 rule for one manager and one chat row."""
    return (
        mentioned
        or chat.assignee_id == manager_id
        or str(manager_id) in chat.follower_ids
        or (watcher and unassigned(chat))
    )


def _facts(chat: Any) -> tuple[Any, frozenset[str], bool]:
    return chat.assignee_id, frozenset(chat.follower_ids), unassigned(chat)


async def chat_changed(w: ChangeWriter, old: Any, new: Any) -> None:
    """A chat row was written: move it in or out of the sessions of the managers whose
    answer may have changed (its old and new assignee and followers; every S11 watcher
    when it became or stopped being unassigned)."""
    if new is None or (old is not None and _facts(old) == _facts(new)):
        return
    candidates: set[uuid.UUID] = set()
    for row in (old, new):
        if row is None:
            continue
        if row.assignee_id is not None:
            candidates.add(row.assignee_id)
        candidates.update(uuid.UUID(f) for f in row.follower_ids)
    watchers: set[uuid.UUID] = set()
    if unassigned(new) or (old is not None and unassigned(old)):
        watchers = set(await unassigned_watchers(w))
        if old is None or unassigned(old) != unassigned(new):
            candidates |= watchers
    await _settle(w, new, candidates, watchers)


async def recheck(w: ChangeWriter, chat: Any, manager_ids: set[uuid.UUID]) -> None:
    """Apply the rule to these managers and this chat (after a change of theirs that
    no chat write shows, such as a forgotten mention)."""
    watchers: set[uuid.UUID] = set()
    if unassigned(chat):
        watchers = set(await unassigned_watchers(w))
    await _settle(w, chat, manager_ids, watchers)


async def _settle(
    w: ChangeWriter, new: Any, candidates: set[uuid.UUID], watchers: set[uuid.UUID]
) -> None:
    if not candidates:
        return
    rows = await states(w, new.id, candidates)
    for manager_id in sorted(candidates):
        state = rows.get(manager_id)
        mentioned = bool(state is not None and state.was_mentioned)
        want = belongs(new, manager_id, watcher=manager_id in watchers, mentioned=mentioned)
        have = bool(state is not None and state.in_sessions)
        if want != have:
            await upsert_state(w, manager_id, new, in_sessions=want)


async def states(
    w: ChangeWriter, chat_id: uuid.UUID, manager_ids: set[uuid.UUID]
) -> dict[uuid.UUID, Row[Any] | None]:
    """These managers' chat_state rows of one chat (from the batch's Known when it has
    them), in one statement for the rest."""
    known = w.known
    found: dict[uuid.UUID, Row[Any] | None] = {}
    missing = []
    for mid in manager_ids:
        have, row = known.state(mid, chat_id) if known is not None else (False, None)
        if have:
            found[mid] = row
        else:
            missing.append(mid)
    if missing:
        rows = await w.conn.execute(_STATES, {"chat_id": chat_id, "manager_ids": sorted(missing)})
        by_manager = {r.manager_id: r for r in rows}
        for mid in missing:
            found[mid] = by_manager.get(mid)
            if known is not None:
                known.states[mid, chat_id] = found[mid]
    return found


async def switch_changed(w: ChangeWriter, manager_id: uuid.UUID, on: bool) -> int:
    """S11 was turned on or off: every unassigned chat of the workspace joins or leaves
    this manager's sessions (those they follow or were mentioned in stay). Set-based:
    a workspace may hold thousands. Returns how many chats moved."""
    conn = w.conn
    c, st = m.Chat, m.ChatState
    follows = exists().where(
        m.ChatFollower.chat_id == c.id, m.ChatFollower.manager_id == manager_id
    )
    q = (
        select(c.id, c.state, st.manager_id.label("has_row"), st.in_sessions, st.was_mentioned)
        .outerjoin(st, and_(st.chat_id == c.id, st.manager_id == manager_id))
        .where(c.workspace_id == w.workspace_id, c.assignee_id.is_(None), c.queued_since.is_(None))
    )
    rows = (await conn.execute(q.add_columns(follows.label("follows")))).all()
    if on:
        create = [r for r in rows if r.has_row is None]
        flip = [r.id for r in rows if r.has_row is not None and not r.in_sessions]
    else:
        create = []
        flip = [r.id for r in rows if r.in_sessions and not (r.follows or r.was_mentioned)]
    chat_state = {r.id: r.state for r in rows}
    written: list[Row[Any]] = []
    for i in range(0, len(create), BATCH):
        written += (
            await conn.execute(
                insert(st).returning(st),
                [
                    {
                        "manager_id": manager_id,
                        "chat_id": r.id,
                        "starred": False,
                        "read_seq": 0,
                        "unread_count": 0,
                        "mentioned": False,
                        "in_sessions": True,
                        "was_mentioned": False,
                    }
                    for r in create[i : i + BATCH]
                ],
            )
        ).all()
    for i in range(0, len(flip), BATCH):
        written += (
            await conn.execute(
                update(st)
                .where(st.manager_id == manager_id, st.chat_id.in_(flip[i : i + BATCH]))
                .values(in_sessions=on)
                .returning(st)
            )
        ).all()
    moved: Counter[counts.Key] = Counter()
    for row in written:
        w.emit(
            Entity.CHAT_STATE,
            f"{row.chat_id}:{manager_id}",
            wire.chat_state(row),
            manager_id=manager_id,
            chat_id=row.chat_id,
        )
        moved[str(manager_id), "sessions", chat_state[row.chat_id]] += 1
    if w.known is not None:  # kept current: the rows as written
        for row in written:
            w.known.states[manager_id, row.chat_id] = row
    before = [] if on else list(moved.elements())
    after = list(moved.elements()) if on else []
    await counts.apply(w, before, after)
    return len(written)
