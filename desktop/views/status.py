"""The connection line in the status bar, and the banner that says what went wrong."""

from __future__ import annotations

import time
from typing import ClassVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.i18n import translate
from desktop.models.format import number
from desktop.sync.status import Phase, Status


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


_DOTS = {
    Phase.ONLINE: "#22c55e",
    Phase.OFFLINE: "#ef4444",
    Phase.UNAUTHORIZED: "#ef4444",
    Phase.BOOTSTRAPPING: "#3b82f6",
}


class StatusLine(QWidget):
    """● Online / Offline, reconnecting in 3 s — 2 waiting to send."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●", self)
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
        self.set_text(translate("StatusLine", "Opening the inbox…"), "#9ca3af")

    @property
    def status(self) -> Status | None:
        return self._status

    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str, color: str = "#9ca3af") -> None:
        self.label.setText(text)
        self.dot.setStyleSheet(f"color: {color};")

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
        self.set_text(describe(status, retry), _DOTS.get(status.phase, "#9ca3af"))


class Banner(QFrame):
    """A line across the window: what was refused, or why the login is not remembered."""

    closed = Signal()

    STYLES: ClassVar[dict[str, str]] = {
        "error": "QFrame#banner { background: #fdecec; border-bottom: 1px solid #f5b5b5; }",
        "notice": "QFrame#banner { background: #fff7e0; border-bottom: 1px solid #f0d48a; }",
        "info": "QFrame#banner { background: #e8f1ff; border-bottom: 1px solid #b9d2fb; }",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
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
        self.setStyleSheet(self.STYLES.get(kind, self.STYLES["info"]))
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
