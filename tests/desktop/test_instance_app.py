"""The single instance for real: `python -m desktop` as one process, a second launch as
another. The second hands its `sangdam://` link (or `--demo`) to the first and exits 0;
the first opens that chat, or says what is wrong with the link; a socket left by a
killed instance does not stop the next start; `--demo` twice is one demo server.

What the first instance did is read from its log (INFO: the chat it opened, the
sentence it showed the agent), as the window is in another process.
"""

# covers: H4, D4

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from desktop.controller.flow import Config
from tests.desktop.support import login, remember_login, start_chat, world_on
from tests.support.file_keyring import ENV as KEYRING_ENV
from tests.support.file_keyring import FileKeyring
from tests.support.live import ROOT, LiveServer

pytestmark = pytest.mark.timeout(180)

WAIT = 30.0  # seconds for the app to do what it is asked (two cores shared by many)


class App:
    """`python -m desktop ...` with its own folders, its log in a file."""

    def __init__(self, root: Path, *args: str, name: str = "app") -> None:
        self.log_path = root / f"{name}.log"
        self.env = app_env(root)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--log-level", "INFO", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log_path.open("wb"),
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, text: str, timeout: float = WAIT) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.log()
            if text in log:
                return log
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not in the app's log:\n{self.log()[-3000:]}")

    def socket_path(self) -> str:
        line = self.wait_log("listening for other launches on ")
        return line.split("listening for other launches on ", 1)[1].split()[0]

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # as closing the window
        return self.proc.wait(30)


def app_env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SANGDAM_CONFIG_DIR": str(root / "config"),
        "SANGDAM_DATA_DIR": str(root / "data"),
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        KEYRING_ENV: str(root / "keyring.json"),
        "PYTHONUNBUFFERED": "1",
    }


def second(root: Path, *args: str) -> tuple[int, float, str]:
    """Another launch in the same folders: its exit code, how long it took, its stderr."""
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=app_env(root),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, time.monotonic() - began, done.stderr


def link(url: str, chat_id: str) -> str:
    return f"sangdam://chat/{chat_id}?server={quote(url, safe='')}"


@pytest.fixture
def apps() -> Iterator[list[App]]:
    started: list[App] = []
    yield started
    for app in started:
        if app.proc.poll() is None:
            app.proc.kill()
            app.proc.wait(10)


def test_a_second_launch_hands_its_link_to_the_first_and_a_stale_socket_blocks_nothing(
    live_server: object, sqlite_url: str, tmp_path: Path, apps: list[App]
) -> None:
    world = world_on(sqlite_url)
    server: LiveServer = live_server(sqlite_url)  # type: ignore[operator]
    chat = start_chat(server, world, "open me from a link")
    ana = login(server, "ana")
    cfg = Config(
        config_dir=tmp_path / "config",
        cache_dir=tmp_path / "data" / "cache",
        keyring=FileKeyring(tmp_path / "keyring.json"),
    )
    remember_login(cfg, server, ana)  # the first instance logs in silently

    first = App(tmp_path)
    apps.append(first)
    socket_path = first.socket_path()
    code, took, err = second(tmp_path, link(server.url, chat["chat_id"]))
    assert code == 0, err
    assert took < 10, f"a second launch took {took:.1f} s"
    first.wait_log(f"opened chat {chat['chat_id']} from a link")

    code, _, err = second(tmp_path, "sangdam://chat/12345?server=" + quote(server.url))
    assert code == 0, err
    first.wait_log("told the agent: This link cannot be opened: the chat id in it is not valid")
    other = link("https://inbox.elsewhere.example", chat["chat_id"])
    code, _, err = second(tmp_path, other)
    assert code == 0, err
    first.wait_log(
        "told the agent: This link is for a chat on https://inbox.elsewhere.example, "
        f"but Sangdam is logged in to {server.url}"
    )
    code, _, err = second(tmp_path, "--demo")
    assert code == 0, err
    first.wait_log("the demo was not started")
    assert first.proc.poll() is None, "still the one instance"

    # A crash (SIGKILL) leaves the socket file; the next start removes it and listens.
    first.proc.kill()
    first.proc.wait(10)
    assert os.path.exists(socket_path)
    again = App(tmp_path, link(server.url, chat["chat_id"]), name="again")
    apps.append(again)
    again.wait_log(f"listening for other launches on {socket_path}")
    again.wait_log(f"opened chat {chat['chat_id']} from a link")  # a link from a cold start
    code, _, err = second(tmp_path)
    assert code == 0, err
    assert again.stop() == 0
    assert not os.path.exists(socket_path), "a clean exit leaves no socket behind"


def demo_servers(root: Path) -> list[tuple[int, int]]:
    """(pid, port) of every demo server process serving this test's demo database."""
    database = str(root / "data" / "demo" / "demo.db")
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:
            continue
        if "serve" in argv and any(database in a for a in argv) and "--port" in argv:
            found.append((int(entry.name), int(argv[argv.index("--port") + 1])))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts processes through /proc")
def test_demo_twice_is_one_app_and_one_demo_server(tmp_path: Path, apps: list[App]) -> None:
    first = App(tmp_path, "--demo")
    apps.append(first)
    first.socket_path()
    deadline = time.monotonic() + 120  # the first start seeds the demo workspace
    while not demo_servers(tmp_path) and time.monotonic() < deadline:
        assert first.proc.poll() is None, first.log()[-3000:]
        time.sleep(0.1)
    [(_, port)] = demo_servers(tmp_path)
    url = f"http://127.0.0.1:{port}"
    with sqlite3.connect(tmp_path / "data" / "demo" / "demo.db") as db:
        (chat_id,) = db.execute(
            "SELECT id FROM chat WHERE state = 'open' ORDER BY last_message_at DESC LIMIT 1"
        ).fetchone()
    chat_id = str(chat_id)
    if len(chat_id) == 32:  # SQLite keeps UUIDs as hex
        chat_id = f"{chat_id[:8]}-{chat_id[8:12]}-{chat_id[12:16]}-{chat_id[16:20]}-{chat_id[20:]}"

    code, _, err = second(tmp_path, "--demo", link(url, chat_id))
    assert code == 0, err
    first.wait_log(f"opened chat {chat_id} from a link", timeout=120)
    assert len(demo_servers(tmp_path)) == 1, "no second demo server"
    code, _, err = second(tmp_path)  # the plain app, while the demo runs
    assert code == 0, err
    first.wait_log("The Sangdam demo is running, so Sangdam was not started again")
    assert len(demo_servers(tmp_path)) == 1
    assert first.stop() == 0
    assert demo_servers(tmp_path) == [], "closing the app stops its demo server"
