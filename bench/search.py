"""Server search (L5) at 100,000 chats on PostgreSQL, through HTTP.

A fresh database ``sangdam_bench_<random>`` is created and migrated (pg_trgm GIN indexes
on message text and customer names, migration 0005), filled by ``server.seed`` (the demo
workspace: Korean and English customers, conversations, notes, tags) with ``--base``
chats, which are then copied in SQL (new ids, each copy a year earlier) up to
``--chats`` chats (seeding 100,000 one by one takes ~10 minutes here), analysed, and
dropped at the end. The server runs as a subprocess
(``sangdam-server serve``, one worker) and is asked ``GET /search`` as the demo owner
with a set of queries: Korean words of two characters (the bounded scan: no trigram
fits), longer Korean and English phrases (the trigram index), parts of customer names,
a tag, a word found nowhere, and each query's second page (its cursor).

Clock: starts just before the request is sent, stops when the whole response body has
arrived (httpx has read it), on one keep-alive connection; JSON decoding is not timed.
Each query is asked once to warm up, then ``--rounds`` times in turn with the others.

    python -m bench.search [--chats 100000] [--rounds 10]

The last line printed is JSON with ``search_p50_ms`` and ``search_p95_ms`` over every
timed request, and each query's median.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench._support import Server, median, percentile, postgres_database
from server.db.database import Database

QUERIES: tuple[str, ...] = (
    "배송",  # 2 characters: the bounded scan
    "환불",
    "결제",
    "배송 상태",  # 3 or more: the trigram index
    "주문번호",
    "교환 접수",
    "refund",
    "tracking page",
    "김민",  # part of a customer's name
    "Olivia",
    "VIP",  # a tag
    "없는말이에요",  # found nowhere
)


async def build(url: str, chats: int, base: int) -> tuple[float, int, int]:
    """Seed ``base`` chats of the demo workspace, copy them (customers, chats, messages,
    tags, with new ids and earlier times) until there are ``chats``, rebuild the search
    indexes and analyse; (seconds, chats, messages)."""
    from sqlalchemy import func, select, text

    from server.db import models as m
    from server.seed import seed

    db = Database(url)
    try:
        started = time.perf_counter()
        await seed(db, chats=min(base, chats), seed=1)
        copies = max(0, -(-chats // base) - 1)
        async with db.write() as conn:
            for sql in _copy_statements(copies, chats):
                await conn.execute(text(sql))
        async with db.write() as conn:
            await conn.execute(text("ANALYZE"))
        took = time.perf_counter() - started
        async with db.read() as conn:
            n_chats = int(await conn.scalar(select(func.count()).select_from(m.Chat)) or 0)
            n_msgs = int(await conn.scalar(select(func.count()).select_from(m.Message)) or 0)
        return took, n_chats, n_msgs
    finally:
        await db.dispose()


def _copy_statements(copies: int, total: int) -> list[str]:
    """SQL that copies the seeded workspace's chats `copies` times, each copy a year
    further back, stopping at `total` chats; the trigram indexes are dropped meanwhile
    and built again after (as a bulk load would)."""
    from server.db import models as m

    def cols(model: type[m.Base]) -> list[str]:
        return [c.name for c in model.__table__.columns]  # type: ignore[attr-defined]

    def select_list(model: type[m.Base], replace: dict[str, str]) -> tuple[str, str]:
        names = cols(model)
        return ", ".join(names), ", ".join(replace.get(n, f"t.{n}") for n in names)

    out = [
        "DROP INDEX ix_message_text_trgm",
        "DROP INDEX ix_customer_name_trgm",
        "CREATE TEMP TABLE orig_chat AS SELECT id, customer_id FROM chat",
        "CREATE TEMP TABLE orig_customer AS SELECT DISTINCT customer_id AS id FROM orig_chat",
    ]
    for k in range(1, copies + 1):
        shift = f"interval '{365 * k} days'"
        out += [
            "DROP TABLE IF EXISTS cmap",
            "DROP TABLE IF EXISTS hmap",
            "CREATE TEMP TABLE cmap AS SELECT id AS old, gen_random_uuid() AS new "
            "FROM orig_customer",
            "CREATE TEMP TABLE hmap AS SELECT o.id AS old, gen_random_uuid() AS new, "
            "c.new AS customer FROM orig_chat o JOIN cmap c ON c.old = o.customer_id "
            f"ORDER BY o.id LIMIT (SELECT GREATEST(0, {total} - COUNT(*)) FROM chat)",
        ]
        names, values = select_list(
            m.Customer, {"id": "c.new", "created_at": f"t.created_at - {shift}"}
        )
        out.append(
            f"INSERT INTO customer ({names}) SELECT {values} FROM customer t "
            "JOIN cmap c ON c.old = t.id"
        )
        shifted = {
            n: f"t.{n} - {shift}"
            for n in ("created_at", "last_message_at", "queued_since", "snooze_until")
        }
        names, values = select_list(m.Chat, {"id": "h.new", "customer_id": "h.customer", **shifted})
        out.append(
            f"INSERT INTO chat ({names}) SELECT {values} FROM chat t JOIN hmap h ON h.old = t.id"
        )
        names, values = select_list(
            m.Message,
            {
                "id": "gen_random_uuid()",
                "chat_id": "h.new",
                "created_at": f"t.created_at - {shift}",
                "customer_read_at": "NULL",
                "delivered_at": "NULL",
            },
        )
        out.append(
            f"INSERT INTO message ({names}) SELECT {values} FROM message t "
            "JOIN hmap h ON h.old = t.chat_id"
        )
        out.append(
            "INSERT INTO chat_tag (chat_id, tag_id) SELECT h.new, t.tag_id FROM chat_tag t "
            "JOIN hmap h ON h.old = t.chat_id"
        )
    out += [
        "CREATE INDEX ix_message_text_trgm ON message USING gin (text gin_trgm_ops)",
        "CREATE INDEX ix_customer_name_trgm ON customer USING gin (name gin_trgm_ops)",
    ]
    return out


async def measure(base: str, rounds: int) -> dict[str, Any]:
    from server.seed import DEFAULT_PASSWORD, OWNER_EMAIL

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        r = await client.post(
            "/auth/login", json={"email": OWNER_EMAIL, "password": DEFAULT_PASSWORD}
        )
        r.raise_for_status()
        headers = {"Authorization": f"Bearer {r.json()['token']}"}

        async def ask(params: dict[str, Any]) -> tuple[float, dict[str, Any]]:
            t0 = time.perf_counter()
            resp = await client.get("/search", params=params, headers=headers)
            took = (time.perf_counter() - t0) * 1000
            resp.raise_for_status()
            return took, resp.json()

        cursors: dict[str, str | None] = {}
        hits: dict[str, int] = {}
        for q in QUERIES:  # warm-up, and each query's cursor for its second page
            _, page = await ask({"q": q})
            cursors[q] = page["next_cursor"]
            hits[q] = len(page["hits"])
        times: dict[str, list[float]] = {q: [] for q in QUERIES}
        second: list[float] = []
        for _ in range(rounds):
            for q in QUERIES:
                took, _ = await ask({"q": q})
                times[q].append(took)
                if cursors[q]:
                    took, _ = await ask({"q": q, "cursor": cursors[q]})
                    second.append(took)
        return {"times": times, "second": second, "hits": hits}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chats", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--base", type=int, default=10_000, help="chats seeded, then copied")
    args = ap.parse_args()
    with postgres_database() as url, tempfile.TemporaryDirectory() as tmp:
        seed_s, n_chats, n_msgs = asyncio.run(build(url, args.chats, args.base))
        print(f"seeded {n_chats:,} chats, {n_msgs:,} messages in {seed_s:.1f} s")
        with Server(url, migrate=False, log_path=Path(tmp) / "server.log") as server:
            got = asyncio.run(measure(server.url, args.rounds))
    every = [t for ts in got["times"].values() for t in ts] + got["second"]
    per_query = {q: round(median(ts), 1) for q, ts in got["times"].items()}
    print(f"{'query':<14} {'hits':>5} {'median ms':>10} {'p95 ms':>8}")
    for q, ts in got["times"].items():
        print(f"{q:<14} {got['hits'][q]:>5} {median(ts):>10.1f} {percentile(ts, 95):>8.1f}")
    if got["second"]:
        print(f"second pages: median {median(got['second']):.1f} ms")
    result = {
        "chats": n_chats,
        "messages": n_msgs,
        "requests": len(every),
        "search_p50_ms": round(median(every), 1),
        "search_p95_ms": round(percentile(every, 95), 1),
        "second_page_p50_ms": round(median(got["second"]), 1) if got["second"] else None,
        "per_query_median_ms": per_query,
        "seed_s": round(seed_s, 1),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
