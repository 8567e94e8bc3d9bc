"""The shipped UI font draws Latin and Hangul in one face (issue 11: resources/)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication

from desktop.views.fonts import UI_FAMILY, install_ui_font


def faces_of(text: str, font: QFont) -> set[str]:
    """The font families Qt lays `text` out with (fallback fonts included)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_latin_and_hangul_come_from_the_one_shipped_face(qapp: QApplication) -> None:
    before = QFont(qapp.font())
    try:
        assert install_ui_font(qapp) == UI_FAMILY
        assert faces_of("Sangdam 상담: 담당자 미배정 3건, 10:45 AM", qapp.font()) == {UI_FAMILY}
    finally:
        qapp.setFont(before)
