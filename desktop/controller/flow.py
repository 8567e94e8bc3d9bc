"""The app's life: log in (silently when it can), run a session, log out or in again.

1. If the last login's cache is on disk, its window is shown before anything else is
   imported (`show_from_cache`, called before the event loop starts).
2. The token comes from the OS keyring; with none, the login dialog asks (server, email,
   password). A wrong password, an unreachable server or a throttle is said in the
   dialog; success stores the token in the keyring (or, without one, keeps it for this
   run and says so in the window).
3. A session: the cache, the sync engine on it, the window wired to both. It ends when
   the window closes (quit), the agent logs out (token removed, cache deleted if asked)
   or the server stops accepting the token (the dialog comes back, saying why). "Clear
   cache" in the settings ends a session too: the cache is emptied (its outbox kept)
   and the next session, on the same login, downloads it again.
4. `--demo`: a local server process, seeded once, customers simulated on the same loop,
   logged in as the demo manager without a dialog; closing the app stops all of it.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.auth.settings import LastLogin, Settings, config_dir_from_env, default_config_dir
from desktop.controller.open_link import LinkOpener
from desktop.controller.ui import Ui, build_ui
from desktop.i18n import translate
from desktop.notify.sink import DesktopSink
from desktop.sync.paths import cache_path, data_dir_from_env, default_folder

if TYPE_CHECKING:
    import asyncio
    from collections.abc import Callable

    import keyring.backend

    from desktop.auth.login import Login, LoginError
    from desktop.auth.tokens import TokenStore
    from desktop.controller.settings import SettingsController
    from desktop.demo.server_process import DemoServer
    from desktop.links import InviteLink
    from desktop.notify.tray import Tray
    from desktop.sync.cache import Cache
    from desktop.sync.clear import Unsent
    from desktop.sync.engine import SyncEngine
    from desktop.views.invite_dialog import InviteDialog
    from desktop.views.login_dialog import LoginDialog

log = logging.getLogger(__name__)

DEMO_IDENTITY = "sangdam-demo://local"  # the demo's cache identity (its port changes)


@dataclass
class Config:
    config_dir: Path = field(default_factory=default_config_dir)
    cache_dir: Path = field(default_factory=default_folder)
    demo_dir: Path | None = None  # None: the demo's own folder in the platform's data dir
    keyring: keyring.backend.KeyringBackend | None = None  # None: the system's
    keyring_timeout: float = 5.0  # seconds a keyring call may take (tokens.TIMEOUT)
    default_server: str = "http://127.0.0.1:8750"
    engine_options: dict[str, Any] = field(default_factory=dict)  # backoff, ping_interval
    demo_new_chat_every: float = 40.0
    demo_message_every: float = 10.0

    @classmethod
    def from_env(cls) -> Config:
        """SANGDAM_CONFIG_DIR and SANGDAM_DATA_DIR move the settings and the caches
        (portable installs, tests)."""
        data = data_dir_from_env()
        return cls(
            config_dir=config_dir_from_env(), cache_dir=data / "cache", demo_dir=data / "demo"
        )


def delete_cache_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


class Outcome(StrEnum):
    QUIT = "quit"
    LOGOUT = "logout"
    UNAUTHORIZED = "unauthorized"
    CLEAR_CACHE = "clear_cache"
    SWITCH = "switch"  # an invitation accepted: its new login replaces this one


def failure_text(error: LoginError, server: str = "") -> str:
    """What the dialog says about a failed login."""
    from desktop.auth.login import Failure

    match error.kind:
        case Failure.BAD_CREDENTIALS:
            return translate("App", "Wrong email or password.")
        case Failure.UNREACHABLE:
            return translate(
                "App", "Cannot reach the server at {server}. Check the address and your network."
            ).format(server=server or error.detail)
        case Failure.BAD_ADDRESS:
            # the address as typed (httpx's reason for refusing it is not for the agent)
            return translate("App", "That is not a server address: {detail}").format(
                detail=server or error.detail
            )
        case Failure.THROTTLED:
            if error.retry_after:
                return translate("App", "Too many failed attempts. Try again in {n} s.").format(
                    n=error.retry_after
                )
            return translate("App", "Too many failed attempts. Try again later.")
        case Failure.BUSY:
            return translate("App", "The server is busy with other logins. Try again in a moment.")
        case Failure.EXPIRED:
            return translate("App", "Your login has expired. Please log in again.")
        case Failure.REVOKED:
            return translate(
                "App", "Your login was ended (logged out elsewhere). Please log in again."
            )
        case Failure.REFUSED:
            return translate("App", "The server no longer knows this login. Please log in again.")
        case Failure.INVALID:
            return translate("App", "Check the email address.")
    return translate("App", "The server could not log you in: {detail}").format(detail=error.detail)


class AppFlow:
    def __init__(self, config: Config, *, demo: bool = False) -> None:
        self.config = config
        self.demo = demo
        self.settings = Settings(config.config_dir)
        self.ui: Ui | None = None
        self.dialog: LoginDialog | None = None
        self.login: Login | None = None
        self.engine: SyncEngine | None = None
        self.cache: Cache | None = None
        self.demo_server: DemoServer | None = None
        self.simulator_task: asyncio.Task[None] | None = None
        self.outcomes: list[Outcome] = []
        self._tokens: TokenStore | None = None
        self._splash: QWidget | None = None
        self._ended: asyncio.Future[tuple[Outcome, bool]] | None = None
        self._quitting = False
        # For the app's life, whoever is logged in: the OS notifications and the tray.
        self.sink = DesktopSink(sound=self.settings.notification_sound())
        self.sink.on_problem = self._notifications_failed
        self.tray: Tray | None = None
        # sangdam:// links, from the command line or another launch (desktop.instance)
        self.links = LinkOpener(lambda: self.ui.window if self.ui is not None else None)
        self.links.on_invite = self.join
        self.invite_dialog: InviteDialog | None = None
        self._joining: asyncio.Task[None] | None = None
        self._login_answers: asyncio.Queue[Any] | None = None  # the login dialog's
        self._next_login: Login | None = None  # an invitation's, for Outcome.SWITCH
        self._tray_ui: Ui | None = None
        self.settings_controller: SettingsController | None = None
        self.restart_requested = False  # the app is to start again once it has ended
        self._cache_cleared: Callable[[Unsent | None, str | None], None] | None = None

    # ---- before the event loop: the window from the cache ----------------------------------------

    def last_identity(self) -> LastLogin | None:
        last = self.settings.demo() if self.demo else self.settings.last()
        return last if last is not None and last.complete else None

    def _identity_url(self, last: LastLogin) -> str:
        return DEMO_IDENTITY if self.demo else last.server_url

    def show_from_cache(self) -> bool:
        """Show the last login's inbox from its cache, if there is one (no network, no
        heavy imports). Returns whether a window is up."""
        last = self.last_identity()
        if last is None:
            return False
        path = cache_path(
            self._identity_url(last),
            last.workspace_id,
            last.manager_id,
            folder=self.config.cache_dir,
        )
        if not path.exists():
            return False
        try:
            self.ui = self._new_ui(path, last.email)
        except Exception:  # an unreadable cache: the session will rebuild it
            log.exception("could not show the cache %s", path)
            return False
        self.ui.window.show()
        return True

    def _new_ui(self, path: Path, email: str) -> Ui:
        ui = build_ui(path, account=self._account(email), sink=self.sink)
        ui.window.closed.connect(self.quit)  # closing the window ends the app, at any time
        if self.sink.problem is not None:  # said once per outage, in whichever window is up
            self._notifications_failed(self.sink.problem, ui)
        ui.window.settingsRequested.connect(self.open_settings)
        return ui

    def open_settings(self) -> None:
        """The settings dialog of the current window (the menu, Ctrl+, or the tray)."""
        from desktop.controller.settings import SettingsController

        if self.ui is None:  # logged out: the login dialog is what there is to see
            if self.dialog is not None:
                self.dialog.raise_()
                self.dialog.activateWindow()
            return
        self.ui.window.bring_to_front()
        if self.settings_controller is None or self.settings_controller.ui is not self.ui:
            self.settings_controller = SettingsController(self, self.ui)
        self.settings_controller.show()

    def restart(self) -> None:
        """End the app cleanly, then start it again with the same arguments (`app.main`)."""
        self.restart_requested = True
        self.quit()

    def clear_cache(self, done: Callable[[Unsent | None, str | None], None]) -> None:
        """End the session, empty its cache keeping the outbox, start it again;
        `done(kept, None)` once cleared, `done(None, why)` if it was not."""
        if self._ended is None or self._ended.done():
            done(None, translate("App", "Sangdam is not connected yet. Try again in a moment."))
            return
        self._cache_cleared = done
        self._ended.set_result((Outcome.CLEAR_CACHE, False))

    def _notifications_failed(self, why: str, ui: Ui | None = None) -> None:
        ui = ui or self.ui
        if ui is not None:
            ui.window.show_notice(
                translate(
                    "App",
                    "Sangdam cannot show notifications on this desktop ({why}). New messages "
                    "still appear here and in the tray's count.",
                ).format(why=why)
            )

    def _show_tray(self, ui: Ui) -> None:
        """The tray follows the session's window: its count, its pause, its window."""
        from desktop.notify.tray import Tray

        if self._tray_ui is ui:
            return  # wired already (a session again on the same window)
        self._tray_ui = ui
        if self.tray is None:
            self.tray = Tray()
            self.tray.settingsRequested.connect(self.open_settings)
            self.tray.openRequested.connect(
                lambda: self.ui.window.bring_to_front() if self.ui is not None else None
            )
            self.tray.pauseRequested.connect(
                lambda until: (
                    self.ui.notifier.pause(until)
                    if self.ui is not None and self.ui.notifier is not None
                    else None
                )
            )
            self.tray.quitRequested.connect(self.quit)
            self.tray.show()
        tray = self.tray

        def recount(changed: Any = None) -> None:
            if changed is None or changed.reset or changed.counts:
                tray.set_count(ui.reader.unread_chats())

        ui.controller.changed.connect(recount)
        if ui.notifier is not None:
            ui.notifier.pausedChanged.connect(tray.set_paused)
            ui.notifier.pausedChanged.connect(self.settings.remember_pause)
            paused = self.settings.paused_until()
            if paused is not None and ui.notifier.paused_until is None:
                ui.notifier.pause(paused)  # a pause outlives a restart
            tray.set_paused(ui.notifier.paused_until)
        recount()

    def _account(self, email: str) -> str:
        return translate("App", "Demo workspace") if self.demo else email

    # ---- the whole run ---------------------------------------------------------------------------

    async def run(self) -> int:
        try:
            login = await (self._demo_login() if self.demo else self._first_login())
            while login is not None and not self._quitting:
                outcome, message = await self._run_session(login)
                self.outcomes.append(outcome)
                if outcome is Outcome.CLEAR_CACHE:
                    continue  # the same login, on the emptied cache
                if outcome is Outcome.SWITCH and self._next_login is not None:
                    login, self._next_login = self._next_login, None
                    continue
                if outcome is Outcome.QUIT or self.demo:
                    break
                login = await self._dialog_login(message, prefill=login)
            return 0
        finally:
            await self.shutdown()

    def quit(self) -> None:
        """Close the app (as closing the window does)."""
        self._quitting = True
        if self._ended is not None and not self._ended.done():
            self._ended.set_result((Outcome.QUIT, False))
        if self.dialog is not None:
            self.dialog.reject()

    @property
    def tokens(self) -> TokenStore:
        if self._tokens is None:
            from desktop.auth.tokens import TokenStore

            self._tokens = TokenStore(self.config.keyring, timeout=self.config.keyring_timeout)
        return self._tokens

    # ---- logging in ------------------------------------------------------------------------------

    async def _first_login(self) -> Login | None:
        from desktop.auth.login import Login

        last = self.settings.last()
        message = None
        if last is not None and last.complete:
            token = await self.tokens.get(last.server_url, last.email)
            if token:
                return Login(last.server_url, last.email, token, last.workspace_id, last.manager_id)
            if self.tokens.timed_out:
                message = translate(
                    "App",
                    "The system keyring did not answer, so your saved login could not be "
                    "read. Please log in.",
                )
        return await self._dialog_login(message, prefill=None)

    async def _dialog_login(self, message: str | None, prefill: Login | None) -> Login | None:
        import asyncio

        from desktop.auth import login as auth
        from desktop.views.login_dialog import LoginDialog

        last = self.settings.last()
        server = prefill.server_url if prefill else (last.server_url if last else "")
        email = prefill.email if prefill else (last.email if last else "")
        parent = self.ui.window if self.ui is not None and self.ui.window.isVisible() else None
        dialog = LoginDialog(server or self.config.default_server, email, message or "", parent)
        self.dialog = dialog
        answers: asyncio.Queue[Any] = asyncio.Queue()
        self._login_answers = answers  # an invitation accepted meanwhile logs in too
        dialog.submitted.connect(lambda s, e, p: answers.put_nowait((s, e, p)))
        dialog.rejected.connect(lambda: answers.put_nowait(None))
        dialog.show()
        try:
            while True:
                got = await answers.get()
                if got is None:
                    return None
                if isinstance(got, auth.Login):  # an invitation, accepted (issue 17)
                    dialog.accept()
                    return got
                server, email, password = got
                try:
                    login = await auth.login(server, email, password, device_name="Sangdam desktop")
                except auth.LoginError as exc:
                    dialog.set_error(failure_text(exc, server))
                    continue
                await self.tokens.set(login.server_url, login.email, login.token)
                self.settings.remember(
                    LastLogin(login.server_url, login.email, login.workspace_id, login.manager_id)
                )
                dialog.accept()
                return login
        finally:
            self.dialog = None
            self._login_answers = None
            dialog.deleteLater()

    # ---- an invitation (issue 17) ---------------------------------------------------------

    def join(self, link: InviteLink) -> None:
        """A `sangdam://invite` link: ask a name and a password, accept it on its server,
        remember the login as the dialog does, and open that inbox."""
        import asyncio

        if self.invite_dialog is not None:
            self.invite_dialog.raise_()
            self.invite_dialog.activateWindow()
            return
        self._joining = asyncio.get_running_loop().create_task(self._join(link))

    async def _join(self, link: InviteLink) -> None:
        import asyncio

        import httpx

        from desktop.auth.login import Login
        from desktop.controller.errors import error_text
        from desktop.sync import api, people_calls
        from desktop.views.invite_dialog import InviteDialog

        parent = self.ui.window if self.ui is not None and self.ui.window.isVisible() else None
        dialog = InviteDialog(link.server, parent)
        self.invite_dialog = dialog
        answers: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()
        dialog.submitted.connect(lambda n, p: answers.put_nowait((n, p)))
        dialog.rejected.connect(lambda: answers.put_nowait(None))
        dialog.show()
        dialog.raise_()
        try:
            while True:
                got = await answers.get()
                if got is None:
                    return
                name, password = got
                try:
                    async with httpx.AsyncClient(base_url=link.server, timeout=30) as client:
                        made = await people_calls.accept_invitation(
                            client, link.token, name, password, "Sangdam desktop"
                        )
                        email = await people_calls.my_email(client, made.token)
                except people_calls.CallRefused as exc:
                    dialog.set_error(error_text(exc.code, exc.message))
                    continue
                except (httpx.HTTPError, api.Unauthorized, api.Retryable) as exc:
                    log.info("accepting an invitation failed: %s", exc)
                    dialog.set_error(
                        translate("InviteDialog", "The server {server} cannot be reached.").format(
                            server=link.server
                        )
                    )
                    continue
                login = Login(link.server, email, made.token, made.workspace_id, made.manager_id)
                await self.tokens.set(login.server_url, login.email, login.token)
                self.settings.remember(
                    LastLogin(login.server_url, login.email, login.workspace_id, login.manager_id)
                )
                dialog.accept()
                self._switch_to(login)
                return
        finally:
            self.invite_dialog = None
            dialog.deleteLater()

    def _switch_to(self, login: Login) -> None:
        """The new login replaces the session (or the login dialog) there is."""
        if self._login_answers is not None:
            self._login_answers.put_nowait(login)
        elif self._ended is not None and not self._ended.done():
            self._next_login = login
            self._ended.set_result((Outcome.SWITCH, False))
        else:
            self._next_login = login

    async def _demo_login(self) -> Login | None:
        import asyncio

        from desktop.auth import login as auth
        from desktop.demo.server_process import (
            DEMO_EMAIL,
            DEMO_PASSWORD,
            DemoError,
            DemoServer,
        )
        from desktop.demo.simulator import CustomerSimulator

        if self.ui is None:
            self._show_splash(
                translate("App", "Starting the demo workspace… (the first start takes a while)")
            )
        elif self.ui is not None:
            self.ui.window.status_line.set_text(translate("App", "Starting the demo server…"))
        server = DemoServer() if self.config.demo_dir is None else DemoServer(self.config.demo_dir)
        self.demo_server = server
        atexit.register(server.stop)  # also if the app dies before shutdown()
        try:
            await asyncio.to_thread(server.start)
            login = await auth.login(server.url, DEMO_EMAIL, DEMO_PASSWORD)
        except (DemoError, auth.LoginError) as exc:
            self._close_splash()
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                translate("App", "Sangdam demo"),
                translate("App", "The demo could not start: {reason}").format(reason=exc),
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return None
        self.settings.remember_demo(
            LastLogin(DEMO_IDENTITY, DEMO_EMAIL, login.workspace_id, login.manager_id)
        )
        simulator = CustomerSimulator(
            server.url,
            uuid.UUID(login.workspace_id),
            new_chat_every=self.config.demo_new_chat_every,
            message_every=self.config.demo_message_every,
            manager_token=login.token,
        )
        self.simulator_task = asyncio.create_task(simulator.run(), name="demo-customers")
        return type(login)(
            DEMO_IDENTITY,
            login.email,
            login.token,
            login.workspace_id,
            login.manager_id,
            api_url=server.url,
        )

    def _show_splash(self, text: str) -> None:
        label = QLabel(text)
        label.setWindowTitle(translate("App", "Sangdam"))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMinimumSize(420, 120)
        label.show()
        self._splash = label

    def _close_splash(self) -> None:
        if self._splash is not None:
            self._splash.close()
            self._splash.deleteLater()
            self._splash = None

    # ---- a session -------------------------------------------------------------------------------

    async def _run_session(self, login: Login) -> tuple[Outcome, str | None]:
        import asyncio

        from desktop.sync.cache import Cache
        from desktop.sync.engine import SyncEngine

        self.login = login
        path = cache_path(
            login.server_url, login.workspace_id, login.manager_id, folder=self.config.cache_dir
        )
        cache = await asyncio.to_thread(
            Cache.open,
            path,
            server_url=login.server_url,
            workspace_id=login.workspace_id,
            manager_id=login.manager_id,
        )
        self.cache = cache
        if self.ui is not None and self.ui.path != path:
            self.ui.close()
            self.ui = None
        if self.ui is None:
            self.ui = self._new_ui(path, login.email)
        ui = self.ui
        self._close_splash()
        ui.window.show()
        self._show_tray(ui)
        if not self.demo and not self.tokens.remembers:
            reason = self.tokens.problem
            if self.tokens.timed_out:
                reason = translate("App", "the system keyring did not answer within {n} s").format(
                    n=f"{self.tokens.timeout:g}"
                )
            ui.window.show_notice(
                translate(
                    "App",
                    "Sangdam cannot remember your login on this computer: {reason}. "
                    "You will be asked to log in again next time.",
                ).format(reason=reason)
            )
        loop = asyncio.get_running_loop()
        ended: asyncio.Future[tuple[Outcome, bool]] = loop.create_future()
        self._ended = ended

        def end(outcome: Outcome, wipe: bool = False) -> None:
            if not ended.done():
                ended.set_result((outcome, wipe))

        connections = [
            (ui.window.closed, lambda: end(Outcome.QUIT)),
            (ui.window.logoutRequested, lambda wipe: end(Outcome.LOGOUT, bool(wipe))),
            (ui.controller.unauthorized, lambda: end(Outcome.UNAUTHORIZED)),
        ]
        for signal, slot in connections:
            signal.connect(slot)
        if self._quitting:
            end(Outcome.QUIT)
        engine = SyncEngine(
            cache,
            login.token,
            server_url=login.url,
            on_changed=ui.controller.on_changed,
            on_status=ui.controller.on_status,
            on_refused=ui.controller.on_refused,
            on_unauthorized=ui.controller.on_unauthorized,
            **self.config.engine_options,
        )
        self.engine = engine
        ui.controller.attach(engine)
        # What the cache holds may be newer than the window read before the engine.
        ui.chats.refresh()
        ui.sidebar.rebuild()
        await engine.start()
        self.links.attach(ui, login, engine)  # a link waiting for the login opens now
        try:
            outcome, wipe = await ended
        finally:
            self.links.detach()
            for signal, slot in connections:
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
            self._ended = None
            ui.window.conversation.composer.flush_draft()  # the draft typed last (M7)
            await ui.controller.settle()
            ui.controller.detach()
            if ui.notifier is not None:
                await ui.notifier.close()  # this login's notifications could open nothing now
            await engine.stop()
            self.engine = None
            await asyncio.to_thread(cache.close)
            self.cache = None
        message: str | None = None
        if outcome is Outcome.LOGOUT:
            message = await self._log_out(login, wipe)
        elif outcome is Outcome.UNAUTHORIZED:
            message = await self._why_unauthorized(login)
            await self.tokens.delete(login.server_url, login.email)
        elif outcome is Outcome.CLEAR_CACHE:
            await self._clear_cache(path)
        return outcome, message

    async def _clear_cache(self, path: Path) -> None:
        import asyncio

        from desktop.sync.clear import ClearError, clear

        done, self._cache_cleared = self._cache_cleared, None
        try:
            kept = await asyncio.to_thread(clear, path)
        except ClearError as exc:
            log.warning("%s", exc)
            if done is not None:
                done(None, str(exc))
            return
        log.info("cache %s cleared; kept %s", path, kept)
        if done is not None:
            done(kept, None)

    async def _log_out(self, login: Login, wipe: bool) -> str:
        import asyncio

        from desktop.auth import login as auth

        with contextlib.suppress(auth.LoginError, Exception):
            await auth.logout(login)
        await self.tokens.delete(login.server_url, login.email)
        if self.ui is not None:
            self.ui.close()
            path = self.ui.path
            self.ui = None
            if wipe:
                await asyncio.to_thread(delete_cache_file, path)
        return translate("App", "You have logged out.")

    async def _why_unauthorized(self, login: Login) -> str:
        from desktop.auth import login as auth

        try:
            await auth.check(login)
        except auth.LoginError as exc:
            return failure_text(exc, login.url)
        return translate("App", "The server no longer accepts this login. Please log in again.")

    # ---- the end ---------------------------------------------------------------------------------

    async def shutdown(self) -> None:
        import asyncio

        self._close_splash()
        task, self.simulator_task = self.simulator_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self.engine is not None:
            await self.engine.stop()
            self.engine = None
        if self.cache is not None:
            await asyncio.to_thread(self.cache.close)
            self.cache = None
        if self.ui is not None:
            if self.ui.notifier is not None:
                await self.ui.notifier.close()
            self.ui.close()
            self.ui = None
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None
        server, self.demo_server = self.demo_server, None
        if server is not None:
            await asyncio.to_thread(server.stop)
            atexit.unregister(server.stop)
