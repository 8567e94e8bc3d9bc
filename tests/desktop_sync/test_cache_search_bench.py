"""`bench.cache_search` runs end to end on a small cache (the full size is for people
and CI's benchmark job): it builds, types, applies, rolls back, and prints its JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.live import ROOT


def test_the_search_benchmark_prints_its_figures(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # its cache, not the shared temp folder
    args = ["--chats", "300", "--messages", "3000", "--apply", "300"]
    for _ in range(2):  # built, then reused
        done = subprocess.run(
            [sys.executable, "-m", "bench.cache_search", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    assert "reused" in done.stdout
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["bench"] == "cache_search" and figures["keystrokes"] == 44
    assert figures["cache_search_p95_ms"] > 0 and figures["index_share"] > 0
    assert figures["apply_with_index_per_s"] > 0 and figures["apply_without_index_per_s"] > 0
