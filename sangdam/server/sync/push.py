"""`POST /sync/push`: each mutation takes effect exactly once (ARCHITECTURE, data flow 5).

The client numbers its mutations 1, 2, 3, ... The server keeps the last number it applied
per client in the same transaction as the effects, so a retried push finds its
mutations already counted and gets their stored results; a number past the next one
means the client skipped one, and the server stops there and names the one it expects.
A refused mutation (a business rule said no) still counts: its refusal is the stored
result, and the client rolls its optimistic effect back.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from sangdam.protocol import schemas as s
from sangdam.protocol.errors import ErrorCode
from sangdam.server.auth.service import Principal
from sangdam.server.db import models as m
from sangdam.server.db.database import Database
from sangdam.server.db.types import utcnow
from sangdam.server.errors import ServiceError
from sangdam.server.sync.changelog import ChangeWriter, lock_workspace
from sangdam.server.sync.doorbell import Doorbell
from sangdam.server.sync.mutations import HANDLERS, Context

log = logging.getLogger(__name__)

KEEP_RESULTS = 1_000  # per client; a duplicate older than that is answered without its result


class PushService:
    def __init__(self, db: Database, doorbell: Doorbell) -> None:
        self.db = db
        self.doorbell = doorbell

    async def push(self, me: Principal, req: s.PushRequest) -> s.PushResponse:
        results: list[s.MutationResult] = []
        expected: int | None = None
        head: int | None = None
        async with self.db.write() as conn:
            await lock_workspace(conn, me.workspace_id)
            last = await self._client_position(conn, me, req)
            start = last
            memo: dict[str, object] = {}  # facts a push looks up once (e.g. my seat)
            new: list[dict[str, object]] = []
            for mut in req.mutations:
                if mut.mutation_id <= last:
                    results.append(await self._stored(conn, req, mut.mutation_id))
                    continue
                if mut.mutation_id != last + 1:
                    expected = last + 1
                    break
                result = await self._apply(conn, me, req, mut, memo)
                head = result.seq or head
                new.append(
                    {
                        "client_id": req.client_id,
                        "mutation_id": mut.mutation_id,
                        "result": result.model_dump(mode="json"),
                    }
                )
                results.append(result)
                last = mut.mutation_id
            if new:
                await conn.execute(insert(m.MutationResult), new)
            if last != start:
                await conn.execute(
                    update(m.SyncClient)
                    .where(m.SyncClient.id == req.client_id)
                    .values(last_mutation_id=last, updated_at=utcnow())
                )
                if last // 100 != start // 100:
                    await conn.execute(
                        delete(m.MutationResult).where(
                            m.MutationResult.client_id == req.client_id,
                            m.MutationResult.mutation_id <= last - KEEP_RESULTS,
                        )
                    )
        if head is not None:
            self.doorbell.ring(me.workspace_id, head)
        return s.PushResponse(results=results, last_mutation_id=last, expected_mutation_id=expected)

    async def _client_position(
        self, conn: AsyncConnection, me: Principal, req: s.PushRequest
    ) -> int:
        row = (
            await conn.execute(
                select(m.SyncClient.manager_id, m.SyncClient.last_mutation_id).where(
                    m.SyncClient.id == req.client_id
                )
            )
        ).first()
        if row is None:
            await conn.execute(
                insert(m.SyncClient).values(
                    id=req.client_id,
                    manager_id=me.manager_id,
                    last_mutation_id=0,
                    updated_at=utcnow(),
                )
            )
            return 0
        if row.manager_id != me.manager_id:
            raise ServiceError(
                ErrorCode.CLIENT_MISMATCH, "This client id belongs to another login."
            )
        return int(row.last_mutation_id)

    async def _stored(
        self, conn: AsyncConnection, req: s.PushRequest, mutation_id: int
    ) -> s.MutationResult:
        stored = await conn.scalar(
            select(m.MutationResult.result).where(
                m.MutationResult.client_id == req.client_id,
                m.MutationResult.mutation_id == mutation_id,
            )
        )
        if stored is None:  # pruned long ago: it was processed, its answer is gone
            return s.MutationResult(mutation_id=mutation_id, status="applied", duplicate=True)
        return s.MutationResult.model_validate({**stored, "duplicate": True})

    async def _apply(
        self,
        conn: AsyncConnection,
        me: Principal,
        req: s.PushRequest,
        mut: s.Mutation,
        memo: dict[str, object],
    ) -> s.MutationResult:
        try:
            args = s.MUTATION_ARGS[mut.name].model_validate(mut.args)
        except ValidationError as exc:
            return _refused(mut, ErrorCode.VALIDATION, _validation_message(exc))
        w = ChangeWriter(conn, me.workspace_id, req.client_id, mut.mutation_id)
        try:
            async with conn.begin_nested():
                await HANDLERS[mut.name](Context(w, me, memo), args)
                seq = await w.flush()
        except ServiceError as exc:
            return _refused(mut, exc.code, exc.message, exc.current)
        return s.MutationResult(mutation_id=mut.mutation_id, status="applied", seq=seq)


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
