"""Sidebar counts (SPEC S1-S12), kept exact by deltas in the writing transaction.

A chat contributes to a set of (key, state) entries decided by its row alone; a
manager's chat_state contributes to that manager's own entries. When a row changes, the
difference of the two sets is applied with an upsert and each changed count goes into
the change log, so every desktop shows every count without holding every chat.
`recount` rebuilds the same numbers from scratch: the tests hold the deltas to it.

A push batch defers its upserts (`ChangeWriter.bumps`): `write_bumps` applies the batch's
net change per count in one statement before it commits, then fills in each logged
entry's count as it stood after its own change, so the log reads as if each had been
written at once.
"""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, bindparam, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import ReturningInsert

from protocol.kinds import Entity
from server.db import models as m
from server.sync.changelog import Bump, ChangeWriter

SHARED = ""
_YIELD_EVERY = 1_000  # rows a recount reads between two turns of the event loop
Key = tuple[str, str, str]  # (scope, key, chat state)


def chat_keys(chat: Any) -> set[Key]:
    """The shared entries a chat row counts in."""
    if chat is None:
        return set()
    st = chat.state
    keys = {(SHARED, "all", st), (SHARED, f"medium:{chat.medium}", st)}
    if chat.assignee_id is not None:
        keys.add((SHARED, f"assignee:{chat.assignee_id}", st))
    elif chat.queued_since is not None:
        keys.add((SHARED, f"queue:{chat.team_id}", st))
    else:
        keys.add((SHARED, "unassigned", st))
        if chat.team_id is not None:
            keys.add((SHARED, f"unassigned_team:{chat.team_id}", st))
    keys.update((SHARED, f"tag:{t}", st) for t in chat.tags)
    return keys


def state_keys(state: Any, chat_state: str | None) -> set[Key]:
    """One manager's own entries for one chat (their chat_state row)."""
    if state is None or chat_state is None:
        return set()
    scope = str(state.manager_id)
    keys: set[Key] = set()
    if state.unread_count > 0:
        keys.add((scope, "unread", chat_state))
    if state.starred:
        keys.add((scope, "starred", chat_state))
    if state.in_sessions:
        keys.add((scope, "sessions", chat_state))
    return keys


async def apply(w: ChangeWriter, before: Iterable[Key], after: Iterable[Key]) -> None:
    delta: Counter[Key] = Counter(after)
    delta.subtract(Counter(before))
    for key, d in sorted(delta.items()):
        if d:
            await _bump(w, key, d)


async def chat_changed(w: ChangeWriter, old: Any, new: Any) -> None:
    """A chat row changed (old or new may be None: created, deleted). Its state moves
    managers' own entries too, so those follow when the state changes."""
    before, after = chat_keys(old), chat_keys(new)
    old_state = old.state if old is not None else None
    new_state = new.state if new is not None else None
    if old_state != new_state and old is not None:
        rows = await w.conn.execute(select(m.ChatState).where(m.ChatState.chat_id == old.id))
        for row in rows:
            before |= state_keys(row, old_state)
            after |= state_keys(row, new_state)
    await apply(w, before, after)


async def state_changed(w: ChangeWriter, old: Any, new: Any, chat_state: str) -> None:
    await apply(w, state_keys(old, chat_state), state_keys(new, chat_state))


@functools.cache
def _bump_statement(dialect_name: str) -> ReturningInsert[tuple[int]]:
    """Add `d` to one count, creating it if needed; built once per dialect (building a
    statement and its cache key costs more than running it)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    d = bindparam("d", type_=Integer)
    stmt = dialect.insert(m.ChatCount).values(
        workspace_id=bindparam("b_workspace_id"),
        scope=bindparam("b_scope"),
        key=bindparam("b_key"),
        state=bindparam("b_state"),
        count=d,
    )
    bump: ReturningInsert[tuple[int]] = stmt.on_conflict_do_update(
        index_elements=["workspace_id", "scope", "key", "state"],
        set_={"count": m.ChatCount.count + d},
    ).returning(m.ChatCount.count)
    return bump


async def _bump(w: ChangeWriter, key: Key, d: int) -> None:
    scope, name, state = key
    data = {"scope": scope, "key": name, "state": state, "count": 0}
    if w.bumps is not None:
        w.bumps.append(Bump(key, d, data))
    else:
        params = {
            "b_workspace_id": w.workspace_id,
            "b_scope": scope,
            "b_key": name,
            "b_state": state,
            "d": d,
        }
        data["count"] = int(await w.conn.scalar(_bump_statement(w.conn.dialect.name), params) or 0)
    w.emit(
        Entity.COUNT,
        f"{scope}|{name}|{state}",
        data,
        manager_id=uuid.UUID(scope) if scope else None,
    )


@functools.cache
def _add_statement(dialect_name: str) -> ReturningInsert[Any]:
    """Add each row's `count` to its count, creating it if needed: one statement for
    many rows (SQLAlchemy's insertmanyvalues). Rows come back keyed, in no set order:
    asking for the parameters' order (`sort_by_parameter_order`) on a table without a
    sentinel column makes SQLAlchemy send one statement per row."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    stmt = dialect.insert(m.ChatCount)
    c = m.ChatCount
    add: ReturningInsert[Any] = stmt.on_conflict_do_update(
        index_elements=["workspace_id", "scope", "key", "state"],
        set_={"count": c.count + stmt.excluded.count},
    ).returning(c.scope, c.key, c.state, c.count)
    return add


async def write_bumps(conn: AsyncConnection, workspace_id: uuid.UUID, bumps: list[Bump]) -> None:
    """Apply deferred bumps, and give each one's entry the count just after it."""
    if not bumps:
        return
    net: Counter[Key] = Counter()
    for b in bumps:
        net[b.key] += b.delta
    keys = sorted(net)  # a count changed back and forth is still read for its entries
    params = [
        {"workspace_id": workspace_id, "scope": s, "key": k, "state": st, "count": net[s, k, st]}
        for s, k, st in keys
    ]
    rows = await conn.execute(_add_statement(conn.dialect.name), params)
    value = {(r.scope, r.key, r.state): int(r.count) for r in rows}
    if len(value) != len(keys):
        raise RuntimeError(f"{len(keys)} counts written, {len(value)} returned")
    for b in reversed(bumps):
        b.data["count"] = value[b.key]
        value[b.key] -= b.delta


_SUMMARY = select(m.ChatCount.scope, m.ChatCount.key, m.ChatCount.state, m.ChatCount.count).where(
    m.ChatCount.workspace_id == bindparam("workspace_id"),
    m.ChatCount.scope.in_(bindparam("scopes", expanding=True)),
    m.ChatCount.count != 0,
)
_SUMMARY_OF_STATE = _SUMMARY.where(m.ChatCount.state == bindparam("state"))


async def summary(
    conn: AsyncConnection, workspace_id: uuid.UUID, manager_id: uuid.UUID, state: str | None = None
) -> list[dict[str, Any]]:
    """Every count one manager's sidebar shows: the shared ones and their own; `state`:
    of chats in that state only (a sidebar shows one, S12), else of every state."""
    params: dict[str, Any] = {"workspace_id": workspace_id, "scopes": [SHARED, str(manager_id)]}
    if state is None:
        rows = await conn.execute(_SUMMARY, params)
    else:
        rows = await conn.execute(_SUMMARY_OF_STATE, {**params, "state": state})
    return [r._asdict() for r in rows]


async def recount(conn: AsyncConnection, workspace_id: uuid.UUID) -> dict[Key, int]:
    """Rebuild every count of a workspace from its rows (after a bulk load, or to check).

    One transaction, since the numbers must be those of one moment (concurrent writers
    move counts by deltas); the rows are read on the database's side (SQLite: the
    connection's thread) and the loop is given back every `_YIELD_EVERY` rows, so a
    recount of 100,000 chats does not hold up the worker's sockets."""
    totals: Counter[Key] = Counter()
    states: dict[uuid.UUID, str] = {}
    chats = await conn.execute(select(m.Chat).where(m.Chat.workspace_id == workspace_id))
    for i, chat in enumerate(chats):
        states[chat.id] = chat.state
        totals.update(chat_keys(chat))
        if i % _YIELD_EVERY == _YIELD_EVERY - 1:
            await asyncio.sleep(0)
    rows = await conn.execute(
        select(m.ChatState)
        .join(m.Chat, m.Chat.id == m.ChatState.chat_id)
        .where(m.Chat.workspace_id == workspace_id)
    )
    for i, row in enumerate(rows):
        totals.update(state_keys(row, states[row.chat_id]))
        if i % _YIELD_EVERY == _YIELD_EVERY - 1:
            await asyncio.sleep(0)
    await conn.execute(delete(m.ChatCount).where(m.ChatCount.workspace_id == workspace_id))
    if totals:
        await conn.execute(
            insert(m.ChatCount),
            [
                {"workspace_id": workspace_id, "scope": s, "key": k, "state": st, "count": n}
                for (s, k, st), n in totals.items()
            ],
        )
    return dict(totals)


async def stored(conn: AsyncConnection, workspace_id: uuid.UUID) -> dict[Key, int]:
    rows = await conn.execute(
        select(m.ChatCount.scope, m.ChatCount.key, m.ChatCount.state, m.ChatCount.count).where(
            m.ChatCount.workspace_id == workspace_id, m.ChatCount.count != 0
        )
    )
    return {(scope, key, state): n for scope, key, state, n in rows}
