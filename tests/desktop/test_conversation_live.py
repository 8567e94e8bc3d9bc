"""The open chat's messages against a real server process (issue 15, item 1): another
manager's actions arrive as event lines in the conversation (never on the customer's
side), and when the customer's side marks the replies read, the customer's avatar moves
under the last one read (C3)."""

# covers: C1, C3

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.models.messages import MessageRoles
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    finish,
    login,
    open_chat,
    push_as,
    start_chat,
    started,
    ui_of,
    world_on,
)

pytestmark = pytest.mark.timeout(180)


def test_events_and_read_receipts_reach_the_open_chat(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,  # last: the database fixtures run their own loops
) -> None:
    world = world_on(sqlite_url)
    server = live_server(sqlite_url)
    chat = start_chat(server, world, "<img src=http://evil.test/x.png> 배송 언제 되나요?")
    cid = chat["chat_id"]
    customer = {"Authorization": f"Bearer {chat['token']}"}
    ana, ben = login(server, "ana"), login(server, "ben")
    replies = [str(uuid.uuid4()) for _ in range(2)]
    for i, mid in enumerate(replies):
        r = push_as(server, ben, "send_message", chat_id=cid, message_id=mid,
                    blocks=[{"type": "text", "text": f"reply {i}"}])  # fmt: skip
        assert r["status"] == "applied", r
    flow, task = started(qtbot, aio, tmp_path, server, ana)
    ui = ui_of(flow)
    open_chat(qtbot, flow, cid)
    m = ui.messages
    qtbot.waitUntil(lambda: m.rowCount() == 3, timeout=WAIT_MS)
    delegate = ui.window.conversation.view.delegate
    assert delegate.text_for(m.index(0)) == "<img src=http://evil.test/x.png> 배송 언제 되나요?"
    assert [m.data(m.index(i), MessageRoles.RECEIPT) for i in range(3)] == ["", "", ""]

    # Ben takes the chat and tags it: two event lines appear, worded with names.
    r = push_as(server, ben, "assign", chat_id=cid, assignee_id=str(world.managers["ben"]),
                expected_assignee_id=None)  # fmt: skip
    assert r["status"] == "applied", r
    assert push_as(server, ben, "add_tag", chat_id=cid, tag="배송")["status"] == "applied"
    qtbot.waitUntil(lambda: m.rowCount() == 5, timeout=WAIT_MS)
    assert [delegate.shown(m.index(i)).look for i in (3, 4)] == ["system", "system"]
    assert str(m.data(m.index(3))) == "Ben took this chat"
    assert str(m.data(m.index(4))) == "Ben added the tag #배송"
    # the chat row's preview is still the last real message
    row = ui.chats.item(ui.chats.row_of(cid))
    assert row is not None and row.chat["last_message_preview"] == "reply 1"

    # The customer's page never sees them.
    seen = httpx.get(f"{server.url}/customer/chats/{cid}", headers=customer, timeout=10).json()
    assert [x["kind"] for x in seen["messages"]] == ["reply", "reply", "reply"]

    # C3: the customer reads the first reply, then both: the avatar follows.
    r = httpx.post(f"{server.url}/customer/chats/{cid}/read", headers=customer,
                   json={"message_id": replies[0]}, timeout=10)  # fmt: skip
    assert r.status_code == 200, r.text
    qtbot.waitUntil(lambda: m.data(m.index(1), MessageRoles.RECEIPT) == "read", timeout=WAIT_MS)
    r = httpx.post(f"{server.url}/customer/chats/{cid}/read", headers=customer,
                   json={"message_id": replies[1]}, timeout=10)  # fmt: skip
    assert r.status_code == 200, r.text
    qtbot.waitUntil(lambda: m.data(m.index(2), MessageRoles.RECEIPT) == "read", timeout=WAIT_MS)
    assert m.data(m.index(1), MessageRoles.RECEIPT) == ""
    finish(qtbot, flow, task)
