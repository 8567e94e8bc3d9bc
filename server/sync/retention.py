"""Pruning the change log: keep the newest `keep` entries per workspace.

A client whose cursor falls below `pruned_seq` gets 410 and bootstraps again (keeping
its outbox). Idempotent, so two workers running it at once do no harm.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import delete, select, update

from server.db import models as m
from server.db.database import Database

log = logging.getLogger(__name__)


async def prune(db: Database, keep: int) -> int:
    """Delete entries older than the newest `keep` of each workspace; returns how many."""
    removed = 0
    async with db.read() as conn:
        spaces = (
            await conn.execute(select(m.Workspace.id, m.Workspace.last_seq, m.Workspace.pruned_seq))
        ).all()
    for ws, last, pruned in spaces:
        cut = last - keep
        if cut <= pruned:
            continue
        async with db.write() as conn:
            # Raise the bar first: from this commit on, older cursors get 410.
            await conn.execute(
                update(m.Workspace).where(m.Workspace.id == ws).values(pruned_seq=cut)
            )
            result = await conn.execute(
                delete(m.ChangeLog).where(m.ChangeLog.workspace_id == ws, m.ChangeLog.seq <= cut)
            )
            removed += result.rowcount or 0
    return removed


async def prune_forever(db: Database, keep: int, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            n = await prune(db, keep)
            if n:
                log.info("pruned %d change-log entries", n)
        except Exception:
            log.warning("change-log pruning failed; will retry", exc_info=True)
