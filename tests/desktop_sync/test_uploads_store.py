"""The cache side of uploads (no server): a message waits for its files outside the
outbox and goes in with the last one; removing files; the rows survive a rebuild and a
"Clear cache"; safe download names; the progress meter."""

# covers: M1

from __future__ import annotations

import sqlite3
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.sync import clear
from desktop.sync.cache import Cache
from desktop.sync.downloads import create_unique, disposition_name, safe_name
from desktop.sync.file_check import LocalFile
from desktop.sync.layout import PENDING_BASE, UPLOAD_CANCELLED, UPLOAD_DONE, WAITING_BASE
from desktop.sync.tus import Meter, metadata
from desktop.sync.uploads import UploadRefused
from tests.desktop_sync.test_cache import ME, URL, Feed, chat

CHAT = chat(1)


def local(name: str, size: int = 10) -> LocalFile:
    return LocalFile(Path("/nowhere") / name, name, size, "text/plain")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    c = Cache.for_login(URL, str(uuid.uuid4()), ME, folder=tmp_path)
    feed = Feed()
    c.apply_changes([feed("chat", CHAT)], feed.seq)
    yield c
    c.close()


def attach(cache: Cache, *names: str, mid: str | None = None) -> tuple[str, list[str]]:
    mid = mid or str(uuid.uuid4())
    items, changed = cache.add_uploads(CHAT["id"], mid, [local(n) for n in names])
    assert changed.uploads == {mid}
    return mid, [i.id for i in items]


def test_a_message_waits_for_its_files_then_goes_in_one_commit(cache: Cache) -> None:
    mid, (a, b) = attach(cache, "a.txt", "b.txt")
    cache.enqueue("star", {"chat_id": CHAT["id"]})  # an earlier action
    pending, changed = cache.send_with_files(
        CHAT["id"], mid, text="see files", kind="reply", mentions=None
    )
    assert pending is None and changed.messages == {CHAT["id"]: {mid}}
    [m] = [m for m in cache.reads.messages(CHAT["id"]) if m.id == mid]
    assert m.pending and m.sort_key > WAITING_BASE
    assert [f["name"] for f in m.message["blocks"][1]["files"]] == ["a.txt", "b.txt"]
    cache.enqueue("star", {"chat_id": CHAT["id"], "starred": False})  # a later one
    assert [p.name for p in cache.outbox()] == ["star", "star"]  # not held up

    assert cache.upload_finished(a)[0] is None
    assert cache.reads.uploads(mid)[0].status == UPLOAD_DONE
    ids = [u.file_id for u in cache.reads.uploads(mid)]
    pending, _ = cache.upload_finished(b)
    assert pending is not None and pending.mutation_id == 3
    assert pending.args["blocks"] == [
        {"type": "text", "text": "see files"},
        {
            "type": "files",
            "files": [
                {"id": i, "name": n, "size": 10, "content_type": "text/plain"}
                for i, n in zip(ids, ["a.txt", "b.txt"], strict=True)
            ],
        },
    ]
    assert cache.reads.uploads(mid) == [] and cache.reads.waiting_for_files() == []
    [m] = [m for m in cache.reads.messages(CHAT["id"]) if m.id == mid]
    assert m.pending and m.sort_key == PENDING_BASE + 3  # now the outbox's pending row


def test_removing_files(cache: Cache) -> None:
    mid, (a, b) = attach(cache, "a.txt", "b.txt")
    cache.send_with_files(CHAT["id"], mid, text=None, kind="reply", mentions=None)
    cache.upload_finished(a)
    cache.upload_failed(b, "cancelled", "Cancelled.", cancelled=True)
    assert cache.reads.upload(b) is not None
    assert cache.reads.uploads(mid)[1].status == UPLOAD_CANCELLED
    (gone, pending), _ = cache.upload_removed(b)  # the rest is up: it goes without b
    assert gone is not None and gone.name == "b.txt"
    assert pending is not None
    assert [f["name"] for f in pending.args["blocks"][0]["files"]] == ["a.txt"]

    mid2, (c,) = attach(cache, "c.txt")
    cache.send_with_files(CHAT["id"], mid2, text=None, kind="reply", mentions=None)
    (_, pending), _ = cache.upload_removed(c)  # nothing left, no text: dropped
    assert pending is None and mid2 not in [m.id for m in cache.reads.messages(CHAT["id"])]
    assert cache.reads.waiting_for_files() == []


def test_refusals_write_nothing(cache: Cache) -> None:
    mid, _ = attach(cache, *[f"{i}.txt" for i in range(10)])
    with pytest.raises(UploadRefused):
        attach(cache, "eleven.txt", mid=mid)
    assert len(cache.reads.uploads(mid)) == 10
    with pytest.raises(UploadRefused):  # another chat's message
        cache.add_uploads(str(uuid.uuid4()), mid, [local("x")])
    with pytest.raises(UploadRefused):  # nothing to send
        cache.send_with_files(CHAT["id"], str(uuid.uuid4()), text="", kind="reply", mentions=None)
    cache.send_with_files(CHAT["id"], mid, text="ten", kind="reply", mentions=None)
    with pytest.raises(UploadRefused):  # sent: its files are fixed
        attach(cache, "late.txt", mid=mid)
    assert len(cache.reads.uploads(mid)) == 10


def test_uploads_survive_a_rebuild_and_a_clear(cache: Cache, tmp_path: Path) -> None:
    composing, _ = attach(cache, "draft.txt")
    waiting, (w,) = attach(cache, "w.txt")
    cache.upload_created(w, "http://sangdam.test/uploads/x", 0)
    cache.send_with_files(CHAT["id"], waiting, text="wait", kind="note", mentions=None)
    path, ws = cache.path, cache.get_meta().workspace_id
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    again = Cache.for_login(URL, ws, ME, folder=tmp_path)
    try:
        assert again.rebuilt
        assert [u.name for u in again.reads.composer_uploads(CHAT["id"])] == ["draft.txt"]
        [u] = again.reads.uploads(waiting)
        assert u.url == "http://sangdam.test/uploads/x"
        assert [u.id for u in again.uploads_to_send()] == [
            again.reads.uploads(composing)[0].id,
            w,
        ]
        [m] = again.reads.messages(CHAT["id"])  # the chat comes back later; its row is here
        assert m.id == waiting and m.pending and m.message["kind"] == "note"
    finally:
        again.close()
    clear.clear(path)
    after = Cache.for_login(URL, ws, ME, folder=tmp_path)
    try:
        assert after.reads.waiting_for_files() == [waiting]
        assert len(after.uploads_to_send()) == 2
    finally:
        after.close()


def test_safe_names() -> None:
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("a\x00b.txt") == "a_b.txt"
    assert safe_name("..") == "file" and safe_name("") == "file"
    assert safe_name("CON.txt") == "_CON.txt" and safe_name("nul") == "_nul"
    assert safe_name('what?<>:"|*.pdf') == "what_______.pdf"
    assert safe_name(unicodedata.normalize("NFD", "보고서 최종.pdf")) == "보고서 최종.pdf"
    long = safe_name("가" * 300 + ".png")
    assert long.endswith(".png") and len(long.encode()) <= 200


def test_unique_names_never_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("mine")
    paths = []
    for _ in range(2):
        path, f = create_unique(tmp_path, "a.txt")
        f.close()
        paths.append(path.name)
    assert paths == ["a (2).txt", "a (3).txt"]
    assert (tmp_path / "a.txt").read_text() == "mine"


def test_disposition_names() -> None:
    assert disposition_name("attachment; filename*=UTF-8''%EB%B3%B4%EA%B3%A0.pdf") == "보고.pdf"
    assert disposition_name('attachment; filename="a \\"b\\".txt"') == 'a "b".txt'
    header = "attachment; filename=\"x.txt\"; filename*=UTF-8''%2E%2E%2Fy.txt"
    assert disposition_name(header) == "../y.txt"  # made safe by safe_name, not here
    assert disposition_name(None) is None


def test_meter_speed_and_time_left() -> None:
    now = [0.0]
    meter = Meter(1000, clock=lambda: now[0])
    now[0] = 1.0
    p = meter.update(100)
    assert (p.sent, p.speed, p.eta) == (100, 100.0, 9.0)
    now[0] = 2.0
    p = meter.update(50, retrying="connection reset")  # the server kept less: restart
    assert p.retrying == "connection reset" and p.sent == 50


def test_metadata_is_base64() -> None:
    assert metadata(filename="보고.pdf", chat_id="c") == "filename 67O06rOgLnBkZg==,chat_id Yw=="


def test_a_deleted_chat_takes_its_uploads(cache: Cache) -> None:
    mid, _ = attach(cache, "a.txt")
    cache.send_with_files(CHAT["id"], mid, text="x", kind="reply", mentions=None)
    feed = Feed()
    feed.seq = 10
    cache.apply_changes([feed("chat", None, CHAT["id"])], feed.seq)
    assert cache.reads.uploads(mid) == [] and cache.reads.waiting_for_files() == []
    assert cache.uploads_to_send() == []
