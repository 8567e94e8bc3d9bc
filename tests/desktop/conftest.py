"""What the desktop (Qt) tests share: offscreen Qt, a qasync loop that runs while
pytest-qt waits, and a private Secret Service for the keyring tests.

The loop is `qasync.QEventLoop(qapp, already_running=True)` (PLATFORM-NOTES pattern 2):
Qt's event loop runs inside `qtbot.waitUntil`, and with it every asyncio task of the app
(the sync engine, the login flow). So these tests are plain `def` tests: a `waitUntil`
inside an `async def` test would never let the tasks run.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
os.environ.pop("QT_API", None)

import asyncio
import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REQUIRED = os.environ.get("SANGDAM_REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def _qasync_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """One qasync loop for the session. It is never stopped: stopping it calls
    QCoreApplication.exit(), after which every QEventLoop.exec() (so every qtbot.wait)
    returns at once."""
    import qasync  # type: ignore[import-untyped]

    qapp.setQuitOnLastWindowClosed(False)  # as the app's own QApplication
    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)  # running only while a test uses it
    yield loop
    # The end of the session: now it may stop, and its worker threads with it.
    asyncio.events._set_running_loop(loop)
    loop.stop()
    asyncio.events._set_running_loop(None)
    with contextlib.suppress(Exception):
        loop.close()


@pytest.fixture(scope="session", autouse=True)
def _english(qapp: Any) -> None:
    """The app always loads a translation (SPEC D2); the tests read English, whatever
    the machine's language (test_translations switches to Korean and back)."""
    from desktop import i18n

    i18n.install(qapp, "en")


@pytest.fixture
def aio(_qasync_loop: asyncio.AbstractEventLoop, qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    """The asyncio loop on Qt's event loop, running whenever Qt's does (in waitUntil)."""
    loop = _qasync_loop
    asyncio.events._set_running_loop(loop)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        deadline = time.monotonic() + 10
        while any(not t.done() for t in pending) and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.005)
        for _ in range(5):
            qapp.processEvents()
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)


@pytest.fixture(autouse=True)
def _no_button_held(qapp: Any) -> Iterator[None]:
    """Each test starts and ends with no mouse button held down. Qt keeps the buttons'
    state for the whole application, and the chat list holds its rows still while a
    button is down (desktop/views/hold: a choice "by the agent's hand"), so one press an
    earlier test never released froze the lists of every test after it."""
    _release_buttons(qapp)
    yield
    _release_buttons(qapp)


@pytest.fixture(autouse=True)
def _no_modal_left_open(qapp: Any) -> Iterator[None]:
    """A test that leaves a modal dialog or a popup open fails here, and the dialog is
    closed. Left open, it takes the pointer and keys of every window that later tests
    show: one form an admin-page test saved but never closed (it waits for the server's
    answer) froze the chat lists of thirty tests after it, far from the cause."""
    yield
    from PySide6.QtWidgets import QApplication

    left: list[str] = []
    for _ in range(20):
        widget = QApplication.activeModalWidget() or QApplication.activePopupWidget()
        if widget is None:
            break
        left.append(f"{type(widget).__name__} {widget.objectName()!r}")
        widget.close()
        qapp.processEvents()
    assert not left, f"the test left open: {', '.join(left)}"


def _release_buttons(qapp: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    held = qapp.mouseButtons()
    if held == Qt.MouseButton.NoButton:
        return
    spot = QWidget()
    spot.resize(8, 8)
    spot.show()
    for button in (
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.RightButton,
        Qt.MouseButton.MiddleButton,
    ):
        if held & button:
            QTest.mouseRelease(spot, button)
    spot.close()
    spot.deleteLater()


@pytest.fixture(autouse=True)
def _no_stray_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app sends native notifications; no test may pop one on the developer's own
    desktop. Its session bus is one that does not exist, unless the test starts its own
    (`notification_bus`, `secret_service`)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/sangdam-test-bus")


class SecretService:
    """A private D-Bus session bus with gnome-keyring's Secret Service on it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "data").mkdir(parents=True)
        (root / "run").mkdir(mode=0o700)
        out = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.split()
        self.address, self.bus_pid = out[0], int(out[1])
        env = {
            **os.environ,
            "DBUS_SESSION_BUS_ADDRESS": self.address,
            "XDG_DATA_HOME": str(root / "data"),
            "XDG_RUNTIME_DIR": str(root / "run"),
            "HOME": str(root),
        }
        self.daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert self.daemon.stdin is not None
        self.daemon.stdin.write(b"test-keyring-password")
        self.daemon.stdin.close()

    def backend(self) -> Any:
        """A SecretService keyring backend on this bus (once the daemon answers)."""
        from keyring.backends import SecretService as ss

        deadline = time.monotonic() + 15
        while True:
            try:
                kr = ss.Keyring()
                kr.get_password("sangdam-probe", "probe")
                return kr
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        if self.daemon.poll() is None:
            self.daemon.terminate()
            try:
                self.daemon.wait(5)
            except subprocess.TimeoutExpired:
                self.daemon.kill()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.bus_pid, 15)


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    """A real Secret Service (gnome-keyring) on a private bus, for this test only."""
    missing = [p for p in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(p) is None]
    if missing:
        why = f"{' and '.join(missing)} not installed (apt-get install gnome-keyring dbus-daemon)"
        if REQUIRED:
            pytest.fail(f"the Secret Service is required (SANGDAM_REQUIRE_SERVICES=1): {why}")
        pytest.skip(why)
    service = SecretService(tmp_path / "keyring")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)
    try:
        yield service
    finally:
        service.stop()
