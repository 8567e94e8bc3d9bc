"""The main window's size, place and pane widths, remembered across restarts.

An agent arranges the window once (a second monitor, a wider chat list) and expects it
back the next morning. Kept as JSON beside the login's cache file, like the side panel's
preferences, and saved when the window closes. A first start on a big screen opens
wide enough for the side panel beside the chat (it needs `PANEL_WINDOW` pixels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize

from desktop.controller.panel import PanelPrefs
from desktop.views.conversation import PANEL_WINDOW

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow

FIRST_SIZE = QSize(PANEL_WINDOW + 140, 900)  # the three panes and the side panel


def remember_window(window: MainWindow, prefs: PanelPrefs) -> None:
    """Restore what `prefs` holds (else the first size), and save it when the window closes."""
    saved = prefs.load()
    if not _restore(window, saved.get("geometry")):
        _first_size(window)
    panes = saved.get("panes")
    if isinstance(panes, str):
        window.splitter.restoreState(QByteArray.fromBase64(panes.encode("ascii")))

    def save() -> None:
        prefs.save(
            {
                "geometry": _text(window.saveGeometry()),
                "panes": _text(window.splitter.saveState()),
            }
        )

    window.closed.connect(save)


def _restore(window: MainWindow, geometry: object) -> bool:
    """False when nothing usable is saved (restoreGeometry keeps the window on a screen
    that exists, so a monitor unplugged since does not hide it)."""
    if not isinstance(geometry, str):
        return False
    return window.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))


def _first_size(window: MainWindow) -> None:
    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry().size()
    if room.width() >= FIRST_SIZE.width() + 80 and room.height() >= FIRST_SIZE.height() + 60:
        window.resize(FIRST_SIZE)


def _text(state: QByteArray) -> str:
    return bytes(state.toBase64().data()).decode("ascii")
