"""Opening and scrolling a long conversation (issue 15, SPEC C4) through the real window.

    python -m bench.conversation [--messages 10000] [--opens 7] [--runs 3]

A cache (`bench.desktop_cache.build`: 50 chats, reference data) gets one chat of
`--messages` messages (customer text, replies, notes, system events, a read receipt,
dates over a month) and one of 50; the real main window (`desktop.controller.ui.build_ui`,
no server) shows it offscreen at 1280x800. Every clock is `time.perf_counter` in this
thread:

- `open_ms` (median of `--opens`): the clock starts just before
  `ConversationPane.set_chat(item)` of the long chat (another chat was open before) and
  stops when a synchronous `viewport().repaint()` of the conversation has painted its
  newest message (events are processed between repaints: the view scrolls to the
  bottom on a queued call, as in the app). `open_small_ms`: the same for the 50-message
  chat, in the same run; `open_ratio` = open_ms / open_small_ms.
- `popup_p95_ms` (and the per-popup figures): `bench.popups`, run in its own process
  at the end (its docstring says where its clocks start and stop); `--no-popups` skips it.
- `scroll_stall_ms`: from the newest message to the first, page by page: the clock
  starts just before the scroll bar moves up one viewport height (which may bring in
  the next older page from the cache, letting the newest rows go) and stops when the
  synchronous repaint returns. Events are processed between pages (the idle time in
  which the app lays out the page that comes next). The longest stall of each run,
  median over `--runs`; also `scroll_step_median_ms` and `scroll_step_p95_ms` over every
  step of every run, and `scroll_pages` (steps per run).

Prints what it does, then one JSON line.
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
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _messages(chat_id: str, n: int, me: str, ana: str) -> list[dict[str, Any]]:
    start = datetime.now(UTC) - timedelta(days=30)
    step = timedelta(days=30) / max(n, 1)
    out = []
    for i in range(n):
        kind, author_kind, author_id = "reply", "customer", None
        blocks: list[dict[str, Any]] = [
            {
                "type": "text",
                "text": f"주문 {i} 관련 문의드립니다. 배송이 언제 되나요? " * (1 + i % 3),
            }
        ]
        if i % 3 == 1:
            author_kind, author_id = "manager", me
        if i % 17 == 0:
            kind, author_kind, author_id = "note", "manager", ana
        if i % 29 == 0:
            kind, author_kind, author_id = "event", "system", None
            blocks = [{"type": "event", "action": "tagged", "actor_id": ana, "tag": "배송"}]
        out.append(
            {
                "id": str(uuid.uuid4()),
                "chat_id": chat_id,
                "seq": 10_000_000 + i,
                "author_kind": author_kind,
                "author_id": author_id,
                "kind": kind,
                "blocks": blocks,
                "created_at": (start + step * i).isoformat(),
                "customer_read_at": (start + step * i).isoformat()
                if author_kind == "manager" and i < n - 6
                else None,
                "delivered_at": None,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--opens", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-popups", action="store_true", help="skip bench.popups (the @ / # / : popups)"
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from bench.desktop_cache import build, login_for
    from desktop.controller.ui import build_ui
    from desktop.sync.cache import Cache
    from desktop.sync.reads import CacheReader

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sangdam-bench-conv-"))
    login = login_for(15)
    path = login.path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    build(path, login, 50, 500, seed=15)
    reader = CacheReader(path)
    me = str(reader.meta("manager_id"))
    managers = [m["id"] for m in reader.reference("manager")]
    ana = next(m for m in managers if m != me)
    ids = [r.id for r in reader.chat_rows("all", "open", limit=3)]
    long_id, small_id, other_id = ids
    reader.close()
    cache = Cache.open(
        path, server_url=login.server_url, workspace_id=login.workspace_id, manager_id=me
    )
    cache.write_fetched_messages(
        long_id, _messages(long_id, args.messages, me, ana), before=None, more=False
    )
    cache.write_fetched_messages(
        small_id, _messages(small_id, 50, me, ana), before=None, more=False
    )
    cache.close()
    print(f"cache ready in {time.perf_counter() - began:.1f} s: {path}")

    ui = build_ui(path, account="bench")
    w = ui.window
    w.resize(1280, 800)
    w.show()
    for _ in range(5):
        app.processEvents()
    pane = w.conversation
    view = pane.view
    vp = view.viewport()

    from desktop.sync.reads import CacheReader as Reader

    r2 = Reader(path)
    items = {c.id: c for c in r2.chat_rows("all", "open", limit=3)}

    def open_ms(chat_id: str) -> float:
        pane.set_chat(items[other_id])
        for _ in range(3):
            app.processEvents()
        t = time.perf_counter()
        pane.set_chat(items[chat_id])
        newest = ui.messages.item(ui.messages.rowCount() - 1).id
        view.delegate.painted_ids.clear()
        while True:
            vp.repaint()
            if newest in view.delegate.painted_ids and view.at_bottom():
                break
            app.processEvents()
        return time.perf_counter() - t

    open_ms(long_id)  # warm: fonts, first layouts of the code paths
    opens = [open_ms(long_id) for _ in range(args.opens)]
    smalls = [open_ms(small_id) for _ in range(args.opens)]
    open_med, small_med = statistics.median(opens), statistics.median(smalls)
    print(
        f"open {args.messages} messages: median {ms(open_med)} ms; 50 messages {ms(small_med)} ms"
    )

    longest: list[float] = []
    steps: list[float] = []
    pages = 0
    for run in range(args.runs):
        pane.set_chat(items[other_id])
        app.processEvents()
        pane.set_chat(items[long_id])
        for _ in range(5):
            app.processEvents()
        sb = view.verticalScrollBar()
        first = ui.messages.item(0)
        stalls: list[float] = []
        began = time.perf_counter()
        while True:
            top = ui.messages.item(0)
            at_top = sb.value() <= sb.minimum() and not ui.messages.asking
            if at_top and stalls and top is not None and top == first:
                break  # at the top, and nothing older came: the first message is shown
            first = top
            t = time.perf_counter()
            sb.setValue(sb.value() - vp.height())
            vp.repaint()
            stalls.append(time.perf_counter() - t)
            app.processEvents()
            if time.perf_counter() - began > 200:
                print("scroll budget spent")
                break
        shown = str(ui.messages.data(ui.messages.index(0)))[:20]
        print(
            f"run {run}: {len(stalls)} pages to {shown!r}, longest {ms(max(stalls))} ms, "
            f"median {ms(statistics.median(stalls))} ms"
        )
        longest.append(max(stalls))
        steps.extend(stalls)
        pages = len(stalls)
    figures = {
        "open_ms": ms(open_med),
        "open_small_ms": ms(small_med),
        "open_ratio": round(open_med / small_med, 2),
        "scroll_stall_ms": ms(statistics.median(longest)),
        "scroll_step_median_ms": ms(statistics.median(steps)),
        "scroll_step_p95_ms": ms(pct(steps, 0.95)),
        "scroll_pages": pages,
        "messages": args.messages,
    }
    r2.close()
    if not args.no_popups:
        figures.update(popup_figures())
    print(json.dumps(figures))


def popup_figures() -> dict[str, Any]:
    """`popup_p95_ms` and its parts from `bench.popups` (its own process: its own
    QApplication and cache of 500 managers, 1,000 macros and the full emoji set)."""
    print("popups: python -m bench.popups")
    run = subprocess.run(
        [sys.executable, "-m", "bench.popups"], capture_output=True, text=True, check=True
    )
    lines = run.stdout.strip().splitlines()
    print("\n".join("  " + line for line in lines[:-1]))
    got: dict[str, Any] = json.loads(lines[-1])
    return {k: v for k, v in got.items() if k.startswith("popup")}


if __name__ == "__main__":
    main()
