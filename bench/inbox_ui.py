"""The inbox window over a big cache (issue 14): sections, scrolling, search, memory.

    python -m bench.inbox_ui [--chats 100000] [--messages 1000000] [--scroll-budget 120]

The cache (`bench.desktop_cache.kept_cache`: 100,000 chats, 1,000,000 messages, its
search index built; kept in the temp folder, so only the first run pays, ~5 minutes,
in a child process) is opened by the
real main window (`desktop.controller.ui.build_ui`, no server: the controller has no
engine), shown offscreen at 1280x800. Every clock is `time.perf_counter` in this thread:

- `section_switch_ms` (median; also p95 and max): for each sidebar entry in turn, the
  clock starts just before `MainWindow.show_section(key)` (the sidebar's choice: the
  list model resets and reads its first page) and stops when a synchronous
  `viewport().repaint()` of the chat list returns, i.e. its first rows are painted.
- `scroll_stall_ms` (median; also p95 and max): the All list, from the top, page by
  page: the clock starts just before the scroll bar moves one viewport height (which
  may make the view fetch the next 100 rows) and stops when the synchronous repaint
  of the viewport returns. One stall per page. The whole list if it fits in
  `--scroll-budget` seconds, else as far as it got (`scrolled_rows` of `total_rows`).
- `search_p95_ms` (also median and max): queries typed one character at a time into
  the search field (`QLineEdit.insert`, as an input method commits a Hangul syllable);
  the clock starts just before the character is inserted (the window searches the
  cache on `textChanged`) and stops when a synchronous repaint of the results list
  returns: the results are painted.
- `rss_mb`: resident memory after visiting every section, in every state (before the
  long scroll, which loads the whole All list); `rss_after_scroll_mb` after it.

Prints what it does, then one JSON line. Under 5 minutes once the cache is built.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

QUERIES = ["배송조회", "환불 요청", "김서연", "Emma", "monitor stand", "WELCOME10", "서울 강남"]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_mb() -> float:
    from bench.rss import rss_bytes

    return round(rss_bytes() / 2**20, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--scroll-budget", type=float, default=120.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from bench.desktop_cache import kept_cache

    # Built (if missing) in a child process: the builder's page cache (up to ~1 GB) must
    # not count in this process's memory.
    began = time.perf_counter()
    build = f"from bench.desktop_cache import kept_cache; kept_cache({args.chats}, {args.messages})"
    subprocess.run([sys.executable, "-c", build], check=True)
    login, data, _ = kept_cache(args.chats, args.messages)
    path: Path = login.path(data / "cache")
    print(f"cache ready in {time.perf_counter() - began:.1f} s: {path}")
    print(f"cache: {args.chats} chats, {args.messages} messages, {path.stat().st_size >> 20} MB")

    from PySide6.QtWidgets import QApplication

    from desktop.app import make_app
    from desktop.controller.ui import build_ui
    from desktop.models.sidebar import EntryKind

    make_app()
    ui = build_ui(path, account="bench")
    w = ui.window
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    view = w.chat_list
    vp = view.viewport()

    # ---- sections ------------------------------------------------------------------------
    switches: list[float] = []
    keys = [e.key for e in ui.sidebar.entries() if e.kind is not EntryKind.HEADER]
    for state_index in range(w.state_box.count()):
        w.state_box.setCurrentIndex(state_index)
        QApplication.processEvents()
        for key in [*keys, "all"]:
            start = time.perf_counter()
            w.show_section(key)
            vp.repaint()
            switches.append(time.perf_counter() - start)
            QApplication.processEvents()
    w.state_box.setCurrentIndex(0)
    w.show_section("all")
    QApplication.processEvents()
    rss = rss_mb()
    print(
        f"sections: {len(switches)} switches over {len(keys)} sections x 3 states, median "
        f"{ms(statistics.median(switches))} ms, max {ms(max(switches))} ms; RSS {rss} MB"
    )

    # ---- search as you type --------------------------------------------------------------
    keystrokes: list[float] = []
    rvp = w.search_results.viewport()
    for query in QUERIES:
        w.search_field.clear()
        QApplication.processEvents()
        for ch in query:
            start = time.perf_counter()
            w.search_field.insert(ch)
            rvp.repaint()
            keystrokes.append(time.perf_counter() - start)
            QApplication.processEvents()
        print(f"search {query!r}: {w.search_model.rowCount()} results")
    w.search_field.clear()
    QApplication.processEvents()
    print(
        f"search: {len(keystrokes)} keystrokes, median {ms(statistics.median(keystrokes))} ms, "
        f"p95 {ms(pct(keystrokes, 0.95))} ms, max {ms(max(keystrokes))} ms"
    )

    # ---- scrolling the All list ----------------------------------------------------------
    w.show_section("all")
    QApplication.processEvents()
    total = ui.reader.counts("open").get(("", "all", "open"), 0)
    sb = view.verticalScrollBar()
    stalls: list[float] = []
    began = time.perf_counter()
    while time.perf_counter() - began < args.scroll_budget:
        if sb.value() >= sb.maximum() and not ui.chats.canFetchMore():
            break
        start = time.perf_counter()
        sb.setValue(sb.value() + vp.height())
        vp.repaint()
        stalls.append(time.perf_counter() - start)
        QApplication.processEvents()
    bottom = view.indexAt(vp.rect().bottomLeft())
    scrolled = (bottom.row() + 1) if bottom.isValid() else ui.chats.rowCount()
    whole = scrolled >= total
    print(
        f"scroll: {len(stalls)} pages, {scrolled} of {total} rows"
        f"{'' if whole else ' (the time budget ended first)'} in "
        f"{time.perf_counter() - began:.1f} s; stall median {ms(statistics.median(stalls))} ms, "
        f"p95 {ms(pct(stalls, 0.95))} ms, max {ms(max(stalls))} ms"
    )
    rss_after = rss_mb()

    figures: dict[str, Any] = {
        "chats": args.chats,
        "messages": args.messages,
        "section_switch_ms": ms(statistics.median(switches)),
        "section_switch_p95_ms": ms(pct(switches, 0.95)),
        "section_switch_max_ms": ms(max(switches)),
        "scroll_stall_ms": ms(statistics.median(stalls)),
        "scroll_stall_p95_ms": ms(pct(stalls, 0.95)),
        "scroll_stall_max_ms": ms(max(stalls)),
        "scroll_pages": len(stalls),
        "scrolled_rows": scrolled,
        "total_rows": total,
        "search_p95_ms": ms(pct(keystrokes, 0.95)),
        "search_median_ms": ms(statistics.median(keystrokes)),
        "search_max_ms": ms(max(keystrokes)),
        "rss_mb": rss,
        "rss_after_scroll_mb": rss_after,
    }
    ui.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
