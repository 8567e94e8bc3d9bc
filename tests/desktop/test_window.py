"""The window over a cache, without a server: its shape, keyboard navigation, choosing
sections and states, the status line's words, drafts, pending and failed messages."""

# covers: D3, S2, S12, L1, L3, M7

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.controller.ui import Ui, build_ui
from desktop.sync.cache import Cache
from desktop.sync.status import Phase, Status
from desktop.views.status import describe
from protocol import schemas as s
from tests.desktop.painting import GREENS, MARK_COLORS, marks_painted, painted_texts
from tests.desktop.support import seed_cache


@pytest.fixture
def ui(qtbot: Any, tmp_path: Path) -> Any:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 120)
    built = build_ui(path, account="me@example.test")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitUntil(lambda: built.window.chat_list.painted)
    built.info = info  # type: ignore[attr-defined]
    yield built
    built.reader.close()


def test_the_window_has_three_panes_a_title_and_sensible_minimums(ui: Ui) -> None:
    w = ui.window
    assert w.windowTitle() == "Sangdam"
    assert w.minimumWidth() >= 800 and w.minimumHeight() >= 500
    assert w.splitter.count() == 3
    assert all(w.splitter.widget(i).minimumWidth() >= 180 for i in range(3))
    assert not w.splitter.childrenCollapsible()
    assert w.chat_list.uniformItemSizes()  # a painted list, one height for all
    assert w.chat_list.indexWidget(ui.chats.index(0)) is None  # no widget per row


def test_the_keyboard_moves_through_the_list_and_opens_chats(qtbot: Any, ui: Ui) -> None:
    w = ui.window
    w.chat_list.setFocus()
    w.chat_list.select_chat(ui.chats.ids()[0])
    assert ui.messages.chat_id == ui.chats.ids()[0]
    qtbot.keyClick(w.chat_list, Qt.Key.Key_Down)
    qtbot.keyClick(w.chat_list, Qt.Key.Key_Down)
    assert ui.messages.chat_id == ui.chats.ids()[2]
    assert w.conversation.chat is not None and w.conversation.chat.id == ui.chats.ids()[2]
    qtbot.keyClick(w.chat_list, Qt.Key.Key_Up)
    assert ui.messages.chat_id == ui.chats.ids()[1]
    w.conversation.composer.edit.setFocus()
    qtbot.keyClick(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert ui.messages.chat_id == ui.chats.ids()[2]


def test_sections_states_and_order_choose_what_the_list_shows(qtbot: Any, ui: Ui) -> None:
    w = ui.window
    me = ui.reader.me
    w.sidebar.select_key("mine")
    assert w.list_title.text() == "My chats"
    mine = ui.reader.chat_rows("mine", "open", limit=1000)
    assert ui.chats.ids() == [r.id for r in mine][: ui.chats.rowCount()]
    assert all(ui.chats.item(i).chat["assignee_id"] == me for i in range(ui.chats.rowCount()))  # type: ignore[union-attr]
    w.state_box.setCurrentIndex(2)  # closed (S12)
    assert ui.chats.state == "closed" and ui.sidebar.state == "closed"
    assert all(ui.chats.item(i).chat["state"] == "closed" for i in range(ui.chats.rowCount()))  # type: ignore[union-attr]
    assert ui.sidebar.count_of("all") == ui.reader.chat_count("all", "closed")
    w.sidebar.select_key("all")
    w.order_box.setCurrentIndex(1)  # oldest first (L1)
    times = [ui.chats.item(i).sort_us for i in range(ui.chats.rowCount())]  # type: ignore[union-attr]
    assert times == sorted(times)


def test_a_messenger_chat_shows_that_messengers_mark_on_the_avatar(ui: Ui) -> None:
    """L3, from the pixels the list painted: Kakao, Instagram DM, Naver TalkTalk and LINE
    chats carry their messenger's mark at the avatar's bottom right; web, email and
    phone chats none."""
    view = ui.window.chat_list
    first: dict[str, int] = {}  # medium -> its first row that is not selected
    for row in range(ui.chats.rowCount()):
        item = ui.chats.item(row)
        assert item is not None
        if not view.selectionModel().isRowSelected(row):
            first.setdefault(str(item.chat["medium"]), row)
    assert set(first) == {"web", "email", "phone", *MARK_COLORS}
    for medium, row in first.items():
        got = marks_painted(view, row)
        if medium not in MARK_COLORS:
            assert got == set(), medium
        elif medium in GREENS:
            assert got == GREENS, medium
        else:
            assert got == {medium}, medium
        name = ui.chats.item(row).customer_name  # type: ignore[union-attr]
        assert name in painted_texts(view, row)  # the same row, painted


def test_the_status_line_says_how_sync_is_doing(ui: Ui) -> None:
    assert describe(Status(Phase.BOOTSTRAPPING, chats=1200)) == "Loading chats… 1,200"
    assert describe(Status(Phase.OFFLINE, waiting=3)) == "Offline — 3 waiting to send"
    assert describe(Status(Phase.OFFLINE, retry_in=4.2)) == "Offline, reconnecting in 4 s"
    assert describe(Status(Phase.ONLINE)) == "Online"
    line = ui.window.status_line
    line.set_status(Status(Phase.OFFLINE, retry_in=7, waiting=2))
    assert line.text().startswith("Offline, reconnecting in") and "2 waiting to send" in line.text()


def test_a_draft_stays_with_its_chat(qtbot: Any, ui: Ui) -> None:
    w = ui.window
    a, b = ui.chats.ids()[:2]
    w.chat_list.select_chat(a)
    assert not w.conversation.composer.isEnabled()  # no session yet: nothing can be sent
    w.conversation.composer.set_available(True)
    edit = w.conversation.composer.edit
    qtbot.keyClicks(edit, "half a reply")
    w.conversation.composer.set_note(True)
    w.chat_list.select_chat(b)
    assert edit.toPlainText() == "" and not w.conversation.composer.is_note
    w.chat_list.select_chat(a)
    assert edit.toPlainText() == "half a reply" and w.conversation.composer.is_note


def test_pending_and_failed_messages_show_in_place_with_the_reason(ui: Ui) -> None:
    info: dict[str, Any] = ui.info  # type: ignore[attr-defined]
    chat_id = ui.chats.ids()[0]
    cache = Cache.open(
        ui.path,
        server_url=str(ui.reader.meta("server_url")),
        workspace_id=str(ui.reader.meta("workspace_id")),
        manager_id=info["me"],
    )
    try:
        sent = []
        for text in ("first", "second"):
            pending, changed = cache.enqueue(
                "send_message",
                {
                    "chat_id": chat_id,
                    "message_id": str(uuid.uuid4()),
                    "kind": "reply",
                    "blocks": [{"type": "text", "text": text}],
                },
            )
            sent.append(pending)
            ui.controller.on_changed(changed)
        ui.window.chat_list.select_chat(chat_id)
        delegate = ui.window.conversation.view.delegate
        m = ui.messages
        assert [m.data(m.index(i)) for i in range(m.rowCount())] == ["first", "second"]
        assert delegate.shown(m.index(0)).footer == "Sending…"
        refused = s.MutationResult(
            mutation_id=sent[0].mutation_id,
            status="refused",
            error=s.ErrorDetail(code="invalid_value", message="No such manager to mention."),
        )
        _, changed = cache.record_results([refused])
        ui.controller.on_changed(changed)
        assert [m.data(m.index(i)) for i in range(m.rowCount())] == ["first", "second"]
        failed = delegate.shown(m.index(0))
        assert failed.failed and failed.footer == "Not sent: No such manager to mention."
        assert delegate.shown(m.index(1)).footer == "Sending…"
    finally:
        cache.close()


def test_the_open_chat_stays_open_when_someone_else_moves_it_out_of_the_list(ui: Ui) -> None:
    """Another manager takes the chat the agent is reading: it leaves Unassigned, the
    conversation stays (no jump to a neighbour), and it is selected again if it returns."""
    info: dict[str, Any] = ui.info  # type: ignore[attr-defined]
    w = ui.window
    w.sidebar.select_key("unassigned")
    ids = ui.chats.ids()
    assert len(ids) >= 3
    chat_id = ids[1]
    w.chat_list.select_chat(chat_id)
    assert ui.messages.chat_id == chat_id
    cache = Cache.open(
        ui.path,
        server_url=str(ui.reader.meta("server_url")),
        workspace_id=str(ui.reader.meta("workspace_id")),
        manager_id=info["me"],
    )
    try:
        row = dict(next(c for c in info["chats"] if c["id"] == chat_id))
        seq = int(ui.reader.meta("cursor")) + 1
        taken = dict(row, assignee_id=info["ana"])
        changed = cache.apply_changes(
            [{"seq": seq, "entity": "chat", "id": chat_id, "op": "upsert", "data": taken}], seq
        )
        ui.controller.on_changed(changed)
        assert chat_id not in ui.chats.ids()
        assert ui.messages.chat_id == chat_id  # still reading it
        assert w.conversation.chat is not None and w.conversation.chat.id == chat_id
        assert "Assignee: Ana" in w.conversation.info.text()
        assert not w.chat_list.currentIndex().isValid()
        back = dict(row, assignee_id=None)
        changed = cache.apply_changes(
            [{"seq": seq + 1, "entity": "chat", "id": chat_id, "op": "upsert", "data": back}],
            seq + 1,
        )
        ui.controller.on_changed(changed)
        assert w.chat_list.currentIndex().row() == ui.chats.row_of(chat_id)
        assert ui.messages.chat_id == chat_id
    finally:
        cache.close()


def test_the_window_comes_back_where_the_agent_left_it(qtbot: Any, tmp_path: Path) -> None:
    """Size and pane widths survive a restart (kept beside the cache, saved on close)."""
    path = tmp_path / "cache.sqlite3"
    seed_cache(path, 5)
    first = build_ui(path, account="me@example.test")
    qtbot.addWidget(first.window)
    first.window.show()
    first.window.resize(1010, 640)
    first.window.splitter.setSizes([200, 300, 510])
    qtbot.waitUntil(lambda: first.window.width() == 1010)
    widths = first.window.splitter.sizes()
    first.window.close()
    first.reader.close()
    assert (tmp_path / "cache.sqlite3.window.json").exists()

    again = build_ui(path, account="me@example.test")
    qtbot.addWidget(again.window)
    again.window.show()
    qtbot.waitUntil(lambda: again.window.isVisible())
    # The offscreen screen is 800 pixels wide: Qt keeps a restored window on its screen,
    # so only the height and the list panes' widths come back exactly here.
    assert again.window.height() == 640
    assert again.window.splitter.sizes()[:2] == widths[:2] == [200, 300]
    again.reader.close()


def test_unreadable_window_preferences_are_ignored(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    seed_cache(path, 5)
    (tmp_path / "cache.sqlite3.window.json").write_text('{"geometry": "!!", "panes": 3}')
    built = build_ui(path, account="me@example.test")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitUntil(lambda: built.window.isVisible())
    assert built.window.splitter.count() == 3
    assert built.window.width() >= built.window.minimumWidth()
    built.reader.close()
