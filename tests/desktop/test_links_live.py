"""`sangdam://` links in the app against a live server (SPEC H4): the chat opens from a
cold start (after the silent login and after the login dialog) and while running; a
link that is not one, one for another server or workspace, and a chat that is not
there each get their own message. Another launch's request (desktop.controller.relaunch)
is exercised here in-process; test_instance_app.py does it with two real processes."""

# covers: H4

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from desktop.controller.flow import AppFlow
from desktop.controller.relaunch import relaunched
from desktop.instance import Request
from server.db.database import Database
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    MemoryKeyring,
    config,
    finish,
    in_thread,
    login,
    online,
    remember_login,
    run_flow,
    start_chat,
    ui_of,
    world_on,
)
from tests.support.live import LiveServer
from tests.support.world import PASSWORD, World, make_world

pytestmark = pytest.mark.timeout(120)


def link(server: LiveServer | str, chat_id: str, **extra: str) -> str:
    url = server if isinstance(server, str) else server.url
    tail = "".join(f"&{k}={v}" for k, v in extra.items())
    return f"sangdam://chat/{chat_id}?server={quote(url, safe='')}{tail}"


def open_chat_id(flow: AppFlow) -> str | None:
    ui = flow.ui
    chat = ui.window.conversation.chat if ui is not None else None
    return chat.id if chat is not None else None


def alert(flow: AppFlow) -> str:
    return ui_of(flow).window.alert.text() if flow.ui is not None else ""


def other_workspace(url: str) -> World:
    async def make() -> World:
        db = Database(url)
        try:
            return await make_world(db, names=("zed",))
        finally:
            await db.dispose()

    return in_thread(make())


def test_a_link_opens_its_chat_from_a_cold_start_and_every_bad_link_says_why(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    first = start_chat(server, world, "the linked chat")
    second = start_chat(server, world, "another chat")
    ana = login(server, "ana")
    elsewhere = other_workspace(sqlite_url)
    foreign = start_chat(server, elsewhere, "not ana's workspace")

    cfg = config(tmp_path, MemoryKeyring())
    remember_login(cfg, server, ana)
    flow = AppFlow(cfg)
    flow.links.open(link(server, first["chat_id"]))  # as `sangdam <link>` does
    task = run_flow(aio, flow)
    # an empty cache: the link waits for the login and the inbox, then opens the chat
    qtbot.waitUntil(lambda: open_chat_id(flow) == first["chat_id"], timeout=WAIT_MS)
    ui = ui_of(flow)
    qtbot.waitUntil(lambda: ui.messages.chat_id == first["chat_id"], timeout=WAIT_MS)
    assert ui.window.chat_list.currentIndex().isValid()
    assert alert(flow) == ""
    qtbot.waitUntil(lambda: online(flow), timeout=WAIT_MS)

    # while running: another chat, through another launch's hand-over
    relaunched(flow, Request(link(server, second["chat_id"])))
    qtbot.waitUntil(lambda: open_chat_id(flow) == second["chat_id"], timeout=WAIT_MS)

    # a chat this computer does not hold (yet): asked of the server, then opened
    assert flow.cache is not None
    flow.cache.write_fetched_chat(first["chat_id"], None)  # as if it never came
    assert ui.chats.lookup(first["chat_id"]) is None
    relaunched(flow, Request(link(server, first["chat_id"])))
    qtbot.waitUntil(lambda: open_chat_id(flow) == first["chat_id"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ui.messages.rowCount() == 1, timeout=WAIT_MS)  # its messages too
    relaunched(flow, Request(link(server, second["chat_id"])))
    qtbot.waitUntil(lambda: open_chat_id(flow) == second["chat_id"], timeout=WAIT_MS)

    cases = [
        ("sangdam://chat/not-a-chat?server=" + quote(server.url), "chat id in it is not valid"),
        ("https://example.com/m/chats/1", "it is not a Sangdam link"),
        (f"sangdam://chat/{first['chat_id']}", "does not say which server"),
        (
            link("https://inbox.other.example", first["chat_id"]),
            "on https://inbox.other.example, but Sangdam is logged in to " + server.url,
        ),
        (
            link(server, foreign["chat_id"], workspace=str(elsewhere.workspace_id)),
            "in another workspace",
        ),
        (link(server, foreign["chat_id"]), "was not found"),  # the server says 404
        (link(server, str(uuid.uuid4())), "was not found"),
    ]
    for text, expected in cases:
        ui.window.alert.dismiss()
        relaunched(flow, Request(text))
        qtbot.waitUntil(lambda e=expected: e in alert(flow), timeout=WAIT_MS)
        assert open_chat_id(flow) == second["chat_id"], "the open chat stays open"
    assert ui.chats.lookup(foreign["chat_id"]) is None, "nothing of another workspace cached"
    # a link while the server is asked about the one before: the newer one wins
    relaunched(flow, Request(link(server, str(uuid.uuid4()))))
    relaunched(flow, Request(link(server, first["chat_id"])))
    qtbot.waitUntil(lambda: open_chat_id(flow) == first["chat_id"], timeout=WAIT_MS)
    finish(qtbot, flow, task)


def test_a_link_waits_for_the_login_dialog_and_another_mode_is_said(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "open me after logging in")
    flow = AppFlow(config(tmp_path, MemoryKeyring()))
    task = run_flow(aio, flow)
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=WAIT_MS)
    # a second launch, `sangdam --demo <link>`, while the dialog asks
    relaunched(flow, Request(link(server, chat["chat_id"]), demo=True))
    dialog = flow.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.server.setText(server.url)
    dialog.email.setText(World.email("ana"))
    dialog.password.setText(PASSWORD)
    dialog.login_button.click()
    qtbot.waitUntil(lambda: open_chat_id(flow) == chat["chat_id"], timeout=WAIT_MS)
    assert "the demo was not started" in alert(flow)
    finish(qtbot, flow, task)
