"""`sangdam --selftest` from the venv, as CI runs it from the bundle
(installer/linux/ci_bundle.sh): the real app offscreen against a throwaway demo server,
a chat opened, a reply sent and acknowledged, exit 0; a failure says why and exits 1.
Nothing of the agent's own (HOME) is touched."""

# covers: D1

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(180)

STEPS = [
    "qt-ready",
    "first-window",
    "main-window",
    "online",
    "chats-listed",
    "chat-open",
    "sent",
    "acknowledged",
    "stopped",
]


def selftest(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    sangdam = Path(sys.executable).with_name("sangdam")  # the venv's `sangdam` command
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SANGDAM_", "XDG_", "QT_QPA"))
    }
    return subprocess.run(
        [str(sangdam), "--selftest"],
        env={**clean, "HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=150,
    )


def test_the_selftest_sends_a_reply_through_the_app_and_exits_0(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = selftest(home)
    assert done.returncode == 0, done.stdout + done.stderr
    marks = re.findall(r"^selftest: (\S+)\s+([\d.]+) s", done.stdout, re.M)
    assert [step for step, _ in marks] == STEPS
    times = [float(t) for _, t in marks]
    assert times == sorted(times) and times[-1] < 150
    assert "platform offscreen, venv" in done.stdout  # QT_QPA_PLATFORM was not set
    assert re.search(r"main-window .* 'Sangdam', its icon in 9 sizes$", done.stdout, re.M)
    assert re.search(r"acknowledged .* the feed confirmed it as seq \d+$", done.stdout, re.M)
    assert re.search(r"^selftest: ok in [\d.]+ s$", done.stdout, re.M)
    assert "Traceback" not in done.stderr
    [folder] = re.findall(r"^selftest: data in (\S+) \(removed at the end\)$", done.stdout, re.M)
    assert not Path(folder).exists()
    for own in (home / ".local" / "share" / "sangdam", home / ".config" / "sangdam"):
        assert not own.exists(), f"the self-test wrote into {own}"


def test_a_selftest_that_runs_out_of_time_says_where_and_exits_1(tmp_path: Path) -> None:
    done = selftest(tmp_path, SANGDAM_SELFTEST_TIMEOUT="0.5")
    assert done.returncode == 1
    assert re.search(
        r"^selftest: FAILED: timed out after 0.5 s; the last step done was '[a-z-]+'$",
        done.stderr,
        re.M,
    ), done.stderr
    assert "ok in" not in done.stdout
    bad = selftest(tmp_path, SANGDAM_SELFTEST_TIMEOUT="soon")
    assert bad.returncode == 1
    assert "SANGDAM_SELFTEST_TIMEOUT is not a number of seconds: 'soon'" in bad.stderr
