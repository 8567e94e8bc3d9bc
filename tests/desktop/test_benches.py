"""The desktop benchmarks, at a tiny size: each still runs as `python -m bench.<name>`,
its probes find what they wait for on the path it names (the normal start for the cold
start, the demo server for the echo, the window's models for the catch-up), and it ends
with its JSON line. The figures themselves are not judged here (a busy machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.desktop_cache import build, login_for
from desktop.auth.settings import LastLogin, Settings

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.timeout(300)


def run(args: list[str], tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp), **env},
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def figures(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    last = done.stdout.strip().splitlines()[-1]
    data: dict[str, Any] = json.loads(last)
    return data


def test_the_first_paint_probe_sees_sangdam_paint_the_last_logins_cache(tmp_path: Path) -> None:
    login = login_for(3)
    data = tmp_path / "data"
    build(login.path(data / "cache"), login, chats=40, messages=200)
    Settings(tmp_path / "config").remember(
        LastLogin(login.server_url, login.email, login.workspace_id, login.manager_id)
    )
    done = run(
        ["bench.first_paint", "app"],
        tmp_path,
        SANGDAM_CONFIG_DIR=str(tmp_path / "config"),
        SANGDAM_DATA_DIR=str(data),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    [line] = [x for x in done.stdout.splitlines() if x.startswith("first-paint ")]
    assert line.split()[2] == "rows=40"  # every chat of the cache, with the server down


def test_cold_start_reports_the_app_against_the_bare_window(tmp_path: Path) -> None:
    got = figures(
        run(["bench.cold_start", "--chats", "300", "--messages", "3000", "--runs", "1"], tmp_path)
    )
    assert got["chats"] == 300 and got["messages"] == 3000
    assert got["first_paint_s"] > 0 and got["bare_window_s"] > 0
    # one pair: its ratio (the figures are rounded to the millisecond)
    assert got["ratio"] == pytest.approx(got["first_paint_s"] / got["bare_window_s"], rel=0.02)


def test_catch_up_runs_with_the_models_attached(tmp_path: Path) -> None:
    done = run(["bench.catch_up", "--entries", "1000", "--chats", "40"], tmp_path)
    got = figures(done)
    assert "messages shown" in done.stdout  # the open conversation followed
    assert got["entries_per_s"] > 0 and got["baseline_entries_per_s"] > 0
    assert got["gui_stall_ms"] >= 4  # a gap between two 5 ms heartbeats, at least
    assert got["rate_ratio"] == pytest.approx(
        got["entries_per_s"] / got["baseline_entries_per_s"], rel=0.02
    )


def test_echo_times_a_send_to_the_demo_server(tmp_path: Path) -> None:
    got = figures(run(["bench.echo", "--sends", "2"], tmp_path))
    assert 0 < got["painted_ms"] <= got["echo_ms"]
    assert 0 < got["durable_ms"] <= got["echo_ms"]
    assert got["durable_ms"] <= got["ack_ms"]  # the server answers what was written
    assert got["bare_echo_ms"] > 0


def test_the_inbox_ui_bench_switches_scrolls_searches_and_reports(tmp_path: Path) -> None:
    done = run(
        ["bench.inbox_ui", "--chats", "600", "--messages", "3000", "--scroll-budget", "30"],
        tmp_path,
    )
    got = figures(done)
    assert got["chats"] == 600 and got["rss_mb"] > 0
    assert got["scrolled_rows"] == got["total_rows"] > 0  # the whole list, at this size
    for key in ("section_switch_ms", "scroll_stall_ms", "search_p95_ms"):
        assert got[key] > 0, key


def test_the_popups_bench_opens_each_popup_and_reports(tmp_path: Path) -> None:
    got = figures(run(["bench.popups", "--rounds", "2"], tmp_path))
    assert got["managers"] >= 500 and got["macros"] == 1000 and got["emoji"] > 3000
    for key in ("popup_p95_ms", "mention_open_p95_ms", "macro_open_p95_ms", "emoji_filter_p95_ms"):
        assert got[key] > 0, key


def test_the_conversation_bench_opens_and_scrolls_a_long_chat(tmp_path: Path) -> None:
    got = figures(
        run(
            ["bench.conversation", "--messages", "600", "--opens", "2", "--runs", "1"],
            tmp_path,
        )
    )
    assert got["messages"] == 600 and got["scroll_pages"] > 1  # paged up to the first
    for key in ("open_ms", "open_small_ms", "scroll_stall_ms", "popup_p95_ms"):
        assert got[key] > 0, key
