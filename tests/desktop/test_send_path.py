"""The send path and the drafts: a message the window showed is never lost (the app
SIGKILLed at random moments right after Enter), a failed outbox write puts the text
back with the reason, and drafts survive a restart in their own chat."""

# covers: M7, Y3

from __future__ import annotations

import asyncio
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.sync.reads import CacheReader
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    finish,
    login,
    open_chat,
    server_messages,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.support.live import ROOT

pytestmark = pytest.mark.timeout(240)

KILLS = 20


def texts_on_server(server: Any, who: Any, chat_id: str) -> list[str]:
    return [
        b["text"]
        for m in server_messages(server, who, chat_id)
        for b in m["blocks"]
        if b.get("type") == "text"
    ]


class App:
    """One run of send_app, started early: it imports while the previous run is still
    up, and opens the cache only at `go`."""

    def __init__(self, args: list[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.desktop.send_app", *args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.err = ""  # the end of its stderr, when it failed

    def go(self, *, kill_after: float | None, at: str = "enter") -> list[str]:
        """Let it run; with `kill_after`, SIGKILL it that many seconds after it printed
        `at` (`enter`: just before pressing Enter; `painted`: the bubble is painted).
        Returns what it printed."""
        proc = self.proc
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        lines: list[str] = []
        try:
            assert proc.stdout.readline().strip() == "ready", self.err
            proc.stdin.write("go\n")
            proc.stdin.flush()
            for raw in proc.stdout:
                lines.append(raw.strip())
                if lines[-1].startswith(at) and kill_after is not None:
                    time.sleep(kill_after)
                    proc.send_signal(signal.SIGKILL)
                    break
            lines += [line.strip() for line in proc.stdout]  # printed before it died
            code = proc.wait(30)
            if code != (0 if kill_after is None else -signal.SIGKILL):
                self.err = proc.stderr.read()[-3000:]
        finally:
            self.stop()
        if kill_after is None:
            assert code == 0, self.err
        else:
            assert code == -signal.SIGKILL, (lines, self.err)
            assert "enter" in lines, self.err
        return lines

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def test_killed_right_after_enter_every_message_shown_is_sent_once(
    live_server: LiveFactory, sqlite_url: str, tmp_path: Path
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "start")
    ana = login(server, "ana")
    base = [
        "--url", server.url,
        "--email", ana.email,
        "--token", ana.token,
        "--workspace", ana.workspace_id,
        "--manager", ana.manager_id,
        "--folder", str(tmp_path / "app"),
        "--chat", chat["chat_id"],
    ]  # fmt: skip
    rng = random.Random(12)
    shown: list[str] = []
    began = time.monotonic()
    runs = [App([*base, "--send", f"kill {i}"]) for i in range(2)]
    try:
        for i in range(KILLS):
            # the run after next starts importing now (two at a time at most)
            nxt = [*base, "--drain"] if i + 2 == KILLS else [*base, "--send", f"kill {i + 2}"]
            if i + 2 <= KILLS:
                runs.append(App(nxt))
            # Killed 0-50 ms after Enter; every other run 0-50 ms after its bubble was
            # painted (on a busy machine painting may take longer than 50 ms).
            at = "enter" if i % 2 == 0 else "painted"
            out = runs[i].go(kill_after=rng.uniform(0, 0.05), at=at)
            print(f"kill {i}: {out}")
            if any(line.startswith("painted") for line in out):
                shown.append(f"kill {i}")
        # Started again after the last kill: what the outbox holds goes out.
        assert runs[KILLS].go(kill_after=None)[-1] == "drained"
    finally:
        for run in runs:
            run.stop()
    took = time.monotonic() - began

    on_server = texts_on_server(server, ana, chat["chat_id"])
    sent = [t for t in on_server if t.startswith("kill ")]
    assert len(sent) == len(set(sent)), f"sent twice: {sent}"
    assert [t for t in shown if t not in sent] == [], "shown, then lost"
    # A message killed before its bubble may or may not have reached the outbox.
    assert len(shown) >= KILLS // 2, shown
    print(f"{len(shown)}/{KILLS} painted before the kill, {len(sent)} sent; {took:.1f} s")


def test_a_failed_outbox_write_puts_the_text_back_with_the_reason(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "hello?")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    cid = chat["chat_id"]
    open_chat(qtbot, flow, cid)
    qtbot.waitUntil(lambda: ui.messages.rowCount() == 1, timeout=WAIT_MS)
    cache = flow.cache
    assert cache is not None
    # The disk is full: the cache file may not grow by a page (a real SQLITE_FULL from
    # the engine's own write connection). The long text needs several new pages.
    with cache._writer.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
    text = "A long answer. " * 1200
    edit = ui.window.conversation.composer.edit
    edit.setFocus()
    edit.setPlainText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.window.alert.text() != "", timeout=WAIT_MS)
    assert "could not be saved, so it was not sent" in ui.window.alert.text()
    assert "database or disk is full. It is back" in ui.window.alert.text()  # SQLite's words
    assert edit.toPlainText() == text  # back in the editor, whole
    assert ui.messages.rowCount() == 1  # no bubble
    assert cache.outbox() == []
    qtbot.wait(300)
    assert texts_on_server(server, ana, cid) == ["hello?"]  # nothing sent

    # Room again: the same Enter sends it, and only then the editor empties.
    with cache._writer.connect() as conn:
        conn.exec_driver_sql("PRAGMA max_page_count = 1073741823")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.toPlainText() == "", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: texts_on_server(server, ana, cid) == ["hello?", text], timeout=WAIT_MS)
    finish(qtbot, flow, task)


def test_drafts_survive_a_restart_in_their_own_chat_and_a_sent_one_is_gone(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    a, b, c = (start_chat(server, world, f"chat {n}") for n in "abc")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    composer = ui.window.conversation.composer
    edit = composer.edit
    drafts = CacheReader(ui.path)

    # A: a note, stored once typing stops (no switch, no quit needed)
    open_chat(qtbot, flow, a["chat_id"])
    composer.note_button.click()
    edit.setFocus()
    qtbot.keyClicks(edit, "check the refund first")
    qtbot.waitUntil(lambda: drafts.draft(a["chat_id"]) is not None, timeout=WAIT_MS)
    stored = drafts.draft(a["chat_id"])
    assert stored is not None and (stored.text, stored.note) == ("check the refund first", True)
    # C: typed, stored, then sent: the draft goes with the send
    open_chat(qtbot, flow, c["chat_id"])
    assert edit.toPlainText() == "" and not composer.is_note  # A's draft stays in A
    qtbot.keyClicks(edit, "on its way")
    qtbot.waitUntil(lambda: drafts.draft(c["chat_id"]) is not None, timeout=WAIT_MS)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.toPlainText() == "", timeout=WAIT_MS)
    assert drafts.draft(c["chat_id"]) is None
    # B: typed just before quitting (stored on quit, not by the timer)
    open_chat(qtbot, flow, b["chat_id"])
    qtbot.keyClicks(edit, "half a thou")
    drafts.close()
    finish(qtbot, flow, task)
    assert texts_on_server(server, ana, c["chat_id"]) == ["chat c", "on its way"]

    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    composer = ui.window.conversation.composer
    for chat, text, note in (
        (b, "half a thou", False),
        (a, "check the refund first", True),
        (c, "", False),
    ):
        open_chat(qtbot, flow, chat["chat_id"])
        assert (composer.edit.toPlainText(), composer.is_note) == (text, note), chat["chat_id"]
    finish(qtbot, flow, task)


def test_typing_more_and_switching_chats_while_the_message_is_stored(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    a, b = (start_chat(server, world, f"chat {n}") for n in "ab")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    composer = ui.window.conversation.composer
    edit = composer.edit
    cache = flow.cache
    assert cache is not None
    open_chat(qtbot, flow, a["chat_id"])
    edit.setFocus()
    qtbot.keyClicks(edit, "first")
    # A slow disk: the engine's write waits for the cache's write lock, held here.
    cache._lock.acquire()
    try:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.wait(200)  # the GUI goes on meanwhile
        assert composer.sending(a["chat_id"])
        assert edit.toPlainText() == "first"  # not gone before it is stored
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # a second Enter sends nothing more
        qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(edit, "second")
        open_chat(qtbot, flow, b["chat_id"])  # and off to another chat
        qtbot.keyClicks(edit, "for b")
    finally:
        cache._lock.release()
    drafts = CacheReader(ui.path)
    try:
        # Stored: "first" leaves chat a's draft, what was typed after it stays.
        qtbot.waitUntil(lambda: not composer.sending(a["chat_id"]), timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: (d := drafts.draft(a["chat_id"])) is not None and d.text == "second",
            timeout=WAIT_MS,
        )
        assert edit.toPlainText() == "for b"
        open_chat(qtbot, flow, a["chat_id"])
        assert edit.toPlainText() == "second"
        qtbot.waitUntil(
            lambda: texts_on_server(server, ana, a["chat_id"]) == ["chat a", "first"],
            timeout=WAIT_MS,
        )
        qtbot.wait(300)
        assert texts_on_server(server, ana, a["chat_id"]) == ["chat a", "first"]  # once
    finally:
        drafts.close()
    finish(qtbot, flow, task)
