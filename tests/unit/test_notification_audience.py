"""Every combination of who-is-who for one manager ("me") against the SPEC's answer."""

from __future__ import annotations

import itertools
import uuid

import pytest

from server.notifications.audience import (
    ChatFacts,
    Reason,
    event_audience,
    message_audience,
)

ME, OTHER = uuid.uuid4(), uuid.uuid4()

CASES = [
    dict(
        zip(
            (
                "assignee",
                "follower",
                "mentioned",
                "switch",
                "queued",
                "closed",
                "internal",
                "author",
            ),
            combo,
            strict=True,
        )
    )
    for combo in itertools.product(
        ("none", "me", "other"),
        (False, True),
        (False, True),
        (False, True),
        (False, True),
        (False, True),
        (False, True),
        ("me", "other", "customer"),
    )
    if not (combo[4] and combo[0] != "none")  # a queued chat has no assignee
]


def expected(c: dict[str, object]) -> Reason | None:
    """The rules in the order SPEC gives them."""
    if c["queued"]:
        return None  # R2, N3: a waiting chat notifies nobody
    if c["internal"] and c["closed"]:
        return None  # C5
    if c["author"] == "me":
        return None  # never for my own message (N1)
    if c["mentioned"]:
        return Reason.MENTION  # N5
    if c["assignee"] == "me" or c["follower"]:
        return Reason.MESSAGE  # N1
    if c["assignee"] == "none" and c["switch"]:
        return Reason.UNASSIGNED  # N2
    return None


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items()))
def test_message_audience(case: dict[str, object]) -> None:
    assignee = {"none": None, "me": ME, "other": OTHER}[str(case["assignee"])]
    chat = ChatFacts(
        assignee_id=assignee,
        follower_ids=frozenset({ME} if case["follower"] else set())
        | ({assignee} if assignee else set()),
        queued=bool(case["queued"]),
        closed=bool(case["closed"]),
    )
    author = {"me": ME, "other": OTHER, "customer": None}[str(case["author"])]
    got = message_audience(
        chat,
        author_id=author,
        internal=bool(case["internal"]),
        mentioned=[ME] if case["mentioned"] else [],
        unassigned_watchers=[ME] if case["switch"] else [],
    )
    assert got.get(ME) == expected(case)
    assert author not in got or author is None, "never the author"


def test_table_covers_every_combination() -> None:
    assert len(CASES) == 3 * 2**6 * 3 - 2 * 2**6 * 3 // 2


@pytest.mark.parametrize("queued", [False, True])
def test_assignment_tells_the_assignee_unless_they_did_it(queued: bool) -> None:
    chat = ChatFacts(
        assignee_id=None if queued else ME, follower_ids=frozenset(), queued=queued, closed=False
    )
    got = event_audience(chat, Reason.ASSIGNED, actor_id=OTHER)
    assert got == ({} if queued else {ME: Reason.ASSIGNED})
    assert event_audience(chat, Reason.ASSIGNED, actor_id=ME) == {}
    assert event_audience(ChatFacts(None, frozenset(), False, False), Reason.SNOOZE_ENDED) == {}
