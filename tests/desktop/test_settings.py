"""The settings dialog, driven through its own controls, against a real server: each
control changes what it says (the preferences file, the XDG autostart entry, the S11
switch on the server and in the sidebar, the pause), "Clear cache" keeps an unsent
message and downloads the rest again, the sound switch reaches the notifications on a
real D-Bus, log out asks the window's question, and "Restart now" ends the app cleanly
for it to start again."""

# covers: S11, Y3

from __future__ import annotations

import asyncio
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.controller.flow import AppFlow, Outcome
from desktop.views.settings_dialog import SettingsDialog
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    Who,
    customer_says,
    finish,
    login,
    open_chat,
    push_as,
    server_messages,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.support.notify_bus import NotificationBus, notification_bus  # noqa: F401

pytestmark = pytest.mark.timeout(120)


def open_settings(qtbot: Any, flow: AppFlow) -> SettingsDialog:
    """As the agent does: the Sangdam menu's Settings… (Ctrl+,)."""
    action = ui_of(flow).window.settings_action
    assert action.shortcut() == QKeySequence("Ctrl+,")
    action.trigger()
    controller = flow.settings_controller
    assert controller is not None and controller.dialog is not None
    dialog = controller.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    return dialog


def preferences(flow: AppFlow) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(flow.settings.path.read_text(encoding="utf-8"))
    return data


def me(server: Any, who: Who) -> dict[str, Any]:
    r = httpx.get(server.url + "/auth/me", headers=who.headers, timeout=10)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_each_control_changes_what_it_says(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    ana = login(server, "ana")
    before = bool(me(server, ana)["notify_unassigned"])
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    dialog = open_settings(qtbot, flow)

    # Account: who and where, read-only
    assert dialog.server.text() == server.url and dialog.email.text() == ana.email
    assert dialog.logout_button.isEnabled()

    # Notifications: S11 is the sidebar's switch, on the server
    dialog.show_section("notifications")
    assert dialog.notify_unassigned.isChecked() is before
    dialog.notify_unassigned.click()
    qtbot.waitUntil(
        lambda: bool(me(server, ana)["notify_unassigned"]) is not before, timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: dialog.notify_unassigned.isChecked() is not before, timeout=WAIT_MS)
    assert ui.window.notify_unassigned.isChecked() is not before  # one state, both places
    ui.window.notify_unassigned.click()  # and back from the sidebar: the dialog follows
    qtbot.waitUntil(lambda: dialog.notify_unassigned.isChecked() is before, timeout=WAIT_MS)
    assert bool(me(server, ana)["notify_unassigned"]) is before

    # the pause: the notifier's, shown in the tray too, and remembered
    notifier, tray = ui.notifier, flow.tray
    assert notifier is not None and tray is not None
    assert not dialog.resume_button.isVisibleTo(dialog)
    dialog.pause_hour_button.click()
    assert notifier.paused_until is not None and tray.paused_until == notifier.paused_until
    assert preferences(flow)["notifications_paused_until"] == notifier.paused_until.isoformat()
    assert dialog.resume_button.isVisibleTo(dialog)
    assert "paused until" in dialog.pause_state.text()
    dialog.resume_button.click()
    assert notifier.paused_until is None and tray.paused_until is None
    assert preferences(flow)["notifications_paused_until"] is None
    assert dialog.pause_state.text() == "Notifications are on."
    tray.pause.tomorrow.trigger()  # paused from the tray: the dialog says so
    assert dialog.resume_button.isVisibleTo(dialog) and notifier.paused_until is not None
    assert notifier.paused_until.hour == 8
    dialog.resume_button.click()

    # the sound: the preference and the sink that sends the notifications
    assert dialog.sound.isChecked() and flow.sink.sound
    dialog.sound.click()
    assert preferences(flow)["notification_sound"] is False and flow.sink.sound is False
    dialog.sound.click()
    assert preferences(flow)["notification_sound"] is True and flow.sink.sound is True

    # Language: stored; it applies after a restart, which is offered
    dialog.show_section("language")
    assert dialog.language.currentData() == "system"
    assert not dialog.language_note.isVisibleTo(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    assert preferences(flow)["language"] == "ko" and flow.settings.language() == "ko"
    assert dialog.language_note.isVisibleTo(dialog) and dialog.restart_button.isVisibleTo(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("system"))
    assert flow.settings.language() == "system"
    assert not dialog.restart_button.isVisibleTo(dialog)

    # Start at login: the XDG autostart entry, written and removed
    dialog.show_section("startup")
    entry = tmp_path / "xdg" / "autostart" / "sangdam.desktop"
    assert not dialog.autostart.isChecked() and not entry.exists()
    dialog.autostart.click()
    assert entry.exists() and dialog.autostart.isChecked()
    assert "Exec=" in entry.read_text(encoding="utf-8")
    dialog.autostart.click()
    assert not entry.exists() and not dialog.autostart.isChecked()
    # a folder it cannot write: said, and the box shows the truth
    shutil.rmtree(tmp_path / "xdg")
    (tmp_path / "xdg").write_text("not a folder")
    dialog.autostart.click()
    assert not dialog.autostart.isChecked()
    assert dialog.autostart_problem.isVisibleTo(dialog)
    assert "could not change" in dialog.autostart_problem.text()

    # Local cache: its size on disk
    dialog.show_section("cache")
    assert dialog.cache_path.text() == str(ui.path)
    assert dialog.cache_size.text().endswith(("KB", "MB", "kB", "bytes"))

    # the sidebar's gear and the tray's menu open the same dialog
    dialog.close()
    ui.window.settings_button.click()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert flow.settings_controller is not None and flow.settings_controller.dialog is dialog
    dialog.close()
    tray.settings_action.trigger()
    assert flow.settings_controller is not None and flow.settings_controller.dialog is dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)

    # Restart now: the app ends cleanly, asking to be started again
    dialog.show_section("language")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.restart_button.click()
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert task.result() == 0 and flow.restart_requested
    assert flow.outcomes == [Outcome.QUIT] and flow.engine is None and flow.cache is None
    assert start_chat(server, world, "still up")  # (the server was not the app's to stop)


def test_log_out_asks_the_windows_question(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world_on(sqlite_url)
    server = live_server(sqlite_url)
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    dialog = open_settings(qtbot, flow)
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        [logout] = [b for b in box.buttons() if b.text() == "Log out"]
        logout.click()

    QTimer.singleShot(200, answer)
    dialog.logout_button.click()
    assert asked == ["Log out of Sangdam on this computer?"]
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=WAIT_MS)  # the login dialog
    assert flow.outcomes == [Outcome.LOGOUT] and flow.ui is None  # the window went, dialog too
    finish(qtbot, flow, task)


def test_clear_cache_keeps_an_unsent_message_and_downloads_the_chats_again(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chats = [start_chat(server, world, f"chat {i}") for i in range(3)]
    ana = login(server, "ana")
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    ids = sorted(c["chat_id"] for c in chats)
    qtbot.waitUntil(lambda: sorted(ui.chats.ids()) == ids, timeout=WAIT_MS)
    cid = chats[0]["chat_id"]
    open_chat(qtbot, flow, cid)

    server.stop()  # offline: what the agent writes waits in the outbox
    edit = ui.window.conversation.composer.edit
    qtbot.keyClicks(edit, "kept through the clear")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ui.reader.waiting() == 1, timeout=WAIT_MS)

    dialog = open_settings(qtbot, flow)
    dialog.show_section("cache")
    full = dialog.cache_size.text()
    dialog.clear_button.click()
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=WAIT_MS)  # counted off-thread
    box = dialog.question
    assert box is not None and box.isVisible()
    assert "1 unsent message will be kept and sent." in box.informativeText()
    dialog.clear_confirm_button.click()
    qtbot.waitUntil(
        lambda: "Downloading your inbox again" in dialog.cache_status.text(), timeout=WAIT_MS
    )
    assert Outcome.CLEAR_CACHE in flow.outcomes
    qtbot.waitUntil(lambda: ui.chats.ids() == [], timeout=WAIT_MS)  # emptied...
    assert ui.reader.waiting() == 1  # ...but for the outbox
    assert not dialog.clear_button.isEnabled()
    assert flow.ui is ui  # the same window throughout
    assert dialog.cache_size.text() != full

    server.start()
    qtbot.waitUntil(lambda: sorted(ui.chats.ids()) == ids, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ui.reader.waiting() == 0, timeout=WAIT_MS)
    texts = [m["blocks"][0]["text"] for m in server_messages(server, ana, cid)]
    assert texts == ["chat 0", "kept through the clear"]  # sent, once
    qtbot.waitUntil(lambda: "downloaded again" in dialog.cache_status.text(), timeout=WAIT_MS)
    assert "1 unsent message was kept." in dialog.cache_status.text()
    assert dialog.clear_button.isEnabled()

    # nothing waiting: the question says everything is on the server; No leaves it be
    dialog.clear_button.click()
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=WAIT_MS)
    box = dialog.question
    assert box is not None and "Everything in it is on the server." in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(50)
    assert flow.outcomes.count(Outcome.CLEAR_CACHE) == 1
    finish(qtbot, flow, task)


# ---- the sound, on a real notification bus ----------------------------------------------------


@pytest.fixture
def bus(
    notification_bus: NotificationBus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> NotificationBus:
    monkeypatch.setenv(
        "DBUS_SESSION_BUS_ADDRESS", notification_bus.env()["DBUS_SESSION_BUS_ADDRESS"]
    )
    return notification_bus


def test_notifications_play_the_default_sound_unless_switched_off(
    qtbot: Any,
    bus: NotificationBus,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    ana, ben = login(server, "ana"), login(server, "ben")
    chat = start_chat(server, world, "hello")
    r = push_as(
        server,
        ben,
        "assign",
        chat_id=chat["chat_id"],
        assignee_id=ana.manager_id,
        expected_assignee_id=None,
    )
    assert r["status"] == "applied"
    flow, task = started(qtbot, aio, tmp_path, server, ana)

    def call_about(text: str) -> Any:
        qtbot.waitUntil(lambda: any(text in c.body for c in bus.calls()), timeout=WAIT_MS)
        return [c for c in bus.calls() if text in c.body][-1]

    loud = f"with sound {uuid.uuid4().hex[:6]}"
    customer_says(server, chat, loud)
    assert call_about(loud).hints.get("sound-name") == "default"

    dialog = open_settings(qtbot, flow)
    dialog.show_section("notifications")
    dialog.sound.click()
    assert not dialog.sound.isChecked()
    quiet = f"in silence {uuid.uuid4().hex[:6]}"
    customer_says(server, chat, quiet)
    hints = call_about(quiet).hints
    assert "sound-name" not in hints and "sound-file" not in hints
    finish(qtbot, flow, task)


# ---- the dialog alone ---------------------------------------------------------------------------


def test_the_demo_has_no_log_out_and_an_unknown_size_is_said(qtbot: Any) -> None:
    from desktop.views.settings_dialog import SettingsState

    dialog = SettingsDialog(
        SettingsState(
            server="The demo server on this computer",
            email="demo@sangdam.app",
            notify_unassigned=False,
            sound=False,
            language="fr",  # no such translation: shown as the system's
            autostart=False,
            cache_size=None,
            can_log_out=False,
        )
    )
    qtbot.addWidget(dialog)
    assert not dialog.logout_button.isEnabled()
    assert dialog.cache_size.text() == "Unknown"
    assert dialog.language.currentData() == "system"
    assert dialog.language.currentText().startswith("System default (")
    assert not dialog.sound.isChecked() and not dialog.notify_unassigned.isChecked()
    assert [dialog.sections.item(i).text() for i in range(dialog.sections.count())] == [
        "Account",
        "Notifications",
        "Language",
        "Start at login",
        "Local cache",
    ]
    dialog.sections.setCurrentRow(4)
    assert dialog.pages.currentIndex() == 4
