"""Pruning the change log: keep the newest `keep` entries per workspace.

A client whose cursor falls below `pruned_seq` gets 410 and bootstraps again (keeping
its outbox). Idempotent, so two workers running it at once do no harm.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from server.customers.visitors import prune_visitors
from server.db import models as m
from server.db.database import Database

log = logging.getLogger(__name__)

PRUNE_BATCH = 2_000  # seqs per transaction


async def prune(db: Database, keep: int, *, batch: int = PRUNE_BATCH) -> int:
    """Delete entries older than the newest `keep` of each workspace; returns how many.

    Short transactions: the bar (`pruned_seq`) goes up first, alone, and from that
    commit on older cursors get 410 and nobody reads below it; then the entries under it
    go `batch` seqs at a time, each range in its own transaction. A run cut short leaves
    entries under the bar, which the next run deletes."""
    removed = 0
    async with db.read() as conn:
        spaces = (
            await conn.execute(select(m.Workspace.id, m.Workspace.last_seq, m.Workspace.pruned_seq))
        ).all()
    for ws, last, pruned in spaces:
        cut = max(pruned, last - keep)
        if cut > pruned:
            async with db.write() as conn:
                await conn.execute(
                    update(m.Workspace)
                    .where(m.Workspace.id == ws, m.Workspace.pruned_seq < cut)
                    .values(pruned_seq=cut)
                )
        while True:
            async with db.write() as conn:
                low = await conn.scalar(
                    select(func.min(m.ChangeLog.seq)).where(m.ChangeLog.workspace_id == ws)
                )
                if low is None or low > cut:
                    break
                result = await conn.execute(
                    delete(m.ChangeLog).where(
                        m.ChangeLog.workspace_id == ws,
                        m.ChangeLog.seq <= min(cut, low + batch - 1),
                    )
                )
                removed += result.rowcount or 0
    return removed


async def prune_forever(
    db: Database, keep: int, every: float, visitor_idle: timedelta | None = None
) -> None:
    """The change log, then (with `visitor_idle`) website visitors who never chatted."""
    while True:
        await asyncio.sleep(every)
        try:
            n = await prune(db, keep)
            if n:
                log.info("pruned %d change-log entries", n)
            if visitor_idle is not None and (n := await prune_visitors(db, visitor_idle)):
                log.info("forgot %d website visitors who never chatted", n)
        except Exception:
            log.warning("pruning failed; will retry", exc_info=True)
