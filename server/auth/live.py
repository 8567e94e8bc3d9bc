"""The sessions this worker holds sockets for, so that ending a session closes them.

A socket registers its token here while it is open. Logging out, revoking a token, a
password change or a deactivated manager on this worker ends the socket at once; a
periodic sweep (`AuthService.watch_sessions`) re-checks every registered token against
the database in one query, which catches what other workers ended and tokens that
expired.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


class LiveSessions:
    def __init__(self) -> None:
        self._by_token: dict[uuid.UUID, set[asyncio.Event]] = {}
        self._manager_of: dict[uuid.UUID, uuid.UUID] = {}
        self._by_chat: dict[uuid.UUID, set[asyncio.Event]] = {}

    @contextmanager
    def hold(self, token_id: uuid.UUID, manager_id: uuid.UUID) -> Iterator[asyncio.Event]:
        """Register one socket of this token; the event is set when its session ends."""
        ended = asyncio.Event()
        self._by_token.setdefault(token_id, set()).add(ended)
        self._manager_of[token_id] = manager_id
        try:
            yield ended
        finally:
            events = self._by_token.get(token_id)
            if events is not None:
                events.discard(ended)
                if not events:
                    del self._by_token[token_id]
                    self._manager_of.pop(token_id, None)

    def token_ids(self) -> list[uuid.UUID]:
        return list(self._by_token)

    def end_token(self, token_id: uuid.UUID) -> None:
        for ended in self._by_token.get(token_id, ()):
            ended.set()

    def end_manager(self, manager_id: uuid.UUID) -> None:
        for token_id, owner in list(self._manager_of.items()):
            if owner == manager_id:
                self.end_token(token_id)

    @contextmanager
    def hold_chat(self, chat_id: uuid.UUID) -> Iterator[asyncio.Event]:
        """Register one customer socket of this chat; the event is set when the chat's
        customer links are revoked on this worker (the socket re-checks its token now
        and then for what other workers revoke)."""
        ended = asyncio.Event()
        self._by_chat.setdefault(chat_id, set()).add(ended)
        try:
            yield ended
        finally:
            events = self._by_chat.get(chat_id)
            if events is not None:
                events.discard(ended)
                if not events:
                    del self._by_chat[chat_id]

    def end_chat(self, chat_id: uuid.UUID) -> None:
        for ended in self._by_chat.get(chat_id, ()):
            ended.set()
