"""Echo: the agent presses Enter in the composer. How long until the message is on screen
and safe on disk, and until the server has it?

    python -m bench.echo [--sends 50]

The app runs as `sangdam --demo` runs (`AppFlow`, demo mode): its demo server is a
child process on 127.0.0.1 (a fresh SQLite database, seeded), the app logs in, syncs,
and its window is shown (offscreen unless QT_QPA_PLATFORM says otherwise), with a chat
opened from the list. Settings, cache and the demo's database go to a temporary
folder, the keyring is keyring's `null` backend, notifications are counted, not shown,
and the simulated customers stay quiet after the demo's first new chat. Each send types
a unique text into the composer (not timed), then presses Enter: a real key event
(QTest.keyClick) into the real composer.

Clock points, per send (`time.perf_counter`, on the GUI thread):
- start: just before the Enter key event is delivered to the composer.
- painted: the message delegate has painted the row of the new message (the end of
  its paint of that row; the first such paint after Enter).
- durable: the outbox row holding the text is committed. Checked from the bench's own
  read-only sqlite3 connection to the cache file each time the engine announces a
  committed write (the controller's `statusChanged`, which comes first when the number
  waiting in the outbox changed, and `changed`), at the moment that announcement
  reaches the bench's handler on the GUI thread.
- acknowledged: the server has answered the push: that outbox row is marked sent with
  its seq, or already gone because the feed brought the message back (same checks).

echo_ms = max(painted, durable) - start: the bubble shown with its text safe from a
crash (the order of the two depends on the send path; both are needed). ack_ms =
acknowledged - start. Medians over `--sends` (after 5 unmeasured warm-up sends); p90s
and the painted and durable points alone are printed too.

The baseline, in the same process and event loop, each app send followed by one of its
own: a bare window (a QLineEdit over a QListView) whose Enter commits the text to a
SQLite file (WAL, synchronous=FULL, as the cache) on the GUI thread and appends it to
the list, with the same key events and clock points: the least a durable echo takes on
this machine and disk. echo_ratio is the median of the pairs' ratios (app / bare), so a
load that comes and goes on a shared machine weighs on both sides alike.

Targets: echo_ms <= 16 (one frame at 60 Hz), ack_ms <= 50 on loopback.
The last line is JSON: echo_ms, ack_ms, painted_ms, durable_ms, echo_p90_ms, ack_p90_ms,
bare_echo_ms, echo_ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench._support import percentile

if TYPE_CHECKING:
    from desktop.controller.flow import AppFlow
    from desktop.controller.ui import Ui

WARM_UP = 5
TARGET_ECHO_MS = 16.0
TARGET_ACK_MS = 50.0
WAIT = 60.0  # seconds for the demo to be up, and for any one step of a send


@dataclass
class Send:
    """One send's clock points (perf_counter seconds; None until seen)."""

    text: str
    start: float = 0.0
    painted: float | None = None
    durable: float | None = None
    acknowledged: float | None = None

    def done(self) -> bool:
        return None not in (self.painted, self.durable, self.acknowledged)


class Probe:
    """The bench's hooks on the running app: the message delegate's paints and the
    engine's announcements, checked against the cache file through its own connection."""

    def __init__(self, ui: Ui) -> None:
        self.ui = ui
        self.send: Send | None = None
        self.db = sqlite3.connect(f"file:{ui.path}?mode=ro", uri=True, check_same_thread=False)
        delegate = ui.window.conversation.view.delegate
        painted: Callable[[str], None] = delegate._painted  # the end of a row's paint

        def on_painted(message_id: str) -> None:
            painted(message_id)
            send = self.send
            if send is not None and send.painted is None and self._is_new(message_id, send):
                send.painted = time.perf_counter()

        delegate._painted = on_painted  # type: ignore[method-assign]
        # The engine tells the window first how many wait in the outbox (when that
        # changes), then what changed: whichever comes first after a commit.
        ui.controller.statusChanged.connect(self.on_news)
        ui.controller.changed.connect(self.on_news)

    def _is_new(self, message_id: str, send: Send) -> bool:
        row = self.ui.messages.row_of(message_id)
        item = self.ui.messages.item(row) if row is not None else None
        blocks = item.message.get("blocks") or [] if item is not None else []
        return any(b.get("text") == send.text for b in blocks)

    def on_news(self, _news: object) -> None:
        at = time.perf_counter()
        send = self.send
        if send is None or send.acknowledged is not None:
            return
        row = self.db.execute(
            "SELECT status FROM outbox WHERE name = 'send_message' AND args LIKE ?",
            (f'%"{send.text}"%',),
        ).fetchone()
        status = None if row is None else str(row[0])
        if send.durable is None:
            if status is None:
                return
            send.durable = at
        if status != "pending":  # sent (the push's answer) or gone (the feed's echo)
            send.acknowledged = at

    def close(self) -> None:
        for signal in (self.ui.controller.statusChanged, self.ui.controller.changed):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(self.on_news)
        self.db.close()


async def until[T](what: str, probe: Callable[[], T | None], task: asyncio.Task[int]) -> T:
    deadline = time.monotonic() + WAIT
    while True:
        got = probe()
        if got:
            return got
        if task.done():
            raise RuntimeError(f"the app ended while waiting for {what}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {WAIT:g} s for {what}")
        await asyncio.sleep(0.002)


async def measure(flow: AppFlow, folder: Path, sends: int) -> tuple[list[Send], list[Send]]:
    """The app's sends and the bare window's, alternating: (the app's, the bare's)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.sync.status import Phase

    task = asyncio.create_task(flow.run(), name="app-flow")
    try:
        ui = await until("the main window", lambda: flow.ui, task)
        await until(
            "the app to be online with the demo server",
            lambda: (s := ui.window.status_line.status) is not None and s.phase is Phase.ONLINE,
            task,
        )
        first = await until("a chat in the list", lambda: ui.chats.item(0), task)
        bare = BareEcho(folder / "bare.sqlite3")
        ui.window.activateWindow()
        ui.window.chat_list.select_chat(first.id)  # as a click on the chat's row does
        await until("the chat to open", lambda: ui.messages.chat_id == first.id, task)
        composer = ui.window.conversation.composer
        await until("the composer to accept a reply", composer.isEnabled, task)
        await until("the chat's messages", ui.messages.rowCount, task)
        edit = composer.edit
        edit.setFocus()
        await asyncio.sleep(0.2)
        probe = Probe(ui)
        done: list[Send] = []
        baseline: list[Send] = []
        try:
            for i in range(sends + WARM_UP):
                send = Send(f"echo {i} {uuid.uuid4().hex[:12]}")
                QTest.keyClicks(edit, send.text)
                await asyncio.sleep(0.03)  # typing is not timed; let it settle
                probe.send = send
                send.start = time.perf_counter()
                QTest.keyClick(edit, Qt.Key.Key_Return)
                # the GUI thread waits in Qt's event loop, as it would for a person
                await until(f"send {i} to be painted, durable and acknowledged", send.done, task)
                probe.send = None
                if edit.toPlainText():
                    raise RuntimeError(f"the composer still holds {edit.toPlainText()!r}")
                await asyncio.sleep(0.05)
                other = await bare.send(send.text, task)
                if i >= WARM_UP:
                    done.append(send)
                    baseline.append(other)
                await asyncio.sleep(0.05)
        finally:
            probe.close()
            bare.close()
        return done, baseline
    finally:
        flow.quit()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.shield(task), 30)


class BareEcho:
    """The baseline: the least a durable echo can be on this machine. A bare window (a
    line edit over a list view, Qt's default delegate) whose Enter commits the text to a
    SQLite file (WAL, synchronous=FULL, as the cache) on the GUI thread, then appends
    it to the list; same key events, same clock points (painted: the delegate painted
    the new row; durable, and acknowledged: the commit returned)."""

    def __init__(self, path: Path) -> None:
        from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import (
            QLineEdit,
            QListView,
            QStyledItemDelegate,
            QStyleOptionViewItem,
            QVBoxLayout,
            QWidget,
        )

        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        self.current: Send | None = None
        bare = self

        class Delegate(QStyledItemDelegate):
            def paint(
                self,
                painter: QPainter,
                option: QStyleOptionViewItem,
                index: QModelIndex | QPersistentModelIndex,
            ) -> None:
                super().paint(painter, option, index)
                send = bare.current
                if send is not None and send.painted is None and index.data() == send.text:
                    send.painted = time.perf_counter()

        self.window = QWidget()
        self.window.resize(1280, 800)
        self.model = QStringListModel(self.window)
        self.view = QListView(self.window)
        self.view.setModel(self.model)
        self.view.setItemDelegate(Delegate(self.view))
        self.edit = QLineEdit(self.window)
        layout = QVBoxLayout(self.window)
        layout.addWidget(self.view)
        layout.addWidget(self.edit)
        self.edit.returnPressed.connect(self._enter)
        self.window.show()

    def _enter(self) -> None:
        text = self.edit.text()
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO outbox (text) VALUES (?)", (text,))
        self.db.execute("COMMIT")
        if self.current is not None:
            self.current.durable = self.current.acknowledged = time.perf_counter()
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        self.model.setData(self.model.index(row), text)
        self.view.scrollToBottom()
        self.edit.clear()

    async def send(self, text: str, task: asyncio.Task[int]) -> Send:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        send = Send(text)
        QTest.keyClicks(self.edit, text)
        await asyncio.sleep(0.03)
        self.current = send
        send.start = time.perf_counter()
        QTest.keyClick(self.edit, Qt.Key.Key_Return)
        await until("the bare window to show a send", send.done, task)
        self.current = None
        return send

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.db.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sends", type=int, default=50)
    args = p.parse_args()
    if args.sends < 1:
        p.error("--sends must be at least 1")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import qasync  # type: ignore[import-untyped]
    from keyring.backends import null

    from desktop.app import asyncgen_hooks, make_app
    from desktop.controller.flow import AppFlow, Config
    from desktop.selftest import CountingSink

    app = make_app()
    with tempfile.TemporaryDirectory(prefix="sangdam-echo-") as tmp:
        folder = Path(tmp)
        config = Config(
            config_dir=folder / "config",
            cache_dir=folder / "cache",
            demo_dir=folder / "demo",
            keyring=null.Keyring(),  # type: ignore[no-untyped-call]
            demo_new_chat_every=86_400.0,  # the customers stay quiet
            demo_message_every=86_400.0,
        )
        flow = AppFlow(config, demo=True)
        flow.sink = CountingSink()  # before the first window takes it
        began = time.monotonic()

        async def run() -> tuple[list[Send], list[Send]]:
            with asyncgen_hooks():
                return await measure(flow, folder, args.sends)

        sends, bare = asyncio.run(run(), loop_factory=lambda: qasync.QEventLoop(app))
    took = time.monotonic() - began

    def ms(point: str, of: list[Send]) -> list[float]:
        return [(getattr(s, point) - s.start) * 1000 for s in of]

    painted, durable, acked = ms("painted", sends), ms("durable", sends), ms("acknowledged", sends)
    echo = [max(a, b) for a, b in zip(painted, durable, strict=True)]
    bare_echo = [max(a, b) for a, b in zip(ms("painted", bare), ms("durable", bare), strict=True)]
    bare_ms = statistics.median(bare_echo)
    first_durable = sum(1 for a, b in zip(painted, durable, strict=True) if b <= a)
    figures = {
        "echo_ms": round(statistics.median(echo), 2),
        "ack_ms": round(statistics.median(acked), 2),
        "painted_ms": round(statistics.median(painted), 2),
        "durable_ms": round(statistics.median(durable), 2),
        "echo_p90_ms": round(percentile(echo, 90), 2),
        "ack_p90_ms": round(percentile(acked, 90), 2),
        "bare_echo_ms": round(bare_ms, 2),
        "echo_ratio": round(
            statistics.median(a / b for a, b in zip(echo, bare_echo, strict=True)), 2
        ),
    }
    print(
        f"{len(sends)} sends (+{WARM_UP} warm-up) to the demo server on 127.0.0.1, each "
        f"followed by one in the bare window ({took:.1f} s in all)"
    )
    print(
        f"painted {figures['painted_ms']} ms, durable {figures['durable_ms']} ms (medians; "
        f"durable before painted in {first_durable} of {len(sends)})"
    )
    print(
        f"echo (painted and durable): median {figures['echo_ms']} ms, p90 "
        f"{figures['echo_p90_ms']} ms (target <= {TARGET_ECHO_MS:g}) "
        f"{'ok' if figures['echo_ms'] <= TARGET_ECHO_MS else 'ABOVE TARGET'}"
    )
    print(
        f"bare window (a commit and a list row): median {figures['bare_echo_ms']} ms; "
        f"the app takes {figures['echo_ratio']}x that (median of the pairs)"
    )
    print(
        f"acknowledged by the server: median {figures['ack_ms']} ms, p90 "
        f"{figures['ack_p90_ms']} ms (target <= {TARGET_ACK_MS:g}) "
        f"{'ok' if figures['ack_ms'] <= TARGET_ACK_MS else 'ABOVE TARGET'}"
    )
    print(json.dumps(figures))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
