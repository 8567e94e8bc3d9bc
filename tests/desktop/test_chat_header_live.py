"""The open chat's header against the real server (issue 15 items 2, 5, 6): star, close
and reopen, snooze (presets, the 180-day limit in the picker and on the server), the
two links (labelled apart; a new customer link revokes the old), permanent delete
(only with the permission), presence on the realtime socket, and the stale-reply guard
between two agents' apps.

One server for the module; each test starts its own apps with their own caches.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx_ws import aconnect_ws
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QToolButton

from desktop.controller.flow import AppFlow
from desktop.models.choices import snooze_times
from desktop.views.pickers import PickerPopup, SnoozeDialog
from tests.desktop.support import (
    WAIT_MS,
    Who,
    finish,
    in_thread,
    login,
    open_chat,
    push_as,
    server_messages,
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

    def chat(self, text: str, **extra: Any) -> dict[str, str]:
        return start_chat(self.server, self.world, text, **extra)

    def get(self, who: Who, chat_id: str) -> httpx.Response:
        return httpx.get(f"{self.server.url}/chats/{chat_id}", headers=who.headers, timeout=10)

    def chat_row(self, who: Who, chat_id: str) -> dict[str, Any]:
        r = self.get(who, chat_id)
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
    folder = tmp_path_factory.mktemp("header")
    server = LiveServer(
        url, "memory", env={"SANGDAM_FILES_DIR": str(folder / "files")}, log_path=folder / "log"
    )
    server.start(timeout=120)  # a busy machine starts it slowly
    yield Served(server, world)
    server.stop()


def app(
    qtbot: Any, aio: asyncio.AbstractEventLoop, path: Path, served: Served, who: Who
) -> tuple[AppFlow, asyncio.Task[int]]:
    path.mkdir(parents=True, exist_ok=True)
    return started(qtbot, aio, path, served.server, who)


def header_of(flow: AppFlow) -> Any:
    return ui_of(flow).window.conversation.header


# ---- H1, H2, O2 ------------------------------------------------------------------------------


def test_star_close_and_reopen_from_the_header_and_seat_off_disables_them(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: H1, H2, O2
    owner, ana = login(served.server, "owner"), login(served.server, "ana")
    cid = served.chat("hello", name="Star Close")["chat_id"]
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    header = header_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        assert header.title.text() == "Star Close"
        header.star_button.click()
        qtbot.waitUntil(lambda: header.star_button.toolTip() == "Unstar", timeout=WAIT_MS)
        assert header.star_button.isChecked() and ui_of(flow).chats.lookup(cid).starred
        qtbot.waitUntil(lambda: not flow.engine.cache.outbox(), timeout=WAIT_MS)  # the server's

        assert header.state_button.text() == "Close" and header.state_button.isEnabled()
        header.state_button.click()
        qtbot.waitUntil(lambda: served.chat_row(ana, cid)["state"] == "closed", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: header.state_button.text() == "Reopen", timeout=WAIT_MS)
        assert not header.snooze_button.isVisibleTo(header)  # a closed chat is not snoozed
        header.state_button.click()
        qtbot.waitUntil(lambda: served.chat_row(ana, cid)["state"] == "open", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: header.state_button.text() == "Close", timeout=WAIT_MS)

        # O2: my seat off: close and snooze disabled, saying why; star stays
        served.seat(owner, ana.manager_id, False)
        qtbot.waitUntil(lambda: not header.state_button.isEnabled(), timeout=WAIT_MS)
        assert "operator seat is off" in header.state_button.toolTip()
        assert not header.snooze_button.isEnabled()
        assert "operator seat is off" in header.snooze_button.toolTip()
        assert header.star_button.isEnabled()
        assert header.assign_button.isEnabled()  # assigning others needs no seat (O1)
    finally:
        served.seat(owner, ana.manager_id, True)
        finish(qtbot, flow, task)


def test_a_refused_close_rolls_back_with_the_reason(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: O2
    owner, ana = login(served.server, "owner"), login(served.server, "ana")
    cid = served.chat("refuse me")["chat_id"]
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    header = header_of(flow)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        # the server turns my seat off before the app hears of it: the button still works
        served.seat(owner, ana.manager_id, False)
        header.state_button.click()
        qtbot.waitUntil(lambda: "seat" in ui.window.alert.text().lower(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: header.state_button.text() == "Close", timeout=WAIT_MS)
        assert served.chat_row(ana, cid)["state"] == "open"
    finally:
        served.seat(owner, ana.manager_id, True)
        finish(qtbot, flow, task)


# ---- H3 ---------------------------------------------------------------------------------------


def test_snooze_presets_and_the_180_day_limit_in_the_picker_and_on_the_server(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: H3
    ana = login(served.server, "ana")
    cid = served.chat("snooze me")["chat_id"]
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    header = header_of(flow)
    ui = ui_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        header.snooze_button.click()
        popup = ui.triage.popup
        assert isinstance(popup, PickerPopup)
        labels = [popup.model.choice(r).label for r in range(popup.model.rowCount())]
        assert labels == [
            "In 1 hour",
            "Tomorrow at 9:00",
            "Next Monday at 9:00",
            "Pick a date and time…",
        ]
        tomorrow = dict(snooze_times())["tomorrow"]
        assert popup.choose("tomorrow")
        qtbot.waitUntil(lambda: served.chat_row(ana, cid)["state"] == "snoozed", timeout=WAIT_MS)
        until = datetime.fromisoformat(served.chat_row(ana, cid)["snooze_until"])
        assert until == tomorrow and until.astimezone().hour == 9
        qtbot.waitUntil(lambda: "Snoozed until" in header.info.text(), timeout=WAIT_MS)

        # the date-time picker refuses more than 180 days, and says so
        header.snooze_button.click()
        assert ui.triage.popup.choose("custom")
        dialog = ui.triage.snooze_dialog
        assert isinstance(dialog, SnoozeDialog)
        dialog.set_until(datetime.now().astimezone() + timedelta(days=181))
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and "at most 180 days" in dialog.why.text()
        dialog.set_until(datetime.now().astimezone() + timedelta(days=170))
        assert ok.isEnabled() and dialog.refusal() is None
        dialog.reject()

        # and so does the server, whatever a client sends
        far = (datetime.now(UTC) + timedelta(days=181)).isoformat()
        result = push_as(
            served.server, ana, "set_state", chat_id=cid, state="snoozed",
            expected_state="snoozed", snooze_until=far,
        )  # fmt: skip
        assert result["status"] == "refused"
        assert result["error"]["code"] == "limit_exceeded"
        near = (datetime.now(UTC) + timedelta(days=179)).isoformat()
        result = push_as(
            served.server, ana, "set_state", chat_id=cid, state="snoozed",
            expected_state="snoozed", snooze_until=near,
        )  # fmt: skip
        assert result["status"] == "applied"
    finally:
        finish(qtbot, flow, task)


# ---- H4 ---------------------------------------------------------------------------------------


def test_links_are_labelled_apart_and_a_new_customer_link_revokes_the_old(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: H4
    ana = login(served.server, "ana")
    cid = served.chat("link me", name="Linda Kim")["chat_id"]
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    header = header_of(flow)
    clipboard = QGuiApplication.clipboard()
    try:
        open_chat(qtbot, flow, cid)
        assert header.link_button.isEnabled()
        manager = header.manager_link_action
        customer = header.customer_link_action
        assert "manager link" in manager.text() and "teammates" in manager.text()
        assert "customer link" in customer.text() and "only for Linda Kim" in customer.text()
        assert "stops the previous link" in customer.toolTip()

        clipboard.setText("")
        manager.trigger()
        qtbot.waitUntil(lambda: bool(clipboard.text()), timeout=WAIT_MS)
        assert clipboard.text() == f"{served.server.url}/m/chats/{cid}"
        page = httpx.get(clipboard.text(), timeout=10)  # opens the chat in the app
        assert page.status_code == 200 and f"sangdam://chat/{cid}" in page.text

        def customer_link() -> str:
            clipboard.setText("")
            customer.trigger()
            box = header.dialog
            assert box is not None and "Linda Kim" in box.text()
            assert "stops working" in box.informativeText()  # said before it is made
            header.confirm()
            qtbot.waitUntil(lambda: "/c/" in clipboard.text(), timeout=WAIT_MS)
            return clipboard.text()

        first = customer_link()
        assert first.startswith(f"{served.server.url}/c/") and "/m/" not in first

        def customer_reads(url: str) -> int:
            token = url.rsplit("/c/", 1)[1]
            r = httpx.get(
                f"{served.server.url}/customer/chats/{cid}/messages",
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            return r.status_code

        assert customer_reads(first) == 200
        second = customer_link()
        assert second != first
        assert customer_reads(second) == 200
        assert customer_reads(first) in (401, 404)  # the old one is revoked
    finally:
        finish(qtbot, flow, task)


# ---- H5 ---------------------------------------------------------------------------------------


def test_delete_is_hidden_without_the_permission_refused_by_the_server_and_confirmed(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: H5, O4
    owner, ana = login(served.server, "owner"), login(served.server, "ana")
    cid = served.chat("delete me", name="Dana Park")["chat_id"]
    r = httpx.delete(f"{served.server.url}/chats/{cid}", headers=ana.headers, timeout=10)
    assert r.status_code == 403, r.text  # the server enforces the permission
    assert served.get(owner, cid).status_code == 200

    flow, task = app(qtbot, aio, tmp_path / "ana", served, ana)
    try:
        open_chat(qtbot, flow, cid)
        header = header_of(flow)
        assert not header.delete_action.isVisible()  # ana lacks "delete chats"
        more = ui_of(flow).window.conversation.findChild(QToolButton, "chatActionsButton")
        more.menu().aboutToShow.emit()
        assert header.delete_action not in more.menu().actions()
        header.ask_delete()  # even asked for, nothing is offered
        assert header.dialog is None
    finally:
        finish(qtbot, flow, task)

    flow, task = app(qtbot, aio, tmp_path / "owner", served, owner)
    try:
        open_chat(qtbot, flow, cid)
        header = header_of(flow)
        assert header.delete_action.isVisible() and header.delete_action.isEnabled()
        more = ui_of(flow).window.conversation.findChild(QToolButton, "chatActionsButton")
        more.menu().aboutToShow.emit()
        assert more.menu().actions()[-1] is header.delete_action  # last, after a line
        header.delete_action.trigger()
        box = header.dialog
        assert box is not None
        assert "Dana Park" in box.text() and "cannot be undone" in box.informativeText()
        cancel = box.escapeButton()
        cancel.click()  # cancelled: nothing happens
        assert served.get(owner, cid).status_code == 200
        header.delete_action.trigger()
        header.confirm()
        qtbot.waitUntil(lambda: served.get(owner, cid).status_code == 404, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: ui_of(flow).chats.row_of(cid) is None, timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)


# ---- presence and the stale-reply guard (item 5) -----------------------------------------------


def test_presence_reaches_the_other_managers_app_and_not_the_customer(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    ana, ben = login(served.server, "ana"), login(served.server, "ben")
    chat = served.chat("who is here?")
    cid = chat["chat_id"]
    a_flow, a_task = app(qtbot, aio, tmp_path / "ana", served, ana)
    b_flow, b_task = app(qtbot, aio, tmp_path / "ben", served, ben)
    try:
        open_chat(qtbot, a_flow, cid)
        open_chat(qtbot, b_flow, cid)
        b_header, a_header = header_of(b_flow), header_of(a_flow)
        qtbot.waitUntil(lambda: b_header.presence.text() == "Ana is viewing", timeout=WAIT_MS)
        composer = ui_of(a_flow).window.conversation.composer
        composer.edit.setFocus()
        qtbot.keyClicks(composer.edit, "I am on it")
        qtbot.waitUntil(lambda: b_header.presence.text() == "Ana is typing…", timeout=WAIT_MS)
        assert b_header.presence.isVisibleTo(b_header)
        qtbot.waitUntil(lambda: a_header.presence.text() == "Ben is viewing", timeout=WAIT_MS)
        assert "Ana" not in a_header.presence.text()  # never myself

        # a customer's token opens no manager socket: presence never reaches customers
        async def customer_socket() -> str:
            async with (
                httpx.AsyncClient(base_url=served.server.url) as client,
                aconnect_ws(
                    "/sync/ws",
                    client,
                    headers={"Authorization": f"Bearer {chat['token']}"},
                ) as ws,
            ):
                return str(await ws.receive_text(timeout=5))

        frame = json.loads(in_thread(customer_socket()))
        assert frame["type"] == "error" and frame["error"]["code"] != "presence"

        # leaving the chat ends it at once for the others
        other = served.chat("another")["chat_id"]
        open_chat(qtbot, a_flow, other)
        qtbot.waitUntil(lambda: b_header.presence.text() == "", timeout=WAIT_MS)
    finally:
        finish(qtbot, a_flow, a_task)
        finish(qtbot, b_flow, b_task)


def test_the_second_agent_is_asked_before_sending_a_reply(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    ana, ben = login(served.server, "ana"), login(served.server, "ben")
    cid = served.chat("where is my parcel?", name="Park Parcel")["chat_id"]
    a_flow, a_task = app(qtbot, aio, tmp_path / "ana", served, ana)
    b_flow, b_task = app(qtbot, aio, tmp_path / "ben", served, ben)
    try:
        open_chat(qtbot, a_flow, cid)
        open_chat(qtbot, b_flow, cid)
        a_ui, b_ui = ui_of(a_flow), ui_of(b_flow)
        a_composer = a_ui.window.conversation.composer
        b_composer = b_ui.window.conversation.composer
        asked: list[str] = []
        a_ui.chat_actions.asked.connect(asked.append)

        # Ana begins a reply; Ben answers first
        qtbot.keyClicks(a_composer.edit, "It left our warehouse today")
        qtbot.keyClicks(b_composer.edit, "It ships today")
        b_composer.submit()
        qtbot.waitUntil(
            lambda: any(m["author_id"] == ben.manager_id
                        for m in server_messages(served.server, ana, cid)),
            timeout=WAIT_MS,
        )  # fmt: skip
        qtbot.waitUntil(
            lambda: any(
                m.message.get("author_id") == ben.manager_id for m in a_ui.reader.messages(cid)
            ),
            timeout=WAIT_MS,
        )
        a_composer.submit()
        assert asked == ["Ben replied while you were typing."]
        box = a_ui.window.conversation.header.dialog
        assert box is not None and box.text() == asked[0]
        assert "anyway" in box.informativeText()
        mine = [m for m in server_messages(served.server, ana, cid)
                if m["author_id"] == ana.manager_id]  # fmt: skip
        assert mine == []  # not sent while asking
        box.escapeButton().click()  # no: the text stays in the composer
        assert a_composer.edit.toPlainText() == "It left our warehouse today"
        assert not a_composer.sending(cid)

        a_composer.submit()  # asked once: the second Enter sends
        assert len(asked) == 1
        qtbot.waitUntil(
            lambda: any(m["author_id"] == ana.manager_id
                        for m in server_messages(served.server, ana, cid)),
            timeout=WAIT_MS,
        )  # fmt: skip

        # Ben starts typing after Ana began her next reply: she is asked too
        qtbot.keyClicks(a_composer.edit, "Anything else?")
        qtbot.keyClicks(b_composer.edit, "Let me check")
        qtbot.waitUntil(
            lambda: a_ui.window.conversation.header.presence.text() == "Ben is typing…",
            timeout=WAIT_MS,
        )
        a_composer.submit()
        assert asked[-1] == "Ben started typing in this chat too."
        a_ui.window.conversation.header.confirm()  # yes: send anyway
        qtbot.waitUntil(
            lambda: any(m["blocks"] and "Anything else?" in json.dumps(m["blocks"])
                        for m in server_messages(served.server, ana, cid)),
            timeout=WAIT_MS,
        )  # fmt: skip
    finally:
        finish(qtbot, a_flow, a_task)
        finish(qtbot, b_flow, b_task)


# ---- offline (last: it stops the module's server for a while) ----------------------------------


def test_offline_the_header_queues_its_actions_and_says_links_need_the_server(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: H1, H3
    ana = login(served.server, "ana")
    cid = served.chat("offline header")["chat_id"]
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    header = header_of(flow)
    try:
        open_chat(qtbot, flow, cid)
        assert header.link_button.isEnabled()
        served.server.stop()
        qtbot.waitUntil(lambda: "Offline" in ui.window.status_line.text(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not header.link_button.isEnabled(), timeout=WAIT_MS)
        assert header.link_button.toolTip() == "Needs a connection to the server."
        assert not header.delete_action.isEnabled()
        header.star_button.click()
        header.snooze_button.click()
        assert ui.triage.popup.choose("hour")
        qtbot.waitUntil(lambda: "Snoozed until" in header.info.text(), timeout=WAIT_MS)
        assert ui.chats.lookup(cid).starred  # shown at once, from the outbox
        served.server.start(timeout=120)
        qtbot.waitUntil(lambda: served.chat_row(ana, cid)["state"] == "snoozed", timeout=30_000)
        qtbot.waitUntil(lambda: header.link_button.isEnabled(), timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)
