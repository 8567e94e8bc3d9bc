"""The side panel (SPEC P1-P8) through the window against the real server: the chat's
people and where it came from, tags, the description's hashtags, the profile and its
chosen fields, page visits, the customer's other chats, sent messages, files and links,
the operator seat, refusals rolled back, and offline through the outbox.

One server for the module; each test starts the app with its own cache and makes its own
chats. Facts the server's API cannot make (a campaign, a goal, a customer's second chat,
a bot's message, profile fields) are written to its database before the app starts.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from desktop.controller.flow import AppFlow
from desktop.models.panel import PanelRoles
from desktop.sync.panel_reads import Exchanged
from desktop.views.pickers import PickerPopup
from server.db import models as m
from server.db.database import Database
from tests.desktop.support import (
    WAIT_MS,
    Who,
    finish,
    in_thread,
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

pytestmark = pytest.mark.timeout(300)
START_S = 120  # the server's start, on a machine busy with other tests

FIELDS = (
    ("email", "Email", "string"),
    ("orders", "Orders", "number"),
    ("vip", "VIP", "boolean"),
    ("birthday", "Birthday", "date"),
)


class Served:
    def __init__(self, server: LiveServer, world: World, url: str) -> None:
        self.server, self.world, self.url = server, world, url

    def start(self, text: str, **extra: Any) -> dict[str, str]:
        return start_chat(self.server, self.world, text, **extra)

    def chat(self, text: str, **extra: Any) -> str:
        return self.start(text, **extra)["chat_id"]

    def get(self, who: Who, chat_id: str) -> dict[str, Any]:
        r = httpx.get(f"{self.server.url}/chats/{chat_id}", headers=who.headers, timeout=10)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body.get("chat", body)

    def customer(self, who: Who, chat_id: str) -> dict[str, Any]:
        """The chat's customer as the server holds it (read from its database)."""
        customer_id = self.get(who, chat_id)["customer_id"]
        out: dict[str, Any] = {}

        async def read() -> None:
            db = Database(self.url)
            try:
                async with db.read() as conn:
                    row = (
                        await conn.execute(
                            select(m.Customer).where(m.Customer.id == uuid.UUID(customer_id))
                        )
                    ).one()
                    out.update(row._asdict())
            finally:
                await db.dispose()

        in_thread(read())
        return out

    def seat(self, owner: Who, manager_id: str, on: bool) -> None:
        r = httpx.patch(
            f"{self.server.url}/managers/{manager_id}",
            json={"operator_seat": on},
            headers=owner.headers,
            timeout=10,
        )
        assert r.status_code == 200, r.text

    def sql(self, fn: Callable[[AsyncConnection], Awaitable[None]]) -> None:
        """Write to the server's database directly (before an app starts: no log entry)."""

        async def run() -> None:
            db = Database(self.url)
            try:
                async with db.write() as conn:
                    await fn(conn)
            finally:
                await db.dispose()

        in_thread(run())

    def chat_row(self, chat_id: str, **values: Any) -> None:
        async def set_(conn: AsyncConnection) -> None:
            await conn.execute(
                update(m.Chat).where(m.Chat.id == uuid.UUID(chat_id)).values(**values)
            )

        self.sql(set_)


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    url = _sqlite_templates.new_database()
    world = world_on(url)
    folder = tmp_path_factory.mktemp("panel")
    server = LiveServer(
        url, "memory", env={"SANGDAM_FILES_DIR": str(folder / "files")}, log_path=folder / "log"
    )
    server.start(timeout=START_S)
    s = Served(server, world, url)

    async def fields(conn: AsyncConnection) -> None:
        await conn.execute(
            insert(m.CustomerField),
            [
                {"workspace_id": world.workspace_id, "key": k, "label": label, "type": t}
                for k, label, t in FIELDS
            ],
        )

    s.sql(fields)
    yield s
    server.stop()


def app(
    qtbot: Any, aio: asyncio.AbstractEventLoop, tmp_path: Path, served: Served, who: Who
) -> tuple[AppFlow, asyncio.Task[int]]:
    flow, task = started(qtbot, aio, tmp_path, served.server, who)
    ui_of(flow).window.resize(1700, 950)  # wide: the panel shows beside the chat
    return flow, task


def opened(qtbot: Any, flow: AppFlow, chat_id: str) -> Any:
    """Open the chat; the panel (visible, wide window) shows it. Returns the panel."""
    ui = ui_of(flow)
    open_chat(qtbot, flow, chat_id)
    panel = ui.window.conversation.panel
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.item is not None and panel.item.id == chat_id, timeout=WAIT_MS)
    return panel


def shown(ui: Any, chat_id: str) -> dict[str, Any]:
    item = ui.chats.lookup(chat_id)
    assert item is not None
    return dict(item.chat)


def popup_of(panel: Any) -> PickerPopup:
    popup = panel.popup
    assert isinstance(popup, PickerPopup) and popup.isVisible()
    return popup


# ---- P1 ------------------------------------------------------------------------------------


def test_chat_info_shows_and_changes_team_assignee_and_followers(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P1
    owner, ana, ben = (login(served.server, n) for n in ("owner", "ana", "ben"))
    cid = served.chat("who has this one?")
    served.chat_row(
        cid, source_kind="campaign", source_name="Spring sale", goal="Sign up", goal_reached=True
    )
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        panel = opened(qtbot, flow, cid)
        assert panel.text("source") == "Campaign: Spring sale"
        assert panel.text("goal") == "Sign up · reached ✓"
        assert panel.assignee.text() == "Unassigned" and panel.team.text() == "No team"

        panel.assignee.click()  # the triage's picker, from the panel
        popup = popup_of(panel)
        assert popup.model.choice(0) is not None and popup.model.choice(0).label == "Assign to me"
        assert popup.choose(ben.manager_id)
        qtbot.waitUntil(lambda: panel.assignee.text() == "Ben", timeout=WAIT_MS)
        # the assignee becomes a follower (the server's rule, shown as it came back)
        qtbot.waitUntil(lambda: "Ben" in panel.text("followers"), timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: ben.manager_id in served.get(ana, cid)["follower_ids"], timeout=WAIT_MS
        )
        assert served.get(ana, cid)["assignee_id"] == ben.manager_id

        panel.team.click()
        assert popup_of(panel).choose(str(served.world.teams["support"]))
        qtbot.waitUntil(
            lambda: served.get(ana, cid)["team_id"] == str(served.world.teams["support"]),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(lambda: panel.team.text() == "Support", timeout=WAIT_MS)

        panel.follow_button.click()  # followers: anyone of the workspace, added or removed
        popup = popup_of(panel)
        assert popup.choose(owner.manager_id)
        qtbot.waitUntil(
            lambda: owner.manager_id in served.get(ana, cid)["follower_ids"], timeout=WAIT_MS
        )
        qtbot.waitUntil(lambda: "Owner" in panel.text("followers"), timeout=WAIT_MS)
        assert popup.isVisible()  # several in one visit
        assert popup.choose(owner.manager_id)  # and off again
        qtbot.waitUntil(
            lambda: owner.manager_id not in served.get(ana, cid)["follower_ids"], timeout=WAIT_MS
        )
        popup.close()
        assert shown(ui, cid)["assignee_id"] == ben.manager_id
    finally:
        finish(qtbot, flow, task)


# ---- P2 ------------------------------------------------------------------------------------


def test_tags_complete_and_a_ninth_is_refused_by_the_panel_and_the_server(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P2
    ana = login(served.server, "ana")
    cid = served.chat("tag me from the panel")
    for i in range(6):
        assert push_as(served.server, ana, "add_tag", chat_id=cid, tag=f"p{i}")["status"] == (
            "applied"
        )
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    try:
        panel = opened(qtbot, flow, cid)
        assert panel.tags_title.text() == "Tags (6/8)"
        panel.tag_button.click()
        popup = popup_of(panel)
        completer = popup.field.completer()
        assert completer is not None  # completion over the workspace's tags
        completer.setCompletionPrefix("p")
        assert completer.completionCount() >= 6
        popup.field.insert("배송")  # a new tag (an input method: QTest types no Hangul)
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "배송" in served.get(ana, cid)["tags"], timeout=WAIT_MS)
        popup.field.insert("urgent")
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.tags_title.text() == "Tags (8/8)", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: len(served.get(ana, cid)["tags"]) == 8, timeout=WAIT_MS)
        popup.field.insert("ninth")  # refused here, saying why
        qtbot.keyClick(popup.field, Qt.Key.Key_Return)
        assert "at most 8 tags" in popup.note.text()
        popup.close()
        assert "at most 8 tags" in panel.tag_button.toolTip()
        assert "ninth" not in served.get(ana, cid)["tags"]
        # and the server refuses a ninth whoever asks
        refused = push_as(served.server, ana, "add_tag", chat_id=cid, tag="ninth")
        assert refused["status"] == "refused"
        assert refused["error"]["code"] == "limit_exceeded"
        # a chip's × removes its tag
        [chip] = [
            w
            for i in range(panel.tags_flow.count())
            if (w := panel.tags_flow.itemAt(i).widget()) is not None and w.name == "urgent"
        ]
        chip.remove.click()
        qtbot.waitUntil(lambda: "urgent" not in served.get(ana, cid)["tags"], timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)


# ---- P3 ------------------------------------------------------------------------------------


def test_the_description_highlights_hashtags_that_list_their_chats(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P3
    ana = login(served.server, "ana")
    cid = served.chat("describe me")
    other = served.chat("another one", name="Other Person")
    assert push_as(
        served.server, ana, "set_description", chat_id=other, description="also #환불요청 here"
    )["status"] == "applied"  # fmt: skip
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        panel = opened(qtbot, flow, cid)
        assert panel.description.text() == "No description"
        panel.edit_button.click()
        assert panel.editor.isVisible()
        panel.editor.setPlainText("Wants a refund <b>now</b> #환불요청 #VIP")
        panel.save_button.click()
        qtbot.waitUntil(
            lambda: (
                served.get(ana, cid)["description"] == "Wants a refund <b>now</b> #환불요청 #VIP"
            ),
            timeout=WAIT_MS,
        )
        html = panel.description.text()
        assert 'href="tag:환불요청"' in html and 'href="tag:vip"' in html
        assert "&lt;b&gt;now&lt;/b&gt;" in html  # the rest stays plain text
        # the hashtag highlighter colours the tags while editing
        panel.edit_button.click()
        layout = panel.editor.document().firstBlock().layout()
        assert any(r.format.fontWeight() == 600 for r in layout.formats())
        panel.cancel_button.click()

        panel.description.linkActivated.emit("tag:환불요청")  # clicking the hashtag
        popup = popup_of(panel)
        keys = {c.key for r in range(popup.model.rowCount()) if (c := popup.model.choice(r))}
        assert keys == {cid, other}
        assert "2 chats" in popup.note.text()
        assert popup.choose(other)
        qtbot.waitUntil(lambda: ui.window.conversation.chat.id == other, timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)


# ---- P4 ------------------------------------------------------------------------------------


def test_the_profile_shows_chosen_fields_remembered_edits_and_follows_the_server(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P4
    ana, ben = login(served.server, "ana"), login(served.server, "ben")
    start = served.start("my profile")
    cid = start["chat_id"]
    assert push_as(
        served.server, ben, "set_profile_field",
        customer_id=start["customer_id"], key="email", value="kim@example.com",
    )["status"] == "applied"  # fmt: skip
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    try:
        panel = opened(qtbot, flow, cid)
        edits = panel.profile_edits
        qtbot.waitUntil(lambda: set(panel.profile_edits) == {k for k, _, _ in FIELDS})
        assert panel.profile_edits["email"].text() == "kim@example.com"
        # edited in the panel: the server's profile
        edit = panel.profile_edits["orders"]
        assert isinstance(edit, QLineEdit)
        edit.setText("12")
        edit.editingFinished.emit()
        qtbot.waitUntil(
            lambda: served.customer(ana, cid)["profile"].get("orders") == 12, timeout=WAIT_MS
        )
        box = panel.profile_edits["vip"]
        assert isinstance(box, QCheckBox)
        box.click()
        qtbot.waitUntil(
            lambda: served.customer(ana, cid)["profile"].get("vip") is True, timeout=WAIT_MS
        )
        # changed on the server by someone else: shown live
        assert push_as(
            served.server, ben, "set_profile_field",
            customer_id=start["customer_id"], key="email", value="new@example.com",
        )["status"] == "applied"  # fmt: skip
        qtbot.waitUntil(
            lambda: panel.profile_edits["email"].text() == "new@example.com", timeout=WAIT_MS
        )
        # the agent picks the fields shown; remembered across a restart
        panel.fields_button.click()
        popup = popup_of(panel)
        assert popup.choose("birthday")  # off
        popup.close()
        assert set(panel.profile_edits) == {"email", "orders", "vip"}
        del edits
    finally:
        finish(qtbot, flow, task)
    prefs = json.loads(next((tmp_path / "cache").rglob("*.panel.json")).read_text())
    assert prefs["fields"] == ["email", "orders", "vip"]
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    try:
        panel = opened(qtbot, flow, cid)
        qtbot.waitUntil(lambda: set(panel.profile_edits) == {"email", "orders", "vip"})
    finally:
        finish(qtbot, flow, task)


def test_a_refused_profile_value_rolls_back_and_says_why(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P4, Y3
    ana = login(served.server, "ana")
    cid = served.chat("a bad date")
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        panel = opened(qtbot, flow, cid)
        qtbot.waitUntil(lambda: "birthday" in panel.profile_edits, timeout=WAIT_MS)
        edit = panel.profile_edits["birthday"]
        edit.setText("next Tuesday")
        edit.editingFinished.emit()
        qtbot.waitUntil(lambda: "profile was not done" in ui.window.alert.text(), timeout=WAIT_MS)
        assert "date" in ui.window.alert.text()
        qtbot.waitUntil(lambda: panel.profile_edits["birthday"].text() == "", timeout=WAIT_MS)
        assert "birthday" not in served.customer(ana, cid)["profile"]
    finally:
        finish(qtbot, flow, task)


# ---- P5 ------------------------------------------------------------------------------------


def test_page_visits_and_the_start_page_reach_the_panel_live(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P5
    ana = login(served.server, "ana")
    start = served.start("I was looking at prices", page_url="https://shop.example/pricing")
    cid, token = start["chat_id"], start["token"]

    def visit(url: str, title: str) -> None:
        r = httpx.post(
            f"{served.server.url}/customer/chats/{cid}/visits",
            json={"url": url, "title": title},
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert r.status_code == 201, r.text

    visit("https://shop.example/", "Home")  # before the app: through the bootstrap
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    try:
        panel = opened(qtbot, flow, cid)
        assert panel.start_page.text() == "https://shop.example/pricing"
        model = panel.visits.model()
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT_MS)
        assert model.data(model.index(0)) == "Home"
        visit("https://shop.example/pricing", "Pricing <script>")  # while open: live
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT_MS)
        assert model.data(model.index(0)) == "Pricing <script>"  # newest first, plain text
        assert "https://shop.example/pricing" in model.data(model.index(0), PanelRoles.DETAIL)
        assert panel.sections["events"].count.text() == "2"
    finally:
        finish(qtbot, flow, task)


# ---- P6 ------------------------------------------------------------------------------------


def test_the_customers_previous_chats_are_listed_and_open(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P6
    ana = login(served.server, "ana")
    first = served.start("my first question")
    cid = served.chat("my second question")
    served.chat_row(cid, customer_id=uuid.UUID(first["customer_id"]))
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        panel = opened(qtbot, flow, cid)
        model = panel.previous.model()
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT_MS)
        rows = [model.row(r) for r in range(model.rowCount())]
        assert [r.key for r in rows if r.current] == [cid]
        [older] = [r for r in rows if not r.current]
        assert older.key == first["chat_id"] and older.title == "my first question"
        panel.previous.rowClicked.emit(older.payload)  # a click on it
        qtbot.waitUntil(lambda: ui.window.conversation.chat.id == first["chat_id"], timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)


# ---- P7 ------------------------------------------------------------------------------------


def test_sent_messages_files_and_links_are_collected(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P7
    ana, ben = login(served.server, "ana"), login(served.server, "ben")
    start = served.start("see https://example.com/order/1 please")
    cid = start["chat_id"]

    async def bot(conn: AsyncConnection) -> None:
        await conn.execute(
            insert(m.Message).values(
                id=uuid.uuid4(),
                workspace_id=served.world.workspace_id,
                chat_id=uuid.UUID(cid),
                seq=0,
                author_kind="bot",
                kind="reply",
                blocks=[{"type": "text", "text": "Your order has shipped"}],
                text="Your order has shipped",
            )
        )

    served.sql(bot)
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    try:
        panel = opened(qtbot, flow, cid)
        sent = panel.sent.model()
        qtbot.waitUntil(lambda: sent.rowCount() == 1, timeout=WAIT_MS)
        assert sent.data(sent.index(0)) == "Your order has shipped"
        files = panel.files.model()
        qtbot.waitUntil(lambda: files.rowCount() == 1, timeout=WAIT_MS)
        assert files.data(files.index(0)) == "https://example.com/order/1"
        # a link button sent by a teammate arrives through the feed
        assert push_as(
            served.server, ben, "send_message", chat_id=cid, message_id=str(uuid.uuid4()),
            kind="reply", blocks=[{"type": "button", "text": "Track it",
                                   "url": "https://track.example/1", "color": "#3d7bf7"}],
        )["status"] == "applied"  # fmt: skip
        qtbot.waitUntil(lambda: files.rowCount() == 2, timeout=WAIT_MS)
        newest = files.data(files.index(0), PanelRoles.PAYLOAD)
        assert isinstance(newest, Exchanged) and newest.label == "Track it"
        assert newest.url == "https://track.example/1" and not newest.from_customer
        # a link opens only after the agent saw the address and agreed
        asked: list[str] = []
        panel.confirm_links = True

        def refuse(*args: Any) -> Any:
            from PySide6.QtWidgets import QMessageBox

            asked.append(str(args[2]))
            return QMessageBox.StandardButton.No

        import desktop.views.panel.side_panel as side

        original = side.QMessageBox.question
        side.QMessageBox.question = refuse  # type: ignore[method-assign]
        try:
            assert panel.open_link("https://track.example/1") is False
        finally:
            side.QMessageBox.question = original  # type: ignore[method-assign]
        assert "https://track.example/1" in asked[0]
    finally:
        finish(qtbot, flow, task)


# ---- P8 ------------------------------------------------------------------------------------


def test_with_my_seat_off_tags_and_description_are_disabled_and_refused(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P8, O2
    owner, ana = login(served.server, "owner"), login(served.server, "ana")
    cid = served.chat("seat off")
    assert push_as(served.server, ana, "add_tag", chat_id=cid, tag="kept")["status"] == "applied"
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        panel = opened(qtbot, flow, cid)
        assert panel.tag_button.isEnabled() and panel.edit_button.isEnabled()
        served.seat(owner, ana.manager_id, False)
        qtbot.waitUntil(lambda: not panel.tag_button.isEnabled(), timeout=WAIT_MS)
        for widget in (panel.tag_button, panel.edit_button):
            assert not widget.isEnabled()
            assert "operator seat is off" in widget.toolTip()
        [chip] = [panel.tags_flow.itemAt(i).widget() for i in range(panel.tags_flow.count())]
        assert not chip.remove.isEnabled() and "operator seat is off" in chip.remove.toolTip()
        panel.edit_description()  # even asked directly, nothing opens
        assert not panel.editor.isVisible()
        # and the server refuses them
        for name, args in (
            ("add_tag", {"tag": "x"}),
            ("remove_tag", {"tag": "kept"}),
            ("set_description", {"description": "#x"}),
            ("set_state", {"state": "closed", "expected_state": "open"}),
        ):
            r = push_as(served.server, ana, name, chat_id=cid, **args)
            assert r["status"] == "refused" and r["error"]["code"] == "operator_seat_required"
        served.seat(owner, ana.manager_id, True)
        qtbot.waitUntil(lambda: panel.tag_button.isEnabled(), timeout=WAIT_MS)
        assert shown(ui, cid)["tags"] == ["kept"]
    finally:
        served.seat(owner, ana.manager_id, True)
        finish(qtbot, flow, task)


# ---- offline --------------------------------------------------------------------------------


def test_panel_changes_offline_show_at_once_and_reach_the_server_later(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P2, P3, Y3
    ana = login(served.server, "ana")
    cid = served.chat("offline panel")
    flow, task = app(qtbot, aio, tmp_path, served, ana)
    ui = ui_of(flow)
    try:
        panel = opened(qtbot, flow, cid)
        served.server.stop()
        qtbot.waitUntil(lambda: "Offline" in ui.window.status_line.text(), timeout=WAIT_MS)
        panel.edit_description()
        panel.editor.setPlainText("written offline #later")
        panel.save_button.click()
        qtbot.waitUntil(lambda: 'href="tag:later"' in panel.description.text(), timeout=WAIT_MS)
        panel.tagRequested.emit(cid, "offline", True)
        qtbot.waitUntil(lambda: "offline" in shown(ui, cid)["tags"], timeout=WAIT_MS)
        served.server.start(timeout=START_S)
        qtbot.waitUntil(
            lambda: served.get(ana, cid)["description"] == "written offline #later",
            timeout=30_000,
        )
        qtbot.waitUntil(lambda: "offline" in served.get(ana, cid)["tags"], timeout=30_000)
    finally:
        finish(qtbot, flow, task)
