"""The list, the sidebar and search in the window over a seeded cache (no server): the
models pass Qt's model tester, also while the feed changes rows; the list holds still
while held and applies on release, the selection kept; the sidebar warns only for open
chats and titles its lists; empty lists say why; search answers from the cache as the
agent types, marks what matched, follows the state filter, and Esc gives the list back.
"""

# covers: L1, L4, L5, S8, S12

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.controller.ui import Ui, build_ui
from desktop.models.chat_list import ChatListModel
from desktop.models.row_labels import state_text, unassigned_text, until_text
from desktop.models.search_results import SearchResultsModel
from desktop.models.sidebar import EntryKind
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.views.search_view import segments
from tests.desktop.support import seed_cache

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Any:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 120)
    ui = build_ui(path, account="me")
    qtbot.addWidget(ui.window)
    ui.window.resize(1280, 800)
    ui.window.show()
    qtbot.waitUntil(lambda: ui.window.chat_list.painted)
    yield info, ui
    ui.reader.close()


def touch(ui: Ui, info: dict[str, Any], chat_ids: list[str], at: str) -> ChangedIds:
    """New last messages for these chats, written to the cache as the feed writes."""
    cache = Cache.open(
        ui.path,
        server_url="http://seed.invalid",
        workspace_id=str(ui.reader.meta("workspace_id")),
        manager_id=info["me"],
    )
    try:
        seq = int(ui.reader.meta("cursor") or 0) + 1
        entries = []
        for i, chat_id in enumerate(chat_ids):
            row = next(c for c in info["chats"] if c["id"] == chat_id)
            row = dict(row, last_message_at=at, last_message_preview=f"again {i}")
            row["last_message_seq"] = int(row.get("last_message_seq") or 0) + 1
            entries.append(
                {"seq": seq + i, "entity": "chat", "id": chat_id, "op": "upsert", "data": row}
            )
        return cache.apply_changes(entries, seq + len(entries) - 1)
    finally:
        cache.close()


def test_the_models_pass_the_model_tester_under_feed_updates(
    qtbot: Any, qtmodeltester: Any, window: Any
) -> None:
    info, ui = window
    results = SearchResultsModel(ui.reader)
    results.set_query("Customer 1")
    assert results.rowCount() > 0
    qtmodeltester.check(results, force_py=True)
    qtmodeltester.check(ui.chats, force_py=True)
    rng = random.Random(7)
    for round_ in range(6):
        ids = rng.sample(ui.chats.ids(), 5) + rng.sample(results.ids(), 2)
        changed = touch(ui, info, ids, f"2031-01-0{round_ + 1}T10:00:00+00:00")
        ui.chats.set_held(round_ % 2 == 0)  # held and not: rows in place, then moved
        ui.chats.apply_changes(changed)
        results.apply_changes(changed)
    ui.chats.set_held(False)
    qtmodeltester.check(results, force_py=True)
    qtmodeltester.check(ui.chats, force_py=True)


def test_a_held_list_keeps_its_order_and_applies_on_release_keeping_the_selection(
    qtbot: Any, window: Any
) -> None:
    info, ui = window
    view = ui.window.chat_list
    before = ui.chats.ids()
    chosen = before[2]
    view.select_chat(chosen)
    ui.chats.set_held(True)
    movers = [before[7], before[9]]
    ui.controller.changed.emit(touch(ui, info, movers, "2031-02-01T10:00:00+00:00"))
    assert ui.chats.ids() == before  # nothing moved...
    assert ui.chats.pending == 2 and view.hold.pill.isVisible()  # ...two wait
    row = ui.chats.row_of(movers[0])
    assert row is not None and ui.chats.item(row).chat["last_message_preview"] == "again 0"
    assert "2" in view.hold.pill.text()
    qtbot.mouseClick(view.hold.pill, Qt.MouseButton.LeftButton)  # "2 new": shows them
    assert ui.chats.ids()[:2] == [movers[1], movers[0]] or set(ui.chats.ids()[:2]) == set(movers)
    assert ui.chats.pending == 0 and not view.hold.pill.isVisible()
    assert view.chat_id == chosen and view.currentIndex().data() is not None
    assert ui.chats.item(view.currentIndex().row()).id == chosen


def test_keyboard_choice_holds_the_list_for_a_moment(qtbot: Any, window: Any) -> None:
    _info, ui = window
    view = ui.window.chat_list
    view.setFocus()
    view.select_chat(ui.chats.ids()[0])
    assert not ui.chats.held  # the app choosing a chat is not the agent aiming
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert ui.chats.held  # the agent moved with the keyboard: the list holds
    qtbot.waitUntil(lambda: not ui.chats.held, timeout=10_000)  # ...for a moment only


def test_scrolled_away_the_list_holds_and_the_top_row_stays_when_it_applies(
    qtbot: Any, window: Any
) -> None:
    info, ui = window
    view = ui.window.chat_list
    sb = view.verticalScrollBar()
    qtbot.waitUntil(lambda: sb.maximum() > 400)
    sb.setValue(400)
    assert ui.chats.held
    top_id = view.indexAt(QPoint(4, 1)).data(Qt.ItemDataRole.UserRole + 2)
    top_y = view.visualRect(view.indexAt(QPoint(4, 1))).top()
    ids = ui.chats.ids()
    ui.controller.changed.emit(touch(ui, info, [ids[-1], ids[-2]], "2031-03-01T10:00:00+00:00"))
    assert ui.chats.pending == 2
    view.hold._apply_in_place(ui.chats.release)  # as when the pointer leaves
    assert set(ui.chats.ids()[:2]) == {ids[-1], ids[-2]}
    row = ui.chats.row_of(top_id)
    assert row is not None
    assert view.visualRect(ui.chats.index(row)).top() == top_y  # nothing jumped


def test_the_sidebar_warns_for_open_chats_only_and_titles_its_lists(
    qtbot: Any, window: Any
) -> None:
    _info, ui = window
    w = ui.window
    warned = [e for e in ui.sidebar.entries() if e.warn]
    assert warned  # Ben (max 1) and Me (max 3) have more open chats
    for state in (1, 2):  # snoozed, closed: the maximum concerns open chats (S8, S12)
        w.state_box.setCurrentIndex(state)
        assert not any(e.warn for e in ui.sidebar.entries())
    w.state_box.setCurrentIndex(0)
    children = [e for e in ui.sidebar.entries() if e.kind is EntryKind.CHILD]
    team = next(e for e in children if e.key.startswith("unassigned_team:"))
    w.show_section(team.key)
    assert w.list_title.text() == f"Unassigned › {team.label}"
    tag = next(e for e in children if e.key.startswith("tag:"))
    w.show_section(tag.key)
    assert w.list_title.text() == f"Tags › {tag.label}"


def test_row_labels_say_queue_snooze_end_and_why_a_list_is_empty(qtbot: Any, window: Any) -> None:
    _info, ui = window
    assert unassigned_text({"queued_since": "2030-01-01T00:00:00+00:00"}, "Support") == (
        "Queue · Support"
    )
    assert unassigned_text({}, "Support") == "Unassigned · Support"
    assert unassigned_text({}, "") == "Unassigned"
    text = state_text({"state": "snoozed", "snooze_until": "2031-06-02T09:00:00+00:00"})
    assert text.startswith("Snoozed · until ")
    assert until_text(None) == ""
    w = ui.window
    w.state_box.setCurrentIndex(1)  # snoozed
    empty = next(
        (e for e in ui.sidebar.entries() if e.kind is not EntryKind.HEADER and e.count == 0), None
    )
    if empty is not None:
        w.show_section(empty.key)
        assert ui.chats.rowCount() == 0
        assert w.empty_state.isVisible()
        assert w.empty_state.text() == f"No snoozed chats in {w.list_title.text()}"
    w.show_section("all")
    assert not w.empty_state.isVisible() or ui.chats.rowCount() == 0


def test_search_answers_as_you_type_marks_matches_and_esc_gives_the_list_back(
    qtbot: Any, window: Any
) -> None:
    _info, ui = window
    w = ui.window
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.search_field.hasFocus()
    qtbot.keyClicks(w.search_field, "bu")  # as the agent types: every keystroke answers
    assert w.searching() and not w.chat_list.isVisible()
    assert w.search_model.query == "bu" and w.search_model.rowCount() > 0
    w.search_field.insert("g 환")  # Hangul comes from the input method: inserted, not keyed
    w.search_field.insert("불")
    w.search_field.setText("환불")
    assert w.search_model.query == "환불" and w.search_model.rowCount() > 0
    first = w.search_model.result(0)
    assert first is not None and first.field == "tag" and first.spans == ((0, 2),)
    qtbot.waitUntil(lambda: w.search_results.delegate.painted_rows > 0)
    # scoped to the state filter (S12)
    shown_open = set(w.search_model.ids())
    w.state_box.setCurrentIndex(2)
    assert w.search_model.state == "closed"
    assert all(ui.chats.lookup(i).chat["state"] == "closed" for i in w.search_model.ids())
    assert not (set(w.search_model.ids()) & shown_open)
    w.state_box.setCurrentIndex(0)
    # several results picked for a bulk action
    w.search_results.selectAll()
    assert w.search_results.selected_chat_ids() == w.search_model.ids()
    # clicking a result opens its chat
    target = w.search_model.result(1)
    assert target is not None
    rect = w.search_results.visualRect(w.search_model.index(1))
    qtbot.mouseClick(w.search_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: ui.messages.chat_id == target.id)
    # nothing found: it says so
    w.search_field.setText("zzqx no such thing")
    assert w.search_model.rowCount() == 0
    qtbot.waitUntil(lambda: w.search_empty.isVisible())
    assert "zzqx no such thing" in w.search_empty.text()
    # Esc clears the query: the list is back
    w.search_field.setFocus()
    qtbot.keyClick(w.search_field, Qt.Key.Key_Escape)
    assert w.search_field.text() == "" and w.chat_list.isVisible() and not w.searching()


def test_highlight_segments_are_plain_cuts_of_the_text() -> None:
    assert segments("<b>배송조회</b>", ((3, 5),)) == [
        ("<b>", False),
        ("배송", True),
        ("조회</b>", False),
    ]
    assert segments("abc", ((5, 9), (-1, 1))) == [("a", True), ("bc", False)]
    assert segments("", ()) == []


def test_held_model_counts_a_joining_chat_only_if_it_would_show(qtbot: Any, window: Any) -> None:
    info, ui = window
    model = ChatListModel(ui.reader, page=20)
    assert model.has_more  # a page of 20 loaded
    loaded = set(model.ids())
    unloaded = [c["id"] for c in info["chats"] if c["id"] not in loaded]
    unloaded = [i for i in unloaded if model.lookup(i) and model.lookup(i).chat["state"] == "open"]  # type: ignore[union-attr]
    model.set_held(True)
    model.apply_changes(touch(ui, info, unloaded[:1], "2000-01-01T00:00:00+00:00"))
    assert model.pending == 0  # it sorts below the loaded window: a later page brings it
    model.apply_changes(touch(ui, info, unloaded[1:2], "2031-01-01T00:00:00+00:00"))
    assert model.pending == 1 and set(model.ids()) == loaded  # it waits at the top
    model.set_held(False)
    assert model.ids()[0] == unloaded[1] and model.pending == 0


def test_search_results_offer_the_chat_actions_for_the_selected_results(
    qtbot: Any, window: Any
) -> None:
    _info, ui = window
    w = ui.window
    w.search_field.setText("bug")
    assert w.search_model.rowCount() >= 2 and not ui.triage.bar.isVisible()
    w.search_results.selectAll()
    rect = w.search_results.visualRect(w.search_model.index(0))
    w.search_results.customContextMenuRequested.emit(rect.center())  # as a right-click
    menu = ui.triage.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert [a.text() for a in menu.actions() if a.text()]  # the actions, for them all
    menu.close()
    w.search_field.clear()
    assert ui.triage.bar.isVisible()
