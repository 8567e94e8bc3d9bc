"""The small controller between the window and the sync engine.

The engine calls plain callables (`on_changed`, `on_status`, `on_refused`,
`on_unauthorized`); here they become Qt signals the models and the window listen to.
The window's requests (send, star, close, load older messages) become engine calls,
each in its own task on the qasync loop, so a click never waits for the disk or the
network. A controller lives as long as its window; engines come and go with logins
(`attach` / `detach`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.controller.coalesce import ChangeCoalescer
from desktop.controller.errors import error_text
from desktop.i18n import translate
from desktop.sync.changed import ChangedIds
from desktop.sync.items import Draft
from desktop.sync.reads import CacheReader
from desktop.sync.status import Status

if TYPE_CHECKING:
    import asyncio

    from desktop.sync.effects import Pending
    from desktop.sync.engine import SyncEngine
    from protocol.schemas import ErrorDetail

log = logging.getLogger(__name__)

SETTLE_ROUNDS = 10  # rounds of actions started by finishing ones, waited for at the end


def refusal_text(name: str, args: dict[str, Any], message: str) -> str:
    """What the agent reads when the server said no to one of their actions."""
    match name:
        case "send_message":
            what = translate("Controller", "Your message was not sent")
        case "set_state":
            what = {
                "closed": translate("Controller", "Closing the chat was not done"),
                "snoozed": translate("Controller", "Snoozing the chat was not done"),
                "open": translate("Controller", "Reopening the chat was not done"),
            }.get(
                str(args.get("state")),
                translate("Controller", "Changing the chat's state was not done"),
            )
        case "assign":
            what = translate("Controller", "Assigning the chat was not done")
        case "set_team":
            what = translate("Controller", "Changing the chat's team was not done")
        case "star":
            what = translate("Controller", "Starring the chat was not done")
        case "follow" | "unfollow":
            what = translate("Controller", "Following the chat was not changed")
        case "mark_read" | "mark_unread":
            what = translate("Controller", "Marking the chat read or unread was not done")
        case "add_tag" | "remove_tag":
            what = translate("Controller", "Changing the tags was not done")
        case "set_description":
            what = translate("Controller", "Changing the description was not done")
        case "set_profile_field":
            what = translate("Controller", "Changing the customer's profile was not done")
        case _:
            what = translate("Controller", "Your change was not done")
    return f"{what}: {message}"


class SessionController(QObject):
    changed = Signal(object)  # ChangedIds
    statusChanged = Signal(object)  # Status
    refused = Signal(str)  # a sentence: what was refused and why
    problem = Signal(str)  # a sentence: something the agent asked for failed
    unauthorized = Signal()
    olderLoaded = Signal(str, object)  # chat id, more (bool) or None if it failed
    sendSaved = Signal(str, str)  # chat id, text: in the outbox now (durable)
    sendFailed = Signal(str, str)  # chat id, text: it could not be stored (not sent)
    availableChanged = Signal(bool)  # whether an engine is attached (actions possible)
    filesSent = Signal(str, str)  # chat id, message id: a message with files is stored

    def __init__(
        self,
        reader: CacheReader,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader  # the GUI thread's own fast reads of the cache
        self._unsaved_drafts: dict[str, Draft] = {}  # typed before a session ran
        self._engine: SyncEngine | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._news = ChangeCoalescer(self._tell, parent=self)  # a catch-up's chunks, merged
        self.open_chat_id: str | None = None
        # whether the agent is looking at the window (then new messages are read)
        self.window_active: Callable[[], bool] = lambda: True
        # the id of the chat's next message if files are attached to it (SPEC M1)
        self.message_with_files: Callable[[str], str | None] = lambda _chat_id: None
        # whether a refused mutation is reported by a bulk action's report (L2)
        self.reported_elsewhere: Callable[[int], bool] = lambda _mutation_id: False
        # the managers and teams a message's text @mentions (SPEC M2): the composer's
        self.mentions_in: Callable[[str], dict[str, list[str]] | None] = lambda _text: None

    @property
    def engine(self) -> SyncEngine | None:
        return self._engine

    # ---- engine lifecycle ------------------------------------------------------------------

    def attach(self, engine: SyncEngine) -> None:
        self._engine = engine
        self.availableChanged.emit(True)
        for draft in list(self._unsaved_drafts.values()):
            self.save_draft(draft.chat_id, draft.text, draft.note)

    def detach(self) -> None:
        self._engine = None
        self.availableChanged.emit(False)

    async def settle(self) -> None:
        """Wait for the actions already started (before stopping the engine)."""
        import asyncio

        # A finished send may start a draft's write: that one too, a few rounds at most
        # (a task that keeps starting another must not keep the session from ending).
        for _round in range(SETTLE_ROUNDS):
            if not self._tasks:
                return
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        log.warning("stopping with %d actions still running", len(self._tasks))

    # ---- the engine's callbacks (give these to SyncEngine) ----------------------------------

    def on_changed(self, changed: ChangedIds) -> None:
        """Told to the models at once, or merged with the next ones while a catch-up's
        chunks come faster than the window should repaint (`coalesce`)."""
        self._news.add(changed)

    @property
    def changes_pending(self) -> bool:
        """Whether changes are waiting to be told to the models (a catch-up under way)."""
        return self._news.pending

    def discard_changes(self) -> None:
        """The window is closing: what waits to be told is not (its reader is closing)."""
        self._news.discard()

    def _tell(self, changed: ChangedIds) -> None:
        self.changed.emit(changed)
        chat_id = self.open_chat_id
        engine = self._engine
        if chat_id and engine is not None and chat_id in changed.chat_states:
            state = self._reader.chat_state(chat_id)
            if state and int(state.get("unread_count") or 0) > 0 and self.window_active():
                self._spawn(engine.mark_read(chat_id))

    def on_status(self, status: Status) -> None:
        self._news.flush()  # the status line never runs ahead of the models ("online")
        self.statusChanged.emit(status)

    def on_refused(self, mutation: Pending, error: ErrorDetail) -> None:
        if self.reported_elsewhere(mutation.mutation_id):
            return  # part of a bulk action: its report lists it
        self.refused.emit(
            refusal_text(mutation.name, mutation.args, error_text(error.code, error.message))
        )

    def on_unauthorized(self) -> None:
        self.unauthorized.emit()

    # ---- the window's requests -----------------------------------------------------------

    def open_chat(self, chat_id: str) -> None:
        self.open_chat_id = chat_id
        engine = self._engine
        if engine is None:
            return
        state = self._reader.chat_state(chat_id)
        if state and (int(state.get("unread_count") or 0) > 0 or state.get("mentioned")):
            self._spawn(engine.mark_read(chat_id))

    def send_message(self, chat_id: str, text: str, note: bool) -> None:
        """Written to the outbox (with its optimistic effect, and the chat's draft removed)
        by the engine in a worker thread, at once: the cache's pending row is then the
        bubble, painted in the next frame, and `sendSaved` lets the composer drop the
        text. Nothing is shown before the row is durable, so a message the window showed
        survives a crash. If the write fails, `sendFailed`: the text stays in the
        composer and the reason is said."""
        import asyncio  # not at the top: the first paint does not need it

        engine = self._need()
        if engine is None:
            self.sendFailed.emit(chat_id, text)
            return
        kind = "note" if note else "reply"
        message_id = self.message_with_files(chat_id)
        mentions = self.mentions_in(text)  # M2: whom "@Name" in the text names

        def done(task: asyncio.Task[Any]) -> None:
            self._tasks.discard(task)
            exc = None if task.cancelled() else task.exception()
            if exc is None and not task.cancelled():
                if message_id is not None:
                    self.filesSent.emit(chat_id, message_id)
                self.sendSaved.emit(chat_id, text)
                return
            log.error("storing a message in the outbox failed", exc_info=exc)
            self.sendFailed.emit(chat_id, text)
            # SQLite's own words ("database or disk is full"), not SQLAlchemy's statement
            reason = getattr(exc, "orig", None) or exc or translate("Controller", "stopped")
            self.problem.emit(
                translate(
                    "Controller",
                    "Your message could not be saved, so it was not sent: {reason}. "
                    "It is back in the editor.",
                ).format(reason=reason)
            )

        task = asyncio.ensure_future(
            engine.send_message(
                chat_id,
                text,
                kind=kind,
                from_draft=True,
                message_id=message_id,
                mentions=mentions,
            )
        )
        self._tasks.add(task)
        task.add_done_callback(done)

    # ---- drafts (SPEC M7) --------------------------------------------------------------------

    def draft(self, chat_id: str) -> tuple[str, bool] | None:
        """The stored draft of a chat (text, is note), read on the GUI thread."""
        if chat_id in self._unsaved_drafts:
            d = self._unsaved_drafts[chat_id]
        else:
            found = self._reader.draft(chat_id)
            if found is None:
                return None
            d = found
        return (d.text, d.note)

    def save_draft(self, chat_id: str, text: str, note: bool) -> None:
        """Store a chat's draft (the composer calls this a moment after typing stops, on
        a chat switch and on quit); before a session runs it waits for one."""

        draft = Draft(chat_id, text, note)
        engine = self._engine
        if engine is None:
            self._unsaved_drafts[chat_id] = draft
            return
        self._unsaved_drafts.pop(chat_id, None)
        self._spawn(
            engine.save_draft(draft),
            translate("Controller", "The draft could not be saved"),
        )

    def star(self, chat_id: str, starred: bool) -> None:
        engine = self._need()
        if engine is not None:
            self._spawn(engine.star(chat_id, starred))

    def set_state(self, chat_id: str, state: str, *, expected: str | None = None) -> None:
        """Compare-and-set: `expected` defaults to the state the cache shows."""
        engine = self._need()
        if engine is None:
            return
        if expected is None:
            self._spawn(engine.set_state(chat_id, state))
        else:
            self._spawn(engine.set_state(chat_id, state, expected=expected))

    def set_notify_unassigned(self, on: bool) -> None:
        """S11: straight to the server (not queued); offline, it says it could not."""
        engine = self._need()
        if engine is not None:
            self._spawn(
                engine.update_my_settings(notify_unassigned=on),
                translate("Controller", "The notification setting was not changed (offline?)"),
            )

    def set_my_settings(self, settings: dict[str, object]) -> None:
        """My seat or away (O3, R1): straight to the server, as S11; offline it says so
        and the switch shows the server's value."""
        engine = self._need()
        if engine is not None:
            self._spawn(
                engine.update_my_settings(**settings),
                translate("Controller", "Your seat or away setting was not changed (offline?)"),
            )

    def load_older(self, chat_id: str, before: object) -> None:
        engine = self._engine
        if engine is None:
            self.olderLoaded.emit(chat_id, None)
            return
        seq = before if isinstance(before, int) else None

        async def load() -> None:
            try:
                more = await engine.load_messages(chat_id, seq)
            except Exception as exc:
                log.info("loading older messages of %s failed: %s", chat_id, exc)
                self.olderLoaded.emit(chat_id, None)
                self.problem.emit(
                    translate("Controller", "Older messages could not be loaded now (offline?)")
                )
                return
            self.olderLoaded.emit(chat_id, more)

        self._spawn(load())

    # ---- for the other controllers (triage) ----------------------------------------------

    def engine_needed(self) -> SyncEngine | None:
        """The engine, or None after saying that it is not there yet."""
        return self._need()

    def spawn(self, coro: Coroutine[Any, Any, Any], failure: str | None = None) -> None:
        """Run an engine call in its own task; a failure is said in the window."""
        self._spawn(coro, failure)

    # ---- inside ------------------------------------------------------------------------------

    def _need(self) -> SyncEngine | None:
        if self._engine is None:
            self.problem.emit(translate("Controller", "Not connected yet: try again in a moment."))
        return self._engine

    def _spawn(
        self,
        coro: Coroutine[Any, Any, Any],
        failure: str | None = None,
        on_error: Callable[[], None] | None = None,
    ) -> None:
        import asyncio  # not at the top: the first paint does not need it

        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if t.cancelled():
                return
            exc = t.exception()
            if exc is not None:
                log.error("an action failed", exc_info=exc)
                if on_error is not None:
                    on_error()
                text = failure or translate("Controller", "That did not work")
                self.problem.emit(f"{text}: {exc}")

        task.add_done_callback(done)
