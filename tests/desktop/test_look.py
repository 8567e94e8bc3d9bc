"""The look (issue 14): one stylesheet whose light and dark colours follow the OS's scheme
live, readable contrast in both, the login dialog readable in dark, and the conversation
in a readable column with the details panel beside it when the window is wide, through
resizes that must not feed back into each other (an earlier attempt recursed)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bench.screenshots import seed
from desktop.controller.ui import Ui, build_ui
from desktop.views import theme
from desktop.views.lists import MessageView
from desktop.views.login_dialog import LoginDialog
from desktop.views.message_delegate import READABLE, SIDE


def luminance(color: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture
def themed(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[theme.Theme]:
    monkeypatch.delenv(theme.SCHEME_ENV, raising=False)
    installed = theme.install(qapp)
    installed.apply(Qt.ColorScheme.Light)
    yield installed
    theme.uninstall(qapp)


def os_switches_to(qapp: QApplication, scheme: Qt.ColorScheme) -> None:
    """What the platform does when the user switches the OS's appearance (offscreen has
    no scheme of its own, so the signal is raised as the platform would)."""
    qapp.styleHints().colorSchemeChanged.emit(scheme)


def test_the_theme_follows_the_os_scheme_live(
    qapp: QApplication, qtbot: QtBot, themed: theme.Theme
) -> None:
    window_color = lambda: QGuiApplication.palette().color(QPalette.ColorRole.Window)  # noqa: E731
    assert window_color() == QColor(theme.LIGHT.bg) and not theme.colors().dark
    assert theme.LIGHT.bg in qapp.styleSheet()
    os_switches_to(qapp, Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: window_color() == QColor(theme.DARK.bg))
    assert theme.colors() is theme.DARK
    assert f"background: {theme.DARK.bg_alt}" in qapp.styleSheet()
    assert f"background: {theme.LIGHT.bg_alt}" not in qapp.styleSheet()
    os_switches_to(qapp, Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: window_color() == QColor(theme.LIGHT.bg))
    assert theme.colors() is theme.LIGHT


def test_the_stylesheet_fills_every_colour_in_both_schemes() -> None:
    for c in (theme.LIGHT, theme.DARK):
        sheet = theme.stylesheet(c, Path("/images"))
        assert "@" not in sheet, re.findall(r"@\w+", sheet)
        assert sheet.count("{") == sheet.count("}")
        assert theme.stylesheet(dataclasses.replace(c, bg="#123456")).count("#123456") > 5


@pytest.mark.parametrize("c", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_text_is_readable_in_both_schemes(c: theme.Colors) -> None:
    """WCAG AA: 4.5:1 for text, 3:1 for focus rings and placeholders."""
    for fg, bg in (
        (c.text, c.bg),
        (c.text, c.bg_alt),
        (c.text, c.raised),
        (c.muted, c.bg),
        (c.muted, c.bg_alt),
        (c.accent_text, c.accent),
        (c.danger, c.bg),
        (c.danger, c.danger_fill),
        (c.warning, c.bg),
        (c.warning, c.warning_fill),
        (c.text, c.bubble_customer),
        (c.text, c.bubble_reply),
        (c.text, c.note_fill),
        (c.note_text, c.bg),
        (c.selected_text, c.selected),
        (c.chip_text, c.chip),
        (c.tooltip_text, c.tooltip),
        (c.badge_text, c.badge),
        (c.over_max, c.bg_alt),
    ):
        assert contrast(fg, bg) >= 4.5, (fg, bg, contrast(fg, bg))
    for fg, bg in ((c.focus, c.bg), (c.faint, c.bg), (c.border_strong, c.bg)):
        assert contrast(fg, bg) >= (3.0 if fg != c.border_strong else 1.4), (fg, bg)


def test_the_login_dialog_is_readable_in_dark(
    qapp: QApplication, qtbot: QtBot, themed: theme.Theme
) -> None:
    os_switches_to(qapp, Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: theme.colors() is theme.DARK)
    dialog = LoginDialog("https://sangdam.example", "ana@example.test", "Your login expired.")
    qtbot.addWidget(dialog)
    dialog.error.setText("Wrong email or password.")
    dialog.error.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab().toImage()
    background = image.pixelColor(QPoint(3, 3))
    assert luminance(background) < 0.05  # dark, not Qt's light grey
    for label in (dialog.message, dialog.error):
        fg = label.palette().color(label.foregroundRole())
        assert contrast(fg, background) >= 4.5, (label.objectName(), fg.name())
    field = dialog.email
    assert contrast(field.palette().color(QPalette.ColorRole.Text), theme.DARK.bg) >= 7


# ---- the readable column and the details panel -------------------------------------------


@pytest.fixture
def ui(qtbot: QtBot, tmp_path: Path, themed: theme.Theme) -> Iterator[Ui]:
    """The screenshots' workspace: a chat with a conversation, a follower and tags."""
    path = tmp_path / "cache.sqlite3"
    chat_id = seed(path, "en", datetime.now(UTC))
    built = build_ui(path, account="me@example.test")
    qtbot.addWidget(built.window)
    built.window.show()
    qtbot.waitUntil(lambda: built.window.chat_list.painted)
    built.chat_id = chat_id  # type: ignore[attr-defined]
    yield built
    built.reader.close()


def settle(qtbot: QtBot, view: MessageView) -> tuple[Any, ...]:
    """Wait until the conversation's geometry stops changing; return it."""
    shape: list[tuple[Any, ...]] = []

    def still() -> bool:
        now = (view.geometry(), view.viewportMargins(), view.verticalScrollBar().maximum())
        same = bool(shape) and shape[-1] == now
        shape.append(now)
        return same

    qtbot.waitUntil(still, timeout=10_000)
    return shape[-1]


def test_the_conversation_keeps_a_readable_column_and_the_panel_fits_the_width(
    qtbot: QtBot, ui: Ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = ui.window
    assert w.show_chat(ui.chat_id)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: ui.messages.rowCount() == 6)
    pane, view = w.conversation, w.conversation.view
    calls = {"n": 0}
    original = MessageView.updateGeometries

    def counted(self: MessageView) -> None:
        calls["n"] += 1
        original(self)

    monkeypatch.setattr(MessageView, "updateGeometries", counted)
    shapes: dict[int, tuple[Any, ...]] = {}
    for width in (1000, 1400, 1800, 1000, 1800, 1400, 1000, 1400, 1800):
        w.resize(width, 800)
        qtbot.waitUntil(lambda width=width: w.width() == width)
        shape = settle(qtbot, view)
        assert shapes.setdefault(width, shape) == shape  # the same width, the same layout
        assert pane.panel.isVisible() == (width >= 1300), width
        row = view.visualRect(ui.messages.index(ui.messages.rowCount() - 1, 0))
        column = view.delegate.column(row)
        assert column.width() == min(row.width(), READABLE + 2 * SIDE)
        assert abs((column.left() - row.left()) - (row.right() - column.right())) <= 1
        assert row.width() >= (500 if width >= 1300 else 360)  # the panel leaves room
        calls["n"] = 0
        for _ in range(5):
            QApplication.processEvents()
        assert calls["n"] <= 2, "the view's geometry keeps updating itself"
    # the agent hides the panel; it stays hidden while wide, and comes back when asked
    w.resize(1800, 800)
    settle(qtbot, view)
    pane.panel_button.click()
    assert not pane.panel.isVisible()
    settle(qtbot, view)
    row = view.visualRect(ui.messages.index(0, 0))
    column = view.delegate.column(row)
    assert row.width() > column.width() == READABLE + 2 * SIDE  # the bubbles keep to it
    assert column.center().x() - row.center().x() in (0, 1)  # centred
    w.resize(1700, 800)
    settle(qtbot, view)
    assert not pane.panel.isVisible()
    pane.panel_button.click()
    assert pane.panel.isVisible()
    w.resize(1000, 800)
    settle(qtbot, view)
    assert not pane.panel.isVisible() and not pane.panel_button.isChecked()
    # a narrow window (a laptop): the details still come when asked, the chat narrower
    pane.panel_button.click()
    assert pane.panel.isVisible() and pane.panel_button.isChecked()
    settle(qtbot, view)
    assert view.visualRect(ui.messages.index(0, 0)).width() >= 200
    w.resize(1800, 800)  # wide again: the wide window's choice (shown) holds
    settle(qtbot, view)
    assert pane.panel.isVisible()
    w.resize(1000, 800)  # narrow again: still as asked there
    settle(qtbot, view)
    assert pane.panel.isVisible()
    pane.panel_button.click()
    assert not pane.panel.isVisible()


def test_the_panel_shows_the_open_chat_from_the_models(qtbot: QtBot, ui: Ui) -> None:
    w = ui.window
    w.resize(1600, 800)
    assert w.show_chat(ui.chat_id)  # type: ignore[attr-defined]
    item = ui.chats.lookup(ui.chat_id)  # type: ignore[attr-defined]
    assert item is not None
    chat, d, panel = item.chat, ui.directory, w.conversation.panel
    qtbot.waitUntil(lambda: panel.customer_name.text() == "Emma Wilson")
    assert panel.assignee.text() == d.manager_name(chat["assignee_id"]) == "Jisoo Park"
    assert panel.team.text() == d.team_name(chat["team_id"]) == "Support"
    assert panel.text("followers") == "Alex Kim"
    chips = [panel.tags_flow.itemAt(i).widget() for i in range(panel.tags_flow.count())]
    assert [c.name for c in chips] == ["vip", "shipping"]
    assert panel.text("state") == "Open"
    # the row changes (as the feed would tell): the panel follows
    snoozed = dataclasses.replace(
        item, chat={**chat, "state": "snoozed", "snooze_until": "2030-01-02T03:04:00+00:00"}
    )
    w.conversation.show_header(snoozed)
    assert panel.text("state").startswith("Snoozed until ")
