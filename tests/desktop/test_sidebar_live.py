"""The sidebar against a real server process: every section's count in the window is the
count the server gives for the same manager (`/inbox/sidebar`), and the chats a section
lists are the server's (`/inbox/sections/...`), at the start and as chats join and
leave My sessions and the queue. The counts are the server's, never the test's own.
"""

# covers: S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S12

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.exceptions import TimeoutError as WaitTimeout
from sqlalchemy import insert

from desktop.models.sidebar import EntryKind
from server import admin
from server.db import models as m
from server.db.database import Database
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    Who,
    customer_says,
    finish,
    in_thread,
    login,
    push_as,
    start_chat,
    started,
    ui_of,
    world_on,
)
from tests.support.live import LiveServer
from tests.support.world import World

pytestmark = pytest.mark.timeout(180)

STATES = ("open", "snoozed", "closed")  # the window's state box, in its order


def get(server: LiveServer, who: Who, path: str, **params: Any) -> Any:
    r = httpx.get(server.url + path, params=params, headers=who.headers, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def server_sidebar(server: LiveServer, who: Who, state: str) -> dict[str, tuple[int, bool]]:
    """Section key -> (count, warn) as the server says it, in the sidebar's own keys."""
    side = get(server, who, "/inbox/sidebar", state=state)
    out = {
        key: (side[name], False)
        for key, name in (
            ("all", "all"),
            ("mine", "mine"),
            ("unread", "unread"),
            ("starred", "starred"),
            ("sessions", "sessions"),
            ("unassigned", "unassigned"),
        )
    }
    for t in side["unassigned_teams"]:
        out[f"unassigned_team:{t['team_id']}"] = (t["count"], False)
    for q in side["queue"]:
        out[f"queue:{q['team_id']}"] = (q["count"], False)
    for a in side["assignees"]:
        out[f"assignee:{a['manager_id']}"] = (a["count"], a["over_max"])
    for i in side["integrations"]:
        out[f"medium:{i['medium']}"] = (i["count"], False)
    for t in side["tags"]:
        out[f"tag:{t['name']}"] = (t["count"], False)
    return out


def window_sidebar(ui: Any) -> dict[str, tuple[int, bool]]:
    """Section key -> (count, warn) as the window's sidebar shows it. A tag the
    workspace knows but no chat in this state carries is shown at 0; the server leaves
    it out."""
    return {
        e.key: (e.count, e.warn)
        for e in ui.sidebar.entries()
        if e.kind is not EntryKind.HEADER and not (e.key.startswith("tag:") and e.count == 0)
    }


def keys_in_order(entries: dict[str, Any], prefix: str) -> list[str]:
    return [k for k in entries if k.startswith(prefix)]


def server_section(server: LiveServer, who: Who, key: str, state: str) -> list[str]:
    page = get(server, who, f"/inbox/sections/{key}", state=state, limit=200)
    return [c["id"] for c in page["chats"]]


def window_section(qtbot: Any, ui: Any, key: str) -> list[str]:
    ui.window.show_section(key)
    qtbot.waitUntil(lambda: ui.chats.section == key, timeout=WAIT_MS)
    ids: list[str] = ui.chats.ids()
    return ids


def same_as_server(qtbot: Any, ui: Any, server: LiveServer, who: Who, state: str) -> None:
    """The window's sidebar for `state` equals the server's, then each list it names."""
    ui.window.state_box.setCurrentIndex(STATES.index(state))
    want = server_sidebar(server, who, state)
    try:
        qtbot.waitUntil(lambda: window_sidebar(ui) == want, timeout=WAIT_MS)
    except WaitTimeout:
        assert window_sidebar(ui) == want, state  # names the sections that differ
    shown = window_sidebar(ui)
    for prefix in ("queue:", "assignee:", "medium:"):  # S7, S8, S9 keep the server's order
        assert keys_in_order(shown, prefix) == keys_in_order(want, prefix), prefix
    for key in want:
        assert window_section(qtbot, ui, key) == server_section(server, who, key, state), key


def test_the_sidebar_shows_the_servers_counts_and_lists_as_sessions_and_the_queue_change(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    night = prepare(sqlite_url, world)
    server = live_server(sqlite_url)
    owner, ana, ben = login(server, "owner"), login(server, "ana"), login(server, "ben")

    def patch(who: Who, **values: Any) -> None:
        r = httpx.patch(
            f"{server.url}/managers/{who.manager_id}", json=values, headers=owner.headers
        )
        assert r.status_code == 200, r.text

    def do(who: Who, name: str, **args: Any) -> None:
        result = push_as(server, who, name, **args)
        assert result["status"] == "applied", result

    patch(ben, max_auto_assign=0)  # nobody of Night can take a chat: its chats wait (S7)
    given = start_chat(server, world, "given to ana", medium="kakao")["chat_id"]
    do(owner, "assign", chat_id=given, assignee_id=ana.manager_id, expected_assignee_id=None)
    followed_chat = start_chat(server, world, "ana follows me", medium="line")
    followed = followed_chat["chat_id"]
    do(owner, "assign", chat_id=followed, assignee_id=ben.manager_id, expected_assignee_id=None)
    do(owner, "follow", chat_id=followed, manager_id=ana.manager_id)
    customer_says(server, followed_chat, "a message ana is told of")
    mentioned = start_chat(server, world, "ben asks ana")["chat_id"]
    do(owner, "assign", chat_id=mentioned, assignee_id=ben.manager_id, expected_assignee_id=None)
    do(
        ben,
        "send_message",
        chat_id=mentioned,
        message_id=str(uuid.uuid4()),
        kind="note",
        blocks=[{"type": "text", "text": "@Ana please look"}],
        mentions={"manager_ids": [ana.manager_id]},
    )
    not_mine = start_chat(server, world, "ben's alone")["chat_id"]
    do(owner, "assign", chat_id=not_mine, assignee_id=ben.manager_id, expected_assignee_id=None)
    do(owner, "add_tag", chat_id=not_mine, tag="환불")
    do(ana, "star", chat_id=not_mine)
    patch(ana, notify_unassigned=True)  # S5 with the switch on: unassigned chats too
    unassigned = start_chat(server, world, "no one has me")["chat_id"]
    waiting = [
        start_chat(server, world, f"waiting {i}", team_id=night, medium="kakao")["chat_id"]
        for i in range(2)
    ]

    # What the rules say the server holds, before the window is compared with it.
    sessions = set(server_section(server, ana, "sessions", "open"))
    assert sessions == {unassigned, given, followed, mentioned}  # S5: each way in, and not Ben's
    assert server_section(server, ana, f"queue:{night}", "open") == waiting[::-1]  # S7

    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    same_as_server(qtbot, ui, server, ana, "open")
    assert ui.sidebar.count_of("sessions") == 4 and ui.sidebar.count_of(f"queue:{night}") == 2
    assert ui.sidebar.count_of("starred") == 1 and (ui.sidebar.count_of("unread") or 0) >= 2
    labels = [e.label for e in ui.sidebar.entries() if e.kind is EntryKind.HEADER]
    assert "Queue" in labels
    # S9: connected media only, in the fixed order, with no chat too; Instagram is not
    assert keys_in_order(window_sidebar(ui), "medium:") == [
        "medium:phone",
        "medium:kakao",
        "medium:line",
    ]

    # Live: a queued chat assigned by hand leaves the queue and joins my sessions...
    do(owner, "assign", chat_id=waiting[0], assignee_id=ana.manager_id, expected_assignee_id=None)
    qtbot.waitUntil(lambda: ui.sidebar.count_of(f"queue:{night}") == 1, timeout=WAIT_MS)
    same_as_server(qtbot, ui, server, ana, "open")
    assert waiting[0] in window_section(qtbot, ui, "sessions")
    # ...and once nothing waits, the queue is not shown at all (S7).
    do(owner, "assign", chat_id=waiting[1], assignee_id=ben.manager_id, expected_assignee_id=None)
    qtbot.waitUntil(lambda: ui.sidebar.count_of(f"queue:{night}") is None, timeout=WAIT_MS)
    labels = [e.label for e in ui.sidebar.entries() if e.kind is EntryKind.HEADER]
    assert "Queue" not in labels
    same_as_server(qtbot, ui, server, ana, "open")
    # S8: Ben (maximum 0) now has more than his maximum, as the server says
    assert window_sidebar(ui)[f"assignee:{ben.manager_id}"][1] is True

    # S12: the same sidebar for the other states
    do(owner, "set_state", chat_id=given, state="closed", expected_state="open")
    same_as_server(qtbot, ui, server, ana, "closed")
    same_as_server(qtbot, ui, server, ana, "open")
    finish(qtbot, flow, task)


def prepare(url: str, world: World) -> str:
    """A team whose chats are routed automatically (Ben its only member), and the
    workspace's integrations: phone, Kakao and LINE connected, Instagram not (stored in
    another order than the sidebar's)."""

    async def run() -> str:
        db = Database(url)
        try:
            night = await admin.create_team(
                db, world.workspace_id, "Night", [world.managers["ben"]], auto_assign=True
            )
            async with db.write() as conn:
                await conn.execute(
                    insert(m.Integration),
                    [
                        {
                            "id": uuid.uuid4(),
                            "workspace_id": world.workspace_id,
                            "medium": medium,
                            "name": medium.title(),
                            "connected": medium != "instagram",
                            "config": {},
                        }
                        for medium in ("line", "instagram", "kakao", "phone")
                    ],
                )
            return str(night)
        finally:
            await db.dispose()

    return in_thread(run())
