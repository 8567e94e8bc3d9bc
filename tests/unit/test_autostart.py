"""Start at login on each OS, and the command that starts the app again.

Linux's XDG autostart entry is written, read back and removed for real (in a temporary
XDG_CONFIG_HOME); macOS's LaunchAgent and Windows' Run value are checked for what they
would hold (the plist read back with plistlib; the registry behind `RunValues`, here a
dict), since neither OS is at hand."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import autostart, launcher

ROOT = Path(__file__).resolve().parents[2]


def exec_args(entry: str) -> list[str]:
    """The Exec line of a .desktop file as a launcher reads it (Desktop Entry spec): the
    string-value escapes first, then arguments split on spaces, double quotes grouping,
    a backslash inside them taking the next character literally; `%%` is `%`."""
    [line] = [x for x in entry.splitlines() if x.startswith("Exec=")]
    value = line.removeprefix("Exec=").replace("\\\\", "\\")
    args: list[str] = []
    current: str | None = None
    quoted = escaped = False
    for c in value:
        if escaped:
            current = (current or "") + c
            escaped = False
        elif quoted and c == "\\":
            escaped = True
        elif c == '"':
            quoted = not quoted
            current = current or ""
        elif c == " " and not quoted:
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + c
    if current is not None:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def test_linux_start_at_login_writes_reads_back_and_removes_the_xdg_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    entry = autostart.XdgAutostart()
    assert entry.path == tmp_path / "config" / "autostart" / "sangdam.desktop"
    assert not entry.enabled()

    autostart.set_enabled(entry, True)
    assert entry.enabled()
    text = entry.path.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert "Type=Application\n" in text and "Name=Sangdam\n" in text
    assert exec_args(text) == [sys.executable, "-m", "desktop"]

    # switched off in the desktop's own settings: not "on" here either
    entry.path.write_text(text + "Hidden=true\n", encoding="utf-8")
    assert not entry.enabled()

    autostart.set_enabled(entry, False)
    assert not entry.path.exists() and not entry.enabled()
    autostart.set_enabled(entry, False)  # already off: still fine


def test_without_xdg_config_home_the_entry_goes_under_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.XdgAutostart().path == tmp_path / ".config" / "autostart" / "sangdam.desktop"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # invalid per the spec: ignored
    assert autostart.XdgAutostart().path.parent.parent == tmp_path / ".config"


def test_awkward_paths_survive_the_exec_line() -> None:
    command = ["/opt/My Apps/$HOME/sangdam", 'say "hi"', "100%", "back\\slash"]
    entry = autostart.desktop_entry(command)
    assert exec_args(entry) == command


def test_an_unwritable_autostart_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    entry = autostart.XdgAutostart(blocker)
    with pytest.raises(autostart.AutostartError, match="autostart"):
        entry.enable(["sangdam"])
    assert not entry.enabled()


def test_macos_launch_agent_starts_the_app_at_login(tmp_path: Path) -> None:
    agent = autostart.LaunchAgent(home=tmp_path)
    assert agent.path == tmp_path / "Library/LaunchAgents/app.sangdam.desktop.plist"
    command = ["/Applications/Sangdam.app/Contents/MacOS/sangdam"]
    data = plistlib.loads(autostart.launch_agent(command))
    assert data["Label"] == "app.sangdam.desktop"
    assert data["ProgramArguments"] == command
    assert data["RunAtLoad"] is True and data["KeepAlive"] is False
    assert not agent.enabled()
    agent.enable(command)
    assert agent.enabled()
    with agent.path.open("rb") as f:
        assert plistlib.load(f) == data
    agent.disable()
    assert not agent.path.exists() and not agent.enabled()


class FakeRun:
    """HKCU's Run key as a dict (what `RunValues` needs of winreg)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {"OneDrive": r'"C:\OneDrive.exe" /background'}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_run_value_holds_the_quoted_command_line() -> None:
    run = FakeRun()
    key = autostart.RunKey(run)
    assert not key.enabled()
    key.enable([r"C:\Program Files\Sangdam\sangdam.exe"])
    assert run.values["Sangdam"] == r'"C:\Program Files\Sangdam\sangdam.exe"'
    assert key.enabled()
    key.enable([r"C:\Python312\pythonw.exe", "-m", "desktop"])
    assert run.values["Sangdam"] == r"C:\Python312\pythonw.exe -m desktop"
    key.disable()
    assert "Sangdam" not in run.values and not key.enabled()
    assert run.values["OneDrive"]  # others' values untouched


def test_the_real_registry_says_it_is_windows_only_here() -> None:
    with pytest.raises(autostart.AutostartError, match="only on Windows"):
        autostart.WinregRunKey().set("Sangdam", "x")


def test_the_launcher_is_the_bundle_when_frozen_else_this_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert launcher.command() == [sys.executable, "-m", "desktop"]
    monkeypatch.setattr(sys, "argv", ["/venv/bin/sangdam", "--demo"])
    assert launcher.restart_command() == [sys.executable, "-m", "desktop", "--demo"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/sangdam/sangdam")
    assert launcher.command() == ["/opt/sangdam/sangdam"]
    assert launcher.restart_command() == ["/opt/sangdam/sangdam", "--demo"]


def test_relaunch_replaces_the_process_with_the_app_and_its_arguments() -> None:
    script = (
        "import sys; from desktop import launcher; "
        "sys.argv = ['sangdam', '--help']; "
        "print('before', flush=True); launcher.relaunch()"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    # the app itself answered, with the arguments of the run it replaced
    assert done.stdout.startswith("before")
    assert "usage: sangdam" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 0
