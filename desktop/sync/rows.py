"""Writing server rows into the cache, entity by entity, many rows per statement.

Every path that brings the server's truth (the feed, bootstrap pages, a re-fetch after a
refused mutation, restoring a row after its pending mutations are gone) goes through
`put` and `delete` here, so a row's index columns are always derived from its JSON the
same way. Statements are built once and run with executemany: the feed's catch-up speed
is the speed of these functions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from desktop.sync import layout
from desktop.sync import tables as t
from desktop.sync.changed import ChangedIds

Row = dict[str, Any]
PENDING_BASE = layout.PENDING_BASE
# Notifications kept in the cache: the newest ones, enough for any "recent" list.
KEEP_NOTIFICATIONS = 1_000

dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass(slots=True)
class Tx:
    """One write transaction on the cache: its connection, whose cache it is, and the
    ids it changed so far (what the UI is told afterwards)."""

    conn: Connection
    me: str
    changed: ChangedIds


def micros(when: str | None) -> int:
    """An ISO time as microseconds since the epoch: an integer that sorts correctly."""
    if not when:
        return 0
    dt = datetime.fromisoformat(when)
    return int(dt.timestamp()) * 1_000_000 + dt.microsecond


def _upsert(table: Table, keys: Sequence[str], *, skip: Iterable[str] = ()) -> Any:
    stmt = insert(table)
    left_alone = {*keys, *skip}
    return stmt.on_conflict_do_update(
        index_elements=list(keys),
        set_={c.name: stmt.excluded[c.name] for c in table.columns if c.name not in left_alone},
    )


_CHAT_TRUTH = _upsert(t.chats, ["id"], skip=["history_from"])
_CHAT_LOCAL = _upsert(t.chats, ["id"], skip=["history_from", "stale"])
_MESSAGE = _upsert(t.messages, ["id"])
_PENDING_MESSAGE = insert(t.messages).on_conflict_do_nothing(index_elements=["id"])
_STATE = _upsert(t.chat_state, ["chat_id"])
_CUSTOMER = _upsert(t.customers, ["id"])
_VISIT = _upsert(t.page_visits, ["id"])
_COUNT = _upsert(t.counts, ["scope", "key", "state"])
_NOTIFICATION = insert(t.notifications).on_conflict_do_nothing(index_elements=["id"])
REFERENCE_TABLES: dict[str, Table] = {
    entity: t.metadata.tables[name] for entity, name in layout.REFERENCE_TABLES.items()
}
_REFERENCE = {name: _upsert(table, ["id"]) for name, table in REFERENCE_TABLES.items()}


# ---- chats ------------------------------------------------------------------------------


def chat_params(c: Row, *, history_from: int | None = None) -> dict[str, Any]:
    return {
        "id": c["id"],
        "customer_id": c["customer_id"],
        "state": c["state"],
        "assignee_id": c.get("assignee_id"),
        "team_id": c.get("team_id"),
        "medium": c["medium"],
        "queued": c.get("queued_since") is not None,
        "last_message_us": micros(c.get("last_message_at")),
        "last_message_seq": c.get("last_message_seq") or 0,
        "data": dumps(c),
        "history_from": history_from,
        "stale": False,
    }


def put_chats(
    tx: Tx, rows: Sequence[Row], *, history_from: int | None = None, truth: bool = True
) -> None:
    """Upsert chat rows. `history_from` applies to rows new to the cache (a chat first
    seen in the feed has every message ahead of it: 0). `truth` rows (from the server)
    also clear the re-bootstrap's stale mark; optimistic rewrites leave it."""
    if not rows:
        return
    tx.conn.execute(
        _CHAT_TRUTH if truth else _CHAT_LOCAL,
        [chat_params(c, history_from=history_from) for c in rows],
    )
    tx.changed.chats.update(c["id"] for c in rows)


def delete_chats(tx: Tx, ids: Sequence[str]) -> None:
    """A chat goes with everything of it: messages (pending ones too), my state of it,
    its notifications, files being uploaded to it (SPEC H5: the server drops them too)."""
    if not ids:
        return
    ids = list(ids)
    for table, column in (
        (t.chats, t.chats.c.id),
        (t.messages, t.messages.c.chat_id),
        (t.chat_state, t.chat_state.c.chat_id),
        (t.notifications, t.notifications.c.chat_id),
        (t.uploads, t.uploads.c.chat_id),
        (t.outgoing, t.outgoing.c.chat_id),
    ):
        for part in _chunks(ids):
            tx.conn.execute(delete(table).where(column.in_(part)))
    tx.changed.deleted_chats.update(ids)
    tx.changed.chats.difference_update(ids)


# ---- messages -------------------------------------------------------------------------


def message_params(m: Row) -> dict[str, Any]:
    return {
        "id": m["id"],
        "chat_id": m["chat_id"],
        "seq": m["seq"],
        "sort_key": m["seq"],
        "pending": False,
        "failed_reason": None,
        "mutation_id": None,
        "data": dumps(m),
    }


def put_messages(tx: Tx, rows: Sequence[Row]) -> None:
    if not rows:
        return
    tx.conn.execute(_MESSAGE, [message_params(m) for m in rows])
    for m in rows:
        tx.changed.message(m["chat_id"], m["id"])


def put_local_message(
    tx: Tx, m: Row, *, mutation_id: int, failed_reason: str | None = None
) -> None:
    """A message of mine the server has not confirmed: pending, or failed with a reason.
    Never replaces a row that exists (the confirmed one wins)."""
    tx.conn.execute(
        _PENDING_MESSAGE,
        {
            "id": m["id"],
            "chat_id": m["chat_id"],
            "seq": None,
            "sort_key": PENDING_BASE + mutation_id,
            "pending": failed_reason is None,
            "failed_reason": failed_reason,
            "mutation_id": mutation_id,
            "data": dumps(m),
        },
    )
    tx.changed.message(m["chat_id"], m["id"])


def delete_messages(tx: Tx, ids: Sequence[str]) -> None:
    if not ids:
        return
    for part in _chunks(list(ids)):
        found = tx.conn.execute(
            select(t.messages.c.id, t.messages.c.chat_id).where(t.messages.c.id.in_(part))
        ).all()
        if found:
            tx.conn.execute(delete(t.messages).where(t.messages.c.id.in_(part)))
        for mid, chat_id in found:
            tx.changed.message(chat_id, mid)


# ---- my chat state -------------------------------------------------------------------


def put_states(tx: Tx, rows: Sequence[Row]) -> None:
    mine = [s for s in rows if s.get("manager_id", tx.me) == tx.me]
    if not mine:
        return
    tx.conn.execute(
        _STATE,
        [
            {
                "chat_id": s["chat_id"],
                "starred": bool(s["starred"]),
                "unread_count": s["unread_count"],
                "mentioned": bool(s["mentioned"]),
                "in_sessions": bool(s["in_sessions"]),
                "read_seq": s["read_seq"],
                "data": dumps(s),
            }
            for s in mine
        ],
    )
    tx.changed.chat_states.update(s["chat_id"] for s in mine)


def delete_states(tx: Tx, chat_ids: Sequence[str]) -> None:
    if not chat_ids:
        return
    for part in _chunks(list(chat_ids)):
        tx.conn.execute(delete(t.chat_state).where(t.chat_state.c.chat_id.in_(part)))
    tx.changed.chat_states.update(chat_ids)


# ---- customers, reference data, counts, notifications ----------------------------------


def put_customers(tx: Tx, rows: Sequence[Row]) -> None:
    if not rows:
        return
    tx.conn.execute(
        _CUSTOMER, [{"id": c["id"], "name": c.get("name") or "", "data": dumps(c)} for c in rows]
    )
    tx.changed.customers.update(c["id"] for c in rows)


def put_visits(tx: Tx, rows: Sequence[Row]) -> None:
    """P5: page visits; their customers count as changed (the side panel re-reads)."""
    if not rows:
        return
    tx.conn.execute(
        _VISIT,
        [
            {
                "id": v["id"],
                "customer_id": v["customer_id"],
                "visited_us": micros(v.get("visited_at")),
                "data": dumps(v),
            }
            for v in rows
        ],
    )
    tx.changed.customers.update(str(v["customer_id"]) for v in rows)


def reference_id(entity: str, row: Row) -> str:
    return str(row["key"] if entity == "customer_field" else row["id"])


def put_reference(tx: Tx, entity: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    tx.conn.execute(
        _REFERENCE[entity],
        [
            {"id": reference_id(entity, r), "name": str(r.get("name") or ""), "data": dumps(r)}
            for r in rows
        ],
    )
    tx.changed.reference.add(entity)


def replace_reference(tx: Tx, entity: str, rows: Sequence[Row]) -> None:
    tx.conn.execute(delete(REFERENCE_TABLES[entity]))
    put_reference(tx, entity, rows)
    tx.changed.reference.add(entity)


def put_counts(tx: Tx, rows: Sequence[Row]) -> None:
    if not rows:
        return
    tx.conn.execute(
        _COUNT,
        [
            {"scope": r["scope"], "key": r["key"], "state": r["state"], "count": r["count"]}
            for r in rows
        ],
    )
    tx.changed.counts.update((r["scope"], r["key"], r["state"]) for r in rows)


def count_key(entry_id: str) -> tuple[str, str, str]:
    """A count entry's id is `scope|key|state`; the key itself may hold no `|`."""
    scope, key, state = entry_id.split("|")
    return scope, key, state


def delete_counts(tx: Tx, ids: Sequence[str]) -> None:
    for entry_id in ids:
        scope, key, state = count_key(entry_id)
        tx.conn.execute(
            delete(t.counts).where(
                t.counts.c.scope == scope, t.counts.c.key == key, t.counts.c.state == state
            )
        )
        tx.changed.counts.add((scope, key, state))


def put_notifications(tx: Tx, rows: Sequence[Row]) -> None:
    mine = [n for n in rows if n.get("manager_id", tx.me) == tx.me]
    if not mine:
        return
    known = set(
        tx.conn.execute(
            select(t.notifications.c.id).where(t.notifications.c.id.in_([n["id"] for n in mine]))
        ).scalars()
    )
    mine = [n for n in mine if n["id"] not in known]  # a replayed feed tells nobody twice
    if not mine:
        return
    tx.conn.execute(
        _NOTIFICATION,
        [
            {
                "id": n["id"],
                "chat_id": n.get("chat_id"),
                "created_at": n.get("created_at") or "",
                "data": dumps(n),
            }
            for n in mine
        ],
    )
    tx.changed.notifications.extend(n["id"] for n in mine)
    tx.conn.exec_driver_sql(
        "DELETE FROM notifications WHERE id NOT IN "
        "(SELECT id FROM notifications ORDER BY created_at DESC LIMIT ?)",
        (KEEP_NOTIFICATIONS,),
    )


def delete_by_id(tx: Tx, table: Table, ids: Sequence[str]) -> None:
    for part in _chunks(list(ids)):
        tx.conn.execute(delete(table).where(table.c.id.in_(part)))


# ---- reading rows back inside a write ---------------------------------------------------


def chat_row(conn: Connection, chat_id: str) -> Row | None:
    data = conn.execute(select(t.chats.c.data).where(t.chats.c.id == chat_id)).scalar()
    return None if data is None else parse_object(data)


def state_row(conn: Connection, chat_id: str) -> Row | None:
    data = conn.execute(
        select(t.chat_state.c.data).where(t.chat_state.c.chat_id == chat_id)
    ).scalar()
    return None if data is None else parse_object(data)


def customer_row(conn: Connection, customer_id: str) -> Row | None:
    data = conn.execute(select(t.customers.c.data).where(t.customers.c.id == customer_id)).scalar()
    return None if data is None else parse_object(data)


def confirmed_message(conn: Connection, message_id: str) -> Row | None:
    """A message as the server sent it (pending and failed rows are local, not truth)."""
    data = conn.execute(
        select(t.messages.c.data).where(
            t.messages.c.id == message_id,
            t.messages.c.pending.is_(False),
            t.messages.c.failed_reason.is_(None),
        )
    ).scalar()
    return None if data is None else parse_object(data)


def set_history_from(tx: Tx, chat_id: str, seq: int) -> None:
    """Every message of the chat from `seq` on is now in the cache."""
    tx.conn.execute(
        update(t.chats)
        .where(
            t.chats.c.id == chat_id,
            (t.chats.c.history_from.is_(None)) | (t.chats.c.history_from > bindparam("seq")),
        )
        .values(history_from=bindparam("seq")),
        {"seq": seq},
    )


def parse_object(text: str) -> Row:
    value = json.loads(text)
    assert isinstance(value, dict)
    return value


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    """SQLite limits the parameters of one statement; IN lists go in slices."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
