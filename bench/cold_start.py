"""Cold start: `sangdam` started as an agent starts it, to its first chat rows painted.

    python -m bench.cold_start [--chats 100000] [--messages 1000000] [--runs 5]

The agent's machine as the last login left it: a settings file naming that login
(SANGDAM_CONFIG_DIR) and its cache of `--chats` chats and `--messages` messages in the
data folder (SANGDAM_DATA_DIR), where the app looks for it. The cache is built once per
size and schema version in the temp folder and reused (`bench.desktop_cache`). The
server is down (nothing listens at the login's address) and the keyring is keyring's
`fail` backend, so nothing logs in for real; the window must paint from the cache alone.

Each run spawns `python -m bench.first_paint app`, which runs `sangdam`'s own entry
point with no arguments, offscreen, plus an outside probe (see that module). The clock
starts just before the child process is spawned (unix time, here) and stops at the end
of the paint event in which the chat list's delegate first drew rows (unix time,
printed by the child, which then exits). The baseline, in the same run and the same
way: `python -m bench.first_paint bare`, a bare PySide6 window with an empty QTableView,
to the end of its first paint. One warm-up of each (which also writes any bytecode
missing, as an agent's first start does), then `--runs` pairs (the app, then
the bare window); first_paint_s and bare_window_s are medians, ratio the median of the
pairs' ratios (a load that comes and goes on a shared machine weighs on both alike);
peak RSS of the app's child from its rusage.

Targets: first_paint_s <= 0.5, ratio (app / bare window) <= 3.
The last line is JSON: first_paint_s, bare_window_s, ratio, peak_rss_mb, chats, messages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.desktop_cache import kept_cache

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 0.5
TARGET_RATIO = 3.0


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds from spawning to the printed first paint, peak RSS in MB, rows shown)."""
    began = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    line = next((x for x in out.splitlines() if x.startswith("first-paint ")), None)
    if code != 0 or line is None:
        raise RuntimeError(f"{' '.join(cmd[1:])} failed ({code}):\n{out}\n{err}")
    fields = line.split()
    rows = int(fields[2].removeprefix("rows="))
    return float(fields[1]) - began, usage.ru_maxrss / 1024, rows  # ru_maxrss: KiB on Linux


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chats", type=int, default=100_000)
    p.add_argument("--messages", type=int, default=1_000_000)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    if args.chats < 1 or args.messages < 0 or args.runs < 1:
        p.error("--chats and --runs must be at least 1, --messages at least 0")

    from desktop.auth.settings import LastLogin, Settings

    login, data_dir, built = kept_cache(args.chats, args.messages)
    size_mb = login.path(data_dir / "cache").stat().st_size / 1e6
    if built is None:
        print(f"cache of {args.chats:,} chats and {args.messages:,} messages: reused")
    else:
        print(
            f"built a cache of {args.chats:,} chats and {args.messages:,} messages: {built:.1f} s"
        )
    print(f"  {login.path(data_dir / 'cache')} ({size_mb:,.0f} MB)")

    with tempfile.TemporaryDirectory(prefix="sangdam-cold-") as tmp:
        config_dir = Path(tmp) / "config"
        Settings(config_dir).remember(
            LastLogin(login.server_url, login.email, login.workspace_id, login.manager_id)
        )
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "SANGDAM_CONFIG_DIR": str(config_dir),
            "SANGDAM_DATA_DIR": str(data_dir),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        env.pop("QT_API", None)
        # An agent's Python caches bytecode: the warm-up run writes what is missing.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_cmd = [sys.executable, "-m", "bench.first_paint", "app"]
        bare_cmd = [sys.executable, "-m", "bench.first_paint", "bare"]
        _run(app_cmd, env)  # warm the OS file cache and the bytecode once
        _run(bare_cmd, env)
        app_runs, bare_runs, rss = [], [], []
        for _ in range(args.runs):
            took, peak, rows = _run(app_cmd, env)
            if rows == 0:
                raise RuntimeError("the app painted a chat list without rows")
            app_runs.append(took)
            rss.append(peak)
            bare_runs.append(_run(bare_cmd, env)[0])
    first = statistics.median(app_runs)
    bare = statistics.median(bare_runs)
    ratio = statistics.median(a / b for a, b in zip(app_runs, bare_runs, strict=True))
    print(f"app  first rows painted (s): {' '.join(f'{x:.3f}' for x in app_runs)}")
    print(f"bare window painted     (s): {' '.join(f'{x:.3f}' for x in bare_runs)}")
    print(
        f"first paint {first:.3f} s (target <= {TARGET_S}) "
        f"{'ok' if first <= TARGET_S else 'ABOVE TARGET'}; "
        f"{ratio:.2f}x the bare window (median of the pairs; target <= {TARGET_RATIO:g}) "
        f"{'ok' if ratio <= TARGET_RATIO else 'ABOVE TARGET'}; peak RSS {max(rss):.0f} MB"
    )
    print(
        json.dumps(
            {
                "first_paint_s": round(first, 3),
                "bare_window_s": round(bare, 3),
                "ratio": round(ratio, 2),
                "peak_rss_mb": round(max(rss), 1),
                "chats": args.chats,
                "messages": args.messages,
            }
        )
    )


if __name__ == "__main__":
    main()
