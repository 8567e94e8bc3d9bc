"""The administration pages as widgets (issue 17 item 3), without a server: every medium's
form is made from what protocol.media says it needs, secrets only as password fields;
the workspace page sends the whole week; the fields page reorders; the side panel shows
a select field as its options; and the Korean pages show no English but data.

The pages against the real server: tests/desktop/test_admin_workspace_live.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QPushButton, QSpinBox

from desktop import i18n
from desktop.views.admin.fields_page import FieldsPage
from desktop.views.admin.macros_page import MacrosPage
from desktop.views.admin.media_page import MediaPage
from desktop.views.admin.workspace_page import WorkspacePage, time_zones
from protocol.kinds import INTEGRATION_ORDER, Medium
from protocol.media import SECRETS, SETTINGS
from tests.desktop.test_translations import english_left, widget_texts

FIELDS = [
    {"key": "vip", "label": "VIP", "type": "boolean", "position": 2},
    {"key": "plan", "label": "Plan", "type": "select", "options": ["Free", "Pro"], "position": 0},
    {"key": "email", "label": "Email", "type": "string", "position": 1},
]
LINE = {
    "medium": "line",
    "connected": True,
    "settings": {"channel_id": "1234567890"},
    "secrets_set": ["channel_secret", "access_token"],
}


def test_each_mediums_form_asks_what_it_needs_and_secrets_as_passwords(qtbot: Any) -> None:
    # covers: S9
    page = MediaPage()
    qtbot.addWidget(page)
    page.show_media([LINE])
    assert list(page.cards) == [m.value for m in INTEGRATION_ORDER]  # S9's fixed order
    assert page.cards["line"].state.text() == "Connected"
    assert page.cards["phone"].state.text() == "Not connected"
    for medium in INTEGRATION_ORDER:
        form = page.open_form(medium)
        assert set(form.settings) == set(SETTINGS[medium].model_fields)
        assert set(form.secrets) == set(SECRETS[medium].model_fields)
        assert all(e.echoMode() is QLineEdit.EchoMode.Password for e in form.secrets.values())
        form.reject()

    email = page.open_form(Medium.EMAIL)
    assert isinstance(email.settings["smtp_port"], QSpinBox)
    assert isinstance(email.settings["smtp_starttls"], QCheckBox)
    assert email.settings["smtp_port"].value() == 587  # the protocol's default
    email.reject()

    line = page.open_form(Medium.LINE)  # connected: its secrets are "set", empty, kept
    assert all(e.placeholderText() == "Set: leave empty to keep" for e in line.secrets.values())
    settings, secrets = line.values()
    assert settings == {"channel_id": "1234567890"} and secrets == {}
    line.secrets["access_token"].setText("new-token-123")
    with qtbot.waitSignal(page.connectRequested) as sent:
        line.save_button.click()
    assert sent.args == ["line", {"channel_id": "1234567890"}, {"access_token": "new-token-123"}]
    assert line.isVisible()  # open until the server answers
    page.saved("line")
    assert not line.isVisible() and QApplication.activeModalWidget() is None


def test_the_workspace_page_sends_the_whole_week_and_keeps_typing_over_a_refresh(
    qtbot: Any,
) -> None:
    page = WorkspacePage()
    qtbot.addWidget(page)
    held = {
        "name": "Test Co",
        "time_zone": "Asia/Seoul",
        "business_hours": {"mon": {"open": "09:00", "close": "18:00"}},
    }
    page.show_workspace(held)
    assert page.zone.count() == len(time_zones()) and not page.edited()
    page.days["sat"].open.setChecked(True)
    page.days["sat"].end.setCurrentText("24:00")
    assert page.edited()
    page.show_workspace({**held, "name": "Renamed elsewhere"}, force=False)
    assert page.days["sat"].open.isChecked()  # what the admin typed stays
    with qtbot.waitSignal(page.saveRequested) as sent:
        page.save_button.click()
    week = sent.args[0]["business_hours"]
    assert list(week) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert week["mon"] == {"open": "09:00", "close": "18:00"} and week["tue"] is None
    assert week["sat"] == {"open": "09:00", "close": "24:00"}
    page.revert_button.click()
    assert page.name.text() == "Renamed elsewhere" and not page.days["sat"].open.isChecked()


def test_the_fields_page_lists_by_position_and_reorders(qtbot: Any) -> None:
    # covers: P4
    page = FieldsPage()
    qtbot.addWidget(page)
    page.show_fields(FIELDS)
    assert [f["key"] for f in page.fields] == ["plan", "email", "vip"]
    page.select("vip")
    assert not page.down_button.isEnabled() and page.up_button.isEnabled()
    with qtbot.waitSignal(page.reorderRequested) as sent:
        page.up_button.click()
    assert sent.args == [["plan", "vip", "email"]]

    dialog = page.open_dialog(None)
    dialog.key.setText("tier")
    dialog.label.setText("Tier")
    dialog.type.setCurrentIndex(dialog.type.findData("select"))
    dialog.save_button.click()  # a select without options: said here, nothing sent
    assert dialog.error.text() == "A select field needs at least one option."
    dialog.options.setPlainText("Gold\n\nSilver\n")
    with qtbot.waitSignal(page.saveRequested) as saved:
        dialog.save_button.click()
    assert saved.args == [
        "",
        {"key": "tier", "label": "Tier", "type": "select", "options": ["Gold", "Silver"]},
    ]
    assert dialog.isVisible()  # open until the server answers
    page.saved("tier")
    assert not dialog.isVisible() and QApplication.activeModalWidget() is None


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[None]:
    i18n.install(qapp, "ko")
    try:
        yield
    finally:
        i18n.install(qapp, "en")


def test_the_korean_pages_show_no_english_but_data(qtbot: Any, korean: None) -> None:
    media, fields, workspace, macros = MediaPage(), FieldsPage(), WorkspacePage(), MacrosPage()
    for page in (media, fields, workspace, macros):
        qtbot.addWidget(page)
    media.show_media([LINE])
    fields.show_fields(FIELDS)
    workspace.show_workspace({"name": "Test Co", "time_zone": "Asia/Seoul"})
    macros.show_macros([{"id": "m1", "name": "Hello", "body": "Hi {customer.name}"}])
    seen = [t for page in (media, fields, workspace, macros) for t in widget_texts(page)]
    for medium in INTEGRATION_ORDER:
        form = media.open_form(medium)
        seen += widget_texts(form)
        form.reject()
    dialog = fields.open_dialog(FIELDS[1])
    seen += widget_texts(dialog)
    dialog.reject()
    media.cards["line"].disconnect_button.click()
    assert media.confirmation is not None
    seen += [
        ("confirm", media.confirmation.text()),
        ("confirm", media.confirmation.informativeText()),
    ]
    confirm = media.confirmation.findChild(QPushButton, "confirmButton")
    assert confirm is not None and confirm.text() == "연결 해제"
    media.confirmation.reject()
    data = {
        *time_zones(),
        "Test Co",
        "1234567890",
        "Hello",
        "Hi",
        "{customer.name}",
        "{manager.name}",
        "{manager.email}",
        "{team.name}",
        "plan",
        "Plan",
        "email",
        "Email",
        "vip",
        "VIP",
        "Free",
        "Pro",
        "Sangdam",
    }
    english = [(where, text) for where, text in seen if english_left(text, data)]
    assert not english, english
