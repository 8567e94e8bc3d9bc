"""Triage in the window over a seeded cache, without a server: the choice model passes
Qt's model tester, the snooze presets fall where they say, Ctrl/Shift-click and
Shift+arrows pick chats without opening them, the header check box and the bulk bar
follow the selection, and the help overlay lists every action with its key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop.controller.ui import Ui, build_ui
from desktop.models.choices import (
    ChoiceModel,
    assignee_choices,
    open_counts,
    snooze_choices,
    snooze_times,
    tag_choices,
    team_choices,
)
from desktop.views.actions import ACTIONS, Act
from tests.desktop.support import seed_cache


@pytest.fixture
def window(tmp_path: Path, qtbot: Any) -> Iterator[tuple[Ui, dict[str, Any]]]:
    path = tmp_path / "cache.sqlite3"
    info = seed_cache(path, 40)
    ui = build_ui(path, "me@example.test")
    ui.window.resize(1280, 800)
    ui.window.show()
    qtbot.waitUntil(lambda: ui.chats.rowCount() > 5)
    yield ui, info
    ui.close()


def test_the_choice_models_pass_the_model_tester(
    qtmodeltester: Any, window: tuple[Ui, dict[str, Any]]
) -> None:
    ui, info = window
    counts = open_counts(ui.reader.counts("open"))
    items = [ui.chats.item(r) for r in range(3)]
    for choices in (
        assignee_choices(ui.directory, counts, {None}),
        team_choices(ui.directory, {None}),
        tag_choices(ui.directory, [i for i in items if i is not None]),
        snooze_choices(),
    ):
        model = ChoiceModel(choices)
        qtmodeltester.check(model)
        model.set_choices(list(reversed(choices)))
        qtmodeltester.check(model)
    mine = assignee_choices(ui.directory, counts, set())
    assert mine[0].key == info["me"] and mine[1].key == ""  # "Assign to me" first


def test_the_snooze_presets(qtbot: Any) -> None:
    # covers: H3
    wednesday = datetime(2026, 12, 9, 15, 30).astimezone()
    times = dict(snooze_times(wednesday))
    assert (times["hour"] - wednesday).total_seconds() == 3600
    assert (times["tomorrow"].day, times["tomorrow"].hour) == (10, 9)
    assert (times["monday"].weekday(), times["monday"].day, times["monday"].hour) == (0, 14, 9)


def test_ctrl_shift_and_keys_pick_chats_without_opening_them(
    qtbot: Any, window: tuple[Ui, dict[str, Any]]
) -> None:
    # covers: L2, D3
    ui, _info = window
    view, chats = ui.window.chat_list, ui.chats
    first = chats.item(0)
    assert first is not None
    ui.window.show_chat(first.id)
    opened: list[str] = []
    ui.window.chatOpened.connect(opened.append)
    rect = view.visualRect(chats.index(2))
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )  # fmt: skip
    assert {c.id for c in ui.triage.selected()} == {first.id, chats.item(2).id}  # type: ignore[union-attr]
    assert opened == [] and ui.window.conversation.chat.id == first.id  # type: ignore[union-attr]
    bar = ui.triage.bar
    assert bar.count.text() == "2 selected" and bar.buttons[Act.CLOSE].isVisible()
    assert bar.check.checkState() == Qt.CheckState.PartiallyChecked

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # opens the chat picked last
    assert opened == [chats.item(2).id]  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(ui.triage.selected()) == 2 and len(opened) == 1
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # clears the selection, stays in the chat
    assert ui.triage.selected() == [] and not bar.buttons[Act.CLOSE].isVisible()

    bar.check.click()  # the header check box: every loaded chat
    assert len(ui.triage.selected()) == chats.rowCount()
    assert bar.check.checkState() == Qt.CheckState.Checked
    bar.check.click()
    assert ui.triage.selected() == []

    view.setCurrentIndex(chats.index(0))
    qtbot.keyClick(view, Qt.Key.Key_J)  # next chat, opened as arrows do
    assert opened[-1] == chats.item(1).id  # type: ignore[union-attr]
    qtbot.keyClick(view, Qt.Key.Key_X)  # picked
    view.selectionModel().select(chats.index(3), QItemSelectionModel.SelectionFlag.Select)
    assert len(ui.triage.selected()) == 2


def test_the_help_overlay_lists_every_action_with_its_key(
    qtbot: Any, window: tuple[Ui, dict[str, Any]]
) -> None:
    # covers: D3
    ui, _info = window
    ui.triage.help_action.trigger()
    assert ui.triage.help.isVisible()
    listed = {what: keys for keys, what in ui.triage.help.texts()}
    for d in ACTIONS:
        assert listed[d.label().rstrip("…")] == d.shortcut
    assert "Next chat" in listed and "Show this help" in listed
    qtbot.keyClick(ui.triage.help, Qt.Key.Key_Escape)
    assert not ui.triage.help.isVisible()


def test_search_results_can_run_every_action_on_their_chats(
    qtbot: Any, window: tuple[Ui, dict[str, Any]]
) -> None:
    # covers: L2
    ui, _info = window
    ids = [ui.chats.item(r).id for r in (1, 4, 6)]  # type: ignore[union-attr]
    asked: list[tuple[list[str], bool]] = []
    ui.triage.starRequested.connect(lambda chat_ids, on: asked.append((chat_ids, on)))
    ui.triage.run_on_ids(Act.STAR, ids)
    assert asked == [(ids, True)]
    ui.triage.run_on_ids(Act.ASSIGN, ids)  # the picker, for all three
    popup = ui.triage.popup
    assert popup is not None
    assigned: list[tuple[list[str], object]] = []
    ui.triage.assignRequested.connect(lambda chat_ids, who: assigned.append((chat_ids, who)))
    assert popup.choose("")  # "Unassigned"
    assert assigned == [(ids, None)]
    assert ui.triage.matching is None  # the list's own selection is untouched


def test_ctrl_page_keys_move_between_sections(
    qtbot: Any, window: tuple[Ui, dict[str, Any]]
) -> None:
    # covers: D3
    ui, _info = window
    w = ui.window
    [down] = [a for a in w.actions() if a.shortcut().toString() == "Ctrl+PgDown"]
    [up] = [a for a in w.actions() if a.shortcut().toString() == "Ctrl+PgUp"]
    assert w.sidebar.key == "all"
    down.trigger()
    assert w.sidebar.key == "mine" and ui.chats.section == "mine"
    up.trigger()
    assert w.sidebar.key == "all"
