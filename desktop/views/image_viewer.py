"""An image of a message, large (SPEC M1): a dialog that scales the picture to fit its
window (never up beyond its real size), with its name, size and a Save button; Esc
closes it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.files import FileRef, file_size


class _Picture(QWidget):
    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 150)

    def target(self) -> QRect:
        """Where the image is drawn: fitted, centred, never enlarged."""
        size = self.image.size()
        if size.width() > self.width() or size.height() > self.height():
            size = size.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        r = QRect(0, 0, size.width(), size.height())
        r.moveCenter(self.rect().center())
        return r

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#111827"))
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        p.drawImage(self.target(), self.image)
        p.end()


class ImageViewer(QDialog):
    saveRequested = Signal(object)  # FileRef

    def __init__(self, ref: FileRef, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = ref
        self.setObjectName("imageViewer")
        self.setWindowTitle(ref.name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.picture = _Picture(image, self)
        info = QLabel(
            translate("ImageViewer", "{name} · {width}×{height} · {size}").format(
                name=ref.name, width=image.width(), height=image.height(), size=file_size(ref.size)
            ),
            self,
        )
        info.setTextFormat(Qt.TextFormat.PlainText)
        info.setStyleSheet("color: #e5e7eb;")
        save = QPushButton(translate("ImageViewer", "Save to folder…"), self)
        save.clicked.connect(lambda: self.saveRequested.emit(self.ref))
        close = QPushButton(translate("ImageViewer", "Close"), self)
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 10)
        bar.addWidget(info, 1)
        bar.addWidget(save)
        bar.addWidget(close)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.picture, 1)
        col.addLayout(bar)
        self.setStyleSheet("QDialog#imageViewer { background: #111827; }")
        screen = self.screen().availableGeometry().size() if self.screen() else QSize(1280, 800)
        want = image.size().grownBy(self.contentsMargins()) + QSize(0, 52)
        limit = QSize(int(screen.width() * 0.85), int(screen.height() * 0.85))
        self.resize(want.boundedTo(limit).expandedTo(QSize(420, 320)))
