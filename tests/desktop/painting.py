"""What a chat row shows, read from its painting: the pixels the list view painted for
it (the messenger's mark on the avatar, SPEC L3) and the strings its delegate draws
(SPEC L4), rather than the flags and strings the delegate computes beforehand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from desktop.views.chat_delegate import AVATAR, PAD

# Each messenger's brand colour, written down here and not taken from the app's table:
# the mark a Kakao chat shows is Kakao's yellow, whatever the code says.
MARK_COLORS = {
    "kakao": QColor("#FEE500"),
    "instagram": QColor("#E1306C"),
    "naver": QColor("#03C75A"),
    "line": QColor("#06C755"),
}
GREENS = {"naver", "line"}  # two greens a pixel cannot tell apart (their letters differ)


def row_image(view: QListView, row: int) -> QImage:
    """The row as the view painted it on screen (its paint event, grabbed)."""
    index = view.model().index(row, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid() and view.viewport().rect().contains(rect), (row, rect)
    image = view.viewport().grab(rect).toImage()
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def mark_pixels(image: QImage, color: QColor, tolerance: int = 30) -> int:
    """How many pixels of `color` the bottom-right quarter of the row's avatar holds
    (where L3 puts the messenger's mark; a few pixels past the avatar's edge too)."""
    ratio = image.devicePixelRatio()
    top = (image.height() / ratio - AVATAR) / 2
    area = QRect(PAD + AVATAR // 2, int(top + AVATAR / 2), AVATAR // 2 + 5, AVATAR // 2 + 5)
    found = 0
    for y in range(int(area.top() * ratio), int((area.bottom() + 1) * ratio)):
        for x in range(int(area.left() * ratio), int((area.right() + 1) * ratio)):
            if x >= image.width() or y >= image.height():
                continue
            p = image.pixelColor(x, y)
            if (
                max(
                    abs(p.red() - color.red()),
                    abs(p.green() - color.green()),
                    abs(p.blue() - color.blue()),
                )
                <= tolerance
            ):
                found += 1
    return found


def marks_painted(view: QListView, row: int) -> set[str]:
    """The messengers whose mark the row's avatar shows (a mark: 40 pixels or more)."""
    image = row_image(view, row)
    return {medium for medium, color in MARK_COLORS.items() if mark_pixels(image, color) >= 40}


class _Recorder(QPainter):
    """A painter that notes every string drawn through it."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: Any) -> None:  # type: ignore[override]
        self.texts += [a for a in args if isinstance(a, str)]
        super().drawText(*args)


def painted_texts(view: QListView, row: int) -> list[str]:
    """Every string the row's delegate draws when it paints the row, in order."""
    index = view.model().index(row, 0)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, max(view.viewport().width(), 360), view.sizeHintForRow(row))
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = _Recorder(image)
    try:
        view.itemDelegate().paint(painter, option, index)
    finally:
        painter.end()
    return painter.texts
