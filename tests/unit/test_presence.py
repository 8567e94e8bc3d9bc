"""Presence frames kept for their ttl, and the stale-reply guard's rules (no Qt, no
server: the live tests drive both through two apps)."""

from __future__ import annotations

from desktop.sync.presence import Intervening, PresenceBook, ReplyGuard


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def frame(manager: str, what: str, chat: str = "c1", ttl: float = 8) -> dict[str, object]:
    return {"type": "presence", "chat_id": chat, "manager_id": manager, "what": what, "ttl": ttl}


def test_presence_expires_without_refresh_and_left_ends_it_at_once() -> None:
    clock = Clock()
    book = PresenceBook(clock)
    heard: list[str] = []
    book.watch(heard.append)
    book.heard(frame("lee", "viewing"))
    book.heard(frame("ben", "typing"))
    assert [(s.manager_id, s.what) for s in book.present("c1")] == [
        ("ben", "typing"),
        ("lee", "viewing"),
    ]
    assert heard == ["c1", "c1"]
    clock.now += 5
    book.heard(frame("lee", "viewing"))  # refreshed; ben is not
    clock.now += 4
    assert [s.manager_id for s in book.present("c1")] == ["lee"]
    book.heard(frame("lee", "left"))
    assert book.present("c1") == []
    book.heard({"type": "presence"})  # malformed: ignored
    assert book.present("c1") == []


def test_the_guard_names_what_happened_since_the_reply_began() -> None:
    clock = Clock()
    book = PresenceBook(clock)
    guard = ReplyGuard(book, "me", clock)
    assert guard.check("c1", []) is None  # nothing begun: nothing to ask
    assert guard.typing("c1", last_seq=10)
    assert not guard.typing("c1", last_seq=12)  # it began once
    mine = {"seq": 11, "author_kind": "manager", "author_id": "me"}
    old = {"seq": 9, "author_kind": "customer", "author_id": None}
    bot = {"seq": 12, "author_kind": "system", "author_id": None}
    assert guard.check("c1", [old, mine, bot]) is None
    customer = {"seq": 13, "author_kind": "customer", "author_id": None}
    assert guard.check("c1", [customer]) == Intervening("customer")
    lee = {"seq": 14, "author_kind": "manager", "author_id": "lee"}
    assert guard.check("c1", [lee]) == Intervening("manager", "lee")

    book.heard(frame("ben", "typing"))  # typed before the reply began: not counted
    guard.reset("c1", last_seq=14)
    clock.now += 1
    assert guard.check("c1", []) is None
    book.heard(frame("ben", "viewing"))
    assert guard.check("c1", []) is None  # viewing is not typing
    clock.now += 1
    book.heard(frame("ben", "typing"))
    book.heard(frame("me", "typing"))  # my own other device never counts
    assert guard.check("c1", []) == Intervening("typing", "ben")
    guard.reset("c1")
    assert guard.began("c1") is None and guard.check("c1", [lee]) is None
