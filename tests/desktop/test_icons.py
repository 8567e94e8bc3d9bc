"""Icons come from the MDI font qtawesome ships, loaded without importing qtawesome; every
name the views use exists; they follow the palette and grey out when disabled."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from pytestqt.qtbot import QtBot

from desktop.views import icons

VIEWS = Path(icons.__file__).resolve().parent


def names_used() -> set[str]:
    """Every literal name passed to icon(...) (and its `checked=`) in desktop/."""
    found: set[str] = set()
    for path in VIEWS.parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called not in ("icon", "_icon"):
                continue
            args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "checked")]
            found |= {a.value for a in args if isinstance(a, ast.Constant)}
        for node in ast.walk(tree):  # names kept in tables: SOME_ICONS = {"key": "name"}
            targets = [
                t.target if isinstance(t, ast.AnnAssign) else t
                for t in ([node] if isinstance(node, ast.AnnAssign) else [])
            ] + (list(node.targets) if isinstance(node, ast.Assign) else [])
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.Dict) and any(
                isinstance(t, ast.Name) and t.id.endswith("ICONS") for t in targets
            ):
                found |= {v.value for v in value.values if isinstance(v, ast.Constant)}
    return {n for n in found if isinstance(n, str)}


def opaque_colors(image: QImage) -> set[tuple[int, int, int]]:
    colors = set()
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() == 255:
                colors.add((c.red(), c.green(), c.blue()))
    return colors


def test_the_font_is_loaded_without_qtawesome(qapp: QGuiApplication) -> None:
    assert icons.has_icon("star") and len(icons.icon_names()) > 5000
    assert "qtawesome" not in sys.modules and "qtpy" not in sys.modules


def test_every_name_the_app_uses_exists(qapp: QGuiApplication) -> None:
    used = names_used()
    assert {"star-outline", "paperclip", "send", "inbox", "tag-outline"} <= used, used
    used |= {
        "account-arrow-right", "account-group", "star", "star-outline", "alarm-snooze",
        "check-circle-outline", "tag-outline", "bell-outline", "magnify",
        "email-open-outline", "email-mark-as-unread", "paperclip", "send",
    }  # fmt: skip
    missing = sorted(n for n in used if not icons.has_icon(n))
    assert not missing
    with pytest.raises(KeyError):
        icons.icon("no-such-icon-anywhere")


def test_icons_paint_in_the_palette_colour_and_grey_when_disabled(
    qapp: QGuiApplication, qtbot: QtBot
) -> None:
    old = QGuiApplication.palette()
    palette = QPalette(old)
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText, QColor("#ff0000"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#00ff00"))
    QGuiApplication.setPalette(palette)
    try:
        star = icons.icon("star")
        normal = star.pixmap(QSize(32, 32), QIcon.Mode.Normal).toImage()
        disabled = star.pixmap(QSize(32, 32), QIcon.Mode.Disabled).toImage()
        assert opaque_colors(normal) == {(255, 0, 0)}
        assert opaque_colors(disabled) == {(0, 255, 0)}
        fixed = icons.icon("send", color="#0000ff").pixmap(QSize(32, 32)).toImage()
        assert opaque_colors(fixed) == {(0, 0, 255)}
    finally:
        QGuiApplication.setPalette(old)


def test_a_checkable_icon_shows_another_glyph_when_on(qapp: QGuiApplication) -> None:
    star = icons.icon("star-outline", checked="star")
    off = star.pixmap(QSize(32, 32), QIcon.Mode.Normal, QIcon.State.Off).toImage()
    on = star.pixmap(QSize(32, 32), QIcon.Mode.Normal, QIcon.State.On).toImage()
    count = lambda im: sum(  # noqa: E731
        im.pixelColor(x, y).alpha() > 128 for x in range(32) for y in range(32)
    )
    assert count(on) > count(off) > 0
