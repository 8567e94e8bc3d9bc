"""The connection line in the status bar, and the banner that says what went wrong."""

from __future__ import annotations

import time
from typing import ClassVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.i18n import translate
from desktop.models.format import number
from desktop.sync.status import Phase, Status
from desktop.views.icons import icon
from desktop.views.theme import repolish


def describe(status: Status, retry_in: float | None = None) -> str:
    """The status line's words for a sync status (translated)."""
    retry = status.retry_in if retry_in is None else retry_in
    match status.phase:
        case Phase.STARTING:
            text = translate("StatusLine", "Starting…")
        case Phase.BOOTSTRAPPING:
            text = translate("StatusLine", "Loading chats… {n}").format(n=number(status.chats))
        case Phase.CONNECTING:
            text = translate("StatusLine", "Connecting…")
        case Phase.ONLINE:
            text = translate("StatusLine", "Online")
        case Phase.OFFLINE:
            text = translate("StatusLine", "Offline")
            if retry is not None:
                text = translate("StatusLine", "Offline, reconnecting in {n} s").format(
                    n=max(0, round(retry))
                )
        case Phase.UNAUTHORIZED:
            text = translate("StatusLine", "Signed out: log in again")
        case _:
            text = translate("StatusLine", "Stopped")
    if status.waiting:
        text += " — " + translate("StatusLine", "{n} waiting to send").format(
            n=number(status.waiting)
        )
        if status.send_error and status.phase is Phase.ONLINE:
            text += " " + translate("StatusLine", "(sending failed: {reason})").format(
                reason=status.send_error
            )
    return text


# the dot's colour, by phase: `QLabel#statusDot[phase=...]` in resources/style/sangdam.qss
_DOTS = {
    Phase.ONLINE: "online",
    Phase.OFFLINE: "offline",
    Phase.UNAUTHORIZED: "offline",
    Phase.BOOTSTRAPPING: "busy",
}


class StatusLine(QWidget):
    """● Online / Offline, reconnecting in 3 s — 2 waiting to send."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●", self)
        self.dot.setObjectName("statusDot")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self._status: Status | None = None
        self._deadline: float | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._render)
        self.set_text(translate("StatusLine", "Opening the inbox…"))

    @property
    def status(self) -> Status | None:
        return self._status

    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str, phase: str = "") -> None:
        """The line's text and its dot's phase ("online", "offline", "busy", or "")."""
        self.label.setText(text)
        if self.dot.property("phase") != phase:
            self.dot.setProperty("phase", phase)
            repolish(self.dot)

    def set_status(self, status: Status) -> None:
        self._status = status
        if status.phase is Phase.OFFLINE and status.retry_in is not None:
            self._deadline = time.monotonic() + status.retry_in
            self._tick.start()
        else:
            self._deadline = None
            self._tick.stop()
        self._render()

    def _render(self) -> None:
        status = self._status
        if status is None:
            return
        retry = None
        if self._deadline is not None:
            retry = max(0.0, self._deadline - time.monotonic())
        self.set_text(describe(status, retry), _DOTS.get(status.phase, ""))


class Banner(QFrame):
    """A line across the window: what was refused, or why the login is not remembered."""

    closed = Signal()

    KINDS: ClassVar[tuple[str, ...]] = ("error", "notice", "info")  # QFrame#banner[kind=...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setIcon(icon("close"))
        close.setAutoRaise(True)
        close.setToolTip(translate("Banner", "Dismiss"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_message(self, text: str, kind: str = "error", timeout_ms: int | None = None) -> None:
        self.setProperty("kind", kind if kind in self.KINDS else "info")
        repolish(self)
        self.label.setText(text)
        self.show()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()
