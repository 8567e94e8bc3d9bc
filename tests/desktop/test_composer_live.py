"""The composer in the app against a live server (SPEC M2, M3, M5, M6): a mention typed
through the popup notifies that manager; macros saved from the app reach another
manager's feed and this app's popup, and one with a variable fills it in; a link button
and a form reach the customer's API; the customer's answers land in the customer's
profile on the server and in the app's cache."""

# covers: M2, M3, M5, M6

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from desktop.models.completions import MACRO
from server.db import models as m
from server.db.database import Database
from tests.desktop.support import (
    WAIT_MS,
    LiveFactory,
    finish,
    in_thread,
    login,
    open_chat,
    server_messages,
    start_chat,
    started,
    ui_of,
    world_on,
)

pytestmark = pytest.mark.timeout(120)


def add_fields(url: str, workspace_id: uuid.UUID) -> None:
    async def add() -> None:
        db = Database(url)
        try:
            async with db.write() as conn:
                await conn.execute(
                    insert(m.CustomerField),
                    [
                        {
                            "workspace_id": workspace_id,
                            "key": "email",
                            "label": "Email",
                            "type": "string",
                        },
                        {
                            "workspace_id": workspace_id,
                            "key": "age",
                            "label": "Age",
                            "type": "number",
                        },
                    ],
                )
        finally:
            await db.dispose()

    in_thread(add())


def changes(server: Any, headers: dict[str, str]) -> list[dict[str, Any]]:
    r = httpx.get(
        f"{server.url}/sync/changes",
        params={"since": 0, "limit": 1000},
        headers=headers,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return list(r.json()["changes"])


def test_mentions_macros_buttons_and_forms_end_to_end(
    qtbot: Any,
    live_server: LiveFactory,
    sqlite_url: str,
    tmp_path: Path,
    aio: asyncio.AbstractEventLoop,
) -> None:
    world = world_on(sqlite_url)
    add_fields(sqlite_url, world.workspace_id)
    server = live_server(sqlite_url)
    owner, ana = login(server, "owner"), login(server, "ana")
    r = httpx.patch(
        f"{server.url}/managers/{owner.manager_id}",
        json={"permissions": ["delete_chats", "manage_macros"]},
        headers=owner.headers,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    chat = start_chat(server, world, "form please", name="김민지")
    flow, task = started(qtbot, aio, tmp_path, server, owner)
    ui = ui_of(flow)
    open_chat(qtbot, flow, chat["chat_id"])
    composer = ui.window.conversation.composer
    qtbot.waitUntil(lambda: composer.isEnabled(), timeout=WAIT_MS)
    edit = composer.edit
    edit.setFocus()

    # M2: "@an" + Enter takes Ana from the popup; the message notifies her alone
    composer.set_note(True)
    qtbot.keyClicks(edit, "@an")
    assert composer.popup.isVisible()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "please look")
    assert edit.toPlainText() == "@Ana please look"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(
            c["entity"] == "notification" and c["data"].get("reason") == "mention"
            for c in changes(server, ana.headers)
        ),
        timeout=WAIT_MS,
    )
    ben = login(server, "ben")
    assert not any(
        c["entity"] == "notification" and c["data"].get("reason") == "mention"
        for c in changes(server, ben.headers)
    )
    composer.set_note(False)

    # M3: a macro saved in the app reaches another manager's feed and this app's popup
    composer.macroSaveRequested.emit(
        "", "인사", "안녕하세요 {customer.name}님, {manager.name}입니다"
    )
    qtbot.waitUntil(
        lambda: any(c["entity"] == "macro" for c in changes(server, ana.headers)), timeout=WAIT_MS
    )
    source = composer.source
    assert source is not None
    qtbot.waitUntil(lambda: len(source.items(MACRO)) == 1, timeout=WAIT_MS)
    macro_id = source.items(MACRO)[0].key
    qtbot.waitUntil(lambda: edit.toPlainText() == "", timeout=WAIT_MS)
    qtbot.keyClicks(edit, "#")
    commit = QInputMethodEvent("", [])
    commit.setCommitString("인사")
    QApplication.sendEvent(edit, commit)
    assert [composer.popup.model.completion(0).key] == [macro_id]  # type: ignore[union-attr]
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.toPlainText() == "안녕하세요 김민지님, Owner입니다"
    edit.clear()
    composer.macroSaveRequested.emit(macro_id, "인사", "반갑습니다")
    qtbot.waitUntil(lambda: source.items(MACRO)[0].insert == "반갑습니다", timeout=WAIT_MS)
    composer.macroDeleteRequested.emit(macro_id)
    qtbot.waitUntil(lambda: len(source.items(MACRO)) == 0, timeout=WAIT_MS)

    # M5, M6: a link button and a form reach the customer's API
    button = {
        "type": "button",
        "text": "주문 조회",
        "url": "https://shop.example/o/1",
        "color": "#12a150",
    }
    form = {
        "type": "form",
        "fields": [
            {"key": "email", "label": "이메일", "type": "string", "profile_key": "email"},
            {"key": "age", "label": "나이", "type": "number", "profile_key": "age"},
        ],
        "answers": None,
    }
    composer.blocksRequested.emit(chat["chat_id"], [button])
    composer.blocksRequested.emit(chat["chat_id"], [form])
    customer = {"Authorization": f"Bearer {chat['token']}"}

    def customer_blocks() -> list[dict[str, Any]]:
        r = httpx.get(
            f"{server.url}/customer/chats/{chat['chat_id']}", headers=customer, timeout=10
        )
        return [{**b, "_id": msg["id"]} for msg in r.json()["messages"] for b in msg["blocks"]]

    qtbot.waitUntil(
        lambda: len([b for b in customer_blocks() if b["type"] != "text"]) == 2, timeout=WAIT_MS
    )
    shown = customer_blocks()
    assert any(b["type"] == "button" and b["url"] == button["url"] for b in shown)
    form_id = next(b["_id"] for b in shown if b["type"] == "form")
    assert not any("@Ana" in str(b.get("text")) for b in shown)  # the note stays inside

    # the customer answers: the profile on the server and the app's cache show it
    r = httpx.post(
        f"{server.url}/customer/chats/{chat['chat_id']}/messages/{form_id}/answers",
        json={"answers": {"email": "minji@example.kr", "age": 29}},
        headers=customer,
        timeout=10,
    )
    assert r.status_code == 200, r.text
    reader = ui.reader

    def cached_profile() -> dict[str, Any]:
        return dict((reader.customer(chat["customer_id"]) or {}).get("profile") or {})

    qtbot.waitUntil(lambda: cached_profile().get("age") == 29, timeout=WAIT_MS)
    assert cached_profile()["email"] == "minji@example.kr"
    answered = [
        b
        for msg in server_messages(server, owner, chat["chat_id"])
        for b in msg["blocks"]
        if b["type"] == "form"
    ]
    assert answered[0]["answers"] == {"email": "minji@example.kr", "age": 29}
    qtbot.waitUntil(
        lambda: any(
            b.get("answers")
            for item in reader.messages(chat["chat_id"])
            for b in item.message.get("blocks") or []
        ),
        timeout=WAIT_MS,
    )
    finish(qtbot, flow, task)
