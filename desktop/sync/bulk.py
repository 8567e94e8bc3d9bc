"""Bulk actions (L2): one action on many chats, through the outbox, with a result per chat.

A bulk action is one outbox mutation per chat, all written (with their optimistic
effects) in one transaction, so it works offline and survives a restart like any
action, and a chat the server refuses is rolled back alone (`overlay`). What the UI
needs on top is to hear, as the pushes complete, which chats are done and which were
refused and why: a `BulkResult` tracks its mutations and is told by the engine as the
server answers each one (`SyncEngine.bulk`). It lives in memory: after a restart the
outbox still sends everything, only the per-chat report is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from protocol import schemas as s
from protocol.kinds import MutationName

log = logging.getLogger(__name__)

# The chat actions a bulk action may be, with the engine's keyword arguments for each.
ACTIONS: dict[str, tuple[str, ...]] = {
    MutationName.ASSIGN: ("assignee_id",),
    MutationName.SET_TEAM: ("team_id",),
    MutationName.FOLLOW: ("manager_id",),
    MutationName.UNFOLLOW: ("manager_id",),
    MutationName.SET_STATE: ("state", "snooze_until"),
    MutationName.ADD_TAG: ("tag",),
    MutationName.REMOVE_TAG: ("tag",),
    MutationName.STAR: ("starred",),
    MutationName.MARK_READ: (),
    MutationName.MARK_UNREAD: (),
}
# Compare-and-set arguments: the value the agent saw, filled from the cache per chat.
EXPECTED = {
    MutationName.ASSIGN: ("expected_assignee_id", "assignee_id"),
    MutationName.SET_TEAM: ("expected_team_id", "team_id"),
    MutationName.SET_STATE: ("expected_state", "state"),
}


def check(action: str, args: Mapping[str, Any]) -> None:
    """Raise ValueError for an action that is not a bulk action, or an argument it
    does not take."""
    if action not in ACTIONS:
        raise ValueError(f"{action!r} is not a bulk action (one of {', '.join(ACTIONS)})")
    unknown = set(args) - set(ACTIONS[action])
    if unknown:
        raise ValueError(f"{action} takes no {', '.join(sorted(unknown))}")


def mutation_args(
    action: str, chat_id: str, shown: Mapping[str, Any] | None, args: Mapping[str, Any]
) -> dict[str, Any]:
    """One chat's mutation args; `shown` is the chat as the cache shows it (None: not
    there, fine for actions without an expected value). Raises ValueError for an
    unknown action or argument, KeyError for a chat needed and missing."""
    check(action, args)
    out: dict[str, Any] = {"chat_id": chat_id, **args}
    if action in EXPECTED:
        key, field = EXPECTED[MutationName(action)]
        if shown is None:
            raise KeyError(chat_id)
        out[key] = shown.get(field)
        out.setdefault(field, None)
    return out


@dataclass(frozen=True, slots=True)
class ChatOutcome:
    """How one chat of a bulk action ended: done (the server applied it) or refused,
    with the server's reason (`error.message` is for the agent, `error.code` for code)."""

    chat_id: str
    status: Literal["done", "refused"]
    error: s.ErrorDetail | None = None

    @property
    def done(self) -> bool:
        return self.status == "done"


OnOutcome = Callable[[ChatOutcome], None]


class BulkResult:
    """One bulk action's chats and, as the server answers, their outcomes. Read it at
    any time (`outcome`, `done`, `refused`, `pending`), hear each outcome as it comes
    (`watch`, on the event loop), or `await finished()` for all of them. Offline, the
    outcomes simply wait for the connection."""

    def __init__(self, action: str, chat_ids: Sequence[str]) -> None:
        self.action = action
        self.chat_ids: tuple[str, ...] = tuple(dict.fromkeys(chat_ids))
        self._outcomes: dict[str, ChatOutcome] = {}
        self._by_mutation: dict[int, str] = {}
        self._watchers: list[OnOutcome] = []
        self._all = asyncio.get_running_loop().create_future()
        if not self.chat_ids:
            self._all.set_result(None)

    # -- reading ----------------------------------------------------------------------

    def outcome(self, chat_id: str) -> ChatOutcome | None:
        """None while the server has not answered for this chat."""
        return self._outcomes.get(chat_id)

    @property
    def done(self) -> list[str]:
        return [c for c in self.chat_ids if (o := self._outcomes.get(c)) and o.done]

    @property
    def refused(self) -> dict[str, s.ErrorDetail]:
        """Chat id -> the server's reason, in the order given."""
        out: dict[str, s.ErrorDetail] = {}
        for c in self.chat_ids:
            o = self._outcomes.get(c)
            if o is not None and o.error is not None:
                out[c] = o.error
        return out

    @property
    def pending(self) -> list[str]:
        return [c for c in self.chat_ids if c not in self._outcomes]

    @property
    def complete(self) -> bool:
        return len(self._outcomes) == len(self.chat_ids)

    def watch(self, listener: OnOutcome) -> Callable[[], None]:
        """Call `listener(outcome)` for each chat as it completes (now for those already
        complete); returns the way to stop."""
        self._watchers.append(listener)
        for c in self.chat_ids:
            if (o := self._outcomes.get(c)) is not None:
                _tell(listener, o)

        def stop() -> None:
            with contextlib.suppress(ValueError):
                self._watchers.remove(listener)

        return stop

    async def finished(self) -> list[ChatOutcome]:
        """Every chat's outcome, in the order given, once the server answered for all."""
        await asyncio.shield(self._all)
        return [self._outcomes[c] for c in self.chat_ids]

    # -- told by the engine ------------------------------------------------------------

    def track(self, mutation_id: int, chat_id: str) -> None:
        self._by_mutation[mutation_id] = chat_id

    @property
    def mutation_ids(self) -> Iterable[int]:
        return self._by_mutation.keys()

    def settle(self, chat_id: str, status: Literal["done", "refused"], error: Any = None) -> None:
        if chat_id in self._outcomes:
            return
        outcome = ChatOutcome(chat_id, status, error)
        self._outcomes[chat_id] = outcome
        for listener in list(self._watchers):
            _tell(listener, outcome)
        if self.complete and not self._all.done():
            self._all.set_result(None)

    def renumbered(self, new_ids: Mapping[int, int]) -> None:
        self._by_mutation = {new_ids.get(m, m): c for m, c in self._by_mutation.items()}

    def answered(self, result: s.MutationResult) -> bool:
        """The server's answer to one of our mutations; True if it was ours."""
        chat_id = self._by_mutation.pop(result.mutation_id, None)
        if chat_id is None:
            return False
        if result.status == "applied":
            self.settle(chat_id, "done")
        else:
            error = result.error or s.ErrorDetail(code="internal_error", message="Refused.")
            self.settle(chat_id, "refused", error)
        return True


def _tell(listener: OnOutcome, outcome: ChatOutcome) -> None:
    try:
        listener(outcome)
    except Exception:  # a UI bug must not stop the others hearing
        log.exception("a bulk result listener failed")


class BulkTracker:
    """The engine's open bulk actions, told of every push result. The last results
    are remembered a while: the pusher may hear of a mutation before its bulk action
    (stored from a worker thread) is registered."""

    RECENT = 2_000

    def __init__(self) -> None:
        self._open: dict[int, BulkResult] = {}
        self._recent: dict[int, s.MutationResult] = {}

    def add(self, result: BulkResult) -> None:
        for mutation_id in list(result.mutation_ids):
            early = self._recent.pop(mutation_id, None)
            if early is not None:
                result.answered(early)
            else:
                self._open[mutation_id] = result

    def answered(self, results: Sequence[s.MutationResult]) -> None:
        for r in results:
            bulk = self._open.pop(r.mutation_id, None)
            if bulk is not None:
                bulk.answered(r)
            else:
                self._recent[r.mutation_id] = r
        while len(self._recent) > self.RECENT:
            del self._recent[next(iter(self._recent))]

    def renumbered(self, new_ids: Mapping[int, int]) -> None:
        """The outbox was renumbered under a new client id (`outbox.rotate_client`)."""
        old = self._open
        self._open = {new_ids[m]: bulk for m, bulk in old.items() if m in new_ids}
        for bulk in set(old.values()):
            bulk.renumbered(new_ids)
