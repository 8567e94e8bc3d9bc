"""One running app per user and data folder: a second launch hands its arguments over
and exits.

A launch first tries to connect to the local socket (`QLocalServer`: a Unix socket, a
named pipe on Windows) named after the user and the app's settings and data folders.
When an instance answers, the launch sends one line of JSON (the `sangdam://` link, if
any, and whether `--demo` was asked), waits for the one-line answer and exits 0; the
running instance comes to the front and acts on it. When none answers, the launch
removes whatever socket a crashed instance left behind and listens itself. A lock file
makes "nobody answers, so I listen" one step, so two launches at the same moment
never both start.

Only QtCore and QtNetwork: this runs before the window or anything heavy is imported.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.auth.settings import config_dir_from_env
from desktop.sync.paths import APP_NAME, data_dir_from_env

log = logging.getLogger(__name__)

MAX_MESSAGE = 8192  # bytes of one message, newline included
ANSWER_WAIT = 10.0  # seconds a second launch waits for the running one to answer
CONNECT_WAIT = 1.0  # seconds to connect (a live instance accepts at once)
READ_WAIT = 5.0  # seconds the running instance gives a connection to say its line


@dataclass(frozen=True, slots=True)
class Request:
    """What a second launch asks of the running instance."""

    link: str | None = None  # a sangdam:// link, unparsed (the running one says what is wrong)
    demo: bool = False

    def encode(self) -> bytes:
        line = json.dumps({"v": 1, "link": self.link, "demo": self.demo}, ensure_ascii=True)
        data = line.encode() + b"\n"
        if len(data) > MAX_MESSAGE:  # an absurd argument: hand over the rest of it
            return Request(None, self.demo).encode()
        return data

    @classmethod
    def decode(cls, data: bytes) -> Request:
        """Raises ValueError for anything but one well-formed message."""
        if len(data) > MAX_MESSAGE:
            raise ValueError("too long")
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("v") != 1:
            raise ValueError("not a version 1 message")
        link, demo = body.get("link"), body.get("demo", False)
        if link is not None and not isinstance(link, str):
            raise ValueError("link is not a string")
        if not isinstance(demo, bool):
            raise ValueError("demo is not true or false")
        return cls(link, demo)


class NoAnswer(Exception):
    """An instance is listening but did not answer in time (busy or hung)."""


def instance_name(config_dir: Path, data_dir: Path, user: str | None = None) -> str:
    """The socket's name: one per user and per pair of folders (tests and portable
    installs with their own folders get their own instance)."""
    who = user if user is not None else _user()
    key = "\n".join([who, str(config_dir.resolve()), str(data_dir.resolve())])
    return f"{APP_NAME}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"


def name_from_env() -> str:
    """The name for the folders the app will use (as `controller.flow.Config.from_env`)."""
    return instance_name(config_dir_from_env(), data_dir_from_env())


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container): the uid is as good
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


# ---- the second launch ----------------------------------------------------------------------


def hand_over(name: str, request: Request, wait: float = ANSWER_WAIT) -> bool:
    """Give `request` to the instance listening on `name`. False: nobody listens (a
    stale socket counts as nobody). Raises NoAnswer if it is there but silent."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(int(CONNECT_WAIT * 1000)):
        return False
    try:
        socket.write(request.encode())
        socket.flush()
        deadline = time.monotonic() + wait
        answer = b""
        while b"\n" not in answer and len(answer) < MAX_MESSAGE:
            left = deadline - time.monotonic()
            if left <= 0:
                raise NoAnswer(f"the running Sangdam did not answer within {wait:.0f} s")
            if not socket.waitForReadyRead(int(left * 1000)):
                if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
                    raise NoAnswer("the running Sangdam closed the connection")
                continue
            answer += bytes(socket.readAll().data())
        try:
            ok = json.loads(answer.split(b"\n", 1)[0]).get("ok") is True
        except (ValueError, AttributeError):
            ok = False
        if not ok:
            raise NoAnswer(f"the running Sangdam refused the request: {answer[:200]!r}")
        return True
    finally:
        socket.abort()


# ---- the running instance -------------------------------------------------------------------


class Primary(QObject):
    """The running instance's end: each well-formed request is emitted and answered."""

    requested = Signal(object)  # Request

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._connections: set[_Connection] = set()  # alive until answered (Python owns them)

    def listen(self) -> bool:
        """Listen on the name, removing a socket a crashed instance left behind."""
        if not self._server.listen(self.name):
            log.info("removing a stale socket %s (left by an instance that crashed)", self.name)
            QLocalServer.removeServer(self.name)
            self._server.listen(self.name)
        if self._server.isListening():
            log.info("listening for other launches on %s", self._server.fullServerName())
            return True
        log.warning(
            "cannot listen for other launches on %s: %s", self.name, self._server.errorString()
        )
        return False

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is not None:
                self._connections.add(_Connection(socket, self))

    def _take(self, data: bytes) -> bool:
        try:
            request = Request.decode(data)
        except (ValueError, UnicodeDecodeError) as exc:
            log.warning("ignoring a malformed message from another launch (%s): %r", exc, data[:80])
            return False
        log.info("another launch handed over %s", request)
        self.requested.emit(request)
        return True


class _Connection(QObject):
    """One connection from a second launch: read its line, answer, close."""

    def __init__(self, socket: QLocalSocket, primary: Primary) -> None:
        super().__init__(primary)
        self._socket = socket
        self._primary = primary
        self._buffer = b""
        self._done = False
        socket.setParent(self)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._finish)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._too_slow)
        self._timer.start(int(READ_WAIT * 1000))
        self._read()

    def _read(self) -> None:
        if self._done:
            return
        self._buffer += bytes(self._socket.readAll().data())
        if b"\n" in self._buffer:
            line = self._buffer.split(b"\n", 1)[0]
            self._answer(self._primary._take(line))
        elif len(self._buffer) > MAX_MESSAGE:
            log.warning("ignoring an over-long message from another launch")
            self._answer(False)

    def _answer(self, ok: bool) -> None:
        self._done = True
        self._timer.stop()
        self._socket.write(json.dumps({"ok": ok}).encode() + b"\n")
        self._socket.flush()
        self._socket.disconnectFromServer()

    def _too_slow(self) -> None:
        if not self._done:
            log.warning("another launch connected but sent nothing in %.0f s", READ_WAIT)
            self._done = True
            self._socket.abort()
            self._finish()

    def _finish(self) -> None:
        self._timer.stop()
        self._primary._connections.discard(self)
        self.deleteLater()


# ---- both ---------------------------------------------------------------------------------


def start_or_hand_over(name: str, request: Request) -> Primary | None:
    """Listen as the one instance (returns its Primary, listening), or hand `request`
    to the instance already running (returns None: this launch should exit 0). Call
    with a QCoreApplication in place; raises NoAnswer if the running one is silent."""
    lock = QLockFile(os.path.join(QDir.tempPath(), f"{name}.lock"))
    lock.setStaleLockTime(30_000)
    if not lock.tryLock(int(ANSWER_WAIT * 1000)):
        log.warning("the instance lock %s is held; starting anyway", lock.error())
    try:
        if hand_over(name, request):
            return None
        primary = Primary(name)
        primary.listen()
        return primary
    finally:
        if lock.isLocked():
            lock.unlock()
