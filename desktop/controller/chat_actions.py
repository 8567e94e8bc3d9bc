"""The open chat's header actions that are not triage (SPEC H4, H5; issue 15 item 5).

- The links: the manager link (for teammates) and a new customer link (only for that
  customer; the old one stops working), copied to the clipboard and said so, labelled
  apart. A permanent delete (H5). These need the server there and then (not queued);
  offline or refused, the window says why.
- Presence: while a chat is open the app tells the other managers, every few seconds on
  the realtime socket, that the agent views it, or types in it; what the others send
  shows in the header ("Lee is typing…"), forgotten a few seconds after it stops.
- The stale-reply guard: a reply whose chat got a message from the customer or another
  manager, or another manager's typing, since the agent began it, asks once before it
  is sent ("Lee replied while you were typing. Send anyway?").
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop.controller.errors import error_text
from desktop.i18n import translate
from desktop.sync.presence import Intervening, ReplyGuard
from desktop.sync.status import Phase, Status
from protocol.limits import PRESENCE_REFRESH_S

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine
    from typing import Any

    from desktop.controller.session import SessionController
    from desktop.sync.engine import SyncEngine
    from desktop.sync.reads import CacheReader
    from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)


class ChatActions(QObject):
    copied = Signal(str, str)  # "manager" or "customer", the URL now on the clipboard
    deleted = Signal(str)  # chat id
    asked = Signal(str)  # the stale-reply question shown (its sentence)

    def __init__(
        self,
        session: SessionController,
        reader: CacheReader,
        window: MainWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._reader = reader
        self._window = window
        self._pane = window.conversation
        self._header = window.conversation.header
        self._engine: SyncEngine | None = None
        self._unwatch: Callable[[], None] | None = None
        self.guard: ReplyGuard | None = None
        self._shown: str | None = None  # the chat presence is announced for
        self._typing_until = 0.0  # monotonic: the agent counts as typing until then
        self._last_sent: tuple[str, str] | None = None  # (chat, what) sent last

        header = self._header
        header.managerLinkRequested.connect(self.copy_manager_link)
        header.customerLinkRequested.connect(self.copy_customer_link)
        header.deleteRequested.connect(self.delete_chat)
        self._online = False
        header.online = lambda: self._engine is not None and self._online
        session.statusChanged.connect(self._status)
        self._pane.composer.typed.connect(self._typed)
        session.availableChanged.connect(self._available)

        self._beat = QTimer(self)  # presence refresh, while a chat is open
        self._beat.setInterval(int(PRESENCE_REFRESH_S * 1000))
        self._beat.timeout.connect(lambda: self._announce(force=True))
        self._expire = QTimer(self)  # the header forgets presence that was not refreshed
        self._expire.setInterval(1000)
        self._expire.timeout.connect(self.show_presence)

    # ---- the session ------------------------------------------------------------------

    def _available(self, on: bool) -> None:
        if self._unwatch is not None:
            self._unwatch()
            self._unwatch = None
        self._engine = self._session.engine if on else None
        if self._engine is not None:
            self.guard = ReplyGuard(self._engine.presence, self._window.directory.me)
            self._unwatch = self._engine.presence.watch(self._heard)
            self._beat.start()
        else:
            self._beat.stop()
        if self._header.chat is not None:
            self._header.show_chat(self._header.chat)

    def _status(self, status: Status) -> None:
        """Links and delete need the server now: enabled while online (else they say so)."""
        online = status.phase is Phase.ONLINE
        if online != self._online:
            self._online = online
            if self._header.chat is not None:
                self._header.show_chat(self._header.chat)

    # ---- links and delete (H4, H5) -------------------------------------------------------

    def copy_manager_link(self, chat_id: str) -> None:
        async def go(engine: SyncEngine) -> None:
            from desktop.sync import chat_calls

            client, headers = engine.http()
            links = await chat_calls.links(client, headers, chat_id)
            self._copy("manager", links.manager_url)
            self._window.show_notice(
                translate(
                    "ChatHeader",
                    "Manager link copied: for your teammates, it opens this chat in Sangdam.",
                )
            )

        self._call(go, translate("ChatHeader", "The manager link could not be copied"))

    def copy_customer_link(self, chat_id: str) -> None:
        name = self._customer(chat_id)

        async def go(engine: SyncEngine) -> None:
            from desktop.sync import chat_calls

            client, headers = engine.http()
            url = await chat_calls.new_customer_link(client, headers, chat_id)
            self._copy("customer", url)
            self._window.show_notice(
                translate(
                    "ChatHeader",
                    "Customer link for {name} copied: only for {name}. "
                    "The link made before no longer works.",
                ).format(name=name)
            )

        self._call(go, translate("ChatHeader", "The customer link could not be made"))

    def delete_chat(self, chat_id: str) -> None:
        async def go(engine: SyncEngine) -> None:
            from desktop.sync import chat_calls

            client, headers = engine.http()
            changed = await chat_calls.delete_chat(client, headers, engine.cache, chat_id)
            self._session.on_changed(changed)
            self.deleted.emit(chat_id)

        self._call(go, translate("ChatHeader", "The chat was not deleted"))

    def _copy(self, kind: str, url: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(url)
        self.copied.emit(kind, url)

    def _call(self, act: Callable[[SyncEngine], Coroutine[Any, Any, None]], failed: str) -> None:
        engine = self._session.engine_needed()
        if engine is None:
            return

        async def run() -> None:
            import httpx  # not at the top: the window is painted before the network is needed

            from desktop.sync import api, chat_calls

            try:
                await act(engine)
            except chat_calls.CallRefused as exc:
                self._window.show_alert(f"{failed}: {error_text(exc.code, exc.message)}")
            except (httpx.TransportError, api.Retryable) as exc:
                log.info("%s: %s", failed, exc)
                self._window.show_alert(
                    translate("ChatHeader", "{what}: the server cannot be reached now.").format(
                        what=failed
                    )
                )

        self._session.spawn(run(), failed)

    def _customer(self, chat_id: str) -> str:
        chat = self._reader.chat(chat_id)
        customer = self._reader.customer(str(chat.get("customer_id"))) if chat else None
        if customer and customer.get("name"):
            return str(customer["name"])
        return translate("Conversation", "(no name)")

    # ---- presence --------------------------------------------------------------------------

    def chat_opened(self, chat_id: str | None) -> None:
        """Say "left" for the chat left and "viewing" for this one, at once."""
        previous = self._shown
        if previous is not None and previous != chat_id:
            self._send(previous, "left")
        self._shown = chat_id
        self._typing_until = 0.0
        self._announce(force=True)
        self.show_presence()

    def _typed(self, chat_id: str, text: str) -> None:
        import time

        guard = self.guard
        if guard is not None:
            if text.strip():
                guard.typing(chat_id, self._last_seq(chat_id))
            else:
                guard.reset(chat_id)
        if text.strip():
            was = self._typing_until > time.monotonic()
            self._typing_until = time.monotonic() + PRESENCE_REFRESH_S
            if not was:
                self._announce(force=True)

    def _announce(self, *, force: bool = False) -> None:
        import time

        chat_id = self._shown
        if chat_id is None:
            return
        what = "typing" if self._typing_until > time.monotonic() else "viewing"
        if force or self._last_sent != (chat_id, what):
            self._send(chat_id, what)

    def _send(self, chat_id: str, what: str) -> None:
        engine = self._engine
        if engine is None:
            return
        self._last_sent = (chat_id, what)
        self._session.spawn(engine.announce(chat_id, what))

    def _heard(self, chat_id: str) -> None:
        if chat_id == self._shown:
            self.show_presence()

    def show_presence(self) -> None:
        engine, chat_id = self._engine, self._shown
        if engine is None or chat_id is None:
            self._header.set_presence([])
            self._expire.stop()
            return
        me = self._window.directory.me
        people = [
            (self._window.directory.manager_name(s.manager_id) or "?", s.what)
            for s in engine.presence.present(chat_id)
            if s.manager_id != me
        ]
        self._header.set_presence(people)
        if people:
            self._expire.start()
        else:
            self._expire.stop()

    # ---- the stale-reply guard (item 5) ----------------------------------------------------

    def _last_seq(self, chat_id: str) -> int:
        """The feed position known now: a message's seq is its change-log seq, so one
        above it came after (older pages fetched later are below it)."""
        seqs = [m.seq for m in self._reader.messages(chat_id, limit=20) if m.seq is not None]
        return max([int(self._reader.meta("cursor") or 0), *seqs])

    def send(self, chat_id: str, text: str, note: bool) -> None:
        """The composer's send: a reply asks once first if someone else wrote or typed
        since the agent began it; a note goes at once."""
        guard = self.guard
        began = guard.began(chat_id) if guard is not None else None
        hit: Intervening | None = None
        if guard is not None and began is not None and not note:
            messages = self._reader.messages(chat_id, since=began[0] + 1, limit=200)
            hit = guard.check(chat_id, [m.message for m in messages])
        if guard is None or hit is None:
            self._sent(chat_id, text, note)
            return
        guard.reset(chat_id, self._last_seq(chat_id))  # asked once: not again for the same
        why = self._why(chat_id, hit)
        self.asked.emit(why)
        self._header.ask_send_anyway(
            why,
            lambda: self._sent(chat_id, text, note),
            lambda: self._pane.composer.send_failed(chat_id),  # the text stays, unsent
        )

    def _sent(self, chat_id: str, text: str, note: bool) -> None:
        self._session.send_message(chat_id, text, note)
        if self.guard is not None:
            self.guard.reset(chat_id)
        self._typing_until = 0.0
        self._announce()

    def _why(self, chat_id: str, hit: Intervening) -> str:
        name = self._window.directory.manager_name(hit.manager_id) or "?"
        match hit.kind:
            case "customer":
                return translate("ChatHeader", "{name} wrote again while you were typing.").format(
                    name=self._customer(chat_id)
                )
            case "manager":
                return translate("ChatHeader", "{name} replied while you were typing.").format(
                    name=name
                )
        return translate("ChatHeader", "{name} started typing in this chat too.").format(name=name)
