"""One UI font for Latin and Hangul (Pretendard, shipped in resources/fonts).

Without it Qt draws Latin text in the system's sans and Hangul in whatever CJK font
fontconfig picks, two faces of different size and weight side by side in one line.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.resources import resources_dir

log = logging.getLogger(__name__)

UI_FAMILY = "Pretendard"
# After Pretendard, for what it lacks: emoji in colour, then Hangul and Han characters
# beyond Pretendard's set (any that are installed; Qt skips the missing ones).
FALLBACKS = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Noto Sans CJK KR")


def install_ui_font(app: QApplication) -> str | None:
    """Register the shipped faces and make them the application's font; returns the
    family used, or None when the files are missing (the system's font stays)."""
    families: set[str] = set()
    for path in sorted((resources_dir() / "fonts").glob("*.otf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the font %s", path)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if UI_FAMILY not in families:
        return None
    font = QFont(app.font())
    font.setFamilies([UI_FAMILY, *FALLBACKS])
    # Without a class name this also drops the fonts platforms set for menus, tooltips
    # and message boxes: every widget, dialog and menu draws in the one face.
    app.setFont(font)
    QToolTip.setFont(font)
    return UI_FAMILY
