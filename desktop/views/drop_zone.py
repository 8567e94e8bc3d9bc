"""Dropping files (SPEC M1): which drags carry local files, and the drop zone drawn over
the conversation while such a drag is over it, saying what a drop will do.

The drop itself is handled in the widgets' real Qt drag-and-drop handlers, so a drag
from the file manager (another process) lands the same way as the tests' events.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from desktop.i18n import translate
from desktop.models.files import limits_text
from desktop.views import theme


def local_paths(mime: QMimeData | None) -> list[str]:
    """The local files a drag or a paste carries (file:// URLs), in order; [] if none."""
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class DropOverlay(QWidget):
    """A translucent panel over its parent with a dashed frame: "Drop to attach up to 10
    files, 1 GiB each". It lets every mouse and drag event through to the widgets under
    it (the parent handles the drop)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.title = limits_text()
        self.detail = ""
        self.setAccessibleName(self.title)
        self.hide()

    def show_over(self, count: int) -> None:
        """Cover the parent; `count`: how many files the drag carries."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.title = limits_text()
        self.detail = (
            translate("DropZone", "{n} files: each is checked before anything is sent").format(
                n=count
            )
            if count > 1
            else translate("DropZone", "1 file: it is checked before anything is sent")
        )
        self.raise_()
        self.show()
        self.update()

    def text(self) -> str:
        return f"{self.title}\n{self.detail}"

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        look = theme.colors()
        veil = look.color("bg")
        veil.setAlpha(235)
        p.fillRect(self.rect(), veil)
        frame = QRectF(self.rect()).adjusted(12, 12, -12, -12)
        accent = look.color("accent")
        p.setPen(QPen(accent, 2, Qt.PenStyle.DashLine))
        tint = QColor(accent)
        tint.setAlpha(22)
        p.setBrush(tint)
        p.drawRoundedRect(frame, 14, 14)
        center = frame.center()
        # an arrow into a tray
        p.setPen(QPen(accent, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        cx, cy = center.x(), center.y() - 46
        p.drawLine(int(cx), int(cy - 22), int(cx), int(cy + 8))
        p.drawLine(int(cx - 10), int(cy - 2), int(cx), int(cy + 8))
        p.drawLine(int(cx + 10), int(cy - 2), int(cx), int(cy + 8))
        p.drawLine(int(cx - 22), int(cy + 4), int(cx - 22), int(cy + 16))
        p.drawLine(int(cx - 22), int(cy + 16), int(cx + 22), int(cy + 16))
        p.drawLine(int(cx + 22), int(cy + 16), int(cx + 22), int(cy + 4))
        big = QFont(self.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() + 4)
        p.setFont(big)
        p.setPen(look.color("text"))
        title_box = QRectF(frame.left(), center.y() - 14, frame.width(), 30)
        p.drawText(title_box, Qt.AlignmentFlag.AlignCenter, self.title)
        p.setFont(self.font())
        p.setPen(look.color("muted"))
        detail_box = QRectF(frame.left(), center.y() + 18, frame.width(), 24)
        p.drawText(detail_box, Qt.AlignmentFlag.AlignCenter, self.detail)
        p.end()
