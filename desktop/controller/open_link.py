"""Opening a `sangdam://` link (SPEC H4): the chat it names, in the window, as a click on
a notification does.

A link may come before there is anything to open it in (a cold start: the login, silent
or through the dialog, or the demo's, comes first), so it waits for the session
(`attach`). Then: the wrong server or workspace is said at once; a chat in the cache
opens at once; one the cache lacks is asked of the server once the inbox is loaded
(not there, or not mine: said; the server unreachable: said). A link that is not one
is said too. Every outcome is a sentence in the window or the opened chat, never
silence.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from desktop.i18n import translate
from desktop.links import (
    ChatLink,
    InviteLink,
    LinkError,
    Problem,
    is_invite,
    parse,
    parse_invite,
    same_server,
)
from desktop.sync.status import Phase, Status

if TYPE_CHECKING:
    import asyncio

    from desktop.auth.login import Login
    from desktop.controller.ui import Ui
    from desktop.sync.changed import ChangedIds
    from desktop.sync.engine import SyncEngine
    from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

ALERT_MS = 30_000  # a link's message stays this long (or until dismissed)


def problem_text(error: LinkError) -> str:
    """What the agent reads about a link that is not one."""
    match error.problem:
        case Problem.UNKNOWN_KIND:
            why = translate("Links", "Sangdam only opens chat links (sangdam://chat/…)")
        case Problem.BAD_CHAT_ID:
            why = translate("Links", "the chat id in it is not valid")
        case Problem.NO_SERVER:
            why = translate("Links", "it does not say which server the chat is on")
        case Problem.BAD_SERVER:
            why = translate("Links", "the server address in it is not valid")
        case Problem.BAD_WORKSPACE:
            why = translate("Links", "the workspace id in it is not valid")
        case Problem.BAD_TOKEN:
            why = translate("Links", "the invitation in it is incomplete")
        case _:
            why = translate("Links", "it is not a Sangdam link")
    return translate("Links", "This link cannot be opened: {why}. Link: {link}").format(
        why=why, link=error.link.strip()[:200]
    )


class LinkOpener(QObject):
    def __init__(
        self,
        window: Callable[[], MainWindow | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        """`window()`: the window shown now, if any (for messages before a session)."""
        super().__init__(parent)
        self._window = window
        self._ui: Ui | None = None
        self._login: Login | None = None
        self._engine: SyncEngine | None = None
        self._pending: ChatLink | None = None
        self._fetching = False
        self._tasks: set[asyncio.Future[None]] = set()
        self._later: list[str] = []  # messages with no window to show them in yet
        self._connections: list[tuple[Any, Any]] = []
        # an invitation link (issue 17): the app's flow asks a name and a password
        self.on_invite: Callable[[InviteLink], None] | None = None

    @property
    def pending(self) -> ChatLink | None:
        return self._pending

    def open(self, text: str) -> None:
        """A link from the command line, another launch or the OS."""
        if is_invite(text):
            try:
                invite = parse_invite(text)
            except LinkError as exc:
                log.warning("cannot open an invitation link: %s", exc.problem.value)
                self.say(problem_text(exc))
                return
            if self.on_invite is not None:
                self.on_invite(invite)
            return
        try:
            link = parse(text)
        except LinkError as exc:
            log.warning("cannot open the link %r: %s", text[:200], exc.problem.value)
            self.say(problem_text(exc))
            return
        log.info("opening %s", link)
        self._pending = link
        self._resolve()

    # ---- the session ---------------------------------------------------------------------

    def attach(self, ui: Ui, login: Login, engine: SyncEngine) -> None:
        """A session started: links can be opened now."""
        self.detach()
        self._ui, self._login, self._engine = ui, login, engine
        self._connections = [
            (ui.controller.statusChanged, self._on_status),
            (ui.controller.changed, self._on_changed),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        later, self._later = self._later, []
        for text in later:
            self.say(text)
        self._resolve()

    def detach(self) -> None:
        """The session ended; a link not opened yet waits for the next one."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._connections = []
        self._ui = self._login = self._engine = None
        self._fetching = False

    # ---- inside ----------------------------------------------------------------------------

    def _resolve(self) -> None:
        link, ui, login = self._pending, self._ui, self._login
        if link is None or ui is None or login is None or self._fetching:
            return
        mismatch = self._mismatch(link, login)
        if mismatch is not None:
            self._pending = None
            log.warning("the link %s is not for this login", link)
            self.say(mismatch)
            return
        if ui.chats.lookup(link.chat_id) is not None:
            self._show(link.chat_id)
            return
        status = ui.window.status_line.status
        if status is not None:
            self._on_status(status)

    def _mismatch(self, link: ChatLink, login: Login) -> str | None:
        if not (same_server(link.server, login.url) or same_server(link.server, login.server_url)):
            return translate(
                "Links",
                "This link is for a chat on {server}, but Sangdam is logged in to {current}. "
                "To open it, log out and log in to {server}.",
            ).format(server=link.server, current=login.url)
        if link.workspace is not None and link.workspace != login.workspace_id:
            return translate(
                "Links",
                "This link is for a chat in another workspace than the one you are logged "
                "in to on {server}.",
            ).format(server=link.server)
        return None

    def _on_changed(self, changed: ChangedIds) -> None:
        link, ui = self._pending, self._ui
        if link is None or ui is None or self._fetching:
            return
        if (changed.reset or link.chat_id in changed.chats) and ui.chats.lookup(link.chat_id):
            self._show(link.chat_id)

    def _on_status(self, status: Status) -> None:
        """A chat the cache lacks: ask the server once the inbox is loaded (online), or
        say why it cannot be asked now (offline)."""
        link, ui = self._pending, self._ui
        if link is None or ui is None or self._fetching:
            return
        if ui.chats.lookup(link.chat_id) is not None:
            self._show(link.chat_id)
        elif status.phase is Phase.ONLINE:
            self._fetch(link)
        elif status.phase is Phase.OFFLINE:
            self._pending = None
            self.say(
                translate(
                    "Links",
                    "The chat in this link is not on this computer, and the server cannot be "
                    "reached now ({reason}). Try the link again when Sangdam is online.",
                ).format(reason=status.reason or translate("Links", "offline"))
            )

    def _fetch(self, link: ChatLink) -> None:
        import asyncio

        engine = self._engine
        if engine is None:
            return
        self._fetching = True

        async def fetch() -> None:
            try:
                found = await engine.fetch_chat(link.chat_id)
            except Exception as exc:
                log.info("asking the server for chat %s failed: %s", link.chat_id, exc)
                self._done_fetching(link, None, str(exc))
                return
            self._done_fetching(link, found, "")

        task = asyncio.ensure_future(fetch())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _done_fetching(self, link: ChatLink, found: bool | None, reason: str) -> None:
        self._fetching = False
        if self._pending != link or self._ui is None:
            self._resolve()  # another link came meanwhile (or the session ended)
            return
        ui = self._ui
        if found and ui.chats.lookup(link.chat_id) is not None:
            self._show(link.chat_id)
            return
        self._pending = None
        if found is None:
            self.say(
                translate("Links", "The chat in this link could not be opened: {reason}").format(
                    reason=reason
                )
            )
        else:
            self.say(
                translate(
                    "Links",
                    "The chat in this link was not found: it was deleted, or it is not in "
                    "your workspace.",
                )
            )

    def _show(self, chat_id: str) -> None:
        """As a click on its notification: the window up, the chat open."""
        self._pending = None
        ui = self._ui
        assert ui is not None
        ui.window.bring_to_front()
        if ui.window.show_chat(chat_id):
            log.info("opened chat %s from a link", chat_id)

    def say(self, text: str) -> None:
        """Show `text` in the window, brought to the front (or when there is one)."""
        log.info("told the agent: %s", text)
        window = self._ui.window if self._ui is not None else self._window()
        if window is None:
            self._later.append(text)
            return
        window.bring_to_front()
        window.show_alert(text, ALERT_MS)
