"""The download line of the conversation (SPEC C2): "Downloading 3 files… 45%" with a
bar while "Download all" runs, then where they went (with a button to open the
folder), or why it failed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop.i18n import translate
from desktop.models.files import file_size

HIDE_AFTER_MS = 15_000


class DownloadStrip(QFrame):
    openFolderRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("downloadStrip")
        self.folder = ""
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(160, 5)
        self.open_button = QToolButton(self)
        self.open_button.setText(translate("Downloads", "Open folder"))
        self.open_button.setAutoRaise(True)
        self.open_button.clicked.connect(lambda: self.openFolderRequested.emit(self.folder))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(translate("Downloads", "Hide"))
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 5, 8, 5)
        row.setSpacing(10)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        self._hide = QTimer(self)
        self._hide.setSingleShot(True)
        self._hide.setInterval(HIDE_AFTER_MS)
        self._hide.timeout.connect(self.hide)
        self.hide()

    def _failed(self, on: bool) -> None:
        self.setProperty("failed", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def started(self, count: int, total: int, folder: str) -> None:
        self._hide.stop()
        self.folder = folder
        self._failed(False)
        self.label.setText(
            translate("Downloads", "Downloading {n} files ({size})…").format(
                n=count, size=file_size(total)
            )
        )
        self.bar.setValue(0)
        self.bar.show()
        self.open_button.hide()
        self.show()

    def progress(self, done: int, total: int) -> None:
        self.bar.setValue(round(1000 * done / total) if total else 0)

    def finished(self, count: int, folder: str) -> None:
        self.folder = folder
        self.label.setText(
            translate("Downloads", "Saved {n} files to {folder}").format(n=count, folder=folder)
        )
        self.bar.hide()
        self.open_button.show()
        self._hide.start()

    def failed(self, reason: str) -> None:
        self._failed(True)
        self.label.setText(
            translate("Downloads", "Download failed: {reason}").format(reason=reason)
        )
        self.bar.hide()
        self.open_button.setVisible(bool(self.folder))
        self.show()
