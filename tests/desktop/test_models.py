"""The Qt models over a cache file, without a server: the plain-sqlite3 reader lists each
section as the server defines it, the chat list pages by keyset and follows the engine's
news row by row, the sidebar shows every section with its count, and every model
passes Qt's model tester."""

# covers: S1, S2, S3, S4, S6, S8, S9, S10, S12, L1

from __future__ import annotations

import copy
import random
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from desktop.models.chat_list import ChatListModel, ChatRoles
from desktop.models.directory import Directory
from desktop.models.messages import MessageListModel, MessageRoles
from desktop.models.sidebar import EntryKind, SidebarModel
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader
from tests.desktop.support import seed_cache


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / "cache.sqlite3"
    return path, seed_cache(path, 700)


def open_cache(path: Path, me: str, ws: str) -> Cache:
    return Cache.open(path, server_url="http://seed.invalid", workspace_id=ws, manager_id=me)


def sections(info: dict[str, Any]) -> list[str]:
    a, b = info["teams"]
    return [
        "all",
        "mine",
        "unread",
        "starred",
        "sessions",
        "unassigned",
        f"unassigned_team:{a}",
        f"queue:{b}",
        f"assignee:{info['ana']}",
        "medium:kakao",
        "tag:vip",
        "tag:환불",
    ]


def in_section(section: str, chat: dict[str, Any], mine: dict[str, Any] | None, me: str) -> bool:
    """What a section holds, as the server defines it (`server.inbox.sections`), in Python:
    the reader's SQL must agree."""
    name, _, arg = section.partition(":")
    queued = chat["queued_since"] is not None
    return {
        "all": True,
        "mine": chat["assignee_id"] == me,
        "unread": mine is not None and mine["unread_count"] > 0,
        "starred": mine is not None and mine["starred"],
        "sessions": mine is not None and mine["in_sessions"],
        "unassigned": chat["assignee_id"] is None and not queued,
        "unassigned_team": chat["assignee_id"] is None and not queued and chat["team_id"] == arg,
        "queue": queued and chat["team_id"] == arg,
        "assignee": chat["assignee_id"] == arg,
        "medium": chat["medium"] == arg,
        "tag": arg in chat["tags"],
    }[name]


def test_the_reader_lists_each_section_as_the_server_defines_it(
    seeded: tuple[Path, dict[str, Any]],
) -> None:
    path, info = seeded
    reader = CacheReader(path)
    try:
        states = {c["id"]: reader.chat_state(c["id"]) for c in info["chats"]}
        newest_first = sorted(
            info["chats"],
            key=lambda c: (datetime.fromisoformat(c["last_message_at"]), c["id"]),
            reverse=True,
        )
        for section in sections(info):
            for state in ("open", "snoozed", "closed"):
                want = [
                    c["id"]
                    for c in newest_first
                    if c["state"] == state and in_section(section, c, states[c["id"]], info["me"])
                ]
                assert want, (section, state)  # the seed has some of each
                for oldest_first in (False, True):
                    # the list, read by keyset in pages of 37
                    got: list[str] = []
                    after = None
                    while True:
                        page = reader.chat_rows(
                            section, state, after=after, limit=37, oldest_first=oldest_first
                        )
                        got += [r.id for r in page]
                        if len(page) < 37:
                            break
                        after = page[-1].key
                    assert got == (want[::-1] if oldest_first else want), (section, state)
                assert reader.chat_count(section, state) == len(want)
            [first] = reader.chat_rows(section, "open", limit=1)
            chat = next(c for c in info["chats"] if c["id"] == first.id)
            assert first.chat == chat and first.customer_name.startswith("Customer ")
        with pytest.raises(ValueError, match="unknown section"):
            reader.chat_rows("hashtag:x")
        with pytest.raises(ValueError, match="unknown medium"):
            reader.chat_count("medium:pigeon")
    finally:
        reader.close()


def test_the_chat_list_pages_as_the_view_scrolls(
    qtmodeltester: Any, seeded: tuple[Path, dict[str, Any]]
) -> None:
    path, _ = seeded
    reader = CacheReader(path)
    model = ChatListModel(reader, page=100)
    total = reader.chat_count("all", "open")
    assert model.rowCount() == 100 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)  # (it fetches more itself)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    assert model.ids() == [r.id for r in reader.chat_rows("all", "open", limit=10_000)]
    item = model.item(0)
    assert item is not None
    assert model.data(model.index(0), ChatRoles.ITEM) is item
    assert model.data(model.index(0)) == item.customer_name
    model.set_section("tag:vip", "closed")
    assert model.ids() == [r.id for r in reader.chat_rows("tag:vip", "closed", limit=10_000)]
    model.set_oldest_first(True)
    assert model.ids() == [
        r.id for r in reader.chat_rows("tag:vip", "closed", limit=10_000, oldest_first=True)
    ]
    reader.close()


def _feed(
    cache: Cache, seq: list[int], entries: list[tuple[str, str, dict[str, Any] | None]]
) -> ChangedIds:
    changes = []
    for entity, entry_id, data in entries:
        seq[0] += 1
        changes.append(
            {
                "seq": seq[0],
                "entity": entity,
                "id": entry_id,
                "op": "delete" if data is None else "upsert",
                "data": data,
            }
        )
    return cache.apply_changes(changes, seq[0])


def stamp(hour: int, n: int) -> str:
    return f"2026-11-29T{hour:02d}:{n // 60:02d}:{n % 60:02d}+00:00"


@pytest.mark.parametrize("section", ["all", "mine", "unread", "tag:vip"])
def test_the_chat_list_follows_changes_row_by_row(
    qtmodeltester: Any, seeded: tuple[Path, dict[str, Any]], section: str
) -> None:
    """Random news from the feed: new messages (rows move), reassignments and tags
    (rows join or leave sections), new and deleted chats, my read state. After each
    batch the loaded rows are exactly the top of the list a fresh read gives."""
    path, info = seeded
    reader = CacheReader(path)
    ws = str(reader.meta("workspace_id"))
    cache = open_cache(path, info["me"], ws)
    model = ChatListModel(reader, section=section, page=50)
    qtmodeltester.check(model)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    rng = random.Random(5)
    chats = {c["id"]: copy.deepcopy(c) for c in info["chats"]}
    seq = [10_000]
    later = [0]
    try:
        for step in range(60):
            entries: list[tuple[str, str, dict[str, Any] | None]] = []
            for _ in range(rng.randint(1, 4)):
                cid = rng.choice(list(chats))
                c = chats[cid]
                match rng.randrange(6):
                    case 0:  # a new message: the chat moves to the top
                        later[0] += 1
                        c["last_message_at"] = stamp(0, later[0])
                        c["last_message_preview"] = f"news {step}"
                        entries.append(("chat", cid, dict(c)))
                    case 1:
                        c["assignee_id"] = rng.choice([None, info["me"], info["ana"]])
                        entries.append(("chat", cid, dict(c)))
                    case 2:
                        c["tags"] = [] if c["tags"] else ["vip"]
                        entries.append(("chat", cid, dict(c)))
                    case 3:
                        entries.append(
                            (
                                "chat_state",
                                f"{cid}:{info['me']}",
                                {
                                    "chat_id": cid,
                                    "manager_id": info["me"],
                                    "starred": False,
                                    "read_seq": 0,
                                    "unread_count": rng.randint(0, 2),
                                    "mentioned": False,
                                    "in_sessions": False,
                                },
                            )
                        )
                    case 4:
                        entries.append(("chat", cid, None))
                        del chats[cid]
                    case _:
                        new = dict(c, id=str(uuid.uuid4()), tags=["vip"], state="open")
                        later[0] += 1
                        new["last_message_at"] = stamp(1, later[0])
                        chats[new["id"]] = new
                        entries.append(("chat", new["id"], new))
            model.apply_changes(_feed(cache, seq, entries))
            if rng.random() < 0.2 and model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            fresh = [r.id for r in reader.chat_rows(section, "open", limit=model.rowCount())]
            assert model.ids() == fresh, step
        assert not resets, "small batches never reset the model"
    finally:
        cache.close()
        reader.close()


def test_a_big_batch_resets_the_list_cheaply(seeded: tuple[Path, dict[str, Any]]) -> None:
    path, info = seeded
    reader = CacheReader(path)
    model = ChatListModel(reader, page=50)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    changed = ChangedIds(chats={c["id"] for c in info["chats"]})
    model.apply_changes(changed)
    assert resets == [1] and model.rowCount() == 50
    assert model.ids() == [r.id for r in reader.chat_rows(limit=50)]
    reader.close()


def test_the_sidebar_lists_every_section_with_its_count(
    qtmodeltester: Any, seeded: tuple[Path, dict[str, Any]]
) -> None:
    path, info = seeded
    reader = CacheReader(path)
    directory = Directory(reader)
    model = SidebarModel(reader, directory)
    qtmodeltester.check(model)
    entries = {e.key: e for e in model.entries() if e.kind is not EntryKind.HEADER}
    labels = [e.label for e in model.entries()]
    for key in ("all", "mine", "unread", "starred", "sessions", "unassigned"):
        assert entries[key].count == reader.chat_count(key, "open"), key
    a, b = info["teams"]
    assert entries[f"unassigned_team:{a}"].label == "Alpha"
    # S7: the queue shows while a chat waits, per team
    assert "Queue" in labels and entries[f"queue:{b}"].count == reader.chat_count(f"queue:{b}")
    # S8: every manager with an open chat; over the maximum is flagged
    assert entries[f"assignee:{info['ana']}"].label == "Ana"
    assert entries[f"assignee:{info['ben']}"].warn  # Ben's maximum is 1
    assert not entries[f"assignee:{info['ana']}"].warn
    # S9: connected media only, in the fixed order
    media = [e.key for e in model.entries() if e.key.startswith("medium:")]
    assert media == ["medium:email", "medium:kakao", "medium:line"]
    assert entries["medium:kakao"].count == reader.chat_count("medium:kakao")
    # S10: every tag with its count
    assert entries["tag:환불"].count == reader.chat_count("tag:환불")
    # S12: the same sidebar for closed chats
    model.set_state("closed")
    closed = {e.key: e for e in model.entries() if e.kind is not EntryKind.HEADER}
    assert closed["all"].count == reader.chat_count("all", "closed")
    reader.close()


def test_the_conversation_model_reads_messages_oldest_first(
    qtmodeltester: Any, tmp_path: Path
) -> None:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 3)
    chat = info["chats"][0]
    reader = CacheReader(path)
    cache = open_cache(path, info["me"], str(reader.meta("workspace_id")))
    msgs = [
        {
            "id": str(uuid.uuid4()),
            "chat_id": chat["id"],
            "seq": 100 + i,
            "author_kind": "customer" if i % 2 else "manager",
            "author_id": None if i % 2 else info["ana"],
            "kind": "note" if i == 4 else "reply",
            "blocks": [{"type": "text", "text": f"text {i}"}],
            "created_at": "2026-11-28T09:00:00+00:00",
            "customer_read_at": None,
            "delivered_at": None,
        }
        for i in range(120)
    ]
    cache.write_fetched_messages(chat["id"], msgs, before=None, more=False)
    model = MessageListModel(reader, Directory(reader), page=50)
    qtmodeltester.check(model)
    asked: list[tuple[str, object]] = []
    model.olderWanted.connect(lambda c, b: asked.append((c, b)))
    model.set_chat(chat["id"], "Customer 0")
    assert [model.data(model.index(i)) for i in (0, 49)] == ["text 70", "text 119"]
    assert model.load_older() and model.rowCount() == 100
    assert model.load_older() and model.rowCount() == 120
    assert not model.load_older() and asked == []  # the cache holds all: nothing to ask
    authors = {model.data(model.index(i), MessageRoles.AUTHOR) for i in range(2)}
    assert authors == {"Customer 0", "Ana"}
    assert model.data(model.index(4), MessageRoles.IS_NOTE) is True
    cache.close()
    reader.close()


def test_the_chat_list_takes_a_big_batch_as_one_layout_change(
    qtmodeltester: Any, seeded: tuple[Path, dict[str, Any]]
) -> None:
    """A catch-up's chunk: the loaded window re-read in one query and told as one layout
    change (no reset, no row-by-row moves); an index held on a chat follows it, and one
    held on a chat that left the window becomes invalid, as a removal would leave it."""
    path, info = seeded
    reader = CacheReader(path)
    ws = str(reader.meta("workspace_id"))
    cache = open_cache(path, info["me"], ws)
    model = ChatListModel(reader, section="mine", page=50)
    qtmodeltester.check(model)
    told: list[str] = []
    model.modelReset.connect(lambda: told.append("reset"))
    model.layoutChanged.connect(lambda: told.append("layout"))
    model.rowsMoved.connect(lambda: told.append("moved"))
    model.rowsInserted.connect(lambda: told.append("inserted"))
    chats = {c["id"]: copy.deepcopy(c) for c in info["chats"]}
    rng = random.Random(9)
    seq = [20_000]
    later = [0]
    try:
        for step in range(8):
            held = [QPersistentModelIndex(model.index(r)) for r in (0, 5, 20)]
            held_ids = [model.item(ix.row()).id for ix in held]  # type: ignore[union-attr]
            leaving = held_ids[1]  # taken by Ana: leaves Mine
            entries: list[tuple[str, str, dict[str, Any] | None]] = []
            chats[leaving]["assignee_id"] = info["ana"]
            entries.append(("chat", leaving, dict(chats[leaving])))
            others = [cid for cid in chats if cid != leaving]
            for cid in rng.sample(others, ChatListModel.LAYOUT_ABOVE + 20):
                c = chats[cid]
                later[0] += 1
                c["last_message_at"] = stamp(2, later[0])
                if rng.random() < 0.5:
                    c["assignee_id"] = info["me"]
                entries.append(("chat", cid, dict(c)))
            told.clear()
            model.apply_changes(_feed(cache, seq, entries))
            assert told == ["layout"], step
            fresh = [r.id for r in reader.chat_rows("mine", "open", limit=model.rowCount())]
            assert model.ids() == fresh, step
            assert not held[1].isValid()
            for ix, chat_id in zip(held, held_ids, strict=True):
                if chat_id != leaving and chat_id in model.ids():
                    assert ix.isValid() and model.item(ix.row()).id == chat_id  # type: ignore[union-attr]
    finally:
        cache.close()
        reader.close()
