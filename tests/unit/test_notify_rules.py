"""How notifications are grouped and worded, without a desktop: the burst rule's timing
with a clock we move by hand, and what the title and body say."""

from __future__ import annotations

import itertools
from typing import Any

from desktop.notify import content
from desktop.notify.bursts import Bursts


def entry(n: int, chat: str = "c1", reason: str = "message", **extra: Any) -> dict[str, Any]:
    return {
        "id": f"n{n}",
        "chat_id": chat,
        "reason": reason,
        "message_id": f"m{n}",
        "customer_name": "김민지",
        "medium": "kakao",
        "team_name": "Support",
        "preview": f"message {n}",
        "internal": False,
        **extra,
    }


def test_a_burst_shows_once_then_updates_once_when_the_chat_goes_quiet() -> None:
    b = Bursts(quiet=0.8, max_wait=3.0)
    first = b.arrive(entry(0), now=0.0)
    assert first is not None and len(first.entries) == 1  # shown at once
    for i in range(1, 20):  # 19 more in the next 1.9 s
        assert b.arrive(entry(i), now=i * 0.1) is None
    assert b.due(now=2.0) == []  # still coming in: not yet
    assert b.next_due() is not None and abs(b.next_due() - 2.7) < 1e-9
    [update] = b.due(now=2.7)
    assert len(update.entries) == 20 and update is first  # the same notification, updated
    assert b.due(now=10.0) == [] and b.next_due() is None


def test_a_long_burst_updates_at_most_every_max_wait() -> None:
    b = Bursts(quiet=0.8, max_wait=3.0)
    assert b.arrive(entry(0), now=0.0) is not None
    updates: list[float] = []
    for i in range(1, 60):  # one message every 0.25 s for 15 s
        t = i * 0.25
        updates.extend(t for _ in b.due(now=t))
        b.arrive(entry(i), now=t)
    assert 3 <= len(updates) <= 6, updates  # not 59
    assert all(later - earlier >= 2.5 for earlier, later in itertools.pairwise(updates))


def test_mentions_are_never_held_and_other_chats_are_separate() -> None:
    b = Bursts()
    assert b.arrive(entry(0), now=0.0) is not None
    assert b.arrive(entry(1, reason="mention"), now=0.1) is not None  # N5: at once
    assert b.arrive(entry(2, chat="c2"), now=0.2) is not None  # another chat: its own
    assert b.arrive(entry(3), now=0.3) is None  # c1 again: joins its group


def test_a_group_goes_stale_and_forgetting_starts_a_new_one() -> None:
    b = Bursts(fresh_for=20.0)
    assert b.arrive(entry(0), now=0.0) is not None
    assert b.arrive(entry(1), now=25.0) is not None  # long after: a new notification
    b.forget("c1")  # clicked
    assert b.arrive(entry(2), now=25.5) is not None


def test_the_title_names_the_customer_medium_and_team_and_the_body_the_message() -> None:
    text = content.describe([entry(0)])
    assert text.title == "김민지 · Kakao · Support"
    assert text.body == "message 0"
    burst = content.describe([entry(i) for i in range(5)])
    assert burst.body == "5 new messages\nmessage 4"


def test_the_strongest_reason_leads_and_a_note_says_it_is_internal() -> None:
    text = content.describe(
        [
            entry(0, reason="assigned", message_id=None),
            entry(1, internal=True, preview="(note) 확인 부탁"),
        ]
    )
    assert text.body == "Assigned to you\nInternal note: 확인 부탁"
    mention = content.describe(
        [entry(2, reason="mention", internal=True, preview="@Ana 봐 주세요")]
    )
    assert mention.body.startswith("You were mentioned\nInternal note:")
    unassigned = content.describe([entry(3, reason="unassigned", team_name=None, medium="web")])
    assert unassigned.title == "김민지 · Web chat"
    assert unassigned.body.startswith("New message, no assignee")
    new_chat = content.describe([entry(4, reason="unassigned", first_message=True)])
    assert new_chat.body == "New chat, no assignee\nmessage 4"


def test_customer_html_is_shown_as_written_never_as_markup() -> None:
    raw = '<b>hi</b> & <a href="x">click</a>'
    assert content.describe([entry(0, preview=raw)]).body == content.plain(raw)
    # where the daemon reads markup (freedesktop's body-markup: Linux), it is escaped
    escaped = '&lt;b&gt;hi&lt;/b&gt; &amp; &lt;a href="x"&gt;click&lt;/a&gt;'
    assert content.plain(raw, markup=True) == escaped
    assert content.plain(raw, markup=False) == raw


def test_a_catch_up_is_summarised_in_one_line() -> None:
    entries = [entry(i, chat=f"c{i % 3}") for i in range(5)]
    text = content.summary(entries)
    assert (text.title, text.body) == ("While you were away", "5 new messages in 3 chats")
    events = content.summary([entry(0), entry(1, reason="assigned", message_id=None)])
    assert events.title == "김민지 · Kakao · Support"
    assert events.body == "1 new message and 1 other update in 1 chat"
