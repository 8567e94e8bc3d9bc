"""Rate limits of the public endpoints, per client address and per workspace.

Counted in fixed windows (server/ratelimit.py): shared by every worker through Redis
when it is configured, else in each worker's memory (N workers then let through up to
N times a limit). Keys are client addresses and workspace ids; the in-memory table is
capped so a spray of keys cannot grow it without end.
"""

from __future__ import annotations

import math
import uuid

from protocol.errors import ErrorCode
from server.config import Settings
from server.errors import ServiceError
from server.ratelimit import Blocks, MemoryWindows, Windows


def request_key(address: str | None) -> str:
    return f"public:addr:{address}"


def chat_key(address: str | None) -> str:
    return f"chats:addr:{address}"


def visitor_key(address: str | None) -> str:
    return f"visitors:addr:{address}"


def hook_key(address: str | None) -> str:
    return f"hooks:addr:{address}"


def refused(wait_s: float) -> ServiceError:
    """The one answer for a limited caller, a limited workspace and an unknown workspace,
    so the answer does not tell whether a workspace exists."""
    wait = max(1, math.ceil(wait_s))
    return ServiceError(
        ErrorCode.TOO_MANY_ATTEMPTS,
        f"Too many requests. Try again in {wait} s.",
        headers={"Retry-After": str(wait)},
    )


class PublicLimits:
    """The limits of everything a customer or the website snippet can call."""

    def __init__(
        self, settings: Settings, windows: Windows | None = None, blocks: Blocks | None = None
    ) -> None:
        self.settings = settings
        self.windows = windows or MemoryWindows()
        self.blocks = blocks or Blocks()

    @property
    def _window(self) -> float:
        return self.settings.public_window.total_seconds()

    async def _hit(self, key: str, limit: int) -> float:
        count, wait = await self.windows.hit(key, self._window)
        if count > limit:
            self.blocks.block(key, wait)
            raise refused(wait)
        return wait

    async def request(self, address: str | None) -> None:
        """Any public request from `address` (customers' uploads and downloads too)."""
        await self._hit(request_key(address), self.settings.public_address_requests)

    async def new_chat(self, address: str | None, workspace_id: uuid.UUID) -> float:
        """A chat started from `address` in `workspace_id`. Returns the seconds left in
        the workspace's window, for the answer to an unknown workspace."""
        s = self.settings
        await self._hit(chat_key(address), s.public_address_chats)
        return await self._hit(f"chats:ws:{workspace_id}", s.public_workspace_chats)

    async def new_visitor(self, address: str | None, workspace_id: uuid.UUID) -> float:
        """A website visitor made from `address` in `workspace_id` (U2); as `new_chat`."""
        s = self.settings
        await self._hit(visitor_key(address), s.public_address_visitors)
        return await self._hit(f"visitors:ws:{workspace_id}", s.public_workspace_visitors)

    async def hook(self, address: str | None, workspace_id: uuid.UUID, medium: str) -> None:
        """A webhook from a medium (U3): per sending address and per workspace's medium
        (a medium's servers send every workspace's events from few addresses)."""
        limit = self.settings.public_workspace_hooks
        await self._hit(hook_key(address), limit)
        await self._hit(f"hooks:ws:{workspace_id}:{medium}", limit)

    async def mail_sender(self, address: str | None) -> None:
        """A mail from the sending server at `address` (U3), counted once per mail."""
        await self._hit(f"mail:addr:{address}", self.settings.mail_address_mails)

    async def mail_workspace(self, workspace_id: uuid.UUID) -> None:
        """A mail for `workspace_id`, however many of its addresses it names."""
        await self._hit(f"mail:ws:{workspace_id}", self.settings.mail_workspace_mails)
