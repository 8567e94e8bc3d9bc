"""Icons from one set: Material Design Icons, by their MDI names ("star-outline").

The glyphs come from the MDI font qtawesome ships (loaded straight from its files with
QFontDatabase: importing qtawesome would pull in QtPy). Each icon paints its glyph when
asked, in the colour of the palette in force at that moment, so icons follow the light /
dark theme live and grey out in the disabled state without being made again.
"""

from __future__ import annotations

import functools
import json
import logging

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

from desktop.resources import mdi_files

log = logging.getLogger(__name__)

DISABLED_OPACITY = 0.38  # Material's disabled emphasis, for icons with a fixed colour


class _Glyphs:
    """The MDI font's family and its name -> character map, loaded once."""

    def __init__(self) -> None:
        self.family = ""
        self.chars: dict[str, str] = {}
        files = mdi_files()
        if files is None:
            log.warning("the Material Design Icons font is missing: icons stay blank")
            return
        font_path, charmap_path = files
        font_id = QFontDatabase.addApplicationFont(str(font_path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            log.warning("could not load the icon font %s", font_path)
            return
        self.family = families[0]
        with charmap_path.open(encoding="utf-8") as f:
            raw: dict[str, str] = json.load(f)
        self.chars = {name: chr(int(code, 16)) for name, code in raw.items()}


@functools.cache
def _glyphs() -> _Glyphs:
    return _Glyphs()


def has_icon(name: str) -> bool:
    """Whether the MDI set has an icon of that name."""
    return name in _glyphs().chars


def icon_names() -> frozenset[str]:
    return frozenset(_glyphs().chars)


def _palette_color(role: QPalette.ColorRole, mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, role)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, role)


class GlyphEngine(QIconEngine):
    """Paints one MDI glyph, filling the rect, in a colour chosen at paint time."""

    def __init__(
        self,
        char: str,
        family: str,
        color: QColor | None,
        role: QPalette.ColorRole,
        checked: str | None = None,
        checked_color: QColor | None = None,
    ) -> None:
        super().__init__()
        self._char = char
        self._family = family
        self._color = QColor(color) if color is not None else None
        self._role = role
        self._checked = checked
        self._checked_color = checked_color

    def color_for(self, mode: QIcon.Mode, state: QIcon.State = QIcon.State.Off) -> QColor:
        fixed = self._color
        if state == QIcon.State.On and self._checked_color is not None:
            fixed = self._checked_color
        if fixed is None:
            return _palette_color(self._role, mode)
        color = QColor(fixed)
        if mode == QIcon.Mode.Disabled:
            color.setAlphaF(color.alphaF() * DISABLED_OPACITY)
        return color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if not self._family:
            return
        char = self._checked if state == QIcon.State.On and self._checked else self._char
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        font = QFont(self._family)
        font.setPixelSize(max(1, min(rect.width(), rect.height())))
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        painter.setFont(font)
        painter.setPen(self.color_for(mode, state))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = self.pixmap(size * scale, mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(
            self._char, self._family, self._color, self._role, self._checked, self._checked_color
        )

    def key(self) -> str:
        return "sangdam-mdi"


def icon(
    name: str,
    *,
    color: QColor | str | None = None,
    role: QPalette.ColorRole = QPalette.ColorRole.WindowText,
    checked: str | None = None,
    checked_color: QColor | str | None = None,
) -> QIcon:
    """The MDI icon `name`, in `color` or else the current palette's `role` colour (so it
    follows the theme); greyed when disabled. `checked` names the glyph shown in the On
    state (a checkable star: "star-outline" off, "star" on), in `checked_color` if given.
    Unknown names raise KeyError (tests check every name used)."""
    glyphs = _glyphs()
    if glyphs.family and name not in glyphs.chars:
        raise KeyError(f"no Material Design Icon named {name!r}")
    if checked is not None and glyphs.family and checked not in glyphs.chars:
        raise KeyError(f"no Material Design Icon named {checked!r}")
    char = glyphs.chars.get(name, "")
    on = glyphs.chars.get(checked, "") if checked else None
    fixed = QColor(color) if color is not None else None
    on_color = QColor(checked_color) if checked_color is not None else None
    return QIcon(GlyphEngine(char, glyphs.family, fixed, role, on, on_color))
