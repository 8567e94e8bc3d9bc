"""The list, the sidebar and search against a real server process and its real feed
(issue 14, items 3-5). One server for the module; each test starts its own app.

- The list holds still while the agent aims at it: customers write every 200 ms while
  the test moves the real pointer over rows and clicks them; every click opens the chat
  that was under the pointer. What waits is counted on the "N new" pill, shown when it is
  clicked, and applied when the pointer leaves, the selection surviving.
- My sessions follows "notify me of unassigned chats", switched in the sidebar (S5, S11).
- My seat and away, switched in the sidebar's footer, reach the server; offline the
  switch springs back and says why (O3).
- Search from the window: a Korean substring, part of a name, and a chat whose message
  only the server holds; clicking a result opens the chat (L5).
"""

# covers: L1, L4, L5, S5, S11, O3

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.models.chat_list import ChatRoles
from tests.desktop.support import (
    WAIT_MS,
    Who,
    customer_says,
    finish,
    login,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.support.databases import SqliteTemplates
from tests.support.live import LiveServer
from tests.support.world import World

pytestmark = pytest.mark.timeout(240)

CHATS = 8


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LiveServer, World]]:
    """One server for the module (starting one is the slow part)."""
    url = _sqlite_templates.new_database()
    world = world_on(url)
    log = tmp_path_factory.mktemp("log")
    server = LiveServer(
        url, "memory", env={"SANGDAM_FILES_DIR": str(log / "files")}, log_path=log / "server.log"
    )
    server.start()
    yield server, world
    server.stop()


class Customers:
    """Customers writing in turn, one message every `every` seconds, from a thread."""

    def __init__(self, server: LiveServer, chats: list[dict[str, str]], every: float) -> None:
        self._server, self._chats, self._every = server, chats, every
        self._stop = threading.Event()
        self.sent = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Customers:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(10)

    def _run(self) -> None:
        i = 0
        while not self._stop.wait(self._every):
            # from the bottom of the list up: each message moves a lower chat to the top
            chat = self._chats[i % len(self._chats)]
            customer_says(self._server, chat, f"again {i}")
            self.sent += 1
            i += 1


def test_every_click_opens_the_row_under_the_pointer_while_customers_write(
    qtbot: Any,
    served: tuple[LiveServer, World],
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    server, world = served
    ana = login(server, "ana")
    chats = [start_chat(server, world, f"hold {i}") for i in range(CHATS)]
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    ui.window.resize(1280, 900)
    ui.window.show()
    view = ui.window.chat_list
    mine = {c["chat_id"] for c in chats}
    qtbot.waitUntil(lambda: mine <= set(ui.chats.ids()), timeout=WAIT_MS)
    changes = [0]
    ui.controller.changed.connect(lambda _c: changes.__setitem__(0, changes[0] + 1))
    vp = view.viewport()

    with Customers(server, chats, 0.2) as customers:
        qtbot.mouseMove(vp, QPoint(40, 10))
        qtbot.waitUntil(lambda: view.hold.pointer_over and ui.chats.held, timeout=WAIT_MS)
        for click in range(10):
            row = (click * 3) % min(CHATS, ui.chats.rowCount())
            pos = view.visualRect(ui.chats.index(row)).center()
            qtbot.mouseMove(vp, pos)
            aimed = view.indexAt(pos).data(ChatRoles.ID)
            # as a person's hand takes a moment: the feed changes the list meanwhile
            seen = changes[0]
            qtbot.waitUntil(lambda s=seen: changes[0] >= s + 2, timeout=WAIT_MS)
            qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=pos)
            qtbot.waitUntil(lambda: ui.messages.chat_id is not None, timeout=WAIT_MS)
            assert ui.window.conversation.chat is not None
            assert ui.window.conversation.chat.id == aimed, f"click {click} opened another chat"
            assert view.chat_id == aimed
        assert customers.sent >= 10
        # moving rows waited, and the pill says so
        qtbot.waitUntil(
            lambda: ui.chats.pending > 0 and view.hold.pill.isVisible(), timeout=WAIT_MS
        )
        assert "new" in view.hold.pill.text()
        chosen = view.chat_id
        qtbot.mouseClick(view.hold.pill, Qt.MouseButton.LeftButton)
        assert ui.chats.pending == 0 or ui.chats.held  # applied (new ones may wait again)
        assert view.chat_id == chosen and view.currentIndex().data(ChatRoles.ID) == chosen

    # the pointer leaves the list: the order is fresh again, the selection kept
    qtbot.mouseMove(ui.window.conversation, QPoint(10, 10))
    qtbot.waitUntil(lambda: not view.hold.pointer_over, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not ui.chats.held and ui.chats.pending == 0, timeout=WAIT_MS)
    keys = [ui.chats.item(i).key for i in range(ui.chats.rowCount())]
    assert keys == sorted(keys, reverse=True)
    assert view.currentIndex().data(ChatRoles.ID) == chosen
    assert not view.hold.pill.isVisible()
    finish(qtbot, flow, task)


# ---- S5, S11: My sessions follows the switch ----------------------------------------------


def sessions_on_server(server: LiveServer, who: Who) -> tuple[int, list[str]]:
    side = httpx.get(server.url + "/inbox/sidebar", params={"state": "open"}, headers=who.headers)
    page = httpx.get(
        server.url + "/inbox/sections/sessions",
        params={"state": "open", "limit": 200},
        headers=who.headers,
    )
    assert side.status_code == page.status_code == 200
    return int(side.json()["sessions"]), [c["id"] for c in page.json()["chats"]]


def my_row(server: LiveServer, who: Who) -> dict[str, Any]:
    r = httpx.patch(f"{server.url}/managers/{who.manager_id}", json={}, headers=who.headers)
    assert r.status_code == 200, r.text
    row: dict[str, Any] = r.json()
    return row


def test_switching_unassigned_notifications_off_in_the_sidebar_empties_my_sessions_of_them(
    qtbot: Any,
    served: tuple[LiveServer, World],
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    # covers: S5, S11
    server, world = served
    ben = login(server, "ben")
    r = httpx.patch(
        f"{server.url}/managers/{ben.manager_id}",
        json={"notify_unassigned": True},
        headers=ben.headers,
    )
    assert r.status_code == 200, r.text
    nobodys = start_chat(server, world, "nobody has me yet")["chat_id"]
    count, listed = sessions_on_server(server, ben)
    assert nobodys in listed
    flow, task = started(qtbot, aio, tmp_path, server, ben)
    ui = ui_of(flow)
    w = ui.window
    w.show()
    qtbot.waitUntil(lambda: ui.sidebar.count_of("sessions") == count, timeout=WAIT_MS)
    assert w.notify_unassigned.isChecked()
    w.show_section("sessions")
    qtbot.waitUntil(lambda: nobodys in ui.chats.ids(), timeout=WAIT_MS)

    qtbot.mouseClick(w.notify_unassigned, Qt.MouseButton.LeftButton)  # off
    qtbot.waitUntil(lambda: not my_row(server, ben)["notify_unassigned"], timeout=WAIT_MS)
    after, listed = sessions_on_server(server, ben)
    assert after < count and nobodys not in listed  # the server's S5
    qtbot.waitUntil(lambda: ui.sidebar.count_of("sessions") == after, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: nobodys not in ui.chats.ids(), timeout=WAIT_MS)
    assert not w.notify_unassigned.isChecked()

    qtbot.mouseClick(w.notify_unassigned, Qt.MouseButton.LeftButton)  # on again
    qtbot.waitUntil(lambda: ui.sidebar.count_of("sessions") == count, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: nobodys in ui.chats.ids(), timeout=WAIT_MS)
    finish(qtbot, flow, task)


# ---- L5: search from the window ------------------------------------------------------------


def test_search_in_the_window_finds_korean_substrings_names_and_chats_beyond_the_cache(
    qtbot: Any,
    served: tuple[LiveServer, World],
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    # covers: L5
    server, world = served
    ana = login(server, "ana")
    # before the app's bootstrap, which brings chats, not their messages: server only
    old = start_chat(server, world, "지난달 주문 반품접수 했어요", name="오래된 고객")["chat_id"]
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    w = ui.window
    w.show()
    new = start_chat(server, world, "배송조회 부탁드립니다 <b>지금</b>", name="박서연")["chat_id"]
    qtbot.waitUntil(lambda: bool(ui.reader.messages(new)), timeout=WAIT_MS)

    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.search_field.hasFocus()
    w.search_field.setText("배송")  # '배송' inside '배송조회', from the cache at once
    row = w.search_model.row_of(new)
    assert row is not None
    hit = w.search_model.result(row)
    assert hit is not None and hit.field == "message" and hit.source == "cache"
    assert [hit.text[a:b] for a, b in hit.spans] == ["배송"]
    assert "<b>" in hit.text  # customer text as it is: drawn as characters, never markup
    qtbot.waitUntil(lambda: w.search_results.delegate.painted_rows > 0, timeout=WAIT_MS)

    w.search_field.setText("서연")  # part of a name
    assert w.search_model.row_of(new) is not None
    named = w.search_model.result(w.search_model.row_of(new) or 0)
    assert named is not None and named.field == "name"

    w.search_field.setText("반품접수")  # only the server holds that message
    qtbot.waitUntil(lambda: w.search_model.row_of(old) is not None, timeout=WAIT_MS)
    found = w.search_model.result(w.search_model.row_of(old) or 0)
    assert found is not None and found.source == "server"
    rect = w.search_results.visualRect(w.search_model.index(w.search_model.row_of(old) or 0))
    qtbot.mouseClick(w.search_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: ui.messages.chat_id == old, timeout=WAIT_MS)
    assert w.conversation.chat is not None and w.conversation.chat.id == old

    qtbot.keyClick(w.search_field, Qt.Key.Key_Escape)
    assert not w.searching() and w.chat_list.isVisible()
    finish(qtbot, flow, task)


# ---- O3: my seat and away, from the sidebar's footer (last: it stops the server) ----------


def click_box(qtbot: Any, box: Any) -> None:
    """A click on the check box's own box (its label may be narrower than the widget)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_the_seat_and_away_switches_reach_the_server_and_spring_back_offline(
    qtbot: Any,
    served: tuple[LiveServer, World],
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    # covers: O3
    server, _world = served
    ana = login(server, "ana")
    assert my_row(server, ana)["operator_seat"] and my_row(server, ana)["available"]
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    ui.window.show()
    footer = ui.window.footer
    qtbot.waitUntil(lambda: footer.seat.isEnabled() and footer.seat.isChecked(), timeout=WAIT_MS)
    assert "assign" in footer.seat.toolTip() and "auto-assignment" in footer.away.toolTip()
    assert not footer.away.isChecked()

    click_box(qtbot, footer.away)  # away
    qtbot.waitUntil(lambda: not my_row(server, ana)["available"], timeout=WAIT_MS)
    qtbot.waitUntil(footer.away.isChecked, timeout=WAIT_MS)
    click_box(qtbot, footer.seat)  # seat off
    qtbot.waitUntil(lambda: not my_row(server, ana)["operator_seat"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not footer.seat.isChecked(), timeout=WAIT_MS)

    server.kill()  # offline: the switch is not changed, and the window says so
    try:
        click_box(qtbot, footer.seat)
        qtbot.waitUntil(lambda: "offline" in ui.window.alert.text(), timeout=WAIT_MS)
        assert not footer.seat.isChecked()  # still what the server has
    finally:
        server.restart()
    click_box(qtbot, footer.seat)  # back online: seat on
    qtbot.waitUntil(lambda: my_row(server, ana)["operator_seat"], timeout=WAIT_MS)
    click_box(qtbot, footer.away)  # and back
    qtbot.waitUntil(lambda: my_row(server, ana)["available"], timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: footer.seat.isChecked() and not footer.away.isChecked(), timeout=WAIT_MS
    )
    finish(qtbot, flow, task)
