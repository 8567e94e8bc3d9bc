"""`sangdam-server` as a child process on 127.0.0.1: the demo's (seeded once, stopped on
exit), and the one launcher the tests and benchmarks reuse (`ServerProcess`).

It starts the server through `server_command()`, so it works from the venv and from the
PyInstaller bundle alike, and waits until `/health` answers; an early exit or a server
that never answers is an error that says so (with the end of its log).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from platformdirs import user_data_dir

from desktop.launcher import is_frozen

DEMO_EMAIL = "demo@sangdam.app"
DEMO_PASSWORD = "sangdam-demo"
DEMO_CHATS = 300
DEMO_SEED = 1


# The bundle has no Python to run `-m server.cli` with: its executable runs the server
# when this is its first argument (installer/entry.py, the demo launcher).
SERVER_FLAG = "--sangdam-server"


def server_command() -> list[str]:
    """How to run `sangdam-server` from here: the venv's Python, or the bundle itself."""
    if is_frozen():
        return [sys.executable, SERVER_FLAG]
    return [sys.executable, "-m", "server.cli"]


def demo_folder() -> Path:
    return Path(user_data_dir("sangdam", "Sangdam")) / "demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def log_tail(path: Path | None, lines: int = 30) -> str:
    """The last lines of a log file ("" if there is none)."""
    if path is None:
        return ""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class ServerStartError(RuntimeError):
    """The server exited while starting (`exited`), or did not answer /health in time."""

    def __init__(self, message: str, *, exited: bool) -> None:
        super().__init__(message)
        self.exited = exited


@dataclass
class ServerProcess:
    """`sangdam-server serve` in a child process: start (and wait until it answers), kill
    (SIGKILL: what a crash looks like), stop, restart on the same port."""

    database_url: str
    doorbell: str | None = None  # memory | postgres | redis; None: the server's default
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)  # added to this process's environment
    log_path: Path | None = None  # the child's stdout and stderr (None: discarded)
    workers: int = 1
    migrate: bool = True  # False: the database is migrated already (`--no-migrate`)
    log_level: str = "warning"
    cwd: Path | None = None
    # What runs `serve ...`: None is sangdam-server itself (server_command()); a
    # benchmark may run a module that wraps it or stands in for it.
    program: list[str] | None = None
    exit_with_parent: bool = False  # the server ends when this process does, even killed
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        cmd = [
            *(self.program or server_command()),
            "serve",
            "--database-url",
            self.database_url,
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--log-level",
            self.log_level,
        ]
        if self.doorbell is not None:
            cmd += ["--doorbell", self.doorbell]
        if not self.migrate:
            cmd.append("--no-migrate")
        if self.exit_with_parent:
            cmd.append("--exit-with-parent")
        return cmd

    def start(self, timeout: float = 30) -> ServerProcess:
        """Start the server and return once it answers /health."""
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        if self.log_path is None:
            self.proc = subprocess.Popen(
                self.command(),
                cwd=self.cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        else:
            # The child has its own copy of the handle: the parent's is closed at once
            # (left to the garbage collector, its ResourceWarning once landed inside
            # pytest's unraisable hook and failed an unrelated test).
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    self.command(), cwd=self.cwd, env=env, stdout=log, stderr=log
                )
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        """Wait until /health answers 200; raises ServerStartError (and stops the
        server) if it exits first or does not answer within `timeout` s."""
        proc = self.proc
        if proc is None:
            raise ServerStartError("the server was not started", exited=False)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                why = self._why(f"the server exited with {proc.returncode}")
                raise ServerStartError(why, exited=True)
            try:
                if httpx.get(self.url + "/health", timeout=0.5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        why = self._why(f"the server did not answer within {timeout:g} s")
        raise ServerStartError(why, exited=False)

    def _why(self, what: str) -> str:
        tail = log_tail(self.log_path)
        return f"{what} (log: {self.log_path}):\n{tail}" if tail else what

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush: what a crash looks like."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def restart(self) -> None:
        self.kill()
        self.start()


class DemoError(RuntimeError):
    """The demo server could not start; the message says why, for the user."""


@dataclass
class DemoServer:
    """The demo's server: a SQLite file in `folder`, seeded on first use."""

    folder: Path = field(default_factory=demo_folder)
    port: int = field(default_factory=free_port)
    env: dict[str, str] = field(default_factory=dict)
    process: ServerProcess | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return f"sqlite+aiosqlite:///{self.folder / 'demo.db'}"

    @property
    def log_path(self) -> Path:
        return self.folder / "server.log"

    @property
    def proc(self) -> subprocess.Popen[bytes] | None:
        return None if self.process is None else self.process.proc

    def start(self, timeout: float = 60) -> DemoServer:
        """Seed on first use (a marker file remembers), then serve until stop()."""
        self.folder.mkdir(parents=True, exist_ok=True)
        marker = self.folder / "seeded"
        if not marker.exists():
            self._seed()
            marker.write_text("1")
        self.process = ServerProcess(
            self.database_url,
            port=self.port,
            env=self.env,
            log_path=self.log_path,
            exit_with_parent=True,  # a crashed app leaves no demo server behind
        )
        try:
            self.process.start(timeout)
        except ServerStartError as exc:
            if exc.exited:
                raise DemoError(f"the demo server exited (see {self.log_path})") from exc
            raise DemoError("the demo server did not answer in time") from exc
        return self

    def _seed(self) -> None:
        with open(self.log_path, "ab") as log:
            done = subprocess.run(
                [
                    *server_command(),
                    "seed",
                    "--database-url",
                    self.database_url,
                    "--chats",
                    str(DEMO_CHATS),
                    "--seed",
                    str(DEMO_SEED),
                    "--password",
                    DEMO_PASSWORD,
                    "--anchor",
                    "now",  # recent chats, and snoozes that end in the future
                ],
                stdout=log,
                stderr=log,
                env={**os.environ, **self.env},
                check=False,
            )
        if done.returncode != 0:
            raise DemoError(f"seeding the demo failed (see {self.log_path})")

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
