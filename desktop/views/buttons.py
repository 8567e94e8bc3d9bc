"""Buttons that match the look: an icon (MDI name) and, if given, a text beside it, styled
by resources/style/sangdam.qss through the `header` and `primary` properties."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget

from desktop.views.icons import icon


def header_button(
    parent: QWidget,
    glyph: str,
    tooltip: str,
    *,
    text: str = "",
    primary: bool = False,
    checkable: bool = False,
    name: str = "",
) -> QToolButton:
    """A conversation-header button: quiet until pointed at, or filled with the accent
    (`primary`: the one main action, e.g. Close). Its tooltip doubles as its accessible
    name when it shows no text."""
    button = QToolButton(parent)
    if name:
        button.setObjectName(name)
    button.setProperty("header", True)
    button.setProperty("primary", primary)
    button.setIcon(icon(glyph))
    button.setToolTip(tooltip)
    button.setAccessibleName(text or tooltip)
    button.setCheckable(checkable)
    if text:
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    return button
