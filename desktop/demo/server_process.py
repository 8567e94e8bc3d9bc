"""Start `sangdam-server` on 127.0.0.1 for the demo, seed it once, stop it on exit."""

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

DEMO_EMAIL = "demo@sangdam.app"
DEMO_PASSWORD = "sangdam-demo"
DEMO_CHATS = 300
DEMO_SEED = 1


# The bundle has no Python to run `-m server.cli` with: its executable runs the server
# when this is its first argument (installer/entry.py, the demo launcher).
SERVER_FLAG = "--sangdam-server"


def server_command() -> list[str]:
    """How to run `sangdam-server` from here: the venv's Python, or the bundle itself."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SERVER_FLAG]
    return [sys.executable, "-m", "server.cli"]


def demo_folder() -> Path:
    return Path(user_data_dir("sangdam", "Sangdam")) / "demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class DemoError(RuntimeError):
    """The demo server could not start; the message says why, for the user."""


@dataclass
class DemoServer:
    folder: Path = field(default_factory=demo_folder)
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return f"sqlite+aiosqlite:///{self.folder / 'demo.db'}"

    def _cli(self, *args: str) -> list[str]:
        return [
            *server_command(),
            *args,
            "--database-url",
            self.database_url,
        ]

    def start(self, timeout: float = 60) -> DemoServer:
        """Seed on first use (a marker file remembers), then serve until stop()."""
        self.folder.mkdir(parents=True, exist_ok=True)
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - kept for the process's life
        env = {**os.environ, **self.env}
        marker = self.folder / "seeded"
        if not marker.exists():
            done = subprocess.run(
                self._cli(
                    "seed",
                    "--chats",
                    str(DEMO_CHATS),
                    "--seed",
                    str(DEMO_SEED),
                    "--password",
                    DEMO_PASSWORD,
                    "--anchor",
                    "now",  # recent chats, and snoozes that end in the future
                ),
                stdout=log,
                stderr=log,
                env=env,
                check=False,
            )
            if done.returncode != 0:
                raise DemoError(f"seeding the demo failed (see {self.folder / 'server.log'})")
            marker.write_text("1")
        self.proc = subprocess.Popen(
            [*self._cli("serve", "--port", str(self.port)), "--log-level", "warning"],
            stdout=log,
            stderr=log,
            env=env,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise DemoError(f"the demo server exited (see {self.folder / 'server.log'})")
            try:
                if httpx.get(self.url + "/health", timeout=0.5).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise DemoError("the demo server did not answer in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
