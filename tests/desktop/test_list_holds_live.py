"""The chat list holds still while the agent aims at it (issue 14, item 4), against a real
server process and its real feed: customers write every 200 ms while the test moves the
real pointer over rows and clicks them; every click opens the chat that was under the
pointer. The rows that wait are counted on the "N new" pill, shown when it is clicked,
and applied when the pointer leaves, the selection surviving.
"""

# covers: L1, L4

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.models.chat_list import ChatRoles
from tests.desktop.support import (
    WAIT_MS,
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
            qtbot.waitUntil(lambda s=seen: changes[0] >= s + 2, timeout=WAIT_MS)  # type: ignore[misc]
            qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=pos)
            qtbot.waitUntil(lambda: ui.messages.chat_id is not None, timeout=WAIT_MS)
            assert ui.window.conversation.chat is not None
            assert ui.window.conversation.chat.id == aimed, f"click {click} opened another chat"
            assert view.chat_id == aimed
        assert customers.sent >= 10
        # moving rows waited, and the pill says so
        qtbot.waitUntil(lambda: ui.chats.pending > 0 and view.hold.pill.isVisible(), timeout=WAIT_MS)
        assert "new" in view.hold.pill.text()
        chosen = view.chat_id
        qtbot.mouseClick(view.hold.pill, Qt.MouseButton.LeftButton)
        assert ui.chats.pending == 0 or ui.chats.held  # applied (new ones may wait again)
        assert view.chat_id == chosen and view.currentIndex().data(ChatRoles.ID) == chosen

    # the pointer leaves the list: the order is fresh again, the selection kept
    qtbot.mouseMove(ui.window.conversation, QPoint(10, 10))
    qtbot.waitUntil(lambda: not view.hold.pointer_over, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not ui.chats.held and ui.chats.pending == 0, timeout=WAIT_MS)
    keys = [ui.chats.item(i).key for i in range(ui.chats.rowCount())]  # type: ignore[union-attr]
    assert keys == sorted(keys, reverse=True)
    assert view.currentIndex().data(ChatRoles.ID) == chosen
    assert not view.hold.pill.isVisible()
    finish(qtbot, flow, task)
