"""A private X display for tests that need the real window system: Xvfb, plus xdotool
to move the pointer and press its buttons as a person would (XTEST events, which X
delivers exactly like a real mouse's).

No window manager runs on it: windows sit where they ask to be (no decorations, no
placement policy) and Qt's drag and drop (XDND) works between two processes without
one (tried: a QDrag from one process dropped on another's window, file URLs with
Korean names intact).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REQUIRED_ENV = "SANGDAM_REQUIRE_SERVICES"
BINARIES = {"Xvfb": "xvfb", "xdotool": "xdotool"}  # binary -> Debian package
START_TIMEOUT = 15.0
SCREEN = (1280, 800)


class XUnavailable(Exception):
    def __init__(self, missing: dict[str, str]) -> None:
        packages = " ".join(sorted(set(missing.values())))
        super().__init__(f"{', '.join(missing)} not installed (apt-get install {packages})")


class XDisplay:
    """Xvfb on a display number it picks itself (`-displayfd`), its log in `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.display = ""
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self) -> XDisplay:
        missing = {b: pkg for b, pkg in BINARIES.items() if shutil.which(b) is None}
        if missing:
            raise XUnavailable(missing)
        self.root.mkdir(parents=True, exist_ok=True)
        r, w = os.pipe()
        try:
            with open(self.root / "xvfb.log", "wb") as log:
                self._proc = subprocess.Popen(
                    [
                        "Xvfb",
                        "-displayfd",
                        str(w),
                        "-nolisten",
                        "tcp",
                        "-screen",
                        "0",
                        f"{SCREEN[0]}x{SCREEN[1]}x24",
                    ],
                    pass_fds=[w],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            os.close(w)
            w = -1
            self.display = f":{self._read_number(r)}"  # written once it accepts clients
        finally:
            os.close(r)
            if w != -1:
                os.close(w)
        return self

    def _read_number(self, fd: int) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        data = b""
        while b"\n" not in data:
            assert self._proc is not None
            left = deadline - time.monotonic()
            if left <= 0:
                self.stop()
                raise RuntimeError(f"Xvfb did not start in {START_TIMEOUT} s: {self.log()}")
            ready, _, _ = select.select([fd], [], [], min(left, 0.1))
            if ready:
                chunk = os.read(fd, 64)
                if not chunk:
                    self._proc.wait(2)
                    raise RuntimeError(f"Xvfb exited ({self._proc.returncode}): {self.log()}")
                data += chunk
        return data.split(b"\n", 1)[0].decode().strip()

    def log(self) -> str:
        try:
            return (self.root / "xvfb.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def env(self) -> dict[str, str]:
        """This process's environment pointed at the display, for a Qt child on xcb."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XAUTHORITY")}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb")
        return env

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[XDisplay]:
    """A started private display. Skips when Xvfb or xdotool is missing; fails instead
    when SANGDAM_REQUIRE_SERVICES=1."""
    display = XDisplay(tmp_path / "x")
    try:
        display.start()
    except XUnavailable as exc:
        if os.environ.get(REQUIRED_ENV) == "1":
            pytest.fail(f"a real X display is required ({REQUIRED_ENV}=1): {exc}")
        pytest.skip(str(exc))
    try:
        yield display
    finally:
        display.stop()
