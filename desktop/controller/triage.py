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
from desktop.sync.bulk import ChatOutcome
from desktop.sync.reads import CacheReader

if TYPE_CHECKING:
    from desktop.controller.session import SessionController
    from desktop.sync.effects import Pending
    from desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)

Action = Callable[["SyncEngine", str], Coroutine[Any, Any, "Pending | None"]]


class _Run:
    """One bulk action being followed: its report, and the mutations it stored (so
    their refusals are listed in the report rather than said one by one)."""

    def __init__(self, report: BulkReport) -> None:
        self.report = report
        self.mutations: set[int] = set()


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
        self._tell = QTimer(self)  # progress at most ~10 times a second, not per chat
        self._tell.setSingleShot(True)
        self._tell.setInterval(100)
        self._tell.timeout.connect(self._progress)
        session.reported_elsewhere = lambda mid: any(mid in r.mutations for r in self._runs)

    # ---- the actions -------------------------------------------------------------------

    def assign(self, chat_ids: Sequence[str], manager_id: str | None) -> None:
        what = translate("Triage", "Assign") if manager_id else translate("Triage", "Unassign")
        self._run(what, chat_ids, lambda e, c: e.assign(c, manager_id), "assign",
                  assignee_id=manager_id)  # fmt: skip

    def set_team(self, chat_ids: Sequence[str], team_id: str | None) -> None:
        what = translate("Triage", "Set the team")
        self._run(what, chat_ids, lambda e, c: e.set_team(c, team_id), "set_team", team_id=team_id)

    def follow(self, chat_ids: Sequence[str], on: bool) -> None:
        if on:
            what = translate("Triage", "Follow")
            self._run(what, chat_ids, lambda e, c: e.follow(c), "follow")
        else:
            what = translate("Triage", "Unfollow")
            self._run(what, chat_ids, lambda e, c: e.unfollow(c), "unfollow")

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

        self._run(what, chat_ids, act, "set_state", state=state, snooze_until=until)

    def tag(self, chat_ids: Sequence[str], tag: str, add: bool) -> None:
        tag = tag.strip()
        if not tag:
            return
        if add:
            what = translate("Triage", "Add the tag {tag}").format(tag=tag)
            self._run(what, chat_ids, lambda e, c: e.add_tag(c, tag), "add_tag", tag=tag)
        else:
            what = translate("Triage", "Remove the tag {tag}").format(tag=tag)
            self._run(what, chat_ids, lambda e, c: e.remove_tag(c, tag), "remove_tag", tag=tag)

    def star(self, chat_ids: Sequence[str], on: bool) -> None:
        what = translate("Triage", "Star") if on else translate("Triage", "Unstar")
        self._run(what, chat_ids, lambda e, c: e.star(c, on), "star", starred=on)

    def mark_read(self, chat_ids: Sequence[str], read: bool) -> None:
        if read:
            what = translate("Triage", "Mark as read")
            self._run(what, chat_ids, lambda e, c: e.mark_read(c), "mark_read")
        else:
            what = translate("Triage", "Mark as unread")
            self._run(what, chat_ids, lambda e, c: e.mark_unread(c), "mark_unread")

    def matching(self, section: str, state: str) -> None:
        """Every chat of this list, loaded or not: the server's answer when online (it
        sees beyond the cache), else the cache's."""
        engine = self._session.engine_needed()
        if engine is None:
            return

        async def find() -> None:
            ids, _total, _truncated = await engine.all_matching_ids(section, state)
            self.matchingFound.emit(list(ids))

        self._session.spawn(find())

    @property
    def running(self) -> list[BulkReport]:
        return [r.report for r in self._runs]

    # ---- inside ----------------------------------------------------------------------------

    def _run(
        self, what: str, chat_ids: Sequence[str], one: Action, action: str, **args: Any
    ) -> None:
        """One chat: through the engine, a refusal said as any other. Several: one bulk
        action (all stored in one commit), followed chat by chat to one report."""
        engine = self._session.engine
        ids = list(dict.fromkeys(chat_ids))
        if engine is None or not ids:
            self._session.engine_needed()
            return
        if len(ids) == 1:
            self._session.spawn(one(engine, ids[0]))
            return
        run = _Run(BulkReport(what, len(ids)))
        self._runs.append(run)
        self.bulkStarted.emit(run.report)

        def heard(outcome: ChatOutcome) -> None:
            if outcome.done:
                run.report.done += 1
            else:
                error = outcome.error
                reason = error_text(error.code, error.message) if error else ""
                name = self._name(outcome.chat_id)
                run.report.failures.append(Failure(outcome.chat_id, name, reason))
            if run.report.finished:
                self._finish(run)
            elif not self._tell.isActive():
                self._tell.start()

        async def go() -> None:
            try:
                result = await engine.bulk(action, ids, **args)
            except Exception:
                self._runs.remove(run)
                raise
            run.mutations.update(result.mutation_ids)
            result.watch(heard)

        self._session.spawn(go())

    def _progress(self) -> None:
        for run in self._runs:
            self.bulkProgress.emit(run.report)

    def _finish(self, run: _Run) -> None:
        if run in self._runs:
            self._runs.remove(run)
        self.bulkFinished.emit(run.report)

    def _name(self, chat_id: str) -> str:
        chat = self._reader.chat(chat_id)
        customer = self._reader.customer(str(chat.get("customer_id"))) if chat else None
        if customer and customer.get("name"):
            return str(customer["name"])
        return translate("Triage", "A chat no longer in the inbox")
