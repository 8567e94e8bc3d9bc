"""The window against a real server process: the inbox from the cache with the server
down, then catching up; others' changes within a second; the composer (Enter, Shift+
Enter, notes); a refused action rolled back with its reason; older messages as the agent
scrolls up; customer text shown literally.

Plain `def` tests on a qasync loop (see conftest): `qtbot.waitUntil` runs Qt's event
loop, and the app's asyncio tasks with it.
"""

# covers: Y1, Y2, Y4, C1, C4, M7, L1, L3, L4

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem

from desktop.controller.flow import AppFlow
from desktop.models.format import short_time
from desktop.models.messages import MessageRoles
from desktop.sync.items import ChatItem, MessageItem
from desktop.views.status import StatusLine
from tests.desktop.painting import marks_painted, painted_texts
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    customer_says,
    finish,
    login,
    online,
    open_chat,
    push_as,
    run_flow,
    server_messages,
    start_chat,
    started,
    ui_of,
    world_on,
)

pytestmark = pytest.mark.timeout(180)


def row_item(flow: AppFlow, chat_id: str) -> ChatItem | None:
    ui = ui_of(flow)
    row = ui.chats.row_of(chat_id)
    return None if row is None else ui.chats.item(row)


def row_of(flow: AppFlow, chat_id: str) -> int:
    row = ui_of(flow).chats.row_of(chat_id)
    assert row is not None, chat_id
    return int(row)


def texts(flow: AppFlow) -> list[str]:
    m = ui_of(flow).messages
    return [str(m.data(m.index(i))) for i in range(m.rowCount())]


def last_message(flow: AppFlow) -> MessageItem | None:
    m = ui_of(flow).messages
    return m.item(m.rowCount() - 1)


# ---- Y1: from the cache, before the network; then catching up ------------------------------


def test_the_inbox_shows_from_the_cache_with_the_server_down_then_catches_up(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    first = start_chat(server, world, "first chat")
    ana = login(server, "ana")
    lines: list[str] = []
    set_status = StatusLine.set_status

    def record(line: StatusLine, status: Any) -> None:
        set_status(line, status)
        lines.append(line.text())

    monkeypatch.setattr(StatusLine, "set_status", record)
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    qtbot.waitUntil(lambda: ui_of(flow).chats.ids() == [first["chat_id"]], timeout=WAIT_MS)
    assert any(line.startswith("Loading chats…") for line in lines), lines  # a bootstrap
    cache_file = ui_of(flow).path
    assert cache_file.parent == tmp_path / "cache"  # Y4: in the data folder given
    finish(qtbot, flow, task)

    # While the app is closed: the customer writes, then the server goes down.
    customer_says(server, first, "while you were away")
    server.stop()

    cfg = flow.config
    began = time.monotonic()
    flow = AppFlow(cfg)
    assert flow.show_from_cache()  # what `sangdam` does before its event loop starts
    ui = ui_of(flow)
    assert ui.chats.ids() == [first["chat_id"]]
    qtbot.waitUntil(lambda: ui.window.chat_list.painted, timeout=WAIT_MS)
    assert time.monotonic() - began < 2.0  # no network in the way
    item = ui.chats.item(0)
    assert item is not None and item.chat["last_message_preview"] == "first chat"

    task = run_flow(aio, flow)
    qtbot.waitUntil(
        lambda: (
            "Offline" in ui.window.status_line.text()
            and ui.window.status_line.status is not None
            and ui.window.status_line.status.retry_in is not None
        ),
        timeout=WAIT_MS,
    )
    assert "reconnecting in" in ui.window.status_line.text()

    server.start()
    later = start_chat(server, world, "a new customer")
    qtbot.waitUntil(lambda: later["chat_id"] in ui.chats.ids(), timeout=WAIT_MS)
    assert ui.chats.ids()[0] == later["chat_id"]  # L1: newest first
    qtbot.waitUntil(
        lambda: (
            (row_item(flow, first["chat_id"]) or item).chat["last_message_preview"]
            == "while you were away"
        ),
        timeout=WAIT_MS,
    )
    assert online(flow) and ui.window.status_line.text() == "Online"
    assert ui.sidebar.count_of("all") == 2
    finish(qtbot, flow, task)


# ---- Y2: others' changes in real time ----------------------------------------------------


def test_another_managers_change_and_a_customer_message_show_within_a_second(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    web = start_chat(server, world, "hello from the web", name="Mina Park")
    kakao = start_chat(server, world, "카카오에서 왔어요", medium="kakao")
    ana, ben = login(server, "ana"), login(server, "ben")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    qtbot.waitUntil(lambda: len(ui.chats.ids()) == 2, timeout=WAIT_MS)
    cid = web["chat_id"]
    open_chat(qtbot, flow, cid)
    qtbot.waitUntil(lambda: texts(flow) == ["hello from the web"], timeout=WAIT_MS)

    view = ui.window.chat_list
    shown = row_item(flow, cid)
    assert shown is not None
    painted = painted_texts(view, row_of(flow, cid))  # L4: what the row paints
    when = short_time(shown.chat["last_message_at"])
    assert {"Mina Park", when, "hello from the web", "Unassigned"} <= set(painted), painted
    # L3: the Kakao chat's avatar carries Kakao's mark, as painted; the web chat's none
    assert marks_painted(view, row_of(flow, kakao["chat_id"])) == {"kakao"}
    assert marks_painted(view, row_of(flow, cid)) == set()

    began = time.monotonic()
    result = push_as(
        server, ben, "assign", chat_id=cid, assignee_id=ben.manager_id, expected_assignee_id=None
    )
    assert result["status"] == "applied"
    qtbot.waitUntil(
        lambda: (row_item(flow, cid) or shown).chat["assignee_id"] == ben.manager_id, timeout=1000
    )
    assert time.monotonic() - began < 1.0
    assert "→ Ben" in painted_texts(view, row_of(flow, cid))  # L4: the assignee
    assert "Assignee: Ben" in ui.window.conversation.info.text()  # the open chat's header

    began = time.monotonic()
    customer_says(server, web, "are you there?")
    qtbot.waitUntil(lambda: texts(flow)[-1:] == ["are you there?"], timeout=1000)
    assert time.monotonic() - began < 1.0
    qtbot.waitUntil(
        lambda: (
            ui.window.conversation.view.delegate.painted_ids[-1:]
            == [ui.messages.item(ui.messages.rowCount() - 1).id]
        ),  # type: ignore[union-attr]
        timeout=1000,
    )
    finish(qtbot, flow, task)


# ---- M7, C1: the composer ----------------------------------------------------------------


def bubble_color(view: Any, row: int) -> QColor:
    """The fill of a message's bubble, as painted (sampled inside the bubble)."""
    model = view.model()
    index = model.index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    size = view.delegate.sizeHint(option, index)
    option.rect = view.visualRect(index).adjusted(0, 0, 0, 0)
    option.rect.setSize(size)
    option.rect.moveTo(0, 0)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    view.delegate.paint(painter, option, index)
    painter.end()
    x = size.width() - 16 - 4  # inside a right-hand bubble, right of its text
    return image.pixelColor(x, size.height() // 2)


def test_the_composer_sends_on_enter_breaks_lines_on_shift_enter_and_notes_look_different(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "I need help")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    cid = chat["chat_id"]
    open_chat(qtbot, flow, cid)
    qtbot.waitUntil(lambda: texts(flow) == ["I need help"], timeout=WAIT_MS)
    inserted: list[MessageItem] = []
    ui.messages.rowsInserted.connect(
        lambda _p, first, _l: inserted.append(ui.messages.item(first))  # type: ignore[arg-type]
    )

    composer = ui.window.conversation.composer
    edit = composer.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "hello")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(edit, "second line")
    assert edit.toPlainText() == "hello\nsecond line"
    assert texts(flow) == ["I need help"]  # nothing sent yet

    qtbot.keyClick(edit, Qt.Key.Key_Return)
    # the text leaves the editor once its outbox row is written, as its bubble comes
    qtbot.waitUntil(lambda: edit.toPlainText() == "", timeout=1000)
    assert texts(flow)[-1:] == ["hello\nsecond line"]
    assert inserted and inserted[0].pending, "shown before the server has it, pending"
    qtbot.waitUntil(
        lambda: (m := last_message(flow)) is not None and not m.pending and m.seq is not None,
        timeout=WAIT_MS,
    )

    composer.note_button.click()
    assert composer.is_note
    qtbot.keyClicks(edit, "internal: refund approved")
    qtbot.keyClick(edit, Qt.Key.Key_Enter)  # the keypad's Enter sends too
    qtbot.waitUntil(lambda: texts(flow)[-1:] == ["internal: refund approved"], timeout=1000)
    qtbot.waitUntil(lambda: not (last_message(flow) or inserted[0]).pending, timeout=WAIT_MS)

    m = ui.messages
    reply_ix, note_ix = m.index(1), m.index(2)
    assert m.data(reply_ix, MessageRoles.IS_NOTE) is False
    assert m.data(note_ix, MessageRoles.IS_NOTE) is True
    delegate = ui.window.conversation.view.delegate
    reply, note = delegate.shown(reply_ix), delegate.shown(note_ix)
    assert (reply.look, note.look) == ("reply", "note")  # C1
    assert note.header.startswith("Internal note") and not reply.header.startswith("Internal")
    view = ui.window.conversation.view
    assert bubble_color(view, 1).name() != bubble_color(view, 2).name()  # they look different

    kinds = [(x["blocks"][0]["text"], x["kind"]) for x in server_messages(server, ana, cid)]
    assert kinds == [
        ("I need help", "reply"),
        ("hello\nsecond line", "reply"),
        ("internal: refund approved", "note"),
    ]
    finish(qtbot, flow, task)


# ---- a refused action ------------------------------------------------------------------------


def test_a_refused_state_change_is_rolled_back_and_its_reason_shown(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "please close me")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana, autopush=False)
    ui = ui_of(flow)
    cid = chat["chat_id"]
    open_chat(qtbot, flow, cid)

    # Ana acts on what she saw ("snoozed"); the server has it open: stale.
    ui.controller.set_state(cid, "closed", expected="snoozed")
    qtbot.waitUntil(lambda: cid not in ui.chats.ids(), timeout=WAIT_MS)  # optimistic
    assert "Closed" in ui.window.conversation.info.text()
    assert ui.window.conversation.state_button.text() == "Reopen"
    assert flow.engine is not None
    flow.engine.push_now()
    qtbot.waitUntil(lambda: ui.window.alert.text() != "", timeout=WAIT_MS)
    text = ui.window.alert.text()
    assert text.startswith("Closing the chat was not done:"), text
    assert "changed by someone else" in text
    qtbot.waitUntil(lambda: cid in ui.chats.ids(), timeout=WAIT_MS)  # rolled back
    item = row_item(flow, cid)
    assert item is not None and item.chat["state"] == "open"
    assert "Closed" not in ui.window.conversation.info.text()
    assert ui.window.conversation.state_button.text() == "Close"
    finish(qtbot, flow, task)


# ---- C4: older messages as the agent scrolls up ----------------------------------------------


def test_older_messages_load_when_scrolled_to_the_top(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "m 0")
    for i in range(1, 130):
        customer_says(server, chat, f"m {i}")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    open_chat(qtbot, flow, chat["chat_id"])
    view = ui.window.conversation.view
    # The newest page at once (from the server the first time), newest at the bottom.
    qtbot.waitUntil(lambda: ui.messages.rowCount() == 50, timeout=WAIT_MS)
    assert texts(flow)[-1] == "m 129" and texts(flow)[0] == "m 80"
    qtbot.waitUntil(view.at_bottom, timeout=WAIT_MS)

    for want in (100, 130):
        view.verticalScrollBar().setValue(0)
        # at least: near the top the next older page may already come while idle
        qtbot.waitUntil(lambda want=want: ui.messages.rowCount() >= want, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0, timeout=WAIT_MS)
    assert texts(flow) == [f"m {i}" for i in range(130)]

    # Opened again, the whole history is in the cache: no network needed.
    ui.window.conversation.set_chat(None)
    flow_chat = row_item(flow, chat["chat_id"])
    assert flow_chat is not None
    ui.window.conversation.set_chat(flow_chat)
    assert ui.messages.rowCount() == 50 and not ui.messages.asking
    finish(qtbot, flow, task)


# ---- plain text only ---------------------------------------------------------------------------


def test_customer_html_is_shown_literally(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    html = "<b>bold</b><script>x</script>"
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, html, name="<i>Eve</i> &amp; co")
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    cid = chat["chat_id"]
    open_chat(qtbot, flow, cid)
    qtbot.waitUntil(lambda: ui.messages.rowCount() == 1, timeout=WAIT_MS)

    item = row_item(flow, cid)
    assert item is not None
    row = ui.window.chat_list.delegate.texts(item)
    assert (row.name, row.preview) == ("<i>Eve</i> &amp; co", html)
    delegate = ui.window.conversation.view.delegate
    assert delegate.text_for(ui.messages.index(0)) == html
    assert QtGui.Qt.mightBeRichText(html)  # what a rich-text widget would have interpreted
    # Every label showing customer words is plain text: shown literally, not rendered.
    header = ui.window.conversation.title
    assert header.text() == "<i>Eve</i> &amp; co"
    assert header.textFormat() == Qt.TextFormat.PlainText
    for label in ui.window.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    # and the painted bubble is as wide as the literal text needs, tags and all
    index = ui.messages.index(0)
    assert ui.window.conversation.view.visualRect(index).height() > 0
    assert ui.messages.data(QModelIndex()) is None
    finish(qtbot, flow, task)
