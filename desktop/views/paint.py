"""Small painting helpers shared by the delegates: avatars, messenger marks, pills,
plain-text layout. Text is always laid out as plain text (QTextLayout / drawText), never
as markup."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)

from desktop.models.format import MESSENGER_MARKS, avatar_hue, initial


def avatar_color(key: str) -> QColor:
    return QColor.fromHsl(avatar_hue(key), 140, 150)


AVATAR_MARGIN = 4  # the messenger mark's badge reaches past the avatar's rect
AVATAR_CACHE = 256  # pictures kept: the customers and managers on screen


def paint_avatar(
    painter: QPainter, rect: QRect, name: str, key: str, medium: str | None = None
) -> None:
    """A round avatar with the name's initial; for an external messenger (L3) its mark
    sits at the bottom right. Drawn once per look into a picture and copied from then
    on: a conversation shows the customer's avatar beside most messages."""
    device = painter.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    font = painter.font()
    look = (initial(name), key, medium or "", rect.width(), rect.height(), ratio, font.key())
    picture = _avatars.get(look)
    if picture is None:
        m = AVATAR_MARGIN
        picture = QPixmap(
            math.ceil((rect.width() + 2 * m) * ratio), math.ceil((rect.height() + 2 * m) * ratio)
        )
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        p = QPainter(picture)
        p.setFont(font)
        _draw_avatar(p, QRect(m, m, rect.width(), rect.height()), name, key, medium)
        p.end()
        if len(_avatars) >= AVATAR_CACHE:
            del _avatars[next(iter(_avatars))]
        _avatars[look] = picture
    painter.drawPixmap(rect.left() - AVATAR_MARGIN, rect.top() - AVATAR_MARGIN, picture)


_avatars: dict[tuple[object, ...], QPixmap] = {}


def _draw_avatar(painter: QPainter, rect: QRect, name: str, key: str, medium: str | None) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(key))
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(8, int(rect.height() * 0.42)))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initial(name))
    mark = MESSENGER_MARKS.get(medium or "")
    if mark is not None:
        letter, background, foreground = mark
        size = max(12, int(rect.width() * 0.42))
        badge = QRect(rect.right() - size + 3, rect.bottom() - size + 3, size, size)
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.setBrush(QColor(background))
        painter.drawEllipse(badge)
        font.setPixelSize(max(7, int(size * 0.6)))
        painter.setFont(font)
        painter.setPen(QColor(foreground))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, letter)
    painter.restore()


def paint_pill(
    painter: QPainter,
    right: int,
    center_y: int,
    text: str,
    background: QColor,
    foreground: QColor,
    font: QFont,
    *,
    min_width: int = 0,
) -> int:
    """A rounded label ending at x = `right`; returns its left edge."""
    fm = QFontMetrics(font)
    w = max(min_width, fm.horizontalAdvance(text) + 12)
    h = fm.height() + 2
    box = QRect(right - w, center_y - h // 2, w, h)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    painter.drawRoundedRect(QRectF(box), h / 2, h / 2)
    painter.setFont(font)
    painter.setPen(foreground)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
    return box.left()


def plain_layout(text: str, font: QFont, width: int) -> tuple[QTextLayout, float, float]:
    """Lay out plain text wrapped at `width`: the layout, its height and its widest line.
    Line breaks in the text are kept; a word longer than the width breaks anywhere."""
    layout = QTextLayout(text.replace("\r\n", "\n").replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    height = 0.0
    widest = 0.0
    leading = QFontMetrics(font).leading()
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        line.setPosition(QPointF(0, height))
        height += line.height() + leading
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return layout, height, widest
