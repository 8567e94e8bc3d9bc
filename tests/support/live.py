"""A real server process on 127.0.0.1: for WebSocket, restart and multi-worker tests.

The demo's launcher (`desktop.demo.server_process.ServerProcess`) with the tests'
defaults: the memory doorbell, a database the fixtures migrated already, run from the
repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.demo.server_process import ServerProcess

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LiveServer(ServerProcess):
    """`sangdam-server serve` in a subprocess; start, kill and restart it at will."""

    doorbell: str | None = "memory"
    migrate: bool = False
    cwd: Path | None = ROOT
