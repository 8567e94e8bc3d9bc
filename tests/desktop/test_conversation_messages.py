"""The messages of an open chat on real widgets over a real cache file (issue 15, item 1):
replies, notes and events apart; a date between days; the header line never cut; the
customer's avatar under the last reply read, a V for delivered; link buttons and forms
with their answers; customer text literal, its links opened only after a confirmation;
10,000 messages: the newest at once, older pages on scroll. The model passes Qt's model
tester under random feed updates."""

# covers: C1, C3, C4

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem, QToolTip

from desktop.models.directory import Directory
from desktop.models.messages import MessageListModel, MessageRoles
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.reads import CacheReader
from desktop.views.lists import MessageView
from desktop.views.message_delegate import Look
from tests.desktop.support import seed_cache

NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass
class Chat:
    cache: Cache
    reader: CacheReader
    info: dict[str, Any]
    chat_id: str
    seq: list[int]

    def msg(self, seq: int, **over: Any) -> dict[str, Any]:
        m = {
            "id": str(uuid.uuid4()),
            "chat_id": self.chat_id,
            "seq": seq,
            "author_kind": "customer",
            "author_id": None,
            "kind": "reply",
            "blocks": [{"type": "text", "text": f"m {seq}"}],
            "created_at": (NOW - timedelta(minutes=1)).isoformat(),
            "customer_read_at": None,
            "delivered_at": None,
        }
        m.update(over)
        return m

    def feed(self, entries: list[tuple[str, dict[str, Any] | None]]) -> ChangedIds:
        changes = []
        for entry_id, data in entries:
            self.seq[0] += 1
            changes.append(
                {
                    "seq": self.seq[0],
                    "entity": "message",
                    "id": entry_id,
                    "op": "delete" if data is None else "upsert",
                    "data": data,
                }
            )
        return self.cache.apply_changes(changes, self.seq[0])


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Chat]:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 3)
    reader = CacheReader(path)
    ws = str(reader.meta("workspace_id"))
    cache = Cache.open(
        path, server_url="http://seed.invalid", workspace_id=ws, manager_id=info["me"]
    )
    c = Chat(cache, reader, info, info["chats"][0]["id"], [50_000])
    yield c
    cache.close()
    reader.close()


def view_of(
    qtbot: Any, chat: Chat, messages: list[dict[str, Any]], name: str = "Guest 8585"
) -> MessageView:
    chat.cache.write_fetched_messages(chat.chat_id, messages, before=None, more=False)
    model = MessageListModel(chat.reader, Directory(chat.reader), page=50)
    view = MessageView(model)
    qtbot.addWidget(view)
    view.resize(760, 640)
    view.show()
    model.set_chat(chat.chat_id, name)
    qtbot.waitExposed(view)
    return view


def option_for(view: MessageView, row: int) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(view.model().index(row, 0))
    return option


def test_replies_notes_and_events_apart_with_days_and_receipts(qtbot: Any, chat: Chat) -> None:
    ana = chat.info["ana"]
    two_days = (NOW - timedelta(days=2)).isoformat()
    yesterday = (NOW - timedelta(days=1)).isoformat()
    today = NOW.isoformat()
    event = {"type": "event", "action": "assigned", "actor_id": ana, "manager_id": chat.info["me"]}
    msgs = [
        chat.msg(10, created_at=two_days, blocks=[{"type": "text", "text": "hi"}]),
        chat.msg(11, created_at=two_days, author_kind="manager", author_id=ana,
                 customer_read_at=yesterday),
        chat.msg(12, created_at=yesterday, author_kind="system", kind="event", blocks=[event]),
        chat.msg(13, created_at=yesterday, author_kind="manager", author_id=ana, kind="note"),
        chat.msg(14, created_at=today, author_kind="manager", author_id=ana,
                 customer_read_at=today),
        chat.msg(15, created_at=today, author_kind="manager", author_id=ana,
                 delivered_at=today),
    ]  # fmt: skip
    view = view_of(qtbot, chat, msgs)
    m, d = view.model(), view.delegate
    assert m.rowCount() == 6
    looks = [d.shown(m.index(i)).look for i in range(6)]
    assert looks == [Look.CUSTOMER, Look.REPLY, Look.SYSTEM, Look.NOTE, Look.REPLY, Look.REPLY]
    # C1: a note is headed as one and painted in its own colours (not a reply's)
    assert d.shown(m.index(3)).header.startswith("Internal note")
    # an event reads as a sentence with names, its time beside it
    me_name = Directory(chat.reader).manager_name(chat.info["me"])
    assert m.data(m.index(2)) == f"Ana assigned this chat to {me_name}"
    # dates between days only
    days = [m.data(m.index(i), MessageRoles.DAY) for i in range(6)]
    assert days[1] == days[3] == days[5] == ""
    assert days[0] and days[0] not in ("Today", "Yesterday")
    assert (days[2], days[4]) == ("Yesterday", "Today")
    # C3: the avatar under the last reply read only; a V under the delivered one
    receipts = [m.data(m.index(i), MessageRoles.RECEIPT) for i in range(6)]
    assert receipts == ["", "", "", "", "read", "delivered"]
    assert d.receipt_rect(option_for(view, 4), m.index(4)) is not None
    assert d.receipt_rect(option_for(view, 1), m.index(1)) is None
    # the customer reads further: the avatar moves to the newest reply
    newer = dict(msgs[5], customer_read_at=today)
    view.model().apply_changes(chat.feed([(newer["id"], newer)]))
    receipts = [m.data(m.index(i), MessageRoles.RECEIPT) for i in range(6)]
    assert receipts == ["", "", "", "", "", "read"]
    # the painted rows are taller by the date line and the receipt
    h = [d.sizeHint(option_for(view, i), m.index(i)).height() for i in range(6)]
    assert h[0] > h[1] and h[5] > h[3]


def test_the_header_line_is_never_cut(qtbot: Any, chat: Chat) -> None:
    view = view_of(qtbot, chat, [chat.msg(10, blocks=[{"type": "text", "text": "ok"}])])
    index = view.model().index(0)
    shown = view.delegate.shown(index)
    assert shown.header.startswith("Guest 8585 · ")
    laid = view.delegate._laid(option_for(view, 0), index)
    assert laid is not None
    needed = QFontMetrics(laid.small).horizontalAdvance(shown.header)
    assert laid.bubble_w >= needed
    elided = laid.fm_small.elidedText(shown.header, Qt.TextElideMode.ElideRight, laid.bubble_w)
    assert elided == shown.header


def test_customer_html_is_literal_and_links_open_only_after_confirmation(
    qtbot: Any, chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    evil = "<img src=http://evil.test/x.png> <b>bold</b> <script>alert(1)</script>"
    link_text = "see https://shop.example.test/order?id=7 please"
    view = view_of(
        qtbot,
        chat,
        [
            chat.msg(10, blocks=[{"type": "text", "text": evil}]),
            chat.msg(11, blocks=[{"type": "text", "text": link_text}]),
        ],
    )
    m, d = view.model(), view.delegate
    assert d.text_for(m.index(0)) == evil  # the characters themselves
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString())
    )
    laid = d._laid(option_for(view, 1), m.index(1))
    assert laid is not None and [lk.url for lk in laid.links] == [
        "https://shop.example.test/order?id=7"
    ]
    # the literal HTML has no link: an <img src=...> is text, nothing is fetched or opened
    laid0 = d._laid(option_for(view, 0), m.index(0))
    assert laid0 is not None and [lk.url for lk in laid0.links] == ["http://evil.test/x.png"]
    # find the link's pixels: scan the bubble's first line
    rect = QRect(view.visualRect(view.model().index(1, 0)))
    spot = None
    for x in range(rect.left(), rect.right(), 3):
        for y in range(rect.top(), rect.bottom(), 3):
            if d.link_hit(option_for(view, 1), m.index(1), QPoint(x, y)) is not None:
                spot = QPoint(x, y)
                break
        if spot is not None:
            break
    assert spot is not None
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    box = view.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.informativeText() == "https://shop.example.test/order?id=7"
    assert opened == []  # nothing opens before the agent says so
    box.reject()
    QApplication.processEvents()
    assert opened == []
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    box = view.confirm
    assert box is not None
    [open_button] = [
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    ]
    open_button.click()
    QApplication.processEvents()
    assert opened == ["https://shop.example.test/order?id=7"]


def test_link_buttons_and_answered_forms_show_in_the_bubble(qtbot: Any, chat: Chat) -> None:
    ana = chat.info["ana"]
    form = {
        "type": "form",
        "fields": [
            {"key": "email", "label": "Email", "type": "string"},
            {"key": "vip", "label": "VIP", "type": "boolean"},
        ],
        "answers": {"email": "kim@example.test", "vip": True},
    }
    button = {"type": "button", "text": "Track order", "url": "https://track.example.test/1",
              "color": "#1d9a55"}  # fmt: skip
    view = view_of(
        qtbot,
        chat,
        [chat.msg(10, author_kind="manager", author_id=ana, blocks=[
            {"type": "text", "text": "Here you go"}, button, form])],
    )  # fmt: skip
    m, d = view.model(), view.delegate
    laid = d._laid(option_for(view, 0), m.index(0))
    assert laid is not None and laid.parts is not None
    assert [b.block["type"] for b in laid.parts.boxes] == ["button", "form"]
    from desktop.views.message_parts import _form_rows

    assert _form_rows(form) == [("Email", "kim@example.test"), ("VIP", "Yes")]
    # clicking the button asks first too
    button_box = laid.parts.boxes[0].rect
    rect = QRect(view.visualRect(view.model().index(0, 0)))
    found = None
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right(), 4):
            hit = d.link_hit(option_for(view, 0), m.index(0), QPoint(x, y))
            if hit is not None:
                found = hit
                break
        if found:
            break
    assert found is not None and found.url == "https://track.example.test/1"
    assert button_box.height() > 20
    image = view.grab()
    assert not image.isNull()


def test_a_long_form_answer_wraps_whole_in_its_card(qtbot: Any, chat: Chat) -> None:
    from PySide6.QtGui import QFont

    from desktop.views.message_parts import lay_out_parts

    address = (
        "서울특별시 강남구 테헤란로 123, 상담빌딩 15층 1502호 (배송 전 연락 부탁드립니다) " * 4
    )
    fields = [{"key": "addr", "label": "Address", "type": "string"}]
    short = {"type": "form", "fields": fields, "answers": {"addr": "Seoul"}}
    long = {"type": "form", "fields": fields, "answers": {"addr": address}}
    base, small = QFont(), QFont()
    small.setPointSizeF(base.pointSizeF() * 0.85)
    one = lay_out_parts([short], base, small, 320)
    whole = lay_out_parts([long], base, small, 320)
    assert one is not None and whole is not None
    assert whole.width <= 320  # as wide as a bubble may be, no wider
    lines = (whole.height - one.height) // QFontMetrics(base).height()
    assert lines >= 3  # the answer takes lines of its own, not one elided line

    asked = [{"type": "text", "text": "Where shall we deliver?"}, long]
    ana = chat.info["ana"]
    view = view_of(qtbot, chat, [chat.msg(10, author_kind="manager", author_id=ana, blocks=asked)])
    laid = view.delegate._laid(option_for(view, 0), view.model().index(0))
    assert laid is not None and laid.parts is not None
    assert laid.parts.boxes[0].rect.height() > one.height
    assert view.visualRect(view.model().index(0, 0)).height() > laid.parts.height
    shot = view.grab()
    assert not shot.isNull()
    if os.environ.get("SANGDAM_SCREENSHOTS"):
        shot.save(os.path.join(os.environ["SANGDAM_SCREENSHOTS"], "form-long-answer.png"))


def test_ten_thousand_messages_newest_at_once_older_pages_on_scroll(qtbot: Any, chat: Chat) -> None:
    base = NOW - timedelta(days=30)
    msgs = [
        chat.msg(1000 + i, created_at=(base + timedelta(minutes=4 * i)).isoformat(),
                 author_kind="customer" if i % 3 else "manager",
                 author_id=None if i % 3 else chat.info["ana"],
                 blocks=[{"type": "text", "text": f"message {i}"}])
        for i in range(10_000)
    ]  # fmt: skip
    asked: list[object] = []
    view = view_of(qtbot, chat, msgs)
    m = view.model()
    m.olderWanted.connect(lambda c, b: asked.append(b))
    assert m.rowCount() == 50
    assert m.data(m.index(49)) == "message 9999"
    sb = view.verticalScrollBar()
    qtbot.waitUntil(lambda: sb.maximum() > 0 and view.at_bottom())
    pages = 0
    while m.data(m.index(0)) != "message 0":
        top_before = m.data(m.index(0))
        sb.setValue(sb.minimum())
        QApplication.processEvents()
        assert m.data(m.index(0)) != top_before, "each scroll to the top brings a page"
        assert sb.value() > 0, "the view keeps its place, it does not jump to the top"
        assert m.rowCount() <= MessageListModel.WINDOW  # a window, not 10,000 rows
        pages += 1
        assert pages < 250
    assert pages == (10_000 - 50) // 50 and asked == []  # all from the cache
    assert m.detached
    # and back down: the newer pages return, up to the newest
    while m.detached:
        bottom_before = m.data(m.index(m.rowCount() - 1))
        sb.setValue(sb.maximum())
        QApplication.processEvents()
        assert m.data(m.index(m.rowCount() - 1)) != bottom_before or not m.detached
        pages -= 1
        assert pages > -250
    assert m.data(m.index(m.rowCount() - 1)) == "message 9999"


def test_the_older_page_comes_while_idle_near_the_top_where_the_agent_reads(
    qtbot: Any, chat: Chat
) -> None:
    msgs = [
        chat.msg(1000 + i, blocks=[{"type": "text", "text": f"message {i}"}]) for i in range(300)
    ]
    view = view_of(qtbot, chat, msgs)
    m = view.model()
    sb = view.verticalScrollBar()
    qtbot.waitUntil(lambda: sb.maximum() > 0 and view.at_bottom())
    QApplication.processEvents()  # the opening's own scroll to the bottom, queued
    assert m.rowCount() == 50 and m.data(m.index(0)) == "message 250"
    # half a screen below the top, not at it: nothing comes during the scroll itself
    sb.setValue(sb.minimum() + view.viewport().height() // 2)
    assert m.rowCount() == 50
    top = view.indexAt(QPoint(1, 1))
    text, y = m.data(top), view.visualRect(top).top()
    # then, while idle, the older page, and what the agent reads stays where it was
    qtbot.waitUntil(lambda: m.rowCount() == 100)
    assert m.data(m.index(0)) == "message 200"
    [row] = [r for r in range(m.rowCount()) if m.data(m.index(r)) == text]
    assert view.visualRect(m.index(row)).top() == y
    assert sb.value() > view.viewport().height()  # the top is a page away again


def test_the_model_passes_the_model_tester_under_random_feed_updates(
    qtmodeltester: Any, chat: Chat
) -> None:
    rng = random.Random(15)
    ana = chat.info["ana"]
    kinds = ["customer", "reply", "note", "event"]

    def random_msg(seq: int) -> dict[str, Any]:
        kind = rng.choice(kinds)
        when = (NOW - timedelta(hours=rng.randrange(0, 96))).isoformat()
        if kind == "customer":
            return chat.msg(seq, created_at=when)
        if kind == "event":
            block = {"type": "event", "action": rng.choice(["closed", "tagged", "reopened"]),
                     "actor_id": ana, "tag": "vip"}  # fmt: skip
            return chat.msg(seq, created_at=when, author_kind="system", kind="event",
                            blocks=[block])  # fmt: skip
        return chat.msg(seq, created_at=when, author_kind="manager", author_id=ana,
                        kind="note" if kind == "note" else "reply")  # fmt: skip

    msgs = {}
    for i in range(120):
        x = random_msg(100 + i * 10)
        msgs[x["id"]] = x
    chat.cache.write_fetched_messages(chat.chat_id, list(msgs.values()), before=None, more=False)
    model = MessageListModel(chat.reader, Directory(chat.reader), page=30, window=90)
    model.set_chat(chat.chat_id, "Guest")
    qtmodeltester.check(model)
    model.load_older()
    for step in range(60):
        entries: list[tuple[str, dict[str, Any] | None]] = []
        for _ in range(rng.randrange(1, 6)):
            r = rng.random()
            if r < 0.35:  # a new message, or an old one from the server
                x = random_msg(
                    rng.choice([2000 + step * 10 + len(entries), rng.randrange(100, 1300)])
                )
                msgs[x["id"]] = x
                entries.append((x["id"], x))
            elif r < 0.7 and msgs:  # the customer reads; a message changes
                mid = rng.choice(list(msgs))
                x = dict(msgs[mid], customer_read_at=NOW.isoformat())
                msgs[mid] = x
                entries.append((mid, x))
            elif msgs:  # a message goes
                mid = rng.choice(list(msgs))
                del msgs[mid]
                entries.append((mid, None))
        model.apply_changes(chat.feed(entries))
        if step % 7 == 0:
            model.load_older()
        if step % 5 == 0:
            model.load_newer()
        # what is shown is the cache's, in order, and the marks agree with it
        shown = [model.item(i) for i in range(model.rowCount())]
        keys = [s.sort_key for s in shown if s is not None]
        assert keys == sorted(keys)
        assert all(s is not None and s.id in msgs for s in shown)
        read = [
            s.id for s in shown if s is not None and s.message["kind"] == "reply"
            and s.message["author_kind"] == "manager" and s.message["customer_read_at"]
        ]  # fmt: skip
        receipts = [model.data(model.index(i), MessageRoles.RECEIPT) for i in range(len(shown))]
        marked = [s.id for s, r in zip(shown, receipts, strict=True) if s and r == "read"]
        if not model.detached:
            assert marked == read[-1:]
        else:  # the last read may be among the rows let go: at most one mark
            assert len(marked) <= 1 and set(marked) <= set(read)
        for i in range(1, model.rowCount()):
            a, b = shown[i - 1], shown[i]
            assert a is not None and b is not None
            same_day = (
                datetime.fromisoformat(a.message["created_at"]).astimezone().date()
                == datetime.fromisoformat(b.message["created_at"]).astimezone().date()
            )
            assert (model.data(model.index(i), MessageRoles.DAY) == "") == same_day


def test_a_reply_the_messenger_never_took_shows_a_failed_mark_with_its_reason(
    qtbot: Any, chat: Chat
) -> None:
    """U3: the server's failed delivery (`delivery_error`, from the change feed) shows
    under the reply as a small failed mark whose tooltip says why; delivered replaces it."""
    ana = chat.info["ana"]
    sent = chat.msg(20, author_kind="manager", author_id=ana)
    view = view_of(qtbot, chat, [chat.msg(19), sent])
    m, d = view.model(), view.delegate
    assert m.data(m.index(1), MessageRoles.RECEIPT) == ""
    plain = d.sizeHint(option_for(view, 1), m.index(1)).height()

    failed = dict(sent, delivery_error="HTTP 500: upstream down")
    m.apply_changes(chat.feed([(failed["id"], failed)]))
    assert m.data(m.index(1), MessageRoles.RECEIPT) == "failed"
    assert m.data(m.index(1), MessageRoles.DELIVERY_ERROR) == "HTTP 500: upstream down"
    assert d.sizeHint(option_for(view, 1), m.index(1)).height() > plain  # the mark's line
    box = d.receipt_rect(option_for(view, 1), m.index(1))
    assert box is not None
    pos = box.center()
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    tip = QToolTip.text()
    assert tip.endswith("HTTP 500: upstream down") and tip != "HTTP 500: upstream down"
    # a customer's message never carries the mark
    assert m.data(m.index(0), MessageRoles.RECEIPT) == ""

    delivered = dict(sent, delivered_at=NOW.isoformat(), delivery_error=None)
    m.apply_changes(chat.feed([(delivered["id"], delivered)]))
    assert m.data(m.index(1), MessageRoles.RECEIPT) == "delivered"
