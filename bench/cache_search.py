"""Search as you type over a big cache (L5), and what the search index costs.

    python -m bench.cache_search [--chats 100000] [--messages 1000000] [--apply 6000]

The cache of `--chats` chats and `--messages` messages is built once per size and schema
version in the temp folder and reused (`bench.desktop_cache`; the search index is built
there in one pass, as the triggers would have written it row by row).

Search: a few Korean and English queries are typed one character at a time; for each
keystroke the clock starts just before `CacheReader.search(prefix)` (what
`SyncEngine.search` calls, on the GUI's own reader: state any, section all, 50 results)
and stops when it has returned the results with their excerpts and spans. Prefixes of
1-2 characters take the bounded LIKE path, longer ones the FTS5 trigram index. The
first keystroke of the run is timed too (pages not yet in memory), so p95 includes it.

Apply cost: `--apply` feed entries (a new message in each of `--apply / 3` chats, with
the chat's and my chat state's new rows: what the feed brings when customers write) are
applied with the feed's own code (`apply.apply_changes`, chunks of 500) on the big
cache, once with the index kept by its triggers and once with the triggers dropped, each
inside a transaction rolled back afterwards, so the file is unchanged; the clock covers
the apply, not the commit's fsync. Six rounds in ABBA order; the median of each.

Size: the search tables' pages (dbstat) against the whole file.

The last line is JSON: cache_search_p95_ms, cache_search_p50_ms, cache_search_max_ms,
cache_search_like_p95_ms, cache_search_fts_p95_ms, apply_with_index_per_s,
apply_without_index_per_s, index_mb, cache_mb, index_share, chats, messages.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from bench.desktop_cache import kept_cache, text
from desktop.sync import apply, search_index
from desktop.sync.cache import sqlite_engine
from desktop.sync.changed import ChangedIds
from desktop.sync.layout import SEARCH_FTS, SearchDocs
from desktop.sync.reads import CacheReader
from desktop.sync.rows import Tx
from desktop.sync.search import MIN_TRIGRAM

QUERIES = [
    "배송조회",
    "무선 이어폰",
    "김민준",
    "환불 요청",
    "delivery",
    "keyboard",
    "Olivia",
    "2026-5",
]
TARGET_P95_MS = 50.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def typing(reader: CacheReader) -> dict[str, Any]:
    """Every prefix of every query, timed; per-query lines printed as it goes."""
    like: list[float] = []
    fts: list[float] = []
    for query in QUERIES:
        line = []
        for n in range(1, len(query) + 1):
            prefix = query[:n]
            if not prefix.strip() or prefix != prefix.rstrip():
                continue  # a space typed changes no term
            began = time.perf_counter()
            results = reader.search(prefix, limit=50)
            ms = (time.perf_counter() - began) * 1000
            short = all(len(w) < MIN_TRIGRAM for w in prefix.split())
            (like if short else fts).append(ms)
            line.append(f"{prefix}:{ms:.1f}ms/{len(results)}")
        print("  " + "  ".join(line))
    every = like + fts
    return {
        "cache_search_p95_ms": round(p95(every), 2),
        "cache_search_p50_ms": round(statistics.median(every), 2),
        "cache_search_max_ms": round(max(every), 2),
        "cache_search_like_p95_ms": round(p95(like), 2),
        "cache_search_fts_p95_ms": round(p95(fts), 2),
        "keystrokes": len(every),
    }


def feed_batch(path: Path, me: str, entries: int, cursor: int) -> list[dict[str, Any]]:
    """New customer messages in existing chats, as the feed carries them."""
    conn = sqlite3.connect(path)
    try:
        picked = conn.execute(
            "SELECT data FROM chats ORDER BY random() LIMIT ?", (entries // 3,)
        ).fetchall()
    finally:
        conn.close()
    rng = random.Random(3)
    out: list[dict[str, Any]] = []
    seq = cursor
    for (data,) in picked:
        chat = json.loads(data)
        seq += 1
        at = f"2026-11-29T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+00:00"
        body = text(rng)
        message = {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "chat_id": chat["id"],
            "seq": seq,
            "author_kind": "customer",
            "author_id": None,
            "kind": "reply",
            "blocks": [{"type": "text", "text": body}],
            "created_at": at,
            "customer_read_at": None,
            "delivered_at": None,
        }
        chat.update(last_message_at=at, last_message_seq=seq, last_message_preview=body)
        state = {
            "chat_id": chat["id"],
            "manager_id": me,
            "starred": False,
            "read_seq": 0,
            "unread_count": 1,
            "mentioned": False,
            "in_sessions": False,
        }
        for entity, entry_id, row in (
            ("message", message["id"], message),
            ("chat", chat["id"], chat),
            ("chat_state", f"{chat['id']}:{me}", state),
        ):
            out.append({"seq": seq, "entity": entity, "id": entry_id, "op": "upsert", "data": row})
    return out


def apply_rate(path: Path, me: str, changes: list[dict[str, Any]], *, index: bool) -> float:
    """Feed entries per second applied in chunks of 500, in one transaction rolled
    back afterwards (so every run meets the same file)."""
    engine = sqlite_engine(path, writer=True)  # the app's writer: BEGIN IMMEDIATE, its cache
    try:
        with engine.connect() as conn:
            try:
                raw = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'cursor'").scalar()
                cursor = int(json.loads(raw or "0") or 0)
                if not index:
                    search_index.drop_triggers(conn)
                began = time.perf_counter()
                for i in range(0, len(changes), 500):
                    part = changes[i : i + 500]
                    cursor = max(cursor, int(part[-1]["seq"]))
                    apply.apply_changes(Tx(conn, me, ChangedIds()), part, cursor, "bench")
                elapsed = time.perf_counter() - began
            finally:
                conn.rollback()
    finally:
        engine.dispose()
    return len(changes) / elapsed


def index_size(path: Path) -> tuple[float, float]:
    """(MB the search tables take, MB of the whole file)."""
    conn = sqlite3.connect(path)
    try:
        names = [SearchDocs.TABLE, "sqlite_autoindex_search_docs_1", "ix_search_docs_chat"]
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        index = sum(size for name, size in rows if name in names or name.startswith(SEARCH_FTS))
        total = sum(size for _, size in rows)
    finally:
        conn.close()
    return index / 1e6, total / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--chats", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--apply", type=int, default=6_000, help="feed entries to apply")
    args = parser.parse_args()

    login, data_dir, built = kept_cache(args.chats, args.messages)
    path = login.path(data_dir / "cache")
    how = "reused" if built is None else f"built in {built:.0f} s"
    print(f"cache of {args.chats:,} chats and {args.messages:,} messages: {how}")

    reader = CacheReader(path)
    try:
        print("search as you type (prefix:time/results):")
        figures = typing(reader)
    finally:
        reader.close()

    changes = feed_batch(path, login.manager_id, args.apply, args.messages + 10)
    with_index: list[float] = []
    without: list[float] = []
    for first in (True, False, False, True, True, False):  # ABBA: neither always warms up
        for index in (first, not first):
            rate = apply_rate(path, login.manager_id, changes, index=index)
            (with_index if index else without).append(rate)
    index_mb, cache_mb = index_size(path)

    figures.update(
        apply_with_index_per_s=round(statistics.median(with_index)),
        apply_without_index_per_s=round(statistics.median(without)),
        index_mb=round(index_mb, 1),
        cache_mb=round(cache_mb, 1),
        index_share=round(index_mb / cache_mb, 3),
        chats=args.chats,
        messages=args.messages,
    )
    print(
        f"keystrokes: p50 {figures['cache_search_p50_ms']} ms, p95 "
        f"{figures['cache_search_p95_ms']} ms (LIKE {figures['cache_search_like_p95_ms']}, "
        f"FTS {figures['cache_search_fts_p95_ms']}), max {figures['cache_search_max_ms']} ms; "
        f"target p95 <= {TARGET_P95_MS:.0f} ms"
    )
    print(
        f"apply: {figures['apply_with_index_per_s']:,} entries/s with the index, "
        f"{figures['apply_without_index_per_s']:,} without; index {index_mb:,.0f} MB of "
        f"{cache_mb:,.0f} MB"
    )
    print(json.dumps({"bench": "cache_search", **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
