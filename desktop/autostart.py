"""Start Sangdam when the agent logs in to the computer, the way each OS expects it.

- Linux (and other XDG desktops): `$XDG_CONFIG_HOME/autostart/sangdam.desktop`
  (`~/.config` without the variable), per the freedesktop Desktop Application Autostart
  spec.
- Windows: a value named "Sangdam" under `HKCU\\Software\\Microsoft\\Windows\\
  CurrentVersion\\Run`, holding the command line.
- macOS: a LaunchAgent, `~/Library/LaunchAgents/app.sangdam.desktop.plist`, with
  `RunAtLoad`: launchd starts it at the next login.

Each keeps only the state of the OS: "on" is "the entry is there and says to start",
so a change made in the system's own settings shows here. The command is the running
app's launcher (`desktop.launcher.command`). No Qt here.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from desktop import launcher

APP_NAME = "Sangdam"
DESKTOP_FILE = "sangdam.desktop"
AGENT_LABEL = "app.sangdam.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(Exception):
    """The entry could not be written or removed (a read-only folder, a policy)."""


class Autostart(Protocol):
    def enabled(self) -> bool: ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...


# ---- Linux: an XDG autostart entry ---------------------------------------------------------


def _exec_quote(arg: str) -> str:
    """One argument of a .desktop `Exec=` line (Desktop Entry spec, "The Exec key")."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`="):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{inner}"'


def exec_line(command: Sequence[str]) -> str:
    """The Exec value, escaped once more as a string value of the file (backslashes
    doubled): what `desktop_entry` writes."""
    return " ".join(_exec_quote(a) for a in command).replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "Comment=Team inbox for customer support",
            f"Exec={exec_line(command)}",
            "Icon=sangdam",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def xdg_config_home() -> Path:
    value = os.environ.get("XDG_CONFIG_HOME", "")
    # The spec: a relative path is invalid and is ignored.
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".config"


class XdgAutostart:
    def __init__(self, config_home: Path | None = None) -> None:
        self.path = (config_home or xdg_config_home()) / "autostart" / DESKTOP_FILE

    def enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        lines = {line.strip().replace(" ", "") for line in text.splitlines()}
        return not ({"Hidden=true", "X-GNOME-Autostart-enabled=false"} & lines)

    def enable(self, command: Sequence[str]) -> None:
        _replace(self.path, desktop_entry(command).encode("utf-8"))

    def disable(self) -> None:
        _remove(self.path)


def _replace(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (a file a login starts from is never half-written)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise AutostartError(f"{path}: {exc.strerror or exc}") from exc


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise AutostartError(f"{path}: {exc.strerror or exc}") from exc


# ---- macOS: a LaunchAgent ------------------------------------------------------------------


def launch_agent(command: Sequence[str]) -> bytes:
    """The LaunchAgent plist (XML) that starts `command` at login, once."""
    return plistlib.dumps(
        {
            "Label": AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "KeepAlive": False,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",  # a login to the desktop, not over ssh
        }
    )


class LaunchAgent:
    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"

    def enabled(self) -> bool:
        try:
            with self.path.open("rb") as f:
                data = plistlib.load(f)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(data, dict) and bool(data.get("RunAtLoad")) and not data.get("Disabled")

    def enable(self, command: Sequence[str]) -> None:
        _replace(self.path, launch_agent(command))

    def disable(self) -> None:
        _remove(self.path)


# ---- Windows: the Run key ------------------------------------------------------------------


class RunValues(Protocol):
    """The string values of HKCU's Run key: all the Windows autostart needs of winreg,
    small enough to replace with a dict in tests."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class WinregRunKey:
    """`RunValues` on the real registry (Windows only)."""

    def get(self, name: str) -> str | None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                    value, kind = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                return None
            return str(value) if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) else None
        raise AutostartError("the registry exists only on Windows")

    def set(self, name: str, value: str) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
            return
        raise AutostartError("the registry exists only on Windows")

    def delete(self, name: str) -> None:
        if sys.platform == "win32":
            import winreg

            access = winreg.KEY_SET_VALUE
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, access) as key:
                    winreg.DeleteValue(key, name)
            except FileNotFoundError:
                pass
            return
        raise AutostartError("the registry exists only on Windows")


def run_value(command: Sequence[str]) -> str:
    """The command line the Run value holds (Windows quoting rules)."""
    return subprocess.list2cmdline(list(command))


class RunKey:
    def __init__(self, values: RunValues | None = None) -> None:
        self.values: RunValues = values or WinregRunKey()

    def enabled(self) -> bool:
        try:
            return bool(self.values.get(APP_NAME))
        except OSError:
            return False

    def enable(self, command: Sequence[str]) -> None:
        try:
            self.values.set(APP_NAME, run_value(command))
        except OSError as exc:
            raise AutostartError(f"HKCU\\{RUN_KEY}: {exc}") from exc

    def disable(self) -> None:
        try:
            self.values.delete(APP_NAME)
        except OSError as exc:
            raise AutostartError(f"HKCU\\{RUN_KEY}: {exc}") from exc


# ---- this computer -------------------------------------------------------------------------


def for_this_os() -> Autostart:
    if sys.platform == "win32":
        return RunKey()
    if sys.platform == "darwin":
        return LaunchAgent()
    return XdgAutostart()


def set_enabled(autostart: Autostart, on: bool, command: Sequence[str] | None = None) -> None:
    """Turn starting at login on (with the running app's launcher) or off."""
    if on:
        autostart.enable(command or launcher.command())
    else:
        autostart.disable()
