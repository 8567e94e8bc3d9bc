"""The side panel's message marks on their own (no server): every write path keeps them
exactly what the messages hold (feed upserts, edits and deletes, a pending message and
its confirmation, a chat deleted), the set-based rebuild agrees with the triggers, and
the panel's reads of files, links and sent messages find what they found when they
scanned every message."""

# covers: P7

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.sync import message_marks
from desktop.sync.cache import Cache
from desktop.sync.layout import PENDING_BASE, MessageMarks
from desktop.sync.panel_reads import exchanged, sent_messages
from tests.desktop_sync.test_cache import Feed, _id, cache, chat, message

__all__ = ["cache"]  # the fixture, shared with test_cache


def marks(cache: Cache) -> dict[str, tuple[str, int, bool, bool]]:
    """message id -> (chat id, sort key, links, bot)."""
    K = MessageMarks
    conn = sqlite3.connect(cache.path)
    try:
        rows = conn.execute(
            f"SELECT {K.MESSAGE_ID}, {K.CHAT_ID}, {K.SORT_KEY}, {K.LINKS}, {K.BOT} FROM {K.TABLE}"
        ).fetchall()
    finally:
        conn.close()
    return {r[0]: (r[1], r[2], bool(r[3]), bool(r[4])) for r in rows}


def with_blocks(chat_id: str, seq: int, blocks: list[dict[str, Any]], **fields: Any) -> Any:
    return {**message(chat_id, seq, ""), "blocks": blocks, **fields}


def test_marks_follow_every_write_and_the_panel_reads_them(cache: Cache) -> None:
    feed = Feed()
    a, b = chat(1), chat(2)
    b["customer_id"] = a["customer_id"]  # one customer, two chats
    plain = message(a["id"], 3, "배송이 언제 되나요?")
    link = message(a["id"], 4, "see HTTPS://Example.com/order/1, thanks")
    nearly = message(a["id"], 5, "http is not a link, nor is https:")
    button = with_blocks(
        a["id"], 6, [{"type": "button", "text": "Track it", "url": "https://track.example/1"}],
        author_kind="manager", author_id=_id(),
    )  # fmt: skip
    ref = {"id": _id(), "name": "invoice.pdf", "size": 1200, "content_type": "application/pdf"}
    files = with_blocks(a["id"], 7, [{"type": "files", "files": [ref]}])
    bot = with_blocks(
        b["id"], 8, [{"type": "text", "text": "Your order has shipped"}], author_kind="bot"
    )
    cache.apply_changes(
        [feed("chat", a), feed("chat", b)]
        + [feed("message", m) for m in (plain, link, nearly, button, files, bot)],
        feed.seq,
    )
    assert marks(cache) == {
        link["id"]: (a["id"], 4, True, False),
        button["id"]: (a["id"], 6, True, False),
        files["id"]: (a["id"], 7, True, False),
        bot["id"]: (b["id"], 8, False, True),
    }
    got = exchanged(cache.reads, a["id"])
    assert [(x.kind, x.label, x.url) for x in got] == [
        ("file", "invoice.pdf", ""),
        ("link", "Track it", "https://track.example/1"),
        ("link", "HTTPS://Example.com/order/1", "HTTPS://Example.com/order/1"),
    ]
    assert got[0].file == ref and got[0].from_customer and not got[1].from_customer
    [sent] = sent_messages(cache.reads, a["customer_id"])
    assert (sent.message_id, sent.chat_id) == (bot["id"], b["id"])
    assert sent.text == "Your order has shipped"

    # Edited (the link goes, a link comes), deleted: the marks follow.
    cache.apply_changes(
        [feed("message", {**link, "blocks": [{"type": "text", "text": "no link now"}]}),
         feed("message", {**plain, "blocks": [{"type": "text", "text": "http://a.example"}]}),
         feed("message", None, files["id"])],
        feed.seq,
    )  # fmt: skip
    assert set(marks(cache)) == {plain["id"], button["id"], bot["id"]}
    assert [x.url for x in exchanged(cache.reads, a["id"])] == [
        "https://track.example/1",
        "http://a.example",
    ]

    # A pending message with a link is marked at its local sort key, then at its seq.
    mid = _id()
    pending, _ = cache.enqueue(
        "send_message",
        {"chat_id": a["id"], "message_id": mid,
         "blocks": [{"type": "text", "text": "https://help.example/returns"}]},
    )  # fmt: skip
    assert marks(cache)[mid] == (a["id"], PENDING_BASE + pending.mutation_id, True, False)
    confirmed = {**message(a["id"], 20, "https://help.example/returns"), "id": mid}
    cache.apply_changes([feed("message", confirmed)], 20)
    assert marks(cache)[mid] == (a["id"], 20, True, False)
    assert exchanged(cache.reads, a["id"])[0].url == "https://help.example/returns"

    # The set-based rebuild (bulk loads) makes the same marks as the triggers did.
    by_triggers = marks(cache)
    conn = sqlite3.connect(cache.path, isolation_level=None)
    conn.execute("BEGIN")
    message_marks.rebuild(conn)
    conn.execute("COMMIT")
    conn.close()
    assert marks(cache) == by_triggers

    # The chats go: their messages' marks go with them.
    cache.apply_changes([feed("chat", None, a["id"]), feed("chat", None, b["id"])], feed.seq)
    assert marks(cache) == {}
    assert exchanged(cache.reads, a["id"]) == []
    assert sent_messages(cache.reads, a["customer_id"]) == []
