"""What the running app does when it is launched again (desktop.instance hands the second
launch's arguments over) or asked by the OS to open a `sangdam://` URL.

It comes to the front and opens the link, if any. One app runs per user and data
folder, so a launch that asks for the other mode (`--demo` while an account is logged
in, or the plain app while the demo runs) starts nothing: the window says what happened
and how to get the other one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from desktop.i18n import translate

if TYPE_CHECKING:
    from desktop.controller.flow import AppFlow
    from desktop.instance import Request

log = logging.getLogger(__name__)


def relaunched(flow: AppFlow, request: Request) -> None:
    """Another launch handed over `request`: up to the front, then act on it."""
    if flow.ui is not None:
        flow.ui.window.bring_to_front()
    elif flow.dialog is not None:
        flow.dialog.show()
        flow.dialog.raise_()
        flow.dialog.activateWindow()
    if request.demo and not flow.demo:
        flow.links.say(
            translate(
                "Relaunch",
                "Sangdam is already running, logged in to your account, so the demo was not "
                "started. To try the demo, quit Sangdam (Sangdam > Quit) and start it again "
                "with --demo.",
            )
        )
    elif flow.demo and not request.demo:
        flow.links.say(
            translate(
                "Relaunch",
                "The Sangdam demo is running, so Sangdam was not started again. To log in to "
                "your own server, quit the demo (Sangdam > Quit) and start Sangdam again.",
            )
        )
    if request.link:
        flow.links.open(request.link)


class UrlOpenEvents(QObject):
    """macOS hands a clicked URL to the running app as a FileOpen event, not as an
    argument: pass `sangdam://` ones on."""

    def __init__(self, on_url: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_url = on_url

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            if url.scheme() == "sangdam":
                log.info("the OS asked to open %s", url.toString())
                self._on_url(url.toString())
                return True
        return super().eventFilter(watched, event)
