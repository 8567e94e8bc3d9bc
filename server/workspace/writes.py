"""One transaction of workspace administration, for the API and the CLI alike.

The API's runs as a manager, who must be an admin or the owner (O4); the CLI's runs as
the server's operator (whoever holds its database URL). Either way every change goes
through the change log, so every open app shows it live.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.auth.service import Principal
from server.db.database import Database
from server.inbox import permissions
from server.sync.changelog import ChangeWriter, lock_workspace
from server.sync.doorbell import Doorbell


@asynccontextmanager
async def as_admin(
    db: Database,
    doorbell: Doorbell,
    me: Principal,
    check: Callable[[Row[Any]], None] = permissions.require_workspace_admin,
) -> AsyncIterator[ChangeWriter]:
    """A transaction for a change to the workspace's setup: 403 (admin_required, or what
    `check` says of the acting manager's row) for anyone not allowed to make it."""
    async with db.write() as conn:
        await lock_workspace(conn, me.workspace_id)
        actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
        check(actor)
        w = ChangeWriter(conn, me.workspace_id)
        yield w
        head = await w.flush()
    if head is not None:
        doorbell.ring(me.workspace_id, head)


@asynccontextmanager
async def as_operator(db: Database, workspace_id: uuid.UUID) -> AsyncIterator[ChangeWriter]:
    """A transaction for the CLI: the servers pick its entries up by their head poll."""
    async with db.write() as conn:
        await lock_workspace(conn, workspace_id)
        w = ChangeWriter(conn, workspace_id)
        yield w
        await w.flush()


@asynccontextmanager
async def admin_reading(db: Database, me: Principal) -> AsyncIterator[AsyncConnection]:
    """A read for an admin (the settings as they are): no write lock taken."""
    async with db.read() as conn:
        actor = await permissions.manager_row(conn, me.workspace_id, me.manager_id)
        permissions.require_workspace_admin(actor)
        yield conn
