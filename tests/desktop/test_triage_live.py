"""Triage through the window against the real server: the row's context menu, the
header's menu, the keyboard, the pickers, the bulk bar and its report, offline too.

One server for the module (starting one is the slow part); each test starts the app
with its own cache and makes its own chats.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.controller.flow import AppFlow
from desktop.views.actions import Act
from desktop.views.pickers import PickerPopup, SnoozeDialog
from tests.desktop.support import (
    WAIT_MS,
    Who,
    finish,
    login,
    open_chat,
    push_as,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.support.databases import SqliteTemplates
from tests.support.live import LiveServer
from tests.support.world import World

pytestmark = pytest.mark.timeout(240)


class Served:
    def __init__(self, server: LiveServer, world: World) -> None:
        self.server, self.world = server, world

    def chat(self, text: str, **extra: Any) -> str:
        return start_chat(self.server, self.world, text, **extra)["chat_id"]

    def get(self, who: Who, chat_id: str) -> dict[str, Any]:
        r = httpx.get(f"{self.server.url}/chats/{chat_id}", headers=who.headers, timeout=10)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body.get("chat", body)

    def seat(self, owner: Who, manager_id: str, on: bool) -> None:
        r = httpx.patch(
            f"{self.server.url}/managers/{manager_id}",
            json={"operator_seat": on},
            headers=owner.headers,
            timeout=10,
        )
        assert r.status_code == 200, r.text


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    url = _sqlite_templates.new_database()
    world = world_on(url)
    folder = tmp_path_factory.mktemp("triage")
    server = LiveServer(
        url, "memory", env={"SANGDAM_FILES_DIR": str(folder / "files")}, log_path=folder / "log"
    )
    server.start()
    yield Served(server, world)
    server.stop()


def app(
    qtbot: Any, aio: asyncio.AbstractEventLoop, tmp_path: Path, served: Served, who: Who, **o: Any
) -> tuple[AppFlow, asyncio.Task[int]]:
    return started(qtbot, aio, tmp_path, served.server, who, **o)


def row_point(ui: Any, chat_id: str) -> QPoint:
    view = ui.window.chat_list
    row = ui.chats.row_of(chat_id)
    assert row is not None
    return view.visualRect(ui.chats.index(row)).center()


def shown(ui: Any, chat_id: str) -> dict[str, Any]:
    item = ui.chats.lookup(chat_id)
    assert item is not None
    return dict(item.chat)


def menu_action(ui: Any, act: Act) -> Any:
    menu = ui.triage.menu
    assert menu is not None
    [action] = [a for a in menu.actions() if a.objectName() == f"act_{act.value}"]
    return action


# ---- the context menu -----------------------------------------------------------------------


def test_right_click_offers_the_actions_without_opening_and_assigns_through_the_picker(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: O1, H1
    owner, ana, ben = (login(served.server, n) for n in ("owner", "ana", "ben"))
    first = served.chat("first")
    other = served.chat("please help", name="Right Click")
    served.seat(owner, ben.manager_id, False)
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, first)
        qtbot.waitUntil(
            lambda: ui.directory.managers.get(ben.manager_id, {}).get("operator_seat") is False,
            timeout=WAIT_MS,
        )

        view = ui.window.chat_list
        where = row_point(ui, other)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=where)
        ui.triage._context_menu(where, view.viewport().mapToGlobal(where))
        # the right-click neither opened the chat nor marked it read (opening does)
        assert ui.window.conversation.chat.id == first
        assert ui.controller.open_chat_id == first and view.chat_id == first
        menu = ui.triage.menu
        assert menu is not None and menu.isVisible()
        labels = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert labels[:3] == ["Assign…\tA", "Assign to me\tShift+A", "Team…\tT"]
        assert menu_action(ui, Act.STAR).text() == "Star\tS"  # D3: the key in the menu

        menu_action(ui, Act.STAR).trigger()  # H1
        menu.close()
        qtbot.waitUntil(lambda: ui.chats.lookup(other).starred, timeout=WAIT_MS)
        assert flow.engine is not None
        qtbot.waitUntil(lambda: not flow.engine.cache.outbox(), timeout=WAIT_MS)  # the server's
        assert ui.chats.lookup(other).starred

        ui.triage._context_menu(where, view.viewport().mapToGlobal(where))
        menu_action(ui, Act.ASSIGN).trigger()
        popup = ui.triage.popup
        assert isinstance(popup, PickerPopup)
        rows = [popup.model.choice(r) for r in range(popup.model.rowCount())]
        assert rows[0] is not None and rows[0].label == "Assign to me"  # first
        [ben_row] = [c for c in rows if c is not None and c.key == ben.manager_id]
        assert not ben_row.enabled and "operator seat is off" in ben_row.why_not  # O1
        assert "seat off" in ben_row.detail and "open" in ben_row.detail
        assert not popup.choose(ben.manager_id)
        qtbot.keyClicks(popup.field, "ow")  # the filter narrows to the owner
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: served.get(ana, other)["assignee_id"] == owner.manager_id, timeout=WAIT_MS
        )
        assert ui.window.conversation.chat.id == first  # still where the agent was
    finally:
        served.seat(owner, ben.manager_id, True)
        finish(qtbot, flow, task)


def test_tags_complete_over_the_workspace_and_stop_at_eight(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P2
    ana = login(served.server, "ana")
    cid = served.chat("tag me")
    for i in range(7):
        assert push_as(served.server, ana, "add_tag", chat_id=cid, tag=f"t{i}")["status"] == (
            "applied"
        )
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        ui.window.chat_list.setFocus()
        qtbot.keyClick(ui.window.chat_list, Qt.Key.Key_L)  # the tags key
        popup = ui.triage.popup
        assert isinstance(popup, PickerPopup)
        popup.field.insert("배송")  # a new tag, typed (an input method: QTest types no Hangul)
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "배송" in served.get(ana, cid)["tags"], timeout=WAIT_MS)
        # eight now: every unchecked tag is disabled, saying why
        unchecked = [
            c
            for r in range(popup.model.rowCount())
            if (c := popup.model.choice(r)) is not None and c.check is Qt.CheckState.Unchecked
        ]
        assert len(shown(ui, cid)["tags"]) == 8
        assert all(not c.enabled and "at most 8 tags" in c.why_not for c in unchecked)
        assert "at most 8 tags" in popup.note.text()
        popup.close()
    finally:
        finish(qtbot, flow, task)


# ---- the keyboard and the header ----------------------------------------------------------------


def test_keys_close_reopen_and_snooze_the_chat_and_the_help_lists_them(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: D3, H2, H3
    ana = login(served.server, "ana")
    cid = served.chat("keyboard")
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        edit = ui.window.conversation.composer.edit
        edit.setFocus()
        qtbot.keyClicks(edit, "e")  # typing never triggers an action
        assert edit.toPlainText() == "e" and shown(ui, cid)["state"] == "open"
        edit.clear()

        view = ui.window.chat_list
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)  # close (H2)
        qtbot.waitUntil(lambda: served.get(ana, cid)["state"] == "closed", timeout=WAIT_MS)
        assert "Closed" in ui.window.conversation.info.text()

        header = ui.window.conversation.findChild(object, "chatActionsButton")
        assert header is not None
        header.menu().aboutToShow.emit()  # the header's menu, as it opens: the open chat
        assert menu_action(ui, Act.OPEN).isEnabled()
        menu_action(ui, Act.OPEN).trigger()  # reopen
        qtbot.waitUntil(lambda: served.get(ana, cid)["state"] == "open", timeout=WAIT_MS)

        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z)  # snooze (H3): the presets
        popup = ui.triage.popup
        assert isinstance(popup, PickerPopup)
        keys = [popup.model.choice(r).key for r in range(popup.model.rowCount())]  # type: ignore[union-attr]
        assert keys == ["hour", "tomorrow", "monday", "custom"]
        assert popup.choose("custom")
        dialog = ui.triage.snooze_dialog
        assert isinstance(dialog, SnoozeDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.set_until(datetime.now().astimezone() + timedelta(days=181))
        assert not ok.isEnabled() and "at most 180 days" in dialog.why.text()  # refused
        dialog.accept()
        assert dialog.isVisible()
        when = (datetime.now().astimezone() + timedelta(days=3)).replace(second=0, microsecond=0)
        dialog.set_until(when)
        assert ok.isEnabled()
        ok.click()
        qtbot.waitUntil(lambda: served.get(ana, cid)["state"] == "snoozed", timeout=WAIT_MS)
        until = datetime.fromisoformat(served.get(ana, cid)["snooze_until"])
        assert abs((until - when).total_seconds()) < 60

        ui.window.activateWindow()
        ui.triage.help_action.trigger()  # Ctrl+/
        assert ui.triage.help.isVisible()
        listed = dict((what, keys) for keys, what in ui.triage.help.texts())
        assert listed["Close"] == "E" and listed["Snooze"] == "Z" and listed["Assign"] == "A"
        assert ui.triage.help_action.shortcut().toString() == "Ctrl+/"
    finally:
        finish(qtbot, flow, task)


# ---- O2: the seat off --------------------------------------------------------------------------


def test_with_my_seat_off_state_tags_and_bulk_are_disabled_saying_why(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: O2, L2
    owner, ben = login(served.server, "owner"), login(served.server, "ben")
    a, b = served.chat("seat one"), served.chat("seat two")
    served.seat(owner, ben.manager_id, False)
    flow, task = app(qtbot, aio, tmp_path, served, ben)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, a)
        ui.triage.show_menu([ui.chats.lookup(a)], QPoint(10, 10))
        for act in (Act.CLOSE, Act.SNOOZE, Act.TAGS):
            action = menu_action(ui, act)
            assert not action.isEnabled() and "operator seat is off" in action.toolTip()
        assert menu_action(ui, Act.STAR).isEnabled()  # H1: any manager
        ui.triage.menu.close()
        view = ui.window.chat_list
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)  # the key does nothing either
        assert shown(ui, a)["state"] == "open"

        ui.triage.select_all_loaded()
        assert {a, b} <= {c.id for c in ui.triage.selected()}
        button = ui.triage.bar.buttons[Act.CLOSE]
        assert button.isVisible() and not button.isEnabled()
        assert "operator seat on" in button.toolTip()  # L2
    finally:
        served.seat(owner, ben.manager_id, True)
        finish(qtbot, flow, task)


# ---- a refusal rolls back ---------------------------------------------------------------------


def test_a_refused_assignment_rolls_back_and_says_why(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    ana, ben = login(served.server, "ana"), login(served.server, "ben")
    cid = served.chat("contested")
    flow, task = app(qtbot, aio, tmp_path, served, ana, autopush=False)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        view = ui.window.chat_list
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # assign to me
        qtbot.waitUntil(lambda: shown(ui, cid)["assignee_id"] == ana.manager_id, timeout=WAIT_MS)
        assert push_as(
            served.server, ben, "assign", chat_id=cid, assignee_id=ben.manager_id,
            expected_assignee_id=None,
        )["status"] == "applied"  # fmt: skip
        assert flow.engine is not None
        flow.engine.push_now()
        qtbot.waitUntil(lambda: ui.window.alert.text() != "", timeout=WAIT_MS)
        assert ui.window.alert.text().startswith("Assigning the chat was not done:")
        assert "changed by someone else" in ui.window.alert.text()
        qtbot.waitUntil(lambda: shown(ui, cid)["assignee_id"] == ben.manager_id, timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)


# ---- L2: bulk ----------------------------------------------------------------------------------


def test_closing_300_chats_at_once_reports_the_one_refused_with_its_reason(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: L2
    ana, ben = login(served.server, "ana"), login(served.server, "ben")
    with httpx.Client(base_url=served.server.url, timeout=10) as client:
        ids = []
        for i in range(300):
            r = client.post(
                "/customer/chats",
                json={"workspace_id": str(served.world.workspace_id), "text": f"bulk {i}",
                      "name": f"Bulk {i:03}"},
            )  # fmt: skip
            assert r.status_code == 201, r.text
            ids.append(r.json()["chat_id"])
    flow, task = app(qtbot, aio, tmp_path, served, ana, autopush=False)
    ui = ui_of(flow)
    try:
        qtbot.waitUntil(lambda: ui.chats.row_of(ids[-1]) is not None, timeout=WAIT_MS)
        view = ui.window.chat_list
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # all loaded
        bar = ui.triage.bar
        assert bar.match_all.isVisible()  # more match than are loaded
        bar.match_all.click()
        qtbot.waitUntil(lambda: ui.triage.matching is not None, timeout=WAIT_MS)
        assert set(ids) <= set(ui.triage.matching or [])
        ui.triage.matching = [i for i in ui.triage.matching or [] if i in set(ids)]
        bar.buttons[Act.CLOSE].click()
        report = ui.triage.report
        assert flow.engine is not None
        outbox = flow.engine.cache.outbox
        qtbot.waitUntil(lambda: len(outbox()) == 300, timeout=WAIT_MS)  # all stored at once
        assert report.isVisible() and "300 waiting to send" in report.summary.text()
        # Ben snoozes one meanwhile: Ana's close of it is stale, refused.
        until = (datetime.now().astimezone() + timedelta(days=1)).isoformat()
        refused = ids[150]
        assert push_as(
            served.server, ben, "set_state", chat_id=refused, state="snoozed",
            expected_state="open", snooze_until=until,
        )["status"] == "applied"  # fmt: skip
        assert flow.engine is not None
        flow.engine.push_now()
        qtbot.waitUntil(
            lambda: report.report is not None and report.report.finished, timeout=60_000
        )
        assert report.report.total == 300 and report.report.done == 299
        [line] = report.lines()
        assert line.startswith("Bulk 150 — ") and "changed by someone else" in line
        assert "299 of 300" in report.summary.text()
        assert ui.window.alert.text() == ""  # listed in the report, not one alert each
    finally:
        finish(qtbot, flow, task)


# ---- offline -----------------------------------------------------------------------------------


def test_an_action_offline_shows_at_once_and_reaches_the_server_later(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: H2, Y3
    ana = login(served.server, "ana")
    cid = served.chat("offline close")
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        served.server.stop()
        qtbot.waitUntil(lambda: "Offline" in ui.window.status_line.text(), timeout=WAIT_MS)
        view = ui.window.chat_list
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        qtbot.waitUntil(lambda: shown(ui, cid)["state"] == "closed", timeout=WAIT_MS)
        served.server.start()
        qtbot.waitUntil(lambda: served.get(ana, cid)["state"] == "closed", timeout=30_000)
    finally:
        finish(qtbot, flow, task)
