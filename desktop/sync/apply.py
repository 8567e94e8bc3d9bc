"""Bringing the server's rows into the cache: feed batches, bootstrap pages, re-fetches.

Each function here is one transaction's worth of work (the caller opens it): the rows,
the cursor or bootstrap position that says how far they go, and the outbox
bookkeeping (a feed entry carrying my client id and a mutation id means the server's
effect of that mutation is now in the cache, so the outbox row goes).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select, update

from desktop.sync import meta, rows, search_index
from desktop.sync import tables as t
from desktop.sync.effects import Key
from desktop.sync.overlay import Overlay
from desktop.sync.rows import Row, Tx

log = logging.getLogger(__name__)

Change = Mapping[str, Any]  # {seq, entity, id, op, data, client_id?, mutation_id?}
_REFERENCE_LISTS = {
    "manager": "managers",
    "team": "teams",
    "tag": "tags",
    "macro": "macros",
    "integration": "integrations",
    "customer_field": "customer_fields",
}


# ---- the feed ---------------------------------------------------------------------------


def apply_changes(tx: Tx, changes: Sequence[Change], cursor: int, client_id: str) -> None:
    """One batch of the feed, in seq order, and the cursor that covers it.

    Every entry carries the whole row after the change, so only the last entry per row
    matters: the batch is reduced to one upsert or delete per row and written entity by
    entity with executemany (deletes last, so a chat deleted in the batch takes the
    messages the batch brought for it).
    """
    latest: dict[tuple[str, str], Change] = {}
    confirmed: set[int] = set()
    for c in changes:
        latest[(c["entity"], c["id"])] = c
        mid = c.get("mutation_id")
        if mid is not None and c.get("client_id") == client_id:
            confirmed.add(int(mid))
    upserts: dict[str, list[Row]] = defaultdict(list)
    deletes: dict[str, list[str]] = defaultdict(list)
    for (entity, entry_id), c in latest.items():
        data = c.get("data")
        if c["op"] == "delete" or data is None:
            deletes[entity].append(entry_id)
        else:
            upserts[entity].append(data)
    ov = Overlay(tx)
    # A chat new to the cache has, from here on, every message the feed brings: those
    # after the cursor we had (all of them, if the chat is new on the server too).
    before = meta.get(tx.conn, "cursor")
    write_entries(tx, upserts, deletes, ov, history_from=(before or 0) + 1)
    if ov:
        done = [
            p.mutation_id
            for p in ov.pending
            if p.mutation_id in confirmed
            or (p.status == "sent" and p.server_seq is not None and p.server_seq <= cursor)
        ]
        ov.remove(done)
        ov.settle()
    meta.put(tx.conn, cursor=cursor)


def write_entries(
    tx: Tx,
    upserts: Mapping[str, Sequence[Row]],
    deletes: Mapping[str, Sequence[str]],
    ov: Overlay,
    *,
    history_from: int | None,
) -> None:
    """Server rows by entity (feed ids for deletes); tells the overlay what it wrote."""
    for entity, items in upserts.items():
        match entity:
            case "chat":
                rows.put_chats(tx, items, history_from=history_from)
            case "message":
                rows.put_messages(tx, items)
            case "chat_state":
                rows.put_states(tx, items)
            case "customer":
                rows.put_customers(tx, items)
            case "page_visit":
                rows.put_visits(tx, items)
            case "count":
                rows.put_counts(tx, items)
            case "notification":
                rows.put_notifications(tx, items)
            case "workspace":
                meta.put(tx.conn, workspace=items[-1])
                tx.changed.reference.add("workspace")
            case _ if entity in rows.REFERENCE_TABLES:
                rows.put_reference(tx, entity, items)
            case _:
                log.debug("ignoring %d %r entries (a newer server?)", len(items), entity)
    for entity, ids in deletes.items():
        match entity:
            case "chat":
                rows.delete_chats(tx, ids)
            case "message":
                rows.delete_messages(tx, ids)
            case "chat_state":
                rows.delete_states(tx, _my_state_chats(tx, ids))
            case "customer":
                rows.delete_by_id(tx, t.customers, ids)
                tx.changed.customers.update(ids)
            case "count":
                rows.delete_counts(tx, ids)
            case "notification":
                rows.delete_by_id(tx, t.notifications, ids)
            case "page_visit":
                rows.delete_by_id(tx, t.page_visits, ids)
            case _ if entity in rows.REFERENCE_TABLES:
                rows.delete_by_id(tx, rows.REFERENCE_TABLES[entity], ids)
                tx.changed.reference.add(entity)
    if ov:
        for key, data in _overlaid(tx, upserts, deletes):
            ov.truth(key, data)


def _my_state_chats(tx: Tx, ids: Sequence[str]) -> list[str]:
    """chat_state ids are `chat:manager`; only mine are in the cache."""
    out = []
    for entry_id in ids:
        chat_id, _, manager_id = entry_id.partition(":")
        if not manager_id or manager_id == tx.me:
            out.append(chat_id)
    return out


def _overlaid(
    tx: Tx, upserts: Mapping[str, Sequence[Row]], deletes: Mapping[str, Sequence[str]]
) -> list[tuple[Key, Row | None]]:
    written: list[tuple[Key, Row | None]] = []
    for c in upserts.get("chat", ()):
        written.append((("chat", c["id"]), c))
    for m in upserts.get("message", ()):
        written.append((("message", m["id"]), m))
    for s in upserts.get("chat_state", ()):
        if s.get("manager_id", tx.me) == tx.me:
            written.append((("chat_state", s["chat_id"]), s))
    for c in upserts.get("customer", ()):
        written.append((("customer", c["id"]), c))
    for chat_id in deletes.get("chat", ()):
        written += [(("chat", chat_id), None), (("chat_state", chat_id), None)]
    for message_id in deletes.get("message", ()):
        written.append((("message", message_id), None))
    for chat_id in _my_state_chats(tx, deletes.get("chat_state", ())):
        written.append((("chat_state", chat_id), None))
    return written


# ---- bootstrap --------------------------------------------------------------------------


def begin_bootstrap(tx: Tx, floor: int) -> None:
    """A bootstrap from the start. `floor` is the log head before it began: should the
    stream break and resume in a later snapshot, the feed is replayed from there."""
    meta.put(
        tx.conn,
        bootstrap_done=False,
        bootstrap_after=None,
        bootstrap_floor=floor,
        bootstrap_resumed=False,
        bootstrap_chats=0,
    )


def write_reference(tx: Tx, ref: Mapping[str, Any]) -> None:
    """The reference line: replaces every small list and the sidebar counts. On a
    re-bootstrap (the feed no longer reaches our cursor) it also marks every cached chat
    stale, for the pages to clear, and drops confirmed messages, which may have holes
    now; pending and failed ones are mine and stay."""
    for entity, key in _REFERENCE_LISTS.items():
        rows.replace_reference(tx, entity, list(ref.get(key) or []))
    tx.conn.execute(delete(t.counts))
    rows.put_counts(tx, list(ref.get("counts") or []))
    meta.put(tx.conn, workspace=ref.get("workspace"))
    # Most of the cache goes: the search index is made anew from what stays, set-based,
    # rather than told of every message deleted one by one (its triggers are off until
    # then, within this transaction).
    search_index.drop_triggers(tx.conn)
    tx.conn.execute(update(t.chats).values(stale=True, history_from=None))
    tx.conn.execute(
        delete(t.messages).where(
            t.messages.c.pending.is_(False), t.messages.c.failed_reason.is_(None)
        )
    )
    search_index.rebuild(tx.conn)
    tx.changed.reset = True


def write_chat_page(tx: Tx, page: Mapping[str, Any]) -> int:
    """One `chats` line: chats, their customers, my state of them; returns the progress."""
    chats = list(page.get("chats") or [])
    states = list(page.get("states") or [])
    ov = Overlay(tx)
    rows.put_customers(tx, list(page.get("customers") or []))
    rows.put_visits(tx, list(page.get("visits") or []))
    rows.put_chats(tx, chats, history_from=None)
    with_state = {s["chat_id"] for s in states}
    without = [c["id"] for c in chats if c["id"] not in with_state]
    rows.delete_states(tx, without)
    rows.put_states(tx, states)
    if ov:
        for c in chats:
            ov.truth(("chat", c["id"]), c)
        for cu in page.get("customers") or []:
            ov.truth(("customer", cu["id"]), cu)
        for s in states:
            ov.truth(("chat_state", s["chat_id"]), s)
        for chat_id in without:
            ov.truth(("chat_state", chat_id), None)
        ov.settle()
    done = int(meta.get(tx.conn, "bootstrap_chats", 0)) + len(chats)
    meta.put(tx.conn, bootstrap_after=page.get("next"), bootstrap_chats=done)
    return done


def finish_bootstrap(tx: Tx, as_of_seq: int) -> int:
    """The `end` line: the cache now reflects the log at the returned cursor."""
    m = meta.as_meta(meta.read_all(tx.conn))
    cursor = as_of_seq
    if m.bootstrap_resumed and m.bootstrap_floor is not None:
        cursor = min(m.bootstrap_floor, as_of_seq)
    ov = Overlay(tx)
    stale = list(tx.conn.execute(select(t.chats.c.id).where(t.chats.c.stale.is_(True))).scalars())
    rows.delete_chats(tx, stale)
    tx.conn.execute(
        update(t.chats).where(t.chats.c.history_from.is_(None)).values(history_from=cursor + 1)
    )
    if ov:
        for chat_id in stale:
            ov.truth(("chat", chat_id), None)
        ov.remove(
            p.mutation_id
            for p in ov.pending
            if p.status == "sent" and p.server_seq is not None and p.server_seq <= cursor
        )
        ov.settle()
    meta.put(
        tx.conn,
        cursor=cursor,
        as_of_seq=as_of_seq,
        bootstrap_done=True,
        bootstrap_after=None,
        bootstrap_resumed=False,
    )
    return cursor


# ---- rows fetched over HTTP --------------------------------------------------------------


def write_fetched_chat(tx: Tx, chat_id: str, chat: Row | None) -> None:
    """`GET /chats/{id}` (None: 404, the chat is gone)."""
    ov = Overlay(tx)
    if chat is None:
        rows.delete_chats(tx, [chat_id])
    else:
        rows.put_chats(tx, [chat])
    if ov:
        ov.truth(("chat", chat_id), chat)
        ov.settle()


def add_found_chats(tx: Tx, chats: Sequence[Row]) -> None:
    """Chats a server search found that the cache lacks (a bootstrap still under
    way): added, so they can be opened; the ones it holds are left as the feed made
    them."""
    ids = [str(c["id"]) for c in chats]
    held = set(tx.conn.execute(select(t.chats.c.id).where(t.chats.c.id.in_(ids))).scalars())
    new = [c for c in chats if str(c["id"]) not in held]
    if new:
        ov = Overlay(tx)
        rows.put_chats(tx, new)
        if ov:
            for c in new:
                ov.truth(("chat", str(c["id"])), c)
            ov.settle()


def write_fetched_messages(
    tx: Tx, chat_id: str, messages: Sequence[Row], *, before: int | None, more: bool
) -> None:
    """A page of `GET /chats/{id}/messages`. It joins the cached history when it was
    asked from the newest end (the feed covers everything after it) or from at or
    below where the cached history starts."""
    ov = Overlay(tx)
    rows.put_messages(tx, messages)
    if ov:
        for m in messages:
            ov.truth(("message", m["id"]), m)
        ov.settle()
    start = tx.conn.execute(select(t.chats.c.history_from).where(t.chats.c.id == chat_id)).first()
    if start is None:
        return
    joins = before is None or (start.history_from is not None and before >= start.history_from)
    if joins:
        oldest = min((int(m["seq"]) for m in messages), default=None)
        if not more:
            rows.set_history_from(tx, chat_id, 0)
        elif oldest is not None:
            rows.set_history_from(tx, chat_id, oldest)
