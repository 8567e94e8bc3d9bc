"""`sangdam --selftest`: proof that this installation works, from the venv or the bundle.

It runs the app's real flow offscreen (`QT_QPA_PLATFORM=offscreen` unless set): the demo
login against the embedded demo server, the main window, a chat opened from the list, a
reply typed into the composer and sent through the controller and the outbox, until the
server's feed confirms it (the message gets its seq). Each step is printed with its time
since start-up; any failure, or SELFTEST_TIMEOUT passing, ends it with exit code 1 and
the reason on stderr.

It never touches the agent's own data: the settings, caches and the demo's database go
to a temporary folder (SANGDAM_CONFIG_DIR, SANGDAM_DATA_DIR), the keyring is keyring's
null backend, and notifications are counted instead of shown.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import resources
from desktop.launcher import is_frozen
from desktop.notify.sink import DesktopSink

if TYPE_CHECKING:
    import asyncio

    from desktop.controller.flow import AppFlow
    from desktop.controller.ui import Ui

SELFTEST_TIMEOUT = 60.0  # seconds, for the whole run; SANGDAM_SELFTEST_TIMEOUT overrides


class SelfTestFailed(RuntimeError):
    """A step did not happen; the message says which and why."""


class CountingSink(DesktopSink):
    """Notifications counted, not shown: a self-test pops nothing on anyone's desktop."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    async def send(self, title: str, body: str) -> str | None:
        self.sent += 1
        return f"selftest-{self.sent}"

    async def clear(self, identifier: str) -> None:
        return None

    async def clear_all(self) -> None:
        return None


class Clock:
    def __init__(self, started: float) -> None:
        self.started = started  # time.perf_counter() when main() began
        self.marks: dict[str, float] = {}

    def mark(self, step: str, detail: str = "") -> None:
        at = time.perf_counter() - self.started
        self.marks[step] = at
        print(f"selftest: {step:<14} {at:7.3f} s  {detail}".rstrip(), flush=True)


def prepare(folder: Path) -> None:
    """Offscreen Qt and a private data/config folder, before anything reads them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SANGDAM_CONFIG_DIR"] = str(folder / "config")
    os.environ["SANGDAM_DATA_DIR"] = str(folder / "data")


def timeout_from_env() -> float:
    text = os.environ.get("SANGDAM_SELFTEST_TIMEOUT", "")
    try:
        value = float(text) if text else SELFTEST_TIMEOUT
    except ValueError:
        raise SelfTestFailed(
            f"SANGDAM_SELFTEST_TIMEOUT is not a number of seconds: {text!r}"
        ) from None
    if value <= 0:
        raise SelfTestFailed(f"SANGDAM_SELFTEST_TIMEOUT must be above 0, not {text}")
    return value


def watchdog(seconds: float) -> threading.Timer:
    """Ends the process if the self-test hangs where its own timeout cannot fire (a modal
    dialog's nested event loop, a wedged thread): a CI gate must fail, never wait."""

    def fire() -> None:
        print(f"selftest: FAILED: hung for {seconds:g} s", file=sys.stderr, flush=True)
        os._exit(1)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    return timer


def run(started: float) -> int:
    try:
        timeout = timeout_from_env()
        dog = watchdog(timeout + 60)  # the steps' timeout, then 30 s to stop, then some
        try:
            with tempfile.TemporaryDirectory(prefix="sangdam-selftest-") as tmp:
                prepare(Path(tmp))
                print(f"selftest: data in {tmp} (removed at the end)", flush=True)
                return _run(Clock(started), timeout)
        finally:
            dog.cancel()  # a self-test run inside another process (a test) ends its dog
    except SelfTestFailed as exc:
        print(f"selftest: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1


def _run(clock: Clock, timeout: float) -> int:
    import asyncio

    import qasync  # type: ignore[import-untyped]
    from keyring.backends import null

    from desktop.app import asyncgen_hooks, make_app
    from desktop.controller.flow import AppFlow, Config

    app = make_app()
    clock.mark(
        "qt-ready",
        f"platform {app.platformName()}, {'bundle' if is_frozen() else 'venv'}",
    )
    config = Config.from_env()
    config.keyring = null.Keyring()  # type: ignore[no-untyped-call]
    flow = AppFlow(config, demo=True)
    sink = CountingSink()
    flow.sink = sink  # before the first window takes it

    async def main() -> int:
        with asyncgen_hooks():
            task = asyncio.create_task(flow.run(), name="app-flow")
            try:
                await asyncio.wait_for(_steps(clock, flow, task), timeout)
            except TimeoutError:
                raise SelfTestFailed(
                    f"timed out after {timeout:g} s; the last step done was "
                    f"{list(clock.marks)[-1]!r}"
                ) from None
            finally:
                _close_message_boxes()
                flow.quit()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(asyncio.shield(task), 30)
            if not task.done():
                raise SelfTestFailed("the app did not stop within 30 s of quitting")
            code = task.result()
            if code != 0:
                raise SelfTestFailed(f"the app's flow ended with {code}")
            clock.mark("stopped", f"demo server stopped, {sink.sent} notification(s) counted")
            return 0

    code: int = asyncio.run(main(), loop_factory=lambda: qasync.QEventLoop(app))
    print(f"selftest: ok in {time.perf_counter() - clock.started:.2f} s", flush=True)
    return code


async def _steps(clock: Clock, flow: AppFlow, task: asyncio.Task[int]) -> None:
    from desktop.sync.status import Phase

    await _until(task, lambda: _any_window_shown(), "a first window")
    clock.mark("first-window", f"at {time.time():.6f} (unix time)")
    ui = await _until(task, lambda: _main_window(flow), "the main window")
    sizes = len(ui.window.windowIcon().availableSizes())
    if sizes == 0:
        raise SelfTestFailed(f"the window has no icon: none in {resources.icons_dir()}")
    clock.mark("main-window", f"{ui.window.windowTitle()!r}, its icon in {sizes} sizes")
    await _until(
        task,
        lambda: (s := ui.window.status_line.status) is not None and s.phase is Phase.ONLINE,
        "the app to be online with the demo server",
    )
    clock.mark("online", flow.demo_server.url if flow.demo_server else "")
    first = await _until(task, lambda: ui.chats.item(0), "a chat in the list")
    clock.mark("chats-listed", f"{ui.chats.rowCount()} chats in the list")

    ui.window.chat_list.select_chat(first.id)  # as a click on the chat's row does
    await _until(task, lambda: ui.messages.chat_id == first.id, "the chat to open")
    composer = ui.window.conversation.composer
    await _until(task, composer.isEnabled, "the composer to accept a reply")
    await _until(task, ui.messages.rowCount, "the chat's messages")
    clock.mark("chat-open", f"{ui.messages.rowCount()} messages shown")

    text = f"Self-test {uuid.uuid4().hex[:8]}"
    composer.edit.setPlainText(text)
    composer.send_button.click()
    await _until(task, lambda: _message(ui, text) is not None, "the reply to be shown")
    clock.mark("sent", repr(text))
    seq = await _until(
        task,
        lambda: (m := _message(ui, text)) is not None and m[1] and m[0],
        "the server to acknowledge the reply",
    )
    clock.mark("acknowledged", f"the feed confirmed it as seq {seq}")


def _message(ui: Ui, text: str) -> tuple[str, bool] | None:
    """The shown message with this text: (its seq or "pending", whether confirmed)."""
    model = ui.messages
    for row in range(model.rowCount() - 1, -1, -1):
        item = model.item(row)
        if item is None:
            continue
        blocks = item.message.get("blocks") or []
        if any(b.get("text") == text for b in blocks):
            if item.failed_reason:
                raise SelfTestFailed(f"the reply failed: {item.failed_reason}")
            return (str(item.seq) if item.seq is not None else "pending", not item.pending)
    return None


async def _until[T](task: asyncio.Task[int], probe: Callable[[], T | None], what: str) -> T:
    """Wait for `probe` to give something; fail at once if the app ended or shows an
    error box instead."""
    import asyncio

    while True:
        got = probe()
        if got:
            return got
        if task.done():
            error = task.exception()
            raise SelfTestFailed(
                f"the app ended while waiting for {what}"
                + (f": {type(error).__name__}: {error}" if error else "")
            )
        box = _message_box_text()
        if box:
            raise SelfTestFailed(f"waiting for {what}, the app said: {box}")
        await asyncio.sleep(0.01)


def _any_window_shown() -> bool:
    from PySide6.QtWidgets import QApplication

    return any(w.isVisible() for w in QApplication.topLevelWidgets())


def _main_window(flow: AppFlow) -> Ui | None:
    ui = flow.ui
    return ui if ui is not None and ui.window.isVisible() else None


def _message_box_text() -> str:
    from PySide6.QtWidgets import QApplication, QMessageBox

    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            return w.text()
    return ""


def _close_message_boxes() -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.reject()
