"""A real drop through the window system: files dragged from another application onto
the conversation of the app's main window, under Xvfb, then sent.

Three processes on a private X display (no window manager: Qt's XDND needs none): the
app (tests/desktop/drop_app.py: the real flow and main window, logged in to a live
server, the chat open), a file manager's stand-in (tests/desktop/drag_source.py: a
window that starts a QDrag of file URLs when the button is pressed and the pointer
moves), and xdotool, which presses the button over the source, moves the pointer over
the conversation in steps and releases it there; then clicks Send. Every event goes
through the X server as a mouse's would. The files (Korean names included) end up on
the server, in one message of that chat, byte for byte.
"""

# covers: M1

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

from tests.desktop.support import LiveFactory, login, server_messages, start_chat, world_on
from tests.support.live import ROOT
from tests.support.xdisplay import XDisplay, x_display  # noqa: F401

pytestmark = pytest.mark.timeout(180)

WAIT = 60.0  # seconds for a step (two cores shared by many)
SOURCE_AT = (20, 20)  # the drag source's window; the app's is to its right
APP_AT = (240, 20)


class Child:
    """A Qt process on the display; reads its stdout line by line."""

    def __init__(self, args: list[str], display: XDisplay, log: Path) -> None:
        self.name = args[0]
        self.log_path = log
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", *args],
            cwd=ROOT,
            env={**display.env(), "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=self._log,
        )

    def expect(self, prefix: str, within: float = WAIT) -> str:
        """The next line starting with `prefix` (others are skipped)."""
        out: IO[bytes] | None = self.proc.stdout
        assert out is not None
        os.set_blocking(out.fileno(), False)
        deadline = time.monotonic() + within
        buffer = b""
        while time.monotonic() < deadline:
            chunk = out.readline()
            if chunk:
                buffer += chunk
                if buffer.endswith(b"\n"):
                    line, buffer = buffer.decode().strip(), b""
                    if line.startswith(prefix):
                        return line
                continue
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"no {prefix!r} from {self.name}:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._log.close()


def test_files_dropped_from_another_app_are_attached_and_sent(
    x_display: XDisplay,  # noqa: F811
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "사진이랑 견적서 보내주세요")
    ana = login(server, "ana")
    folder = tmp_path / "내 문서"
    folder.mkdir()
    files = {
        "견적서 (최종).pdf": b"%PDF-1.4\n" + os.urandom(40_000),
        "스크린샷 2026-12-07.png": b"\x89PNG\r\n\x1a\n" + os.urandom(30_000),
        "server log.txt": "로그 한 줄\n".encode() * 500,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)

    app = Child(
        [
            "tests.desktop.drop_app",
            *("--url", server.url, "--email", ana.email, "--token", ana.token),
            *("--workspace", ana.workspace_id, "--manager", ana.manager_id),
            *("--folder", str(tmp_path / "app"), "--chat", chat["chat_id"]),
            *("--at", f"{APP_AT[0]},{APP_AT[1]}", "--files", str(len(files))),
        ],
        x_display,
        tmp_path / "app.log",
    )
    source = Child(
        [
            "tests.desktop.drag_source",
            *("--at", f"{SOURCE_AT[0]},{SOURCE_AT[1]}"),
            *(str(folder / name) for name in files),
        ],
        x_display,
        tmp_path / "source.log",
    )
    try:
        _, x, y, w, h = app.expect("conversation ").split()
        _, send_x, send_y = app.expect("send ").split()
        source.expect("ready")
        target = (int(x) + int(w) // 2, int(y) + int(h) // 2)
        assert target[0] > SOURCE_AT[0] + 200, "the conversation is clear of the source"

        # Press over the source, move in steps (the drag starts on the first move; XDND
        # follows the pointer), release over the conversation.
        xd = x_display.xdotool
        xd("mousemove", str(SOURCE_AT[0] + 80), str(SOURCE_AT[1] + 60))
        xd("mousedown", "1")
        for i in range(1, 11):
            px = SOURCE_AT[0] + 80 + (target[0] - SOURCE_AT[0] - 80) * i // 10
            py = SOURCE_AT[1] + 60 + (target[1] - SOURCE_AT[1] - 60) * i // 10
            xd("mousemove", str(px), str(py))
            time.sleep(0.05)
        time.sleep(0.2)  # the last position reaches the target as an XdndPosition
        xd("mouseup", "1")
        assert source.expect("dropped") == "dropped CopyAction", "the app took the drop"

        attached = app.expect("attached ").removeprefix("attached ").split("|")
        assert sorted(attached) == sorted(files)
        xd("mousemove", send_x, send_y)
        xd("click", "1")
        app.expect("sending")

        # The server gets one message of that chat with the three files, each intact.
        def with_files() -> list[dict[str, Any]]:
            return [
                m
                for m in server_messages(server, ana, chat["chat_id"])
                if any(b.get("type") == "files" for b in m.get("blocks") or [])
            ]

        deadline = time.monotonic() + WAIT
        while not with_files() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        source.stop()
        app.stop()
    sent = with_files()
    assert len(sent) == 1, server_messages(server, ana, chat["chat_id"])
    assert sent[0]["author_kind"] == "manager" and sent[0]["author_id"] == ana.manager_id
    [block] = [b for b in sent[0]["blocks"] if b["type"] == "files"]
    refs = {f["name"]: f for f in block["files"]}
    assert sorted(refs) == sorted(files)
    for name, data in files.items():
        r = httpx.get(f"{server.url}/files/{refs[name]['id']}", headers=ana.headers)
        assert r.status_code == 200 and r.content == data, name
        assert refs[name]["size"] == len(data)
