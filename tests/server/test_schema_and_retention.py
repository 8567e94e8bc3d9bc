"""The migrations build exactly the models' schema; pruning the log sends old cursors to
bootstrap again."""

# covers: Y2

from __future__ import annotations

from typing import Any

import httpx
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from server.db import models as m
from server.db.database import Database
from server.sync.retention import prune
from tests.support.world import World, login, start_chat


async def test_migrations_match_the_models(db: Database) -> None:
    def diff(sync_conn: Any) -> list[Any]:
        ctx = MigrationContext.configure(
            sync_conn, opts={"compare_type": True, "include_name": m.modelled}
        )
        return list(compare_metadata(ctx, m.Base.metadata))

    async with db.engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_pruning_keeps_the_newest_and_410s_the_rest(
    client: httpx.AsyncClient, world: World, db: Database
) -> None:
    headers = await login(client, "ana")
    for i in range(4):
        await start_chat(client, world, text=f"chat {i}")
    head = (await client.get("/sync/changes?since=0", headers=headers)).json()["head"]
    removed = await prune(db, keep=5)
    assert removed == head - 5
    assert await prune(db, keep=5) == 0, "idempotent"
    async with db.read() as conn:
        seqs = (await conn.scalars(select(m.ChangeLog.seq).order_by(m.ChangeLog.seq))).all()
    assert list(seqs) == list(range(head - 4, head + 1))
    old = await client.get("/sync/changes?since=0", headers=headers)
    assert old.status_code == 410
    recent = await client.get(f"/sync/changes?since={head - 5}", headers=headers)
    assert recent.status_code == 200 and len(recent.json()["changes"]) == 5
