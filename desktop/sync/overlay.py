"""Pending mutations laid over the server's rows, and taken off again (the rollback).

What the cache shows is always: the server's rows, with the effects of the outbox's
mutations replayed on top in mutation order (the Replicache model). To make that
possible without the network, the server's version of every row an outbox mutation
touches is kept in `shadows` while the mutation is there. Then:

- a mutation is added: its rows are shadowed (if not yet), its effect applied;
- the server's version of a shadowed row arrives (feed, bootstrap, re-fetch): the shadow
  takes it, the row shows it, and the pending effects on it are replayed;
- a mutation leaves the outbox (the feed reached it, the server refused it or did
  nothing): its rows are restored from their shadows and the other pending effects on
  them replayed. For a refusal this *is* the rollback, and it works offline.

A shadow goes when no outbox row touches its row any more. All of it happens inside the
caller's transaction, so the outbox and what it shows never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from desktop.sync import effects, rows
from desktop.sync import tables as t
from desktop.sync.effects import Key, Pending
from desktop.sync.rows import Row, Tx

_SHADOW = insert(t.shadows)
_SHADOW_UPSERT = _SHADOW.on_conflict_do_update(
    index_elements=["entity", "key"], set_={"data": _SHADOW.excluded.data}
)
# Entities a pending mutation can overlay.
OVERLAID = frozenset({"chat", "message", "chat_state", "customer"})


def load_outbox(
    conn: Connection, *, pending_only: bool = False, limit: int | None = None
) -> list[Pending]:
    """Outbox rows in mutation order (only those not yet acknowledged, if asked)."""
    query = select(t.outbox).order_by(t.outbox.c.mutation_id)
    if pending_only:
        query = query.where(t.outbox.c.status == "pending")
    if limit is not None:
        query = query.limit(limit)
    return [
        Pending(r.mutation_id, r.name, json.loads(r.args), r.created_at, r.status, r.server_seq)
        for r in conn.execute(query)
    ]


class Overlay:
    """The outbox as one transaction sees it, and the shadow bookkeeping around it."""

    def __init__(self, tx: Tx, pending: Sequence[Pending] | None = None) -> None:
        self.tx = tx
        self.pending = list(load_outbox(tx.conn) if pending is None else pending)
        self.keys: set[Key] = {k for p in self.pending for k in effects.touched(p)}
        self._written: set[Key] = set()
        self._removed: list[Pending] = []

    def __bool__(self) -> bool:
        return bool(self.pending)

    # -- the three events -----------------------------------------------------------------

    def add(self, p: Pending) -> None:
        """A new mutation (already in the outbox table): shadow its rows, show its effect."""
        self._capture(effects.touched(p))
        effects.apply(self.tx, p)
        self.pending.append(p)
        self.keys.update(effects.touched(p))

    def truth(self, key: Key, data: Row | None) -> None:
        """The server's version of `key` was just written (None: deleted). Call it for
        every written key; those no pending mutation touches are ignored."""
        if key not in self.keys:
            return
        self.tx.conn.execute(
            _SHADOW_UPSERT,
            {"entity": key[0], "key": key[1], "data": None if data is None else rows.dumps(data)},
        )
        self._written.add(key)

    def remove(self, mutation_ids: Iterable[int]) -> list[Pending]:
        """Take mutations out of the outbox (confirmed, refused or no-ops); `settle`
        then restores what they showed."""
        wanted = set(mutation_ids)
        gone = [p for p in self.pending if p.mutation_id in wanted]
        if not gone:
            return []
        ids = [p.mutation_id for p in gone]
        for i in range(0, len(ids), 500):
            self.tx.conn.execute(
                delete(t.outbox).where(t.outbox.c.mutation_id.in_(ids[i : i + 500]))
            )
        self.pending = [p for p in self.pending if p.mutation_id not in wanted]
        self._removed.extend(gone)
        self.tx.changed.outbox = True
        return gone

    def settle(self) -> None:
        """Restore the rows of removed mutations, replay what is still pending on every
        row restored or rewritten by the server, and drop shadows nobody needs."""
        restore = {k for p in self._removed for k in effects.touched(p)}
        affected = restore | self._written
        if not affected:
            return
        self._restore(restore)
        for p in self.pending:
            if affected.intersection(effects.touched(p)):
                self._capture(effects.touched(p))
                effects.apply(self.tx, p)
        self.keys = {k for p in self.pending for k in effects.touched(p)}
        for entity, key in affected - self.keys:
            self.tx.conn.execute(
                delete(t.shadows).where(t.shadows.c.entity == entity, t.shadows.c.key == key)
            )
        self._removed.clear()
        self._written.clear()

    # -- shadows --------------------------------------------------------------------------

    def _capture(self, keys: Iterable[Key]) -> None:
        """Keep the server's version of rows about to be overlaid (first overlay only)."""
        for entity, key in keys:
            have = self.tx.conn.execute(
                select(t.shadows.c.entity).where(
                    t.shadows.c.entity == entity, t.shadows.c.key == key
                )
            ).first()
            if have is not None:
                continue
            data = _visible_truth(self.tx.conn, entity, key)
            self.tx.conn.execute(
                _SHADOW,
                {"entity": entity, "key": key, "data": None if data is None else rows.dumps(data)},
            )

    def _restore(self, keys: Iterable[Key]) -> None:
        for entity, key in sorted(keys):
            stored = self.tx.conn.execute(
                select(t.shadows.c.data).where(t.shadows.c.entity == entity, t.shadows.c.key == key)
            ).first()
            if stored is None:
                continue
            data: Row | None = None if stored.data is None else json.loads(stored.data)
            _put_back(self.tx, entity, key, data)


def _visible_truth(conn: Connection, entity: str, key: str) -> Row | None:
    """The row as shown now, which is the server's (it is not overlaid yet)."""
    match entity:
        case "chat":
            return rows.chat_row(conn, key)
        case "chat_state":
            return rows.state_row(conn, key)
        case "customer":
            return rows.customer_row(conn, key)
        case "message":
            return rows.confirmed_message(conn, key)
    raise ValueError(f"no overlay for {entity!r}")


def _put_back(tx: Tx, entity: str, key: str, data: Row | None) -> None:
    if data is None:
        # An effect never creates a chat or customer row, so only these go away.
        if entity == "chat_state":
            rows.delete_states(tx, [key])
        elif entity == "message":
            rows.delete_messages(tx, [key])  # the pending row
        return
    match entity:
        case "chat":
            rows.put_chats(tx, [data], truth=False)
        case "chat_state":
            rows.put_states(tx, [data])
        case "customer":
            rows.put_customers(tx, [data])
        case "message":
            rows.put_messages(tx, [data])
