"""Who else views or types in a chat now (issue 15 item 5): the realtime socket's
`presence` frames, kept for their `ttl`, and the stale-reply guard built on them.

Presence is not in the change log: a frame says "manager M views (or types in) chat C",
and is forgotten `ttl` seconds later unless refreshed. The app sends its own every few
seconds while the agent looks at a chat or types in it (`SyncEngine.announce`).

`ReplyGuard` remembers when this agent began a reply in a chat (its first keystroke)
and, at sending, tells whether the customer or another manager wrote, or another
manager typed, since then: the composer then asks once before sending, so two agents
do not answer the same question. No Qt here: the window reads these.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Seen:
    manager_id: str
    what: str  # "viewing" or "typing"
    until: float  # clock time it is forgotten
    typed_at: float | None  # clock time of the last typing frame, if any


class PresenceBook:
    """The presence frames heard, per chat; `watch` to hear which chat changed."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._chats: dict[str, dict[str, Seen]] = {}
        self._listeners: list[Callable[[str], None]] = []

    def watch(self, listener: Callable[[str], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def heard(self, frame: Mapping[str, Any]) -> None:
        """One `presence` frame from the server."""
        try:
            chat_id, manager_id = str(frame["chat_id"]), str(frame["manager_id"])
            what, ttl = str(frame["what"]), float(frame.get("ttl") or 8.0)
        except (KeyError, TypeError, ValueError):
            return
        now = self._clock()
        people = self._chats.setdefault(chat_id, {})
        before = people.get(manager_id)
        if what == "left":
            people.pop(manager_id, None)
        else:
            typed = now if what == "typing" else (before.typed_at if before else None)
            people[manager_id] = Seen(manager_id, what, now + ttl, typed)
        for listener in list(self._listeners):
            listener(chat_id)

    def present(self, chat_id: str) -> list[Seen]:
        """Who is here now (the expired forgotten), typing first."""
        now = self._clock()
        people = self._chats.get(chat_id) or {}
        for mid in [m for m, seen in people.items() if seen.until <= now]:
            del people[mid]
        return sorted(people.values(), key=lambda s: (s.what != "typing", s.manager_id))

    def typed_since(self, chat_id: str, since: float) -> list[str]:
        """The managers whose typing in this chat was heard after `since`."""
        people = self._chats.get(chat_id) or {}
        return [
            s.manager_id for s in people.values() if s.typed_at is not None and s.typed_at > since
        ]


@dataclass(frozen=True, slots=True)
class Intervening:
    """What happened in a chat since the agent began their reply."""

    kind: str  # "customer" (wrote), "manager" (wrote) or "typing" (another manager)
    manager_id: str | None = None


class ReplyGuard:
    """When this agent began a reply in each chat, and what happened since."""

    def __init__(self, book: PresenceBook, me: str, clock: Clock = time.monotonic) -> None:
        self._book = book
        self._me = me
        self._clock = clock
        self._began: dict[str, tuple[int, float]] = {}  # chat -> (last seq seen, time)

    def began(self, chat_id: str) -> tuple[int, float] | None:
        return self._began.get(chat_id)

    def typing(self, chat_id: str, last_seq: int) -> bool:
        """A keystroke in the chat's composer; True if that began a reply."""
        if chat_id in self._began:
            return False
        self._began[chat_id] = (last_seq, self._clock())
        return True

    def reset(self, chat_id: str, last_seq: int | None = None) -> None:
        """The reply was sent (or the agent chose to send anyway: from now on), or the
        composer was emptied."""
        if last_seq is None:
            self._began.pop(chat_id, None)
        else:
            self._began[chat_id] = (last_seq, self._clock())

    def check(self, chat_id: str, messages: Iterable[Mapping[str, Any]]) -> Intervening | None:
        """`messages`: the chat's messages (the server's, with seq) after the seq the
        reply began at. Another's message first, else another manager's typing."""
        began = self._began.get(chat_id)
        if began is None:
            return None
        seq, at = began
        for m in messages:
            if int(m.get("seq") or 0) <= seq:
                continue
            author = m.get("author_kind")
            if author == "customer":
                return Intervening("customer")
            if author == "manager" and str(m.get("author_id")) != self._me:
                return Intervening("manager", str(m.get("author_id")))
        typed = [m for m in self._book.typed_since(chat_id, at) if m != self._me]
        if typed:
            return Intervening("typing", typed[0])
        return None
