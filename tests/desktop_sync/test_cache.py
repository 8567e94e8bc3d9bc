"""The cache on its own (no server): applying the feed, the outbox's optimistic effects and
their rollback, section windows, the file's place, its schema version and the drafts."""

# covers: Y3

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pydantic
import pytest

from desktop.sync.cache import Cache
from desktop.sync.drafts import Draft
from desktop.sync.paths import cache_path
from desktop.sync.reads import CacheReader
from protocol import schemas as s

ME = str(uuid.uuid4())
OTHER = str(uuid.uuid4())
URL = "http://sangdam.test"


def _id() -> str:
    return str(uuid.uuid4())


def chat(n: int, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": _id(),
        "customer_id": _id(),
        "medium": "web",
        "state": "open",
        "snooze_until": None,
        "team_id": None,
        "assignee_id": None,
        "follower_ids": [],
        "tags": [],
        "description": "",
        "source_kind": None,
        "source_name": None,
        "goal": None,
        "goal_reached": False,
        "queued_since": None,
        "page_url": None,
        "last_message_at": f"2025-01-01T10:{n // 60:02d}:{n % 60:02d}.000001+00:00",
        "last_message_seq": n,
        "last_message_preview": f"preview {n}",
        "created_at": "2025-01-01T09:00:00+00:00",
    }
    data.update(fields)
    return data


def message(chat_id: str, seq: int, text: str) -> dict[str, Any]:
    return {
        "id": _id(),
        "chat_id": chat_id,
        "seq": seq,
        "author_kind": "customer",
        "author_id": None,
        "kind": "reply",
        "blocks": [{"type": "text", "text": text}],
        "created_at": "2025-01-01T10:00:00+00:00",
        "customer_read_at": None,
        "delivered_at": None,
    }


class Feed:
    """Numbers entries like the server's change log."""

    def __init__(self) -> None:
        self.seq = 0

    def __call__(
        self, entity: str, data: dict[str, Any] | None, entry_id: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        self.seq += 1
        ident = entry_id or (data or {}).get("id")
        op = "upsert" if data is not None else "delete"
        return {"seq": self.seq, "entity": entity, "id": ident, "op": op, "data": data, **extra}


@pytest.fixture
def cache(tmp_path: Path) -> Any:
    c = Cache.for_login(URL, _id(), ME, folder=tmp_path)
    yield c
    c.close()


def texts(cache: Cache, chat_id: str) -> list[tuple[str, bool, str | None]]:
    return [
        (m.message["blocks"][0]["text"], m.pending, m.failed_reason)
        for m in cache.reads.messages(chat_id, limit=100)
    ]


def test_one_file_per_login_in_a_safe_name(tmp_path: Path) -> None:
    ws = _id()
    a = cache_path("https://Inbox.Example.com:8443/", ws, ME, folder=tmp_path)
    assert a == cache_path("https://inbox.example.com:8443", ws, ME, folder=tmp_path)
    assert a.parent == tmp_path and a.name.startswith("inbox-example-com-8443-")
    assert a != cache_path("https://inbox.example.com:8443", ws, OTHER, folder=tmp_path)
    assert a != cache_path("https://other.example.com", ws, ME, folder=tmp_path)
    default = cache_path("http://127.0.0.1:8750", ws, ME)
    assert "sangdam" in str(default).lower() and default.suffix == ".sqlite3"


def test_the_feed_keeps_the_last_version_of_each_row_and_its_cursor(cache: Cache) -> None:
    feed = Feed()
    c = chat(1)
    m1 = message(c["id"], 2, "hello")
    changed = cache.apply_changes(
        [
            feed("chat", c),
            feed("message", m1),
            feed("chat", {**c, "last_message_preview": "newer", "tags": ["vip"]}),
            feed(
                "chat_state",
                {
                    "chat_id": c["id"],
                    "manager_id": ME,
                    "starred": True,
                    "read_seq": 0,
                    "unread_count": 1,
                    "mentioned": False,
                    "in_sessions": True,
                },
                f"{c['id']}:{ME}",
            ),
            feed(
                "chat_state",
                {
                    "chat_id": c["id"],
                    "manager_id": OTHER,
                    "starred": False,
                    "read_seq": 0,
                    "unread_count": 0,
                    "mentioned": False,
                    "in_sessions": False,
                },
                f"{c['id']}:{OTHER}",
            ),
            feed("count", {"scope": "", "key": "all", "state": "open", "count": 1}, "|all|open"),
            feed(
                "count",
                {"scope": ME, "key": "unread", "state": "open", "count": 1},
                f"{ME}|unread|open",
            ),
        ],
        cursor=9,  # entries hidden from me moved it past the last one I saw
    )
    assert changed.chats == {c["id"]} and changed.messages == {c["id"]: {m1["id"]}}
    assert changed.chat_states == {c["id"]}
    [row] = cache.reads.chat_rows()
    assert row.chat["last_message_preview"] == "newer" and row.starred and row.unread_count == 1
    assert cache.reads.chat_count("tag:vip") == 1 and cache.reads.chat_count("unread") == 1
    counts = cache.reads.counts("open")
    assert counts[("", "all", "open")] == 1 and counts[(ME, "unread", "open")] == 1
    assert cache.get_meta().cursor == 9
    assert texts(cache, c["id"]) == [("hello", False, None)]


def test_a_notification_is_announced_once_even_when_the_feed_is_replayed(cache: Cache) -> None:
    feed = Feed()
    c = chat(1)
    note = {
        "id": _id(),
        "manager_id": ME,
        "chat_id": c["id"],
        "reason": "assigned",
        "preview": "hi",
        "created_at": "2025-01-01T10:00:00+00:00",
    }
    other = {**note, "id": _id(), "manager_id": OTHER}
    first = cache.apply_changes(
        [feed("chat", c), feed("notification", note), feed("notification", other)], feed.seq
    )
    assert first.notifications == [note["id"]]
    again = cache.apply_changes([feed("notification", note)], feed.seq)
    assert again.notifications == [] and [
        n["id"] for n in cache.reads.notifications([note["id"], other["id"]])
    ] == [note["id"]]


def test_a_deleted_chat_takes_its_messages_state_and_pending_work_with_it(cache: Cache) -> None:
    feed = Feed()
    c = chat(1)
    cache.apply_changes([feed("chat", c), feed("message", message(c["id"], 2, "hi"))], feed.seq)
    cache.enqueue(
        "send_message",
        {"chat_id": c["id"], "message_id": _id(), "blocks": [{"type": "text", "text": "mine"}]},
    )
    cache.enqueue("star", {"chat_id": c["id"]})
    changed = cache.apply_changes([feed("chat", None, c["id"])], feed.seq)
    assert changed.deleted_chats == {c["id"]}
    assert cache.reads.chat_count() == 0 and cache.reads.messages(c["id"]) == []
    assert len(cache.outbox()) == 2  # the server will refuse them; that is its answer to give


def test_an_action_shows_at_once_and_survives_new_server_rows(cache: Cache) -> None:
    feed = Feed()
    c = chat(1)
    cache.apply_changes([feed("chat", c)], feed.seq)
    mid = _id()
    cache.enqueue(
        "send_message",
        {"chat_id": c["id"], "message_id": mid, "blocks": [{"type": "text", "text": "on my way"}]},
    )
    cache.enqueue("assign", {"chat_id": c["id"], "assignee_id": ME, "expected_assignee_id": None})
    cache.enqueue("add_tag", {"chat_id": c["id"], "tag": "vip"})
    assert cache.reads.waiting() == 3
    [row] = cache.reads.chat_rows("mine")
    assert row.chat["tags"] == ["vip"] and row.chat["last_message_preview"] == "on my way"
    assert texts(cache, c["id"]) == [("on my way", True, None)]

    # The customer writes meanwhile: the server's new chat row arrives, without my
    # changes; they are replayed on top of it.
    customer = message(c["id"], 10, "hello?")
    cache.apply_changes(
        [
            feed("message", customer),
            feed("chat", {**c, "last_message_seq": 10, "last_message_preview": "hello?"}),
        ],
        feed.seq,
    )
    [row] = cache.reads.chat_rows("mine")
    assert row.chat["assignee_id"] == ME and row.chat["tags"] == ["vip"]
    assert texts(cache, c["id"]) == [("hello?", False, None), ("on my way", True, None)]


def test_a_refusal_rolls_back_only_its_own_effect(cache: Cache) -> None:
    feed = Feed()
    c = chat(1, assignee_id=OTHER)
    cache.apply_changes([feed("chat", c)], feed.seq)
    mid = _id()
    assign, _ = cache.enqueue(
        "assign", {"chat_id": c["id"], "assignee_id": ME, "expected_assignee_id": None}
    )
    tag, _ = cache.enqueue("add_tag", {"chat_id": c["id"], "tag": "refund"})
    send, _ = cache.enqueue(
        "send_message",
        {"chat_id": c["id"], "message_id": mid, "blocks": [{"type": "text", "text": "x"}]},
    )
    star, _ = cache.enqueue("star", {"chat_id": c["id"]})
    assert cache.reads.chat_rows()[0].chat["assignee_id"] == ME

    stale = s.ErrorDetail(code="stale_value", message="Someone else took it.", current=OTHER)
    nope = s.ErrorDetail(code="invalid_value", message="No such team to mention.")
    outcome, changed = cache.record_results(
        [
            s.MutationResult(mutation_id=assign.mutation_id, status="refused", error=stale),
            s.MutationResult(mutation_id=tag.mutation_id, status="applied", seq=50),
            s.MutationResult(mutation_id=send.mutation_id, status="refused", error=nope),
            s.MutationResult(mutation_id=star.mutation_id, status="applied", seq=None),
        ]
    )
    assert [(p.name, e.code) for p, e in outcome.refused] == [
        ("assign", "stale_value"),
        ("send_message", "invalid_value"),
    ]
    assert outcome.refetch == {c["id"]}
    row = cache.reads.chat_rows()[0]
    assert row.chat["assignee_id"] == OTHER  # rolled back
    assert row.chat["tags"] == ["refund"]  # applied, the feed has not shown it yet
    assert row.chat["last_message_preview"] == c["last_message_preview"]
    assert texts(cache, c["id"]) == [("x", False, "No such team to mention.")]
    # star was applied as a no-op (seq null): gone, and with it its shadow
    assert [(p.name, p.status, p.server_seq) for p in cache.outbox()] == [("add_tag", "sent", 50)]
    assert cache.reads.waiting() == 0 and changed.outbox

    # The feed reaches seq 50: the tag is now the server's, the outbox is empty.
    feed.seq = 49
    cache.apply_changes([feed("chat", {**c, "tags": ["refund"]})], 50)
    assert cache.outbox() == [] and cache.reads.chat_rows()[0].chat["tags"] == ["refund"]

    cache.discard_failed(mid)
    assert cache.reads.messages(c["id"]) == []


def test_the_feed_confirming_my_mutation_replaces_the_pending_row(cache: Cache) -> None:
    feed = Feed()
    c = chat(1)
    cache.apply_changes([feed("chat", c)], feed.seq)
    mid = _id()
    p, _ = cache.enqueue(
        "send_message",
        {"chat_id": c["id"], "message_id": mid, "blocks": [{"type": "text", "text": "yo"}]},
    )
    confirmed = {
        **message(c["id"], feed.seq + 1, "yo"),
        "id": mid,
        "author_kind": "manager",
        "author_id": ME,
    }
    mine: dict[str, Any] = {"client_id": cache.client_id, "mutation_id": p.mutation_id}
    changed = cache.apply_changes(
        [
            feed("message", confirmed, **mine),
            feed("chat", {**c, "last_message_preview": "yo"}, **mine),
        ],
        feed.seq,
    )
    assert changed.outbox and cache.outbox() == []
    [m] = cache.reads.messages(c["id"])
    assert (m.id, m.seq, m.pending) == (mid, confirmed["seq"], False)
    # Another client's mutation with the same number is not mine.
    q, _ = cache.enqueue("star", {"chat_id": c["id"]})
    cache.apply_changes(
        [feed("chat", c, client_id=str(uuid.uuid4()), mutation_id=q.mutation_id)], feed.seq
    )
    assert [p.mutation_id for p in cache.outbox()] == [q.mutation_id]


def test_sections_windows_and_counts(cache: Cache) -> None:
    feed = Feed()
    team = _id()
    rows = [chat(n) for n in range(30)]
    rows[3].update(assignee_id=ME)
    rows[4].update(assignee_id=OTHER)
    rows[5].update(team_id=team, queued_since="2025-01-01T10:00:00+00:00")
    rows[6].update(team_id=team)
    rows[7].update(state="closed", assignee_id=ME)
    rows[8].update(tags=["refund", "vip"], medium="kakao")
    cache.apply_changes([feed("chat", r) for r in rows], feed.seq)
    newest_first = [
        r["id"]
        for r in sorted(rows, key=lambda r: r["last_message_seq"], reverse=True)
        if r["state"] == "open"
    ]
    first = cache.reads.chat_rows(limit=10)
    assert [r.id for r in first] == newest_first[:10]
    after = first[-1].key
    assert [r.id for r in cache.reads.chat_rows(after=after, limit=10)] == newest_first[10:20]
    assert [r.id for r in cache.reads.chat_rows(limit=3, oldest_first=True)] == newest_first[::-1][
        :3
    ]
    assert cache.reads.chat_count() == 29 and cache.reads.chat_count(state="closed") == 1
    assert [r.id for r in cache.reads.chat_rows("mine")] == [rows[3]["id"]]
    assert [r.id for r in cache.reads.chat_rows("mine", state="closed")] == [rows[7]["id"]]
    assert cache.reads.chat_count("unassigned") == 26
    assert [r.id for r in cache.reads.chat_rows(f"unassigned_team:{team}")] == [rows[6]["id"]]
    assert [r.id for r in cache.reads.chat_rows(f"queue:{team}")] == [rows[5]["id"]]
    assert [r.id for r in cache.reads.chat_rows(f"assignee:{OTHER}")] == [rows[4]["id"]]
    assert [r.id for r in cache.reads.chat_rows("tag:vip")] == [rows[8]["id"]]
    assert [r.id for r in cache.reads.chat_rows("medium:kakao")] == [rows[8]["id"]]
    with pytest.raises(ValueError):
        cache.reads.chat_rows("hashtag:x")


def test_bad_arguments_are_refused_before_anything_is_written(cache: Cache) -> None:
    with pytest.raises(pydantic.ValidationError):
        cache.enqueue("assign", {"chat_id": _id()})  # no expected assignee: not compare-and-set
    with pytest.raises(ValueError):
        cache.enqueue("delete_everything", {})
    assert cache.outbox() == [] and cache.get_meta().next_mutation_id == 1


def test_a_new_client_id_renumbers_the_outbox(cache: Cache) -> None:
    feed = Feed()
    c = chat(1)
    cache.apply_changes([feed("chat", c)], feed.seq)
    for _ in range(3):
        cache.enqueue("star", {"chat_id": c["id"]})
    mid = _id()
    cache.enqueue(
        "send_message",
        {"chat_id": c["id"], "message_id": mid, "blocks": [{"type": "text", "text": "x"}]},
    )
    cache.record_results(
        [
            s.MutationResult(mutation_id=1, status="applied", seq=None),
            s.MutationResult(mutation_id=2, status="applied", seq=None),
        ]
    )
    old = cache.client_id
    cache.rotate_client()
    assert cache.client_id != old and cache.get_meta().client_id == cache.client_id
    assert [(p.mutation_id, p.name) for p in cache.outbox()] == [(1, "star"), (2, "send_message")]
    assert cache.get_meta().next_mutation_id == 3
    [m] = cache.reads.messages(c["id"])
    assert m.pending and m.sort_key > 2**62


def test_an_older_schema_is_rebuilt_keeping_the_outbox(tmp_path: Path) -> None:
    ws = _id()
    cache = Cache.for_login(URL, ws, ME, folder=tmp_path)
    feed = Feed()
    c = chat(1)
    cache.apply_changes([feed("chat", c)], feed.seq)
    cache.enqueue("add_tag", {"chat_id": c["id"], "tag": "keep"})
    cache.enqueue("star", {"chat_id": c["id"]})
    cache.record_results([s.MutationResult(mutation_id=2, status="applied", seq=77)])
    before = cache.get_meta()
    cache.close()
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
        db.execute("CREATE TABLE from_old_version (x)")
    again = Cache.for_login(URL, ws, ME, folder=tmp_path)
    try:
        assert again.rebuilt
        after = again.get_meta()
        assert after.schema_version > 0 and after.cursor is None and not after.bootstrap_done
        assert (after.client_id, after.next_mutation_id) == (before.client_id, 3)
        assert [(p.mutation_id, p.name, p.status, p.server_seq) for p in again.outbox()] == [
            (1, "add_tag", "pending", None),
            (2, "star", "sent", 77),
        ]
        assert again.reads.chat_count() == 0
        # When the chat comes back (a bootstrap), the pending tag shows on it again.
        again.apply_changes([feed("chat", c)], feed.seq)
        assert again.reads.chat_rows()[0].chat["tags"] == ["keep"]
    finally:
        again.close()
    with sqlite3.connect(cache.path) as db:
        tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "from_old_version" not in tables
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_cache_file_refuses_another_login(tmp_path: Path) -> None:
    ws = _id()
    path = cache_path(URL, ws, ME, folder=tmp_path)
    Cache.open(path, server_url=URL, workspace_id=ws, manager_id=ME).close()
    with pytest.raises(ValueError):
        Cache.open(path, server_url=URL, workspace_id=ws, manager_id=OTHER)


def test_drafts_are_kept_per_chat_go_with_the_send_and_survive_a_rebuild(tmp_path: Path) -> None:
    """M7's storage: one draft per chat; the send's commit removes it; a file of another
    schema version (version 1 had no drafts table) is rebuilt keeping them."""
    ws = _id()
    a, b = _id(), _id()
    cache = Cache.for_login(URL, ws, ME, folder=tmp_path)
    cache.save_draft(Draft(a, "first try"))
    cache.save_draft(Draft(a, "second try", note=True))  # the newest wins
    cache.save_draft(Draft(b, "for b"))
    reader = CacheReader(cache.path)
    assert reader.draft(a) == Draft(a, "second try", note=True)
    cache.save_draft(Draft(b, ""))  # emptied: gone
    assert reader.draft(b) is None
    cache.save_draft(Draft(b, "for b again"))
    msg = {"chat_id": b, "message_id": _id(), "kind": "reply"}
    cache.enqueue("send_message", {**msg, "blocks": [{"type": "text", "text": "for b again"}]})
    assert reader.draft(b) is not None  # an outbox row alone leaves drafts alone
    msg["message_id"] = _id()
    cache.enqueue(
        "send_message", {**msg, "blocks": [{"type": "text", "text": "sent"}]}, drop_draft=b
    )
    assert reader.draft(b) is None and len(cache.outbox()) == 2  # one commit: both
    reader.close()
    cache.close()

    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    again = Cache.for_login(URL, ws, ME, folder=tmp_path)
    try:
        assert again.rebuilt
        assert again.draft(a) == Draft(a, "second try", note=True)
        assert len(again.outbox()) == 2
    finally:
        again.close()


def test_a_file_without_a_drafts_table_reads_as_no_drafts(tmp_path: Path) -> None:
    """The window reads drafts from the cache before the engine has rebuilt an old file."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    reader = CacheReader(path)
    try:
        assert reader.draft("any") is None
    finally:
        reader.close()
