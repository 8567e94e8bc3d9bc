"""The self-test's watchdog: a hang where its own timeout cannot fire ends the process
with a failure (the CI bundle gate once waited forever on a modal dialog)."""

from __future__ import annotations

import subprocess
import sys


def test_a_hung_self_test_ends_with_a_failure() -> None:
    code = "import time\nfrom desktop.selftest import watchdog\nwatchdog(0.5)\ntime.sleep(30)\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=20, check=False
    )
    assert done.returncode == 1
    assert "selftest: FAILED: hung for 0.5 s" in done.stderr
