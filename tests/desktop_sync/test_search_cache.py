"""The cache's search index on its own (no server): every write path keeps it exactly
what the data tables hold (feed upserts and deletes, optimistic effects and their
rollback, a schema rebuild carrying failed messages over), Korean substrings and short
queries match, and results come newest first within their scope."""

# covers: L5

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from desktop.sync import clear, search_index
from desktop.sync.cache import Cache
from desktop.sync.layout import SEARCH_FTS, SEARCH_LABELS_FTS, SearchDocs
from desktop.sync.search import excerpt, find_spans, terms
from protocol import schemas as s
from tests.desktop_sync.test_cache import ME, URL, Feed, _id, cache, chat, message

__all__ = ["cache"]  # the fixture, shared with test_cache


def customer(customer_id: str, name: str) -> dict[str, Any]:
    return {"id": customer_id, "name": name, "avatar_url": None, "profile": {}, "identities": []}


def indexed(cache: Cache) -> dict[str, set[tuple[str, str]]]:
    """What each FTS table finds for every trigram of every doc, against the docs: the
    index holds exactly the docs' texts, each in its own table."""
    conn = sqlite3.connect(cache.path)
    try:
        docs = conn.execute(
            f"SELECT {SearchDocs.ID}, {SearchDocs.KIND}, {SearchDocs.KEY}, {SearchDocs.TEXT} "
            f"FROM {SearchDocs.TABLE}"
        ).fetchall()
        for doc_id, kind, _, text in docs:
            fts = SEARCH_FTS if kind == "message" else SEARCH_LABELS_FTS
            for i in range(max(0, len(text) - 2)):
                gram = text[i : i + 3]
                if "\n" in gram:
                    continue
                found = {
                    r[0]
                    for r in conn.execute(
                        f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?",
                        ('"' + gram.replace('"', '""') + '"',),
                    )
                }
                assert doc_id in found, (gram, text)
        for fts in (SEARCH_FTS, SEARCH_LABELS_FTS):
            rows = conn.execute(f"SELECT count(*) FROM {fts}_docsize").fetchone()[0]
            want = sum(1 for d in docs if (d[1] == "message") == (fts == SEARCH_FTS))
            assert rows == want, fts
        out: dict[str, set[tuple[str, str]]] = {}
        for _, kind, key, text in docs:
            out.setdefault(kind, set()).add((key, text))
        return out
    finally:
        conn.close()


def ids(cache: Cache, query: str, **scope: Any) -> list[str]:
    return [r.id for r in cache.reads.search(query, **scope)]


def test_every_write_path_keeps_the_index_exact(cache: Cache) -> None:
    feed = Feed()
    a, b = chat(1, tags=["배송문의"]), chat(2)
    cu = customer(a["customer_id"], "김민지")
    m1, m2 = message(a["id"], 3, "배송조회 부탁드려요"), message(b["id"], 4, "Where is my parcel?")
    cache.apply_changes(
        [feed("customer", cu), feed("chat", a), feed("chat", b), feed("message", m1),
         feed("message", m2)],
        feed.seq,
    )  # fmt: skip
    docs = indexed(cache)
    assert docs["name"] == {(f"n:{cu['id']}", "김민지")}
    assert docs["tag"] == {(f"t:{a['id']}", "배송문의")}
    assert docs["message"] == {(f"m:{m1['id']}", m1["blocks"][0]["text"]),
                               (f"m:{m2['id']}", "Where is my parcel?")}  # fmt: skip

    # The feed rewrites and deletes: renamed, retagged, edited, gone.
    cache.apply_changes(
        [feed("customer", {**cu, "name": "김민지 고객"}),
         feed("chat", {**a, "tags": ["환불", "vip"]}),
         feed("message", {**m2, "blocks": [{"type": "text", "text": "Found it, thanks"}]}),
         feed("message", None, m1["id"])],
        feed.seq,
    )  # fmt: skip
    docs = indexed(cache)
    assert docs["name"] == {(f"n:{cu['id']}", "김민지 고객")}
    assert docs["tag"] == {(f"t:{a['id']}", "환불\nvip")}
    assert docs["message"] == {(f"m:{m2['id']}", "Found it, thanks")}
    assert ids(cache, "배송") == [] and ids(cache, "parcel") == []
    assert ids(cache, "thanks") == [b["id"]] and ids(cache, "VIP") == [a["id"]]

    # An optimistic tag shows in search at once, and goes with the refusal's rollback.
    pending, _ = cache.enqueue("add_tag", {"chat_id": b["id"], "tag": "긴급배송"})
    assert ids(cache, "긴급배") == [b["id"]] and ids(cache, "긴급") == [b["id"]]
    refusal = s.MutationResult(
        mutation_id=pending.mutation_id,
        status="refused",
        error=s.ErrorDetail(code="stale_value", message="no"),
    )
    cache.record_results([refusal])
    assert ids(cache, "긴급배") == [] and "tag" in indexed(cache)
    # A pending message is found too (the agent's own words), then confirmed under its id.
    mid = _id()
    cache.enqueue(
        "send_message",
        {"chat_id": b["id"], "message_id": mid, "blocks": [{"type": "text", "text": "교환 접수"}]},
    )
    [hit] = cache.reads.search("교환 접수")
    assert (hit.id, hit.field, hit.message_id) == (b["id"], "message", mid)
    cache.apply_changes([feed("message", {**message(b["id"], 9, "교환 접수"), "id": mid})], 9)
    assert ("m:" + mid, "교환 접수") in indexed(cache)["message"]

    # The chat goes: its tags and messages leave the index; the customer stays.
    cache.apply_changes([feed("chat", None, a["id"]), feed("chat", None, b["id"])], feed.seq)
    docs = indexed(cache)
    assert set(docs) == {"name"}
    assert ids(cache, "민지") == []  # a name without a chat finds nothing


def test_a_rebuild_indexes_what_it_keeps_and_a_bulk_rebuild_matches_the_triggers(
    tmp_path: Path,
) -> None:
    ws = _id()
    c = Cache.for_login(URL, ws, ME, folder=tmp_path)
    feed = Feed()
    a = chat(1, tags=["vip"])
    c.apply_changes(
        [feed("customer", customer(a["customer_id"], "Olivia Park")), feed("chat", a),
         feed("message", message(a["id"], 2, "배송지 변경 가능할까요"))],
        feed.seq,
    )  # fmt: skip
    p, _ = c.enqueue(
        "send_message",
        {
            "chat_id": a["id"],
            "message_id": _id(),
            "blocks": [{"type": "text", "text": "실패한 답장"}],
        },
    )
    c.record_results(
        [
            s.MutationResult(
                mutation_id=p.mutation_id,
                status="refused",
                error=s.ErrorDetail(code="invalid_value", message="no"),
            )
        ]
    )
    by_triggers = indexed(c)
    conn = sqlite3.connect(c.path, isolation_level=None)
    conn.execute("BEGIN")
    search_index.rebuild(conn)
    conn.execute("COMMIT")
    conn.close()
    assert indexed(c) == by_triggers
    c.close()

    # "Clear cache": emptied in place, the failed message kept, and indexed again.
    assert clear.clear(c.path).failed == 1
    c = Cache.for_login(URL, ws, ME, folder=tmp_path)
    try:
        assert [text for _, text in indexed(c)["message"]] == ["실패한 답장"]
        assert set(indexed(c)) == {"message"}
    finally:
        c.close()
    # Another schema version (an older app's file): rebuilt, and the index with it.
    conn = sqlite3.connect(c.path, isolation_level=None)
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    conn.close()
    c = Cache.for_login(URL, ws, ME, folder=tmp_path)
    try:
        assert c.rebuilt and indexed(c) == {}
        c.apply_changes([feed("customer", customer(_id(), "새 고객"))], feed.seq)
        assert set(indexed(c)) == {"name"}
    finally:
        c.close()


def test_scope_order_and_short_queries(cache: Cache) -> None:
    feed = Feed()
    chats = [chat(n, state="closed" if n == 3 else "open") for n in range(1, 6)]
    entries = [feed("chat", c) for c in chats]
    for n, c in enumerate(chats, start=1):
        entries.append(feed("customer", customer(c["customer_id"], f"고객 {n}호")))
        entries.append(feed("message", message(c["id"], 10 + n, f"배송조회 {n}번째 문의")))
    cache.apply_changes(entries, feed.seq)
    newest_first = [c["id"] for c in reversed(chats)]
    open_ones = [i for i in newest_first if i != chats[2]["id"]]
    for query in ("배송조회", "배송", "배", "문의 배송"):  # trigram, LIKE, 1 char, two terms
        assert ids(cache, query) == newest_first, query
        assert ids(cache, query, state="open") == open_ones, query
        assert ids(cache, query, state="closed") == [chats[2]["id"]], query
        assert ids(cache, query, limit=2) == newest_first[:2], query
    assert ids(cache, "3호") == [chats[2]["id"]]  # a name by part
    assert ids(cache, "배송조회 7번째") == []
    assert ids(cache, "%") == [] and ids(cache, "_") == [] and ids(cache, '"') == []
    assert ids(cache, "   ") == [] and cache.reads.search("배송", section="starred") == []


def test_excerpts_and_spans() -> None:
    assert terms("  배송  조회 배송 ") == ["배송", "조회"]
    assert find_spans("Delivery delivered", ["deliv"]) == ((0, 5), (9, 14))
    assert find_spans("배송조회", ["배송", "송조"]) == ((0, 3),)
    long = "안녕하세요. " * 20 + "배송조회 부탁드립니다\n주문번호 1234" + " 감사합니다." * 20
    text, spans = excerpt(long, ["배송조회", "1234"])
    assert text.startswith("…") and text.endswith("…") and "\n" not in text
    assert [text[a:b] for a, b in spans] == ["배송조회", "1234"]
    assert len(text) <= 122


def test_a_re_bootstrap_remakes_the_index_from_what_stays(cache: Cache) -> None:
    feed = Feed()
    a = chat(1, tags=["vip"])
    cache.apply_changes(
        [feed("customer", customer(a["customer_id"], "Olivia Park")), feed("chat", a),
         feed("message", message(a["id"], 2, "confirmed text goes"))],
        feed.seq,
    )  # fmt: skip
    mid = _id()
    cache.enqueue(
        "send_message",
        {"chat_id": a["id"], "message_id": mid, "blocks": [{"type": "text", "text": "내 답장"}]},
    )
    # The feed no longer reaches the cursor: the reference line of a new bootstrap.
    cache.write_reference({"counts": [], "workspace": None})
    docs = indexed(cache)
    assert docs["message"] == {(f"m:{mid}", "내 답장")}  # mine stays, the server's went
    assert docs["name"] == {(f"n:{a['customer_id']}", "Olivia Park")}
    assert ids(cache, "confirmed") == [] and ids(cache, "내 답") == [a["id"]]
    # The triggers are back: the pages and the feed keep the index again.
    cache.apply_changes([feed("message", message(a["id"], 3, "다시 온 메시지"))], feed.seq)
    assert ids(cache, "다시 온") == [a["id"]]
