"""Logging in: the dialog's errors (wrong password, unreachable server), the token in a
real Secret Service (gnome-keyring on a private D-Bus) and the silent login after it,
a system without a keyring, one that does not answer (the window never freezes), a
login the server stopped accepting, logging out, and where the cache and token live."""

# covers: Y4

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import update

from desktop.auth.login import Failure, LoginError
from desktop.auth.settings import Settings
from desktop.auth.tokens import SERVICE, username
from desktop.controller.flow import AppFlow, Config, Outcome, failure_text
from desktop.demo.server_process import free_port
from desktop.sync.status import Phase
from server.auth.secrets import token_hash
from server.db import models as m
from server.db.database import Database
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    MemoryKeyring,
    config,
    finish,
    in_thread,
    login,
    remember_login,
    run_flow,
    start_chat,
    world_on,
)
from tests.support.world import PASSWORD, World

pytestmark = pytest.mark.timeout(180)


def online(flow: AppFlow) -> bool:
    ui = flow.ui
    status = ui.window.status_line.status if ui is not None else None
    return status is not None and status.phase is Phase.ONLINE


def submit(qtbot: Any, flow: AppFlow, server: str, email: str, password: str) -> None:
    dialog = flow.dialog
    assert dialog is not None
    dialog.server.setText(server)
    dialog.email.setText(email)
    dialog.password.setText(password)
    dialog.login_button.click()


def files_holding(root: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_the_dialog_says_what_went_wrong_and_the_keyring_remembers_the_login(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    secret_service: Any,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    start_chat(server, world, "hello")
    backend = secret_service.backend()
    cfg = config(tmp_path / "app", backend)
    flow = AppFlow(cfg)
    assert not flow.show_from_cache()  # first run: nothing to show yet
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=WAIT_MS)
    dialog = flow.dialog
    assert dialog is not None and dialog.windowTitle() == "Log in to Sangdam"
    email = World.email("ana")

    submit(qtbot, flow, server.url, email, "not the password")
    qtbot.waitUntil(lambda: dialog.error_text() != "", timeout=WAIT_MS)
    assert dialog.error_text() == "Wrong email or password."
    assert dialog.login_button.isEnabled()  # ready for another try

    nowhere = f"http://127.0.0.1:{free_port()}"
    submit(qtbot, flow, nowhere, email, PASSWORD)
    qtbot.waitUntil(lambda: "Cannot reach" in dialog.error_text(), timeout=WAIT_MS)
    assert nowhere in dialog.error_text()

    submit(qtbot, flow, server.url, email, PASSWORD)
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)
    assert flow.dialog is None
    assert flow.ui is not None and flow.ui.chats.rowCount() == 1
    assert flow.ui.window.notice.text() == ""  # the login is remembered: nothing to say
    token = backend.get_password(SERVICE, username(server.url, email))
    assert token is not None and token.startswith("sdm_")
    assert files_holding(tmp_path / "app", token) == []  # Y4: never in a file
    last = Settings(cfg.config_dir).last()
    assert last is not None and (last.server_url, last.email) == (server.url, email)
    finish(qtbot, flow, task)

    # The next start logs in silently, from what the keyring holds.
    cfg.keyring = secret_service.backend()
    flow = AppFlow(cfg)
    assert flow.show_from_cache()
    task = run_flow(aio, flow)
    dialogs: list[object] = []
    qtbot.waitUntil(lambda: dialogs.append(flow.dialog) or online(flow), timeout=WAIT_MS)
    assert all(d is None for d in dialogs), "no dialog on the second start"
    finish(qtbot, flow, task)


def test_without_a_keyring_the_app_works_and_says_why_it_cannot_remember(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    start_chat(server, world, "hello")
    cfg = config(tmp_path / "app", fail.Keyring())
    flow = AppFlow(cfg)
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)
    email = World.email("ana")
    submit(qtbot, flow, server.url, email, PASSWORD)
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)
    assert flow.ui is not None
    qtbot.waitUntil(lambda: flow.ui is not None and flow.ui.chats.rowCount() == 1, timeout=WAIT_MS)
    notice = flow.ui.window.notice.text()
    assert "cannot remember your login" in notice and "no keyring" in notice, notice
    assert flow.ui.window.notice.isVisible()
    assert flow.login is not None
    assert files_holding(tmp_path / "app", flow.login.token) == []
    finish(qtbot, flow, task)

    # Next time the dialog asks again, with the server and email filled in.
    flow = AppFlow(cfg)
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)
    assert (flow.dialog.server.text(), flow.dialog.email.text()) == (server.url, email)
    flow.dialog.reject()
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert task.result() == 0


def _expire(url: str, token: str) -> None:
    async def run() -> None:
        db = Database(url)
        try:
            async with db.write() as conn:
                await conn.execute(
                    update(m.AuthToken)
                    .where(m.AuthToken.token_hash == token_hash(token))
                    .values(expires_at=datetime.now(UTC) - timedelta(hours=1))
                )
        finally:
            await db.dispose()

    in_thread(run())


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_a_login_the_server_no_longer_accepts_brings_the_dialog_back(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    how: str,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    start_chat(server, world, "hello")
    ana = login(server, "ana")
    keyring = MemoryKeyring()
    cfg = config(tmp_path, keyring)
    remember_login(cfg, server, ana)
    if how == "revoked":  # logged out elsewhere
        r = httpx.post(server.url + "/auth/logout", headers=ana.headers, timeout=10)
        assert r.status_code == 204
    else:
        _expire(sqlite_url, ana.token)
    flow = AppFlow(cfg)
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)
    dialog = flow.dialog
    assert dialog is not None
    expected = {
        "revoked": "Your login was ended (logged out elsewhere). Please log in again.",
        "expired": "Your login has expired. Please log in again.",
    }[how]
    assert dialog.message.text() == expected
    assert flow.outcomes == [Outcome.UNAUTHORIZED]
    assert keyring.get_password(SERVICE, username(server.url, ana.email)) is None
    assert (dialog.server.text(), dialog.email.text()) == (server.url, ana.email)

    submit(qtbot, flow, server.url, ana.email, PASSWORD)
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)
    fresh = keyring.get_password(SERVICE, username(server.url, ana.email))
    assert fresh is not None and fresh != ana.token
    finish(qtbot, flow, task)


def test_log_out_removes_the_token_and_if_asked_the_cache(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    start_chat(server, world, "hello")
    ana = login(server, "ana")
    keyring = MemoryKeyring()
    cfg = config(tmp_path, keyring)
    remember_login(cfg, server, ana)
    flow = AppFlow(cfg)
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)
    assert flow.ui is not None
    cache_file = flow.ui.path
    assert cache_file.exists()
    flow.ui.window.logoutRequested.emit(True)  # "Log out and delete local data"
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)
    assert flow.dialog is not None and flow.dialog.message.text() == "You have logged out."
    assert keyring.store == {}
    assert not cache_file.exists()
    r = httpx.get(server.url + "/auth/me", headers=ana.headers, timeout=10)
    assert r.status_code == 401  # the server forgot the token too
    flow.dialog.reject()
    qtbot.waitUntil(task.done, timeout=WAIT_MS)


def test_failure_texts() -> None:
    assert failure_text(LoginError(Failure.THROTTLED, retry_after=8)) == (
        "Too many failed attempts. Try again in 8 s."
    )
    assert "not a server address" in failure_text(LoginError(Failure.BAD_ADDRESS, "x"))


class SlowKeyring(MemoryKeyring):
    """A Secret Service that answers after 10 s (a prompt nobody sees, a hung daemon)."""

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(10)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(10)
        super().set_password(service, username, password)


class Heartbeat:
    """A 5 ms timer on the GUI thread: the longest gap between its ticks is the longest
    the event loop was held up."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.timer.start(5)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> None:
        self.timer.stop()


def test_a_keyring_that_answers_after_10_s_does_not_freeze_the_window(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    start_chat(server, world, "hello")
    ana = login(server, "ana")
    slow = SlowKeyring()
    cfg = config(tmp_path / "app", slow)
    remember_login(cfg, server, ana)  # a login the keyring holds: the silent start asks it
    flow = AppFlow(cfg)
    assert flow.show_from_cache() is False
    beat = Heartbeat()
    began = time.monotonic()
    task = run_flow(aio, flow)
    # The silent login's read waits 5 s, then the dialog asks, saying why.
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=WAIT_MS)
    assert 4.5 < time.monotonic() - began < 9
    assert "keyring did not answer" in flow.dialog.message.text()
    reading = beat.longest
    assert reading < 0.05, f"the event loop stalled {reading * 1000:.0f} ms"

    # The keyring is not asked again this run: the login goes on without remembering.
    submit(qtbot, flow, server.url, ana.email, PASSWORD)
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)
    assert flow.ui is not None
    notice = flow.ui.window.notice.text()
    assert "cannot remember your login" in notice and "did not answer within 5 s" in notice
    beat.stop()
    finish(qtbot, flow, task)
    assert flow.outcomes == [Outcome.QUIT]
    print(f"longest stall while the keyring hung: {reading * 1000:.1f} ms")


def test_the_cache_is_in_the_platforms_data_folder_and_the_token_in_the_keyring(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Y4 with nothing moved: no SANGDAM_DATA_DIR, no cache folder given."""
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    start_chat(server, world, "hello")
    monkeypatch.delenv("SANGDAM_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # Linux's data folder
    keyring = MemoryKeyring()
    cfg = Config(config_dir=tmp_path / "config", keyring=keyring)
    cfg.engine_options = config(tmp_path).engine_options
    flow = AppFlow(cfg)
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)
    submit(qtbot, flow, server.url, World.email("ana"), PASSWORD)
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)
    assert flow.ui is not None and flow.login is not None
    token = flow.login.token
    finish(qtbot, flow, task)

    [cache_file] = (tmp_path / "xdg-data").rglob("*.sqlite3")
    assert cache_file.parent == tmp_path / "xdg-data" / "sangdam" / "cache"
    assert keyring.store == {(SERVICE, username(server.url, World.email("ana"))): token}
    assert files_holding(tmp_path, token) == []  # not in the cache, settings or anywhere
