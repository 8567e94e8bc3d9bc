"""The agent's triage actions on one chat or many, run through the sync engine.

Every action is an outbox mutation (SPEC Y3): shown at once, sent when the server is
reachable, rolled back with its reason if refused. One chat: a refusal is said in the
window's alert, as for every action (`SessionController.refused`). Several chats (L2):
each mutation is followed until the server has answered it, and one report says how
many were done and which were refused and why (`bulkFinished`); `bulkProgress` says
how far it got meanwhile (offline, they wait and the report comes when they are sent).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.controller.errors import error_text
from desktop.i18n import translate
from desktop.models.bulk import BulkReport, Failure
from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader
from protocol.kinds import MutationName

if TYPE_CHECKING:
    from desktop.controller.session import SessionController
    from desktop.sync.effects import Pending
    from desktop.sync.engine import SyncEngine
    from protocol.schemas import ErrorDetail

log = logging.getLogger(__name__)

MAX_MATCHING = 10_000  # the server's bulk limit
Action = Callable[["SyncEngine", str], Coroutine[Any, Any, "Pending | None"]]


class _Run:
    """One bulk action being followed: its mutations by id, and what they became."""

    def __init__(self, report: BulkReport) -> None:
        self.report = report
        self.pending: dict[int, str] = {}  # mutation id -> chat id
        self.queued = 0  # mutations still being written to the outbox
        self.refused: dict[int, ErrorDetail] = {}


class TriageController(QObject):
    bulkStarted = Signal(object)  # BulkReport
    bulkProgress = Signal(object)  # BulkReport
    bulkFinished = Signal(object)  # BulkReport
    matchingFound = Signal(list)  # every chat id that matches the list (L2)

    def __init__(
        self, session: SessionController, reader: CacheReader, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._reader = reader
        self._runs: list[_Run] = []
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)  # after the refusals told in the same turn
        self._check.timeout.connect(self._settle)
        session.changed.connect(self._on_changed)
        session.refusedMutation.connect(self._on_refused)
        session.reported_elsewhere = lambda mid: any(mid in r.pending for r in self._runs)

    # ---- the actions -------------------------------------------------------------------

    def assign(self, chat_ids: Sequence[str], manager_id: str | None) -> None:
        what = translate("Triage", "Assign") if manager_id else translate("Triage", "Unassign")
        self._run(what, chat_ids, lambda e, c: e.assign(c, manager_id))

    def set_team(self, chat_ids: Sequence[str], team_id: str | None) -> None:
        self._run(
            translate("Triage", "Set the team"), chat_ids, lambda e, c: e.set_team(c, team_id)
        )

    def follow(self, chat_ids: Sequence[str], on: bool) -> None:
        if on:
            self._run(translate("Triage", "Follow"), chat_ids, lambda e, c: e.follow(c))
        else:
            self._run(translate("Triage", "Unfollow"), chat_ids, lambda e, c: e.unfollow(c))

    def set_state(
        self, chat_ids: Sequence[str], state: str, snooze_until: datetime | None = None
    ) -> None:
        what = {
            "open": translate("Triage", "Reopen"),
            "snoozed": translate("Triage", "Snooze"),
            "closed": translate("Triage", "Close"),
        }.get(state, state)
        until = snooze_until.astimezone().isoformat() if snooze_until is not None else None

        async def act(e: SyncEngine, c: str) -> Pending | None:
            return await e.set_state(c, state, snooze_until=until)

        self._run(what, chat_ids, act, skip=lambda c: self._state_of(c) == state and not until)

    def tag(self, chat_ids: Sequence[str], tag: str, add: bool) -> None:
        tag = tag.strip()
        if not tag:
            return
        if add:
            what = translate("Triage", "Add the tag {tag}").format(tag=tag)
            self._run(what, chat_ids, lambda e, c: e.add_tag(c, tag))
        else:
            what = translate("Triage", "Remove the tag {tag}").format(tag=tag)
            self._run(what, chat_ids, lambda e, c: e.remove_tag(c, tag))

    def star(self, chat_ids: Sequence[str], on: bool) -> None:
        what = translate("Triage", "Star") if on else translate("Triage", "Unstar")
        self._run(what, chat_ids, lambda e, c: e.star(c, on))

    def mark_read(self, chat_ids: Sequence[str], read: bool) -> None:
        if read:
            self._run(translate("Triage", "Mark as read"), chat_ids, lambda e, c: e.mark_read(c))
        else:
            self._run(translate("Triage", "Mark as unread"), chat_ids, _mark_unread)

    def matching(self, section: str, state: str) -> None:
        """Every chat of this list, loaded or not: the server's answer when online (it
        sees beyond the cache), else the cache's."""

        async def find() -> None:
            ids: list[str] | None = None
            engine = self._session.engine
            fn: Any = getattr(engine, "all_matching_ids", None) if engine else None
            if fn is not None:
                try:
                    ids = [str(i) for i in await fn(section, state)]
                except Exception as exc:  # offline: the cache's own
                    log.info("all matching ids from the server failed: %s", exc)
            if ids is None:
                rows = self._reader.chat_rows(section, state, limit=MAX_MATCHING)
                ids = [r.id for r in rows]
            self.matchingFound.emit(ids)

        self._session.spawn(find())

    @property
    def running(self) -> list[BulkReport]:
        return [r.report for r in self._runs]

    # ---- inside ----------------------------------------------------------------------------

    def _state_of(self, chat_id: str) -> str | None:
        chat = self._reader.chat(chat_id)
        return None if chat is None else str(chat.get("state"))

    def _run(
        self,
        what: str,
        chat_ids: Sequence[str],
        act: Action,
        skip: Callable[[str], bool] | None = None,
    ) -> None:
        """One chat: through the engine, a refusal said as any other. Several: followed
        to one report."""
        engine = self._session.engine
        ids = list(dict.fromkeys(chat_ids))
        if engine is None or not ids:
            self._session.engine_needed()
            return
        if len(ids) == 1:
            self._session.spawn(act(engine, ids[0]))
            return
        run = _Run(BulkReport(what, len(ids)))
        self._runs.append(run)
        self.bulkStarted.emit(run.report)

        async def go() -> None:
            for chat_id in ids:
                if skip is not None and skip(chat_id):
                    run.report.done += 1
                    continue
                run.queued += 1
                try:
                    p = await act(engine, chat_id)
                except Exception as exc:  # not stored: the disk, or a bug
                    log.error("a bulk action could not be stored", exc_info=exc)
                    run.report.failures.append(Failure(chat_id, self._name(chat_id), str(exc)))
                    run.queued -= 1
                    continue
                run.queued -= 1
                if p is None:
                    run.report.done += 1
                else:
                    run.pending[p.mutation_id] = chat_id
            self._check.start()

        self._session.spawn(go())

    def _on_changed(self, changed: ChangedIds) -> None:
        if self._runs and (changed.outbox or changed.reset):
            self._check.start()

    def _on_refused(self, mutation: Pending, error: ErrorDetail) -> None:
        for run in self._runs:
            if mutation.mutation_id in run.pending:
                run.refused[mutation.mutation_id] = error
                self._check.start()

    def _settle(self) -> None:
        """Each followed mutation that left the outbox, or was applied by the server
        (waiting only for the feed), is done unless it was refused."""
        engine = self._session.engine
        if engine is None:
            return
        outbox = {p.mutation_id: p.status for p in engine.cache.outbox()}
        for run in list(self._runs):
            for mid, chat_id in list(run.pending.items()):
                error = run.refused.pop(mid, None)
                if error is not None:
                    reason = error_text(error.code, error.message)
                    run.report.failures.append(Failure(chat_id, self._name(chat_id), reason))
                elif outbox.get(mid, "sent") == "sent":
                    run.report.done += 1
                else:
                    continue
                del run.pending[mid]
            if run.queued == 0 and not run.pending:
                self._runs.remove(run)
                self.bulkFinished.emit(run.report)
            else:
                self.bulkProgress.emit(run.report)

    def _name(self, chat_id: str) -> str:
        chat = self._reader.chat(chat_id)
        customer = self._reader.customer(str(chat.get("customer_id"))) if chat else None
        if customer and customer.get("name"):
            return str(customer["name"])
        return translate("Triage", "A chat no longer in the inbox")


async def _mark_unread(engine: SyncEngine, chat_id: str) -> Pending:
    """My view of the chat becomes unread (the badge shows at least 1) until read."""
    return await engine.mutate(MutationName.MARK_UNREAD, {"chat_id": chat_id})
