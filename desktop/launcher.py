"""How the running app is started again: for "start at login" and for "Restart now".

The command is the app's own launcher: the bundle's executable when frozen by
PyInstaller (`sys.executable` is then `sangdam`, `sangdam.exe` or `Sangdam.app/Contents/
MacOS/sangdam`), else this Python running the package (`python -m desktop`), which works
from a source checkout and from any venv without relying on a script on PATH. No Qt here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from typing import NoReturn


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def command() -> list[str]:
    """The program and arguments that start the app with no options."""
    if is_frozen():
        return [sys.executable]
    python = sys.executable
    if sys.platform == "win32":  # pythonw: no console window beside the app
        windowed = os.path.join(os.path.dirname(python), "pythonw.exe")
        python = windowed if os.path.exists(windowed) else python
    return [python, "-m", "desktop"]


def restart_command(argv: Sequence[str] | None = None) -> list[str]:
    """The app again with the arguments this run had (`sys.argv[1:]` by default)."""
    args = list(sys.argv[1:] if argv is None else argv)
    return [*command(), *args]


def relaunch(argv: Sequence[str] | None = None) -> NoReturn:
    """Replace this process with a fresh run of the app (call it after a clean shutdown:
    windows closed, cache closed, the instance's socket released). The same process id,
    working folder and environment. On Windows, where `execv` does not quote arguments
    with spaces, a new process is started and this one exits."""
    cmd = restart_command(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.platform == "win32":
        subprocess.Popen(cmd, close_fds=True)
        raise SystemExit(0)
    os.execv(cmd[0], cmd)
