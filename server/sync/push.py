"""`POST /sync/push`: each mutation takes effect exactly once (ARCHITECTURE, data flow 5).

The client numbers its mutations 1, 2, 3, ... The server keeps the last number it applied
per client in the same transaction as the effects, so a retried push finds its
mutations already counted and gets their stored results; a number past the next one
means the client skipped one, and the server stops there and names the one it expects.
A refused mutation (a business rule said no) still counts: its refusal is the stored
result, and the client rolls its optimistic effect back.

Group commit: writers of one workspace queue on its lock anyway, so pushes that arrive
while a transaction is running wait and are then applied together by one writer task,
in order, in one transaction: one BEGIN, workspace lock, seq update, change-log insert,
bookkeeping write and COMMIT for all of them instead of one each, which is most of what
a small mutation costs. All are answered after the one commit, so an answer still means
"durably applied"; if the transaction fails, every push in it fails and nothing of any
of them was stored.

Savepoints only when needed. A handler checks before it writes, so a refusal almost
always comes before the first write and leaves nothing to undo. A batch therefore runs
first without savepoints (two round trips fewer per mutation, a third of a small
mutation's cost). If a push goes wrong after it wrote (a refusal after a write, a
database error, a bug), that run is rolled back and the batch runs again carefully:
every mutation in its own savepoint, and one around each push that applies several, so
one push's failure undoes only its own effects. A push's in-memory bookkeeping is merged
into the batch only when it succeeds, in both runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from protocol import schemas as s
from protocol.errors import ErrorCode
from protocol.kinds import MessageKind
from server.auth.service import Principal
from server.db import models as m
from server.db.database import Database, statements_written
from server.db.types import utcnow
from server.errors import ServiceError
from server.inbox.counts import write_bumps
from server.inbox.known import Known
from server.sync.changelog import Bump, ChangeWriter, Seqs, read_seqs, save_seqs, write_log
from server.sync.doorbell import Doorbell
from server.sync.mutations import HANDLERS, Context

log = logging.getLogger(__name__)

KEEP_RESULTS = 1_000  # per client; a duplicate older than that is answered without its result
# Mutations a batch carries at most (a push with more is still taken, alone): bounds
# how long it holds the workspace lock, and keeps PostgreSQL's subtransactions (one per
# savepoint that writes) within the 64 it caches per transaction.
MAX_BATCH = 48

_POSITIONS = select(m.SyncClient.id, m.SyncClient.manager_id, m.SyncClient.last_mutation_id).where(
    m.SyncClient.id.in_(bindparam("client_ids", expanding=True))
)
_STORED = select(m.MutationResult.result).where(
    m.MutationResult.client_id == bindparam("client_id"),
    m.MutationResult.mutation_id == bindparam("mutation_id"),
)
_MOVE = (
    update(m.SyncClient)
    .where(m.SyncClient.id == bindparam("client_id"))
    .values(last_mutation_id=bindparam("last"), updated_at=bindparam("now"))
)
_PRUNE = delete(m.MutationResult).where(
    m.MutationResult.client_id == bindparam("client_id"),
    m.MutationResult.mutation_id <= bindparam("upto"),
)


Args = s.Wire | ValidationError  # a mutation's arguments, parsed before the writer runs


@dataclass
class _Waiting:
    me: Principal
    req: s.PushRequest
    args: list[Args]  # one per mutation, parsed outside the workspace's critical path
    answer: asyncio.Future[s.PushResponse]


class _Unsafe(Exception):
    """A push failed after writing in a run without savepoints: run the batch carefully."""


@dataclass
class _Position:
    """A client's outbox position within a batch: read once, moved in memory."""

    manager_id: uuid.UUID
    start: int  # as stored when the batch began (0 for a client new in this batch)
    last: int
    new: bool


@dataclass
class _Batch:
    """What a batch's pushes have done so far, written once at its end."""

    seqs: Seqs
    stored: dict[uuid.UUID, _Position]  # the batch's clients as stored (absent: new)
    positions: dict[uuid.UUID, _Position] = field(default_factory=dict)  # moved since
    known: Known | None = None  # rows read once (none in a run with savepoints)
    results: dict[tuple[uuid.UUID, int], dict[str, Any]] = field(default_factory=dict)
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    bumps: list[Bump] = field(default_factory=list)


@dataclass
class _Outcome:
    """One push's part of the batch, merged only once the whole push has succeeded."""

    response: s.PushResponse | None = None
    position: _Position | None = None  # moved: to be stored
    results: dict[tuple[uuid.UUID, int], dict[str, Any]] = field(default_factory=dict)
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    bumps: list[Bump] = field(default_factory=list)


def _take(queue: deque[_Waiting]) -> list[_Waiting]:
    """The next batch: the oldest pushes, up to MAX_BATCH mutations (at least one push)."""
    batch: list[_Waiting] = []
    size = 0
    while queue and (not batch or size + len(queue[0].req.mutations) <= MAX_BATCH):
        w = queue.popleft()
        if not w.answer.done():  # its caller is gone: skip it
            batch.append(w)
            size += len(w.req.mutations)
    return batch


async def _positions(conn: AsyncConnection, batch: list[_Waiting]) -> dict[uuid.UUID, _Position]:
    """Where the batch's clients stand, in one statement rather than one per push."""
    ids = sorted({w.req.client_id for w in batch})
    rows = await conn.execute(_POSITIONS, {"client_ids": ids})
    return {
        r.id: _Position(r.manager_id, int(r.last_mutation_id), int(r.last_mutation_id), new=False)
        for r in rows
    }


class PushService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell
        # Per workspace, the pushes waiting for its writer task; present while it runs.
        self._queues: dict[uuid.UUID, deque[_Waiting]] = {}
        self._writers: set[asyncio.Task[None]] = set()
        # Batches whose first run went wrong after a write and ran again with savepoints
        # (a refusal after a write, a database error): rare, or a handler checks too late.
        self.careful_reruns = 0
        # Told the ids of the replies a batch stored (after its commit), so those in
        # chats of an external medium go out (server.mail.replies; issue 18's connectors).
        self.replies_sent: Callable[[uuid.UUID, list[uuid.UUID]], None] | None = None

    async def push(self, me: Principal, req: s.PushRequest) -> s.PushResponse:
        args = [_parse(mut) for mut in req.mutations]
        waiting = _Waiting(me, req, args, asyncio.get_running_loop().create_future())
        queue = self._queues.get(me.workspace_id)
        if queue is None:
            queue = self._queues[me.workspace_id] = deque()
            # A task of its own, not this request's: cancelling one request must not
            # abort the transaction that carries the others.
            task = asyncio.create_task(self._write(me.workspace_id, queue))
            self._writers.add(task)
            task.add_done_callback(self._writers.discard)
        queue.append(waiting)
        return await waiting.answer

    async def _write(self, workspace_id: uuid.UUID, queue: deque[_Waiting]) -> None:
        """Apply queued pushes, a batch per transaction, until none is waiting."""
        try:
            while queue:
                batch = _take(queue)
                if batch:
                    await self._apply_batch(workspace_id, batch)
        finally:
            del self._queues[workspace_id]
            for w in queue:  # only if cancelled (shutdown): nothing of these was applied
                if not w.answer.done():
                    w.answer.set_exception(RuntimeError("the server is stopping"))

    async def _apply_batch(self, workspace_id: uuid.UUID, batch: list[_Waiting]) -> None:
        try:
            try:
                b, answers = await self._transaction(workspace_id, batch, careful=False)
            except _Unsafe as exc:
                self.careful_reruns += 1
                log.debug("push batch of %d runs again with savepoints: %r", len(batch), exc)
                b, answers = await self._transaction(workspace_id, batch, careful=True)
        except Exception as exc:  # nothing of any push in the batch was stored
            for w in batch:
                if not w.answer.done():
                    w.answer.set_exception(exc)
            return
        except BaseException:  # cancelled (shutdown), perhaps mid-commit: a retry tells
            for w in batch:
                w.answer.cancel()
            raise
        for w, answer in answers:
            if w.answer.done():  # its caller is gone: a retry gets the stored result
                continue
            if isinstance(answer, Exception):
                w.answer.set_exception(answer)
            else:
                w.answer.set_result(answer)
        if b.seqs.last != b.seqs.start:
            self.doorbell.ring(workspace_id, b.seqs.last)
            if self.replies_sent is not None:
                replies = [
                    a.message_id
                    for w in batch
                    for a in w.args
                    if isinstance(a, s.SendMessageArgs) and a.kind is MessageKind.REPLY
                ]
                if replies:
                    self.replies_sent(workspace_id, replies)

    async def _transaction(
        self, workspace_id: uuid.UUID, batch: list[_Waiting], *, careful: bool
    ) -> tuple[_Batch, list[tuple[_Waiting, s.PushResponse | Exception]]]:
        """One run of a batch; raises `_Unsafe` (rolling back) when it must run carefully."""
        answers: list[tuple[_Waiting, s.PushResponse | Exception]] = []
        async with self.db.write() as conn:
            b = _Batch(await read_seqs(conn, workspace_id), await _positions(conn, batch))
            if not careful:  # a savepoint rolled back would leave rows here it undid
                managers = {w.me.manager_id for w in batch}
                b.known = await Known.read(conn, workspace_id, _chat_ids(batch), managers)
            for w in batch:
                mark, written = b.seqs.last, statements_written(conn)
                try:
                    outcome = await self._push_isolated(conn, w, b, careful=careful)
                except _Unsafe:
                    raise
                except Exception as exc:
                    if not careful and not (
                        isinstance(exc, ServiceError) and statements_written(conn) == written
                    ):
                        raise _Unsafe(exc) from exc  # it may have left writes behind
                    if careful and len(batch) == 1:
                        raise
                    # Nothing of this push remains: it wrote nothing, or its savepoint
                    # undid it. Only its seqs in memory are left to take back.
                    b.seqs.last = mark
                    answers.append((w, exc))
                    continue
                if outcome.position is not None:
                    b.positions[w.req.client_id] = outcome.position
                b.results.update(outcome.results)
                b.log_rows.extend(outcome.log_rows)
                b.bumps.extend(outcome.bumps)
                assert outcome.response is not None
                answers.append((w, outcome.response))
            await self._write_bookkeeping(conn, workspace_id, b)
        return b, answers

    async def _push_isolated(
        self, conn: AsyncConnection, w: _Waiting, b: _Batch, *, careful: bool
    ) -> _Outcome:
        """One push. Run carefully, its effects are in savepoints: each mutation's, and
        one around the push when it applies several (an error after its first mutation
        must undo that one too)."""
        isolate = careful and len(w.req.mutations) > 1
        async with conn.begin_nested() if isolate else contextlib.nullcontext():
            return await self._push(conn, w, b, careful=careful)

    async def _push(
        self, conn: AsyncConnection, w: _Waiting, b: _Batch, *, careful: bool
    ) -> _Outcome:
        me, req = w.me, w.req
        position = await self._client_position(conn, me, req, b)
        last = position.last
        out = _Outcome()
        answers: list[s.MutationResult] = []
        expected: int | None = None
        for mut, args in zip(req.mutations, w.args, strict=True):
            if mut.mutation_id <= last:
                answers.append(await self._stored(conn, req, mut.mutation_id, b, out))
                continue
            if mut.mutation_id != last + 1:
                expected = last + 1
                break
            result = await self._apply(conn, me, req, mut, args, b, out, careful)
            out.results[req.client_id, mut.mutation_id] = result.model_dump(mode="json")
            answers.append(result)
            last = mut.mutation_id
        if last != position.last or position.new:  # a new client id is bound even so
            out.position = _Position(position.manager_id, position.start, last, position.new)
        out.response = s.PushResponse(
            results=answers, last_mutation_id=last, expected_mutation_id=expected
        )
        return out

    async def _client_position(
        self, conn: AsyncConnection, me: Principal, req: s.PushRequest, b: _Batch
    ) -> _Position:
        position = b.positions.get(req.client_id) or b.stored.get(req.client_id)
        if position is None:
            position = _Position(me.manager_id, 0, 0, new=True)
        if position.manager_id != me.manager_id:
            raise ServiceError(
                ErrorCode.CLIENT_MISMATCH, "This client id belongs to another login."
            )
        return position

    async def _write_bookkeeping(
        self, conn: AsyncConnection, workspace_id: uuid.UUID, b: _Batch
    ) -> None:
        """The batch's client positions, stored results, log rows and last seq."""
        now = utcnow()
        new = [
            {"id": cid, "manager_id": p.manager_id, "last_mutation_id": p.last, "updated_at": now}
            for cid, p in b.positions.items()
            if p.new
        ]
        if new:
            await conn.execute(insert(m.SyncClient), new)
        moved = [
            {"client_id": cid, "last": p.last, "now": now}
            for cid, p in b.positions.items()
            if not p.new
        ]
        if moved:
            await conn.execute(_MOVE, moved)
        if b.results:
            await conn.execute(
                insert(m.MutationResult),
                [
                    {"client_id": cid, "mutation_id": mid, "result": result}
                    for (cid, mid), result in b.results.items()
                ],
            )
        for cid, p in b.positions.items():
            if p.last // 100 != p.start // 100:
                await conn.execute(_PRUNE, {"client_id": cid, "upto": p.last - KEEP_RESULTS})
        await write_bumps(conn, workspace_id, b.bumps)  # fills in counts the log carries
        await write_log(conn, b.log_rows)
        await save_seqs(conn, workspace_id, b.seqs)

    async def _stored(
        self,
        conn: AsyncConnection,
        req: s.PushRequest,
        mutation_id: int,
        b: _Batch,
        out: _Outcome,
    ) -> s.MutationResult:
        key = (req.client_id, mutation_id)
        stored = out.results.get(key) or b.results.get(key)  # applied in this batch
        if stored is None:
            params = {"client_id": req.client_id, "mutation_id": mutation_id}
            stored = await conn.scalar(_STORED, params)
        if stored is None:  # pruned long ago: it was processed, its answer is gone
            return s.MutationResult(mutation_id=mutation_id, status="applied", duplicate=True)
        return s.MutationResult.model_validate({**stored, "duplicate": True})

    async def _apply(
        self,
        conn: AsyncConnection,
        me: Principal,
        req: s.PushRequest,
        mut: s.Mutation,
        args: Args,
        b: _Batch,
        out: _Outcome,
        careful: bool,
    ) -> s.MutationResult:
        if isinstance(args, ValidationError):
            return _refused(mut, ErrorCode.VALIDATION, _validation_message(args))
        w = ChangeWriter(
            conn,
            me.workspace_id,
            req.client_id,
            mut.mutation_id,
            seqs=b.seqs,
            rows=out.log_rows,
            bumps=out.bumps,
            known=b.known,
        )
        mark, written = b.seqs.last, statements_written(conn)
        logged, bumped = len(out.log_rows), len(out.bumps)
        try:
            async with conn.begin_nested() if careful else contextlib.nullcontext():
                await HANDLERS[mut.name](Context(w, me), args)
                seq = await w.flush()
        except ServiceError as exc:
            if not careful and statements_written(conn) != written:
                raise _Unsafe(exc) from exc  # refused after a write: no savepoint to undo it
            # Nothing was written, or the savepoint undid it; undo what went to memory.
            b.seqs.last = mark
            del out.log_rows[logged:]
            del out.bumps[bumped:]
            return _refused(mut, exc.code, exc.message, exc.current)
        return s.MutationResult(mutation_id=mut.mutation_id, status="applied", seq=seq)


def _chat_ids(batch: list[_Waiting]) -> set[uuid.UUID]:
    """The chats a batch's mutations name, to be read together before they run."""
    return {
        chat_id
        for w in batch
        for args in w.args
        if isinstance(chat_id := getattr(args, "chat_id", None), uuid.UUID)
    }


def _parse(mut: s.Mutation) -> Args:
    try:
        return s.MUTATION_ARGS[mut.name].model_validate(mut.args)
    except ValidationError as exc:
        return exc


def _refused(
    mut: s.Mutation, code: ErrorCode, message: str, current: Any = None
) -> s.MutationResult:
    return s.MutationResult(
        mutation_id=mut.mutation_id,
        status="refused",
        error=s.ErrorDetail(code=code, message=message, current=current),
    )


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "args"
    return f"{where}: {first['msg']}"
