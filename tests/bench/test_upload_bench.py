"""bench.upload at a tiny size: it still runs as `python -m bench.upload`, through the
app's engine to our server beside the plain upload to its receiver, checks the server's
copy (the bench exits non-zero on a sha256 mismatch) and ends with its JSON line, whose
figures agree with each other. The figures themselves are not judged (a busy machine)."""

# covers: M1

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sync.tus import FIRST_PATCH
from tests.bench.test_server_benches import run

pytestmark = pytest.mark.timeout(300)


def test_upload_bench_runs_both_sides_and_reports(tmp_path: Path) -> None:
    f = run(
        ["bench.upload", "--size-mb", "8", "--ten-mb", "1", "--files", "3", "--rounds", "1"],
        tmp_path,
    )
    assert f["size_mb"] == 8 and f["ten_mb"] == 1 and f["files"] == 3
    assert f["mb_per_s"] > 0 and f["baseline_mb_per_s"] > 0
    assert f["ratio"] == pytest.approx(f["mb_per_s"] / f["baseline_mb_per_s"], rel=0.01)
    assert f["ten_files_ratio"] == pytest.approx(
        f["ten_files_mb_per_s"] / f["ten_files_baseline_mb_per_s"], rel=0.01
    )
    # 8 MiB go before the link's speed is known: PATCHes of the app's first size.
    assert f["patches"] == -(-8 * 1024**2 // FIRST_PATCH), "PATCHes as big as the app sends"
    assert 0 <= f["rss_growth_mb"] < 1024 and 0 <= f["ten_files_rss_growth_mb"] < 1024
    # The baseline's server may take 8 MiB within one tick of the CPU clock (10 ms): 0.
    assert f["server_cpu_s_per_gib"] > 0 and f["baseline_server_cpu_s_per_gib"] >= 0
    assert not list(tmp_path.glob("sangdam-upload-*")), "its temp folder is removed"
