"""The outbox: every user action, written with its optimistic effect in one transaction.

ARCHITECTURE "Data flow" 5. An action is a row `(mutation_id, name, args)`, numbered
1, 2, 3, ... per client id, committed (synchronous=FULL) before anything is sent, so a
killed app loses nothing, and a resend after a crash is answered by the server with the
stored result, so nothing happens twice. A row leaves when the feed shows its effect,
when the server applied it as a no-op, or when the server refused it (then its effect
is rolled back, see `overlay`). This module is the cache side; `pusher` is the network.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from desktop.sync import effects, meta, rows
from desktop.sync import tables as t
from desktop.sync.effects import Pending
from desktop.sync.overlay import Overlay
from desktop.sync.rows import Tx
from protocol import schemas as s
from protocol.kinds import MutationName


def validated(name: str, args: Mapping[str, Any]) -> dict[str, Any]:
    """The args as the server will read them; a mistake is the caller's bug, raised now
    (pydantic.ValidationError) rather than refused by the server later."""
    schema = s.MUTATION_ARGS[MutationName(name)]
    return schema.model_validate(dict(args)).model_dump(mode="json", by_alias=True)


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def enqueue(
    tx: Tx, name: str, args: dict[str, Any], created_at: str, *, ov: Overlay | None = None
) -> Pending:
    """Number the mutation, store it, show its effect: one transaction (`ov`: the
    transaction's overlay, when it enqueues many)."""
    ov = Overlay(tx) if ov is None else ov
    mutation_id = int(meta.get(tx.conn, "next_mutation_id", 1))
    meta.put(tx.conn, next_mutation_id=mutation_id + 1)
    p = Pending(mutation_id, str(MutationName(name)), args, created_at)
    tx.conn.execute(
        insert(t.outbox).values(
            mutation_id=mutation_id,
            name=p.name,
            args=rows.dumps(args),
            created_at=created_at,
            status="pending",
            server_seq=None,
        )
    )
    ov.add(p)
    tx.changed.outbox = True
    return p


def enqueue_many(
    tx: Tx, mutations: Sequence[tuple[str, dict[str, Any]]], created_at: str
) -> list[Pending]:
    """Many mutations (a bulk action), numbered in order, in one transaction."""
    ov = Overlay(tx)
    return [enqueue(tx, name, args, created_at, ov=ov) for name, args in mutations]


@dataclass(slots=True)
class PushOutcome:
    """What a push's results did to the outbox."""

    refused: list[tuple[Pending, s.ErrorDetail]] = field(default_factory=list)
    refetch: set[str] = field(default_factory=set)  # chats to re-read from the server


def record_results(tx: Tx, results: Sequence[s.MutationResult]) -> PushOutcome:
    """Applied with a seq: sent, kept until the feed reaches it (unless it already has).
    Applied without a seq (nothing changed): gone. Refused: gone, its effect rolled back,
    a message marked failed with the reason, its chat to be re-read."""
    out = PushOutcome()
    ov = Overlay(tx)
    cursor = meta.get(tx.conn, "cursor")
    by_id = {p.mutation_id: p for p in ov.pending}
    drop: list[int] = []
    for r in results:
        p = by_id.get(r.mutation_id)
        if p is None:  # the feed got there first
            continue
        if r.status == "applied":
            if r.seq is None or (cursor is not None and r.seq <= cursor):
                drop.append(p.mutation_id)
            elif p.status != "sent":
                tx.conn.execute(
                    update(t.outbox)
                    .where(t.outbox.c.mutation_id == p.mutation_id)
                    .values(status="sent", server_seq=r.seq)
                )
                tx.changed.outbox = True
        else:
            drop.append(p.mutation_id)
            error = r.error or s.ErrorDetail(code="internal_error", message="Refused.")
            out.refused.append((p, error))
            if "chat_id" in p.args:
                out.refetch.add(str(p.args["chat_id"]))
    ov.remove(drop)
    ov.settle()
    for p, error in out.refused:
        if p.name == MutationName.SEND_MESSAGE and rows.chat_row(tx.conn, str(p.args["chat_id"])):
            rows.put_local_message(
                tx,
                effects.pending_message(p, tx.me),
                mutation_id=p.mutation_id,
                failed_reason=error.message,
            )
    return out


def rotate_client(tx: Tx) -> tuple[str, dict[int, int]]:
    """The server has lost mutations we no longer hold (a database restored from an old
    backup): exactly-once cannot continue under this client id. Start a new one and
    renumber what is still in the outbox from 1, all to be sent again. Returns the new
    client id and each mutation's new id by its old one."""
    ov = Overlay(tx)
    client_id = str(uuid.uuid4())
    for new_id, p in enumerate(ov.pending, start=1):
        tx.conn.execute(
            update(t.outbox)
            .where(t.outbox.c.mutation_id == p.mutation_id)
            .values(mutation_id=-new_id, status="pending", server_seq=None)
        )
        if p.name == MutationName.SEND_MESSAGE:
            tx.conn.execute(
                update(t.messages)
                .where(t.messages.c.id == str(p.args["message_id"]))
                .values(mutation_id=new_id, sort_key=rows.PENDING_BASE + new_id)
            )
    tx.conn.execute(update(t.outbox).values(mutation_id=-t.outbox.c.mutation_id))
    meta.put(tx.conn, client_id=client_id, next_mutation_id=len(ov.pending) + 1)
    tx.changed.outbox = True
    return client_id, {p.mutation_id: i for i, p in enumerate(ov.pending, start=1)}


def resend_from(tx: Tx, mutation_id: int) -> None:
    """The server has not got these after all: send them again (it answers duplicates
    from its store, so marking too many is harmless)."""
    tx.conn.execute(
        update(t.outbox)
        .where(t.outbox.c.mutation_id >= mutation_id)
        .values(status="pending", server_seq=None)
    )
    tx.changed.outbox = True


def discard_failed(tx: Tx, message_id: str) -> None:
    """The agent gave up on a failed message."""
    row = tx.conn.execute(
        select(t.messages.c.chat_id).where(
            t.messages.c.id == message_id, t.messages.c.failed_reason.is_not(None)
        )
    ).first()
    if row is not None:
        tx.conn.execute(delete(t.messages).where(t.messages.c.id == message_id))
        tx.changed.message(row.chat_id, message_id)


def retry_failed(tx: Tx, message_id: str, created_at: str) -> Pending | None:
    """Send a failed message again under the same id (a refused one was never stored)."""
    row = tx.conn.execute(
        select(t.messages.c.data, t.messages.c.chat_id).where(
            t.messages.c.id == message_id, t.messages.c.failed_reason.is_not(None)
        )
    ).first()
    if row is None:
        return None
    data = rows.parse_object(row.data)
    tx.conn.execute(delete(t.messages).where(t.messages.c.id == message_id))
    args = validated(
        MutationName.SEND_MESSAGE,
        {
            "chat_id": row.chat_id,
            "message_id": message_id,
            "kind": data["kind"],
            "blocks": data["blocks"],
        },
    )
    return enqueue(tx, MutationName.SEND_MESSAGE, args, created_at)
