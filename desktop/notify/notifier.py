"""From the server's notification entries to the operating system's notifications.

The server decides who is told (N1-N5, S11); this app never second-guesses it. What
the app decides is only how: a burst in one chat is one notification, updated
(`Bursts`); a mention is shown at once on its own; what a catch-up brought after a time
away is one summary ("5 new messages in 3 chats"); nothing is shown for the chat the
agent is looking at in a focused window, or while notifications are paused. A click
opens that chat (N6): every notification still on screen maps to its chat here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.notify import content
from desktop.notify.bursts import Bursts, Entry, Group
from desktop.notify.sink import Sink
from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader

log = logging.getLogger(__name__)

SUMMARY_AFTER = 1.0  # seconds after a catch-up's last batch before its summary is shown


@dataclass(frozen=True, slots=True)
class Target:
    """What a click on a shown notification opens."""

    chat_ids: tuple[str, ...]  # one chat, or (a summary) every chat it covers
    mention: bool = False


class Notifier(QObject):
    chatClicked = Signal(str)  # open this chat
    summaryClicked = Signal(object)  # tuple of chat ids a summary covered
    pausedChanged = Signal(object)  # datetime (local, aware) or None
    shown = Signal(str, str)  # title, body: what was just sent to the OS (for the UI/tests)

    def __init__(
        self,
        reader: CacheReader,
        sink: Sink,
        *,
        looking_at: Callable[[str], bool] = lambda chat_id: False,
        bursts: Bursts | None = None,
        summary_after: float = SUMMARY_AFTER,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        """`looking_at(chat_id)`: whether the agent has that chat open in a focused window."""
        super().__init__(parent)
        self._reader = reader
        self._sink = sink
        self.looking_at = looking_at
        self._bursts = bursts or Bursts()
        self._clock = clock
        self._targets: dict[str, Target] = {}  # identifier on screen -> what it opens
        self._on_screen: dict[str, str] = {}  # chat id -> identifier of its notification
        self._missed: list[Entry] = []
        self._paused_until: datetime | None = None
        self._locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._updates = QTimer(self)
        self._updates.setSingleShot(True)
        self._updates.setTimerType(Qt.TimerType.PreciseTimer)
        self._updates.timeout.connect(self._show_due)
        self._summary = QTimer(self)
        self._summary.setSingleShot(True)
        self._summary.setInterval(int(summary_after * 1000))
        self._summary.timeout.connect(self._show_summary)
        self._resume = QTimer(self)  # says so when a pause ends by itself
        self._resume.setSingleShot(True)
        self._resume.timeout.connect(lambda: self.paused_until)
        sink.on_clicked = self._clicked
        sink.on_dismissed = self._dismissed

    # ---- pause --------------------------------------------------------------------------------

    @property
    def paused_until(self) -> datetime | None:
        if self._paused_until is not None and datetime.now().astimezone() >= self._paused_until:
            self._paused_until = None
            self.pausedChanged.emit(None)
        return self._paused_until

    def pause(self, until: datetime | None) -> None:
        """Show nothing until then (None: resume now). Unread counts go on counting."""
        self._paused_until = until.astimezone() if until is not None else None
        self._resume.stop()
        if self._paused_until is not None:
            self._missed.clear()
            self._summary.stop()
            left = (self._paused_until - datetime.now().astimezone()).total_seconds()
            self._resume.start(int(min(max(left, 0.0) * 1000 + 50, 2**31 - 1)))
        self.pausedChanged.emit(self._paused_until)

    # ---- what the engine wrote ----------------------------------------------------------------

    def on_changed(self, changed: ChangedIds) -> None:
        if not changed.notifications or self.paused_until is not None:
            return
        entries = self._reader.notifications(changed.notifications)
        live = []
        for entry in entries:
            if entry.get("id") in changed.missed:
                self._missed.append(entry)
                self._summary.start()  # (re)starts: the summary waits for the last batch
            else:
                live.append(entry)
        self._take(live)

    def chat_opened(self, chat_id: str) -> None:
        """The agent opened the chat: its notification has done its job."""
        self._bursts.forget(chat_id)
        identifier = self._on_screen.pop(chat_id, None)
        if identifier is not None:
            self._targets.pop(identifier, None)
            self._spawn(self._sink.clear(identifier))

    async def close(self) -> None:
        """Take our notifications off the screen (the app is quitting or logging out): a
        notification whose click could open nothing is worse than none."""
        self._updates.stop()
        self._summary.stop()
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        for identifier in list(self._targets):
            await self._sink.clear(identifier)
        self._targets.clear()
        self._on_screen.clear()

    # ---- inside -------------------------------------------------------------------------------

    def _take(self, entries: Sequence[Entry]) -> None:
        """Entries that came together (one transaction, e.g. a new chat assigned to me
        and its first message) are shown together: one notification per chat."""
        now = self._clock()
        fresh: dict[int, Group] = {}
        for entry in entries:
            if self.looking_at(str(entry.get("chat_id"))):
                continue  # on screen already; the unread count still counts it
            group = self._bursts.arrive(entry, now)
            if group is not None:
                fresh[id(group)] = group
        for group in fresh.values():
            group.due = None  # what came with it is in it
            self._spawn(self._show(group))
        self._arm()

    def _arm(self) -> None:
        due = self._bursts.next_due()
        if due is None:
            self._updates.stop()
            return
        self._updates.start(max(0, int((due - self._clock()) * 1000) + 1))

    def _show_due(self) -> None:
        for group in self._bursts.due(self._clock()):
            if not self.looking_at(group.chat_id):
                self._spawn(self._show(group))
        self._arm()

    async def _show(self, group: Group) -> None:
        text = content.describe(group.entries)
        mention = group.entries[-1].get("reason") == "mention"
        async with self._serial(group.chat_id):
            identifier = await self._sink.send(text.title, text.body)
            if identifier is None:
                return
            self._targets[identifier] = Target((group.chat_id,), mention)
            if not mention:  # one notification per chat on screen: the new replaces the old
                old = self._on_screen.get(group.chat_id)
                self._on_screen[group.chat_id] = identifier
                if old is not None and old != identifier:
                    self._targets.pop(old, None)
                    await self._sink.clear(old)
        self.shown.emit(text.title, text.body)

    def _show_summary(self) -> None:
        entries, self._missed = self._missed, []
        if not entries or self.paused_until is not None:
            return
        if len(entries) == 1:
            self._take(entries)
            return
        self._spawn(self._show_summary_of(entries))

    async def _show_summary_of(self, entries: Sequence[Entry]) -> None:
        text = content.summary(entries)
        chats = tuple(dict.fromkeys(str(e.get("chat_id")) for e in entries))
        async with self._serial(""):
            identifier = await self._sink.send(text.title, text.body)
            if identifier is None:
                return
            self._targets[identifier] = Target(chats)
        self.shown.emit(text.title, text.body)

    def _clicked(self, identifier: str) -> None:
        target = self._targets.pop(identifier, None)
        if target is None:
            log.info("a click on notification %s, which is no longer ours", identifier)
            return
        self._forget_screen(identifier)
        if len(target.chat_ids) == 1:
            self._bursts.forget(target.chat_ids[0])
            self.chatClicked.emit(target.chat_ids[0])
        else:
            self.summaryClicked.emit(target.chat_ids)

    def _dismissed(self, identifier: str) -> None:
        target = self._targets.pop(identifier, None)
        self._forget_screen(identifier)
        if target is not None and len(target.chat_ids) == 1 and not target.mention:
            self._bursts.forget(target.chat_ids[0])

    def _forget_screen(self, identifier: str) -> None:
        for chat_id, shown in list(self._on_screen.items()):
            if shown == identifier:
                del self._on_screen[chat_id]

    def _serial(self, chat_id: str) -> asyncio.Lock:
        """One OS call at a time per chat, in order, so an update never overtakes the
        notification it replaces; other chats' notifications do not wait for it (the
        daemon may take tens of milliseconds to answer each)."""
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = self._locks[chat_id] = asyncio.Lock()
        return lock

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.error("showing a notification failed", exc_info=t.exception())

        task.add_done_callback(done)
