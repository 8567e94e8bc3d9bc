"""The administration window's Media, Profile fields, Workspace and Macros pages (issue
17 item 3) in the app, against the real server: an admin connects LINE and its secret
never comes back (page, cache file); a profile field added shows in another app's side
panel at once; the workspace's zone and hours saved, and refused clearly; a macro made
and deleted; a plain manager refused, the reason on the page.

One server for the module; each test starts its apps with their own caches.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget
from sqlalchemy import select, update

from desktop.controller.admin_workspace import workspace_pages
from desktop.controller.flow import AppFlow
from desktop.views.admin.fields_page import FieldsPage
from desktop.views.admin.macros_page import MacrosPage
from desktop.views.admin.media_page import MediaPage
from desktop.views.admin.workspace_page import WorkspacePage
from protocol.kinds import Medium
from server.db import models as m
from server.db.database import Database
from tests.desktop.support import (
    WAIT_MS,
    Who,
    finish,
    in_thread,
    login,
    open_chat,
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

LINE_SECRET = "0123456789abcdef0123456789ABCDEF"
LINE_TOKEN = "line-access-TOKEN-never-shown-9f8e7d"


class Served:
    def __init__(self, server: LiveServer, world: World, url: str) -> None:
        self.server, self.world, self.url = server, world, url

    def workspace(self, who: Who) -> dict[str, Any]:
        r = httpx.get(f"{self.server.url}/workspace", headers=who.headers, timeout=10)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    def macro_names(self) -> set[str]:
        async def read() -> set[str]:
            db = Database(self.url)
            try:
                async with db.read() as conn:
                    rows = await conn.execute(
                        select(m.Macro.name).where(m.Macro.workspace_id == self.world.workspace_id)
                    )
                    return {str(n) for (n,) in rows}
            finally:
                await db.dispose()

        return in_thread(read())


@pytest.fixture(scope="module")
def served(
    _sqlite_templates: SqliteTemplates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    url = _sqlite_templates.new_database()
    world = world_on(url)

    async def grant() -> None:  # the owner may manage macros (O4: a permission, not a role)
        db = Database(url)
        try:
            async with db.write() as conn:
                await conn.execute(
                    update(m.Manager)
                    .where(m.Manager.id == world.managers["owner"])
                    .values(permissions=["delete_chats", "manage_macros"])
                )
        finally:
            await db.dispose()

    in_thread(grant())
    folder = tmp_path_factory.mktemp("adminws")
    server = LiveServer(
        url, "memory", env={"SANGDAM_FILES_DIR": str(folder / "files")}, log_path=folder / "log"
    )
    server.start(timeout=START_S)
    yield Served(server, world, url)
    server.stop()


def app(
    qtbot: Any, aio: asyncio.AbstractEventLoop, tmp_path: Path, served: Served, who: Who
) -> tuple[AppFlow, asyncio.Task[int]]:
    return started(qtbot, aio, tmp_path, served.server, who)


def pages(qtbot: Any, flow: AppFlow) -> dict[str, QWidget]:
    """The four pages as the shell gets them, each shown in its own window (closed with
    the test)."""
    ui = ui_of(flow)
    out: dict[str, QWidget] = {}
    for key, title, icon_name, page in workspace_pages(ui.reader, ui.controller, ui.window):
        assert title and icon_name
        qtbot.addWidget(page)
        page.resize(820, 640)
        page.show()
        out[key] = page
    assert list(out) == ["media", "macros", "fields", "workspace"]
    return out


def test_admin_connects_line_and_its_secret_never_shows_again(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: S9
    owner = login(served.server, "owner")
    flow, task = app(qtbot, aio, tmp_path, served, owner)
    try:
        media = pages(qtbot, flow)["media"]
        assert isinstance(media, MediaPage)
        # the six media, S9's order, none connected yet
        assert list(media.cards) == ["phone", "email", "kakao", "instagram", "naver", "line"]
        assert media.cards["line"].connect_button.text() == "Connect"

        form = media.open_form(Medium.LINE)
        setting = form.settings["channel_id"]
        assert isinstance(setting, QLineEdit)
        setting.setText("1234567890")
        assert all(e.echoMode() == QLineEdit.EchoMode.Password for e in form.secrets.values())
        form.secrets["channel_secret"].setText("not hex")  # refused by the server, named
        form.secrets["access_token"].setText(LINE_TOKEN)
        form.save_button.click()
        qtbot.waitUntil(lambda: form.error.isVisible(), timeout=WAIT_MS)
        assert "channel_secret" in form.error.text() and "not hex" not in form.error.text()

        form.secrets["channel_secret"].setText(LINE_SECRET)
        form.save_button.click()
        qtbot.waitUntil(lambda: media.form is None, timeout=WAIT_MS)
        card = media.cards["line"]
        qtbot.waitUntil(lambda: card.state.text() == "Connected", timeout=WAIT_MS)
        assert "1234567890" in card.detail.text()
        assert "Channel secret" in card.detail.text()  # named as set, never shown
        assert card.connect_button.text() == "Edit"
        assert card.disconnect_button.isVisible()

        again = media.open_form(Medium.LINE)  # editing: secrets blank, said to be set
        for e in again.secrets.values():
            assert e.text() == "" and e.placeholderText() == "Set: leave empty to keep"
        assert again.values()[1] == {}  # left empty: kept on the server, not sent
        text = media.texts()
        assert LINE_SECRET not in text and LINE_TOKEN not in text
        again.reject()

        cache = ui_of(flow).path
        blobs = b"".join(
            p.read_bytes() for p in cache.parent.iterdir() if p.name.startswith(cache.name)
        )
        assert b"1234567890" in blobs  # the feed brought the medium to the cache...
        assert LINE_SECRET.encode() not in blobs  # ...without its secrets
        assert LINE_TOKEN.encode() not in blobs

        # disconnect after a question: the secrets are wiped, the row stays
        card.disconnect_button.click()
        box = media.confirmation
        assert box is not None and box.isVisible()
        confirm = box.findChild(QPushButton, "confirmButton")
        assert confirm is not None
        confirm.click()
        qtbot.waitUntil(lambda: card.state.text() == "Not connected", timeout=WAIT_MS)
        assert not card.disconnect_button.isVisible()
    finally:
        finish(qtbot, flow, task)


def test_a_profile_field_added_shows_in_another_apps_side_panel(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: P4
    owner, ana = login(served.server, "owner"), login(served.server, "ana")
    chat_id = start_chat(served.server, served.world, "what plans are there?")["chat_id"]
    a_flow, a_task = app(qtbot, aio, tmp_path / "owner", served, owner)
    b_flow, b_task = app(qtbot, aio, tmp_path / "ana", served, ana)
    try:
        ui_of(b_flow).window.resize(1700, 950)  # wide: the panel shows beside the chat
        open_chat(qtbot, b_flow, chat_id)
        panel = ui_of(b_flow).window.conversation.panel
        qtbot.waitUntil(lambda: panel.isVisible() and panel.item is not None, timeout=WAIT_MS)

        fields = pages(qtbot, a_flow)["fields"]
        assert isinstance(fields, FieldsPage)
        for key, label, kind, options in (
            ("plan", "Plan", "select", "Free\nPro\n"),
            ("notes", "Notes", "string", ""),
        ):
            dialog = fields.open_dialog(None)
            dialog.key.setText(key)
            dialog.label.setText(label)
            dialog.type.setCurrentIndex(dialog.type.findData(kind))
            assert dialog.options.isVisibleTo(dialog) == (kind == "select")
            dialog.options.setPlainText(options)
            dialog.save_button.click()
            qtbot.waitUntil(lambda: fields.dialog is None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: fields.list.count() == 2, timeout=WAIT_MS)
        assert [f["key"] for f in fields.fields] == ["plan", "notes"]

        # the other app's panel, without a restart: a select is a combo of its options
        qtbot.waitUntil(lambda: "plan" in panel.profile_edits, timeout=WAIT_MS)
        combo = panel.profile_edits["plan"]
        assert isinstance(combo, QComboBox)
        assert [combo.itemText(i) for i in range(combo.count())] == ["Empty", "Free", "Pro"]
        assert list(panel.profile_edits) == ["plan", "notes"]

        # reordered in the page: the panel follows the workspace's order
        fields.select("notes")
        fields.up_button.click()
        qtbot.waitUntil(lambda: list(panel.profile_edits) == ["notes", "plan"], timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: [f["key"] for f in fields.fields] == ["notes", "plan"], timeout=WAIT_MS
        )

        # the agent picks an option; removing that option is refused, the reason shown
        combo = panel.profile_edits["plan"]
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(2)
        combo.activated.emit(2)
        customer_id = str(panel.data.customer_id) if panel.data is not None else ""

        def profile() -> dict[str, Any]:
            async def read() -> dict[str, Any]:
                db = Database(served.url)
                try:
                    async with db.read() as conn:
                        row = (
                            await conn.execute(
                                select(m.Customer.profile).where(
                                    m.Customer.id == uuid.UUID(customer_id)
                                )
                            )
                        ).one()
                        return dict(row[0] or {})
                finally:
                    await db.dispose()

            return in_thread(read())

        qtbot.waitUntil(lambda: profile().get("plan") == "Pro", timeout=WAIT_MS)
        fields.select("plan")
        dialog = fields.open_dialog(fields.fields[1])
        assert not dialog.key.isEnabled()
        dialog.options.setPlainText("Free")
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT_MS)
        assert dialog.error.text().startswith("The field was not saved: ")
        assert "Pro" in dialog.error.text() or "customer" in dialog.error.text()
        dialog.reject()

        # deleted after a question: gone from the panel, the customer's value kept
        fields.select("plan")
        fields.delete_button.click()
        box = fields.confirmation
        assert box is not None
        confirm = box.findChild(QPushButton, "confirmButton")
        assert confirm is not None
        confirm.click()
        qtbot.waitUntil(lambda: "plan" not in panel.profile_edits, timeout=WAIT_MS)
        assert profile().get("plan") == "Pro"
    finally:
        finish(qtbot, a_flow, a_task)
        finish(qtbot, b_flow, b_task)


def test_workspace_zone_and_hours_saved_and_bad_ones_refused_clearly(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    owner = login(served.server, "owner")
    flow, task = app(qtbot, aio, tmp_path, served, owner)
    try:
        page = pages(qtbot, flow)["workspace"]
        assert isinstance(page, WorkspacePage)
        assert page.zone.findText("Asia/Seoul") >= 0 and page.zone.count() > 300
        page.zone.setCurrentText("Europe/Berlin")
        mon, sun = page.days["mon"], page.days["sun"]
        mon.open.setChecked(True)
        mon.start.setCurrentText("10:00")
        mon.end.setCurrentText("17:30")
        sun.open.setChecked(False)
        page.save_button.click()
        qtbot.waitUntil(lambda: page.feedback.text() == "Saved.", timeout=WAIT_MS)
        held = served.workspace(owner)
        assert held["time_zone"] == "Europe/Berlin"
        assert held["business_hours"]["mon"] == {"open": "10:00", "close": "17:30"}
        assert "sun" not in held["business_hours"]
        # the feed brings it to the cache the page reads
        qtbot.waitUntil(
            lambda: (
                (ui_of(flow).reader.meta("workspace") or {}).get("time_zone") == "Europe/Berlin"
            ),
            timeout=WAIT_MS,
        )

        page.zone.setCurrentText("Mars/Olympus_Mons")
        page.save_button.click()
        qtbot.waitUntil(lambda: page.feedback.property("kind") == "error", timeout=WAIT_MS)
        assert page.feedback.text().startswith("The workspace was not saved: ")
        assert "Mars/Olympus_Mons" in page.feedback.text()

        page.zone.setCurrentText("Europe/Berlin")
        tue = page.days["tue"]
        tue.open.setChecked(True)
        tue.start.setCurrentText("18:00")
        tue.end.setCurrentText("09:00")
        page.save_button.click()
        qtbot.waitUntil(lambda: "18:00" in page.feedback.text(), timeout=WAIT_MS)
        assert page.feedback.property("kind") == "error"
        assert served.workspace(owner) == held  # nothing changed by the refused ones
    finally:
        finish(qtbot, flow, task)


def test_macro_created_and_deleted_from_the_page(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    # covers: M3
    owner = login(served.server, "owner")
    flow, task = app(qtbot, aio, tmp_path, served, owner)
    try:
        page = pages(qtbot, flow)["macros"]
        assert isinstance(page, MacrosPage)
        page.new_button.click()
        page.name.setText("Greeting")
        page.body.setPlainText("Hello ")
        page.body.moveCursor(QTextCursor.MoveOperation.End)  # the chip goes at the cursor
        page.variable_buttons[0].click()  # {customer.name}
        assert page.body.toPlainText() == "Hello {customer.name}"
        page.save_button.click()
        qtbot.waitUntil(lambda: "Greeting" in served.macro_names(), timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: any(m.get("name") == "Greeting" for m in ui_of(flow).reader.reference("macro")),
            timeout=WAIT_MS,
        )
        assert page.list.count() >= 1 and page.editing

        page.body.setPlainText("Hello {customer.nmae}")  # misspelt: refused, named
        page.save_button.click()
        qtbot.waitUntil(lambda: page.feedback.property("kind") == "error", timeout=WAIT_MS)
        assert "customer.nmae" in page.feedback.text()

        page.delete_button.click()
        box = page.confirmation
        assert box is not None
        confirm = box.findChild(QPushButton, "confirmButton")
        assert confirm is not None
        confirm.click()
        qtbot.waitUntil(lambda: "Greeting" not in served.macro_names(), timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: all(m.get("name") != "Greeting" for m in ui_of(flow).reader.reference("macro")),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(lambda: page.list.count() == 0, timeout=WAIT_MS)
    finally:
        finish(qtbot, flow, task)


def test_a_plain_managers_changes_are_refused_with_the_reason_shown(
    qtbot: Any, served: Served, tmp_path: Path, aio: asyncio.AbstractEventLoop
) -> None:
    ben = login(served.server, "ben")
    flow, task = app(qtbot, aio, tmp_path, served, ben)
    try:
        shown = pages(qtbot, flow)
        media, workspace, macros = shown["media"], shown["workspace"], shown["macros"]
        assert isinstance(media, MediaPage)
        assert isinstance(workspace, WorkspacePage)
        assert isinstance(macros, MacrosPage)

        form = media.open_form(Medium.KAKAO)
        setting = form.settings["channel_id"]
        assert isinstance(setting, QLineEdit)
        setting.setText("@shop")
        form.secrets["rest_api_key"].setText("kakao-rest-key-123")
        form.secrets["sender_key"].setText("kakao-sender-key-456")
        form.save_button.click()
        qtbot.waitUntil(lambda: form.error.isVisible(), timeout=WAIT_MS)
        assert form.error.text() == (
            "The medium was not saved: Only an admin or the owner can do this."
        )
        assert form.isVisible()  # what was typed stays, to cancel or correct
        form.reject()

        workspace.name.setText("Taken over")
        workspace.save_button.click()
        qtbot.waitUntil(lambda: workspace.feedback.isVisible(), timeout=WAIT_MS)
        assert workspace.feedback.text() == (
            "The workspace was not saved: Only an admin or the owner can do this."
        )

        macros.name.setText("Mine")
        macros.body.setPlainText("Hi")
        macros.save_button.click()
        qtbot.waitUntil(lambda: macros.feedback.isVisible(), timeout=WAIT_MS)
        assert macros.feedback.text() == (
            "The macro was not saved: You do not have the permission this needs."
        )
        assert served.workspace(login(served.server, "owner"))["name"] != "Taken over"
    finally:
        finish(qtbot, flow, task)
