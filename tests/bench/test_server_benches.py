"""bench.push and bench.fanout at a tiny size: each still runs as `python -m bench.<name>`
with its baseline, counts what it says (push: effective mutations only, no no-ops or
refusals with its mix; fanout: every receipt matched to a commit time, none before it)
and ends with its JSON line. The figures themselves are not judged here (a busy machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(300)


def run(args: list[str], tmp: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp)},
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def test_push_counts_effective_mutations_beside_its_baseline(tmp_path: Path) -> None:
    f = run(
        ["bench.push", "--only", "sqlite", "--clients", "4", "--warmup", "0.3", "--seconds", "1"],
        tmp_path,
    )
    assert f["sqlite_noops"] == 0 and f["sqlite_refused"] == 0 and f["sqlite_errors"] == 0
    assert f["sqlite_mps"] > 0 and f["sqlite_baseline_mps"] > 0
    assert f["sqlite_ratio"] == pytest.approx(f["sqlite_mps"] / f["sqlite_baseline_mps"], 0.01)
    assert f["sqlite_group_ratio"] == pytest.approx(
        f["sqlite_mps"] / f["sqlite_group_baseline_mps"], 0.01
    )


def test_fanout_times_both_sides_from_their_clock_points(tmp_path: Path) -> None:
    f = run(
        ["bench.fanout", "--clients", "5", "--paced", "3", "--rate", "20", "--burst", "6"],
        tmp_path,
    )
    assert f["complete"] is True and f["post_errors"] == 0
    assert 0 <= f["p50_ms"] <= f["p99_ms"] and 0 <= f["baseline_p50_ms"] <= f["baseline_p99_ms"]
    assert f["deliveries_per_s"] > 0 and f["ratio"] > 0


def test_abuse_counts_both_floods_beside_quiet_pushes(tmp_path: Path) -> None:
    f = run(
        [
            "bench.abuse",
            *("--seconds", "1", "--warmup", "0.3", "--pushers", "1", "--push-rate", "10"),
            *("--login-rate", "40", "--chats", "40", "--flooders", "1", "--no-loop-stall"),
        ],
        tmp_path,
    )
    assert f["push_errors"] == 0
    assert f["ratio"] == pytest.approx(f["push_p99_ms_flood"] / f["push_p99_ms_quiet"], 0.01)
    # every flood request answered, and the limits held (10 chats per address)
    assert f["chat_flood_accepted"] == 10 and f["chat_flood_429"] == 30
    assert f["login_flood_401"] + f["login_flood_429"] == f["login_flood_sent"] == 40
