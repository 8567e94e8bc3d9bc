"""Cold start: process start to the chat list's first rows painted, from a big cache.

    python -m bench.cold_start [--chats 100000] [--runs 5]

Builds a cache of `--chats` chats once (in a temp folder, through the cache's own write
path: reference line, bootstrap pages, end), then starts the app in a subprocess,
offscreen, on that cache (`sangdam --cache-file ... --exit-after-first-paint`): it
prints the wall-clock time at which the list's delegate first painted rows. Beside it,
in the same run, a bare PySide6 window with an empty QTableView, measured to its first
paint the same way. Medians of `--runs` each; peak RSS from the child's rusage.

Targets: first paint <= 0.5 s, within 4x of the bare window, peak RSS < 300 MB.
The last line is JSON: first_paint_s, bare_window_s, ratio, peak_rss_mb.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTableView
app = QApplication(sys.argv)
view = QTableView()
class Probe(QObject):
    def eventFilter(self, obj, e):
        if e.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time():.6f}", flush=True)
            app.exit(0)
        return False
probe = Probe()
view.viewport().installEventFilter(probe)
view.resize(1280, 800)
view.show()
sys.exit(app.exec())
"""

NAMES = ["김민준", "이서연", "박지호", "최수아", "정하준", "Emma Kim", "Liam Park", "Olivia Lee"]
TEXTS = [
    "안녕하세요, 주문한 상품이 아직 도착하지 않았어요.",
    "환불 요청드립니다. 주문번호 2024-118832 입니다.",
    "Hi, I can't log in to my account since this morning.",
    "배송지 변경이 가능할까요?",
    "Hello, I was charged twice for my subscription.",
]
MEDIA = ["web", "web", "email", "kakao", "instagram", "naver", "line", "phone"]


def build_cache(path: Path, chats: int, page: int = 2_000) -> None:
    """A cache of `chats` chats, written as a bootstrap would write it."""
    from desktop.sync.cache import Cache

    rng = random.Random(7)
    ws, me = str(uuid.uuid4()), str(uuid.uuid4())
    others = [str(uuid.uuid4()) for _ in range(5)]
    team = str(uuid.uuid4())
    managers = [
        {
            "id": mid,
            "name": name,
            "email": f"m{i}@example.test",
            "role": "manager",
            "permissions": [],
            "operator_seat": True,
            "available": True,
            "max_auto_assign": 50,
            "notify_unassigned": False,
            "avatar_url": None,
            "team_ids": [team],
        }
        for i, (mid, name) in enumerate(
            zip([me, *others], ["Me", "Ana", "Ben", "Chae", "Dan", "Eun"], strict=True)
        )
    ]
    cache = Cache.open(path, server_url="http://bench.invalid", workspace_id=ws, manager_id=me)
    try:
        cache.begin_bootstrap(0)
        cache.write_reference(
            {
                "type": "reference",
                "workspace": {"id": ws, "name": "Bench"},
                "me": managers[0],
                "managers": managers,
                "teams": [{"id": team, "name": "Support", "auto_assign": False, "member_ids": []}],
                "tags": [{"id": str(uuid.uuid4()), "name": "vip", "color": "#f59e0b"}],
                "macros": [],
                "integrations": [],
                "customer_fields": [],
                "counts": [{"scope": "", "key": "all", "state": "open", "count": chats}],
            }
        )
        start = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
        for first in range(0, chats, page):
            rows, customers, states = [], [], []
            for i in range(first, min(chats, first + page)):
                cid, cust = str(uuid.uuid4()), str(uuid.uuid4())
                at = (start - timedelta(minutes=i)).isoformat()
                rows.append(_chat(cid, cust, at, i, rng, [me, *others], team))
                customers.append(
                    {
                        "id": cust,
                        "name": f"{rng.choice(NAMES)} {i}",
                        "avatar_url": None,
                        "profile": {},
                        "identities": [],
                    }
                )
                if i % 7 == 0:
                    states.append(
                        {
                            "chat_id": cid,
                            "manager_id": me,
                            "starred": i % 21 == 0,
                            "read_seq": 0,
                            "unread_count": rng.randint(1, 5),
                            "mentioned": False,
                            "in_sessions": True,
                        }
                    )
            cache.write_chat_page(
                {"type": "chats", "chats": rows, "customers": customers, "states": states}
            )
        cache.finish_bootstrap(chats)
    finally:
        cache.close()


def _chat(
    cid: str, cust: str, at: str, i: int, rng: random.Random, managers: list[str], team: str
) -> dict[str, Any]:
    return {
        "id": cid,
        "customer_id": cust,
        "medium": MEDIA[i % len(MEDIA)],
        "state": "open",
        "snooze_until": None,
        "team_id": team,
        "assignee_id": rng.choice([None, *managers]),
        "follower_ids": [],
        "tags": ["vip"] if i % 11 == 0 else [],
        "description": "",
        "source_kind": None,
        "source_name": None,
        "goal": None,
        "goal_reached": False,
        "queued_since": None,
        "page_url": None,
        "last_message_at": at,
        "last_message_seq": i + 1,
        "last_message_preview": rng.choice(TEXTS),
        "created_at": at,
    }


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds from spawning to the printed first paint, peak RSS in MB)."""
    began = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    line = next((x for x in out.splitlines() if x.startswith("first-paint ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}): {out}\n{err}")
    painted = float(line.split()[1])
    return painted - began, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chats", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--cache", type=Path, help="reuse (or build here) this cache file")
    args = p.parse_args()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("QT_API", None)
    with tempfile.TemporaryDirectory(prefix="sangdam-cold-") as tmp:
        path = args.cache or Path(tmp) / "cache.sqlite3"
        if not path.exists():
            began = time.monotonic()
            build_cache(path, args.chats)
            print(f"built a cache of {args.chats:,} chats in {time.monotonic() - began:.1f} s")
        app_cmd = [
            sys.executable,
            "-m",
            "desktop",
            "--cache-file",
            str(path),
            "--exit-after-first-paint",
        ]
        bare_cmd = [sys.executable, "-c", BARE]
        _run(app_cmd, env)  # warm the OS file cache and the bytecode once
        _run(bare_cmd, env)
        app_runs, bare_runs, rss = [], [], []
        for _ in range(args.runs):
            t, r = _run(app_cmd, env)
            app_runs.append(t)
            rss.append(r)
            bare_runs.append(_run(bare_cmd, env)[0])
        first = statistics.median(app_runs)
        bare = statistics.median(bare_runs)
        print("app  first paint (s):", " ".join(f"{x:.3f}" for x in app_runs))
        print("bare window      (s):", " ".join(f"{x:.3f}" for x in bare_runs))
        print(
            json.dumps(
                {
                    "first_paint_s": round(first, 3),
                    "bare_window_s": round(bare, 3),
                    "ratio": round(first / bare, 2),
                    "peak_rss_mb": round(max(rss), 1),
                }
            )
        )


if __name__ == "__main__":
    main()
