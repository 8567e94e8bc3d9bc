"""Small pictures for files: a thumbnail of a local image, or a type badge painted in
the file kind's colour (the tray and the message cards share them)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
    QTransform,
)

from desktop.models.files import type_label

THUMB_MAX_BYTES = 40 * 1024**2  # bigger "images" get a badge, not a decode on the GUI thread

_KIND_COLORS = {
    "PDF": "#e5484d",
    "ZIP": "#8e4ec6",
    "7Z": "#8e4ec6",
    "RAR": "#8e4ec6",
    "GZ": "#8e4ec6",
    "DOC": "#3e63dd",
    "DOCX": "#3e63dd",
    "HWP": "#0091ff",
    "XLS": "#30a46c",
    "XLSX": "#30a46c",
    "CSV": "#30a46c",
    "PPT": "#f76b15",
    "PPTX": "#f76b15",
    "TXT": "#6b7280",
    "LOG": "#6b7280",
    "MP4": "#d6409f",
    "MOV": "#d6409f",
    "MP3": "#12a594",
}


def kind_color(label: str) -> QColor:
    return QColor(_KIND_COLORS.get(label, "#64748b"))


def paint_badge(painter: QPainter, rect: QRect, content_type: str, name: str) -> None:
    """A rounded document shape with the file's kind ("PDF") on it."""
    label = type_label(content_type, name)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_color(label))
    painter.drawRoundedRect(QRectF(rect), 6, 6)
    fold = max(6, rect.width() // 4)
    painter.setBrush(QColor(255, 255, 255, 90))
    painter.drawRect(QRectF(rect.right() - fold + 1, rect.top(), fold, fold))
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(8, min(rect.height() // 3, int(rect.width() / max(2, len(label))))))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect.adjusted(2, fold // 2, -2, 0), Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def badge_pixmap(size: QSize, content_type: str, name: str) -> QPixmap:
    pix = QPixmap(size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    paint_badge(p, QRect(0, 0, size.width(), size.height()), content_type, name)
    p.end()
    return pix


def read_thumbnail(path: str, box: QSize, size_bytes: int = 0) -> QImage | None:
    """A local image scaled to fit `box` (decoded at that size when the format allows);
    None if it cannot be read as an image or is too big to decode here."""
    if not path or size_bytes > THUMB_MAX_BYTES:
        return None
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    full = reader.size()
    if full.isValid() and full.width() > 0 and full.height() > 0:
        reader.setScaledSize(full.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None
    if image.width() > box.width() or image.height() > box.height():
        image = image.scaled(
            box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


def square_thumbnail(image: QImage, side: int) -> QPixmap:
    """An image cropped to a rounded square (the tray's icon)."""
    scaled = image.scaled(
        QSize(side, side),
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (scaled.width() - side) // 2
    y = (scaled.height() - side) // 2
    pix = QPixmap(side, side)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    brush = QBrush(scaled)
    brush.setTransform(QTransform.fromTranslate(-x, -y))
    p.setBrush(brush)
    p.drawRoundedRect(QRectF(0, 0, side, side), 6, 6)
    p.end()
    return pix
