"""The single instance's handshake (desktop.instance) with real local sockets: a second
launch's request reaches the running one and is acknowledged; a stale socket left by a
crash, a silent instance and a malformed message are each handled as they should be.
The whole app in two processes is in test_instance_app.py."""

from __future__ import annotations

import concurrent.futures
import logging
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDir

from desktop import instance
from desktop.instance import NoAnswer, Primary, Request

pytestmark = pytest.mark.timeout(60)


def fresh_name() -> str:
    return f"sangdam-test-{uuid.uuid4().hex[:12]}"


ROOT = Path(__file__).resolve().parents[2]
SECOND = """
import sys
from desktop import instance
request = instance.Request(sys.argv[2] or None, sys.argv[3] == "demo")
try:
    print("handed" if instance.hand_over(sys.argv[1], request) else "nobody")
except instance.NoAnswer as exc:
    print(f"no answer: {exc}")
"""


def second_launch(qtbot: Any, name: str, request: Request) -> str:
    """What a second launch's hand-over says, from another process (Qt's blocking
    socket calls hold the GIL: in a thread of this process they would stall the loop
    that must answer them)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SECOND, name, request.link or "", "demo" if request.demo else ""],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20_000)
    assert proc.returncode == 0 and proc.stdout is not None
    return proc.stdout.read().strip()


def in_thread(fn: Any, *args: Any) -> concurrent.futures.Future[Any]:
    """Plain Python socket calls (they let go of the GIL) while Qt's loop runs here."""
    pool = concurrent.futures.ThreadPoolExecutor(1)
    future = pool.submit(fn, *args)
    pool.shutdown(wait=False)
    return future


def test_a_request_is_one_short_line_and_anything_else_is_refused() -> None:
    request = Request("sangdam://chat/x?server=http://a", demo=True)
    data = request.encode()
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    assert Request.decode(data.strip()) == request
    assert Request.decode(Request().encode()) == Request(None, False)
    for bad in (
        b"garbage",
        b"[1, 2]",
        b'{"v": 2, "link": null}',
        b'{"v": 1, "link": 5}',
        b'{"v": 1, "demo": "yes"}',
        b"\xff\xfe",
        b'{"v": 1, "link": "' + b"a" * instance.MAX_MESSAGE + b'"}',
    ):
        with pytest.raises((ValueError, UnicodeDecodeError)):
            Request.decode(bad)
    # an absurdly long argument is not sent; the launch still hands over (and comes up)
    huge = Request("x" * (instance.MAX_MESSAGE * 2), demo=True).encode()
    assert len(huge) <= instance.MAX_MESSAGE and Request.decode(huge) == Request(None, True)


def test_the_name_is_per_user_and_per_folder(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    name = instance.instance_name(a, b, user="ana")
    assert name == instance.instance_name(a / "x" / "..", b, user="ana")  # resolved
    assert name.startswith("sangdam-") and len(name) < 40  # short: a socket path is limited
    assert name != instance.instance_name(a, b, user="ben")
    assert name != instance.instance_name(a, a, user="ana")
    assert name != instance.instance_name(b, b, user="ana")


def test_the_name_follows_the_folders_the_app_will_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANGDAM_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("SANGDAM_DATA_DIR", str(tmp_path / "one"))
    one = instance.name_from_env()
    monkeypatch.setenv("SANGDAM_DATA_DIR", str(tmp_path / "two"))
    assert instance.name_from_env() != one
    monkeypatch.setenv("SANGDAM_DATA_DIR", str(tmp_path / "one"))
    assert instance.name_from_env() == one


def test_a_second_launch_hands_over_and_is_acknowledged(qtbot: Any) -> None:
    name = fresh_name()
    primary = Primary(name)
    assert primary.listen()
    got: list[Request] = []
    primary.requested.connect(got.append)
    try:
        asked = Request(f"sangdam://chat/{uuid.uuid4()}?server=http://a", demo=False)
        assert second_launch(qtbot, name, asked) == "handed"
        assert got == [asked]
        # and again: the connection was closed, the next launch is served too
        assert second_launch(qtbot, name, Request(None, demo=True)) == "handed"
        assert got[-1] == Request(None, True)
    finally:
        primary.close()
    assert instance.hand_over(name, Request()) is False  # closed: nobody answers


@pytest.mark.skipif(sys.platform == "win32", reason="a stale socket file is a Unix matter")
def test_a_stale_socket_from_a_crash_never_blocks_a_start(qtbot: Any) -> None:
    name = fresh_name()
    path = os.path.join(QDir.tempPath(), name)
    crashed = socket.socket(socket.AF_UNIX)
    crashed.bind(path)  # what a killed instance leaves: the file, nobody listening
    crashed.close()
    assert os.path.exists(path)
    assert instance.hand_over(name, Request()) is False
    primary = instance.start_or_hand_over(name, Request())
    assert primary is not None and primary.listening
    try:
        assert second_launch(qtbot, name, Request()) == "handed"
    finally:
        primary.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a plain Unix socket stands in")
def test_an_instance_that_never_answers_is_reported_not_waited_on_forever() -> None:
    name = fresh_name()
    path = os.path.join(QDir.tempPath(), name)
    hung = socket.socket(socket.AF_UNIX)
    hung.bind(path)
    hung.listen(1)
    try:
        with pytest.raises(NoAnswer, match="did not answer"):
            instance.hand_over(name, Request(), wait=0.3)
    finally:
        hung.close()
        os.unlink(path)


@pytest.mark.skipif(sys.platform == "win32", reason="a plain Unix socket stands in")
def test_a_malformed_message_is_ignored_with_a_log_line(
    qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    name = fresh_name()
    primary = Primary(name)
    assert primary.listen()
    got: list[Request] = []
    primary.requested.connect(got.append)

    def send_raw(data: bytes) -> bytes:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(10)
            s.connect(os.path.join(QDir.tempPath(), name))
            s.sendall(data)
            answer = b""
            while b"\n" not in answer:
                part = s.recv(100)
                if not part:
                    break
                answer += part
            return answer

    try:
        with caplog.at_level(logging.WARNING, logger="desktop.instance"):
            answer = in_thread(send_raw, b'{"v": 1, "link": 42}\n')
            qtbot.waitUntil(answer.done, timeout=10_000)
            assert answer.result() == b'{"ok": false}\n'
            too_long = in_thread(send_raw, b"x" * (instance.MAX_MESSAGE + 10))
            qtbot.waitUntil(too_long.done, timeout=10_000)
            assert too_long.result() == b'{"ok": false}\n'
        assert got == []
        warnings = [r.getMessage() for r in caplog.records if r.name == "desktop.instance"]
        assert len(warnings) == 2, warnings
        assert "malformed" in warnings[0] and "over-long" in warnings[1]
        # the instance still serves the next launch
        assert second_launch(qtbot, name, Request(None, True)) == "handed"
        assert got == [Request(None, True)]
    finally:
        primary.close()


def test_a_url_the_os_hands_over_as_an_event_is_opened_like_an_argument(qapp: Any) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from desktop.controller.relaunch import UrlOpenEvents

    got: list[str] = []
    events = UrlOpenEvents(got.append)
    qapp.installEventFilter(events)
    try:
        url = f"sangdam://chat/{uuid.uuid4()}?server=http%3A%2F%2F127.0.0.1%3A8750"
        QApplication.sendEvent(qapp, QFileOpenEvent(QUrl(url)))
        QApplication.sendEvent(qapp, QFileOpenEvent(QUrl.fromLocalFile("/tmp/a.txt")))
    finally:
        qapp.removeEventFilter(events)
    assert got == [url]
