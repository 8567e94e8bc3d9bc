"""The parts of a message bubble other than its text and files: links found in plain
text, link buttons and forms (with their answers), the receipt under a reply (C3), the
date between days and the line of a system event.

Everything is drawn as plain text: a link is only a coloured, underlined run of the
characters the customer typed; clicking it asks first (`link_confirm`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from desktop.i18n import translate
from desktop.views import theme
from desktop.views.paint import paint_avatar

# http(s) addresses and www. ones, up to whitespace or a quote/bracket; a trailing
# full stop, comma or closing bracket belongs to the sentence, not the address.
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""

BUTTON_H = 34
PART_GAP = 8
RECEIPT = 16  # the customer's avatar under the last reply read
DAY_H = 34  # the band of a date line


def _c(name: str) -> QColor:
    return theme.colors().color(name)


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    url: str


def find_links(text: str) -> tuple[Link, ...]:
    out = []
    for m in URL.finditer(text):
        url = m.group(0).rstrip(_TRAILING)
        if len(url) < 5:
            continue
        out.append(Link(m.start(), m.start() + len(url), url))
    return tuple(out)


def openable(url: str) -> str:
    """The address a link opens: www. ones over https."""
    return url if "://" in url else "https://" + url


def text_layout(
    text: str, font: QFont, width: int, links: tuple[Link, ...] = ()
) -> tuple[QTextLayout, float, float]:
    """Plain text wrapped at `width`, its links coloured and underlined: the layout, its
    height and its widest line. `text` must already have `\\n` for line breaks."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    if links:
        fmt = QTextCharFormat()
        fmt.setForeground(_c("accent"))
        fmt.setFontUnderline(True)
        ranges = []
        for link in links:
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = link.start, link.end - link.start, fmt
            ranges.append(r)
        layout.setFormats(ranges)
    height = widest = 0.0
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


def _x(line: QTextLine, cursor: int) -> float:
    at: tuple[float, int] = line.cursorToX(cursor)  # type: ignore[assignment]
    return float(at[0])


def link_at(layout: QTextLayout, links: tuple[Link, ...], pos: QPointF) -> str | None:
    """The link under `pos` (relative to the layout's origin), or None."""
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        if not line.rect().contains(pos) or pos.x() > line.naturalTextWidth():
            continue
        cursor = line.xToCursor(pos.x(), QTextLine.CursorPosition.CursorBetweenCharacters)
        # the character under the pointer is the one the cursor position falls before
        # or after: both ends of a link count
        for link in links:
            if link.start <= cursor <= link.end:
                left = _x(line, link.start) if link.start >= line.textStart() else 0.0
                end = min(link.end, line.textStart() + line.textLength())
                right = _x(line, end)
                if left <= pos.x() <= right:
                    return link.url
    return None


# ---- buttons and forms -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Box:
    """One button or form, placed from the parts' top left."""

    rect: QRect
    block: dict[str, Any]
    # a form's answers, laid out once (wrapped, as message text): (layout, height) per row
    answers: tuple[tuple[QTextLayout, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PartsLaid:
    boxes: tuple[Box, ...]
    width: int
    height: int


def _answer_text(value: Any) -> str:
    if isinstance(value, bool):
        return translate("MessageParts", "Yes") if value else translate("MessageParts", "No")
    return "" if value is None else str(value)


def _form_rows(block: dict[str, Any]) -> list[tuple[str, str]]:
    answers = block.get("answers") or {}
    return [
        (str(f.get("label") or f.get("key") or ""), _answer_text(answers.get(f.get("key"))))
        for f in block.get("fields") or []
    ]


def _answer_layout(font: QFont, answer: str, width: int) -> tuple[QTextLayout, int]:
    """A form answer wraps as message text does (a customer's long answer is read whole,
    never elided)."""
    layout, height, _widest = text_layout(answer or "—", font, width)
    return layout, max(QFontMetrics(font).height(), math.ceil(height))


def lay_out_parts(
    blocks: list[dict[str, Any]], base: QFont, small: QFont, max_width: int
) -> PartsLaid | None:
    fm, fs = QFontMetrics(base), QFontMetrics(small)
    boxes: list[Box] = []
    y = 0
    widest = 0
    for b in blocks:
        match b.get("type"):
            case "button":
                w = min(max_width, max(160, fm.horizontalAdvance(str(b.get("text"))) + 48))
                boxes.append(Box(QRect(0, y, w, BUTTON_H), b))
            case "form":
                rows = _form_rows(b)
                inner = max(
                    [fs.horizontalAdvance(_form_title(b))]
                    + [max(fs.horizontalAdvance(k), fm.horizontalAdvance(v)) for k, v in rows]
                )
                w = min(max_width, max(240, inner + 28))
                answers = tuple(_answer_layout(base, v, w - 28) for _k, v in rows)
                tall = sum(h for _layout, h in answers)
                h = 12 + fs.height() + 8 + len(rows) * (fs.height() + 8) + tall + 4
                boxes.append(Box(QRect(0, y, w, h), b, answers))
            case _:
                continue
        widest = max(widest, boxes[-1].rect.width())
        y = boxes[-1].rect.bottom() + 1 + PART_GAP
    if not boxes:
        return None
    return PartsLaid(tuple(boxes), widest, y - PART_GAP)


def _form_title(block: dict[str, Any]) -> str:
    if block.get("answers"):
        return "✓ " + translate("MessageParts", "Form answered")
    return translate("MessageParts", "Form · waiting for the answer")


def paint_parts(
    painter: QPainter, laid: PartsLaid, origin: QPoint, base: QFont, small: QFont
) -> None:
    fm, fs = QFontMetrics(base), QFontMetrics(small)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for box in laid.boxes:
        r = box.rect.translated(origin)
        b = box.block
        if b.get("type") == "button":
            color = QColor(str(b.get("color") or "#3d7bf7"))
            if not color.isValid():
                color = _c("accent")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(r), 8, 8)
            text = QColor("#ffffff") if color.lightnessF() < 0.62 else QColor("#1c2024")
            f = QFont(base)
            f.setBold(True)
            painter.setFont(f)
            painter.setPen(text)
            label = fm.elidedText(
                str(b.get("text") or ""), Qt.TextElideMode.ElideRight, r.width() - 36
            )
            painter.drawText(r.adjusted(12, 0, -24, 0), Qt.AlignmentFlag.AlignCenter, label)
            painter.drawText(
                r.adjusted(0, 0, -10, 0),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                "↗",
            )
            continue
        answered = bool(b.get("answers"))
        painter.setPen(QPen(_c("border_strong"), 1))
        painter.setBrush(_c("raised"))
        painter.drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        x, y = r.left() + 14, r.top() + 10
        painter.setFont(small)
        painter.setPen(_c("success") if answered else _c("muted"))
        painter.drawText(
            QRect(x, y, r.width() - 28, fs.height()), Qt.AlignmentFlag.AlignLeft, _form_title(b)
        )
        y += fs.height() + 8
        for (label, answer), (layout, tall) in zip(_form_rows(b), box.answers, strict=True):
            painter.setFont(small)
            painter.setPen(_c("muted"))
            painter.drawText(
                QRect(x, y, r.width() - 28, fs.height()),
                Qt.AlignmentFlag.AlignLeft,
                fs.elidedText(label, Qt.TextElideMode.ElideRight, r.width() - 28),
            )
            y += fs.height()
            painter.setFont(base)
            painter.setPen(_c("text") if answer else _c("faint"))
            layout.draw(painter, QPointF(x, y))
            y += tall + 8
    painter.restore()


def button_at(laid: PartsLaid, pos: QPoint) -> str | None:
    """The URL of the button under `pos` (relative to the parts' origin)."""
    for box in laid.boxes:
        if box.block.get("type") == "button" and box.rect.contains(pos):
            return str(box.block.get("url") or "") or None
    return None


# ---- lines of the conversation itself ------------------------------------------------------


def paint_day(painter: QPainter, rect: QRect, label: str, font: QFont) -> None:
    """The date between two days: a centred label between two hairlines."""
    fm = QFontMetrics(font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    w = fm.horizontalAdvance(label) + 24
    h = fm.height() + 6
    cy = rect.top() + DAY_H // 2
    pill = QRect(rect.center().x() - w // 2, cy - h // 2, w, h)
    painter.setPen(QPen(_c("border"), 1))
    painter.drawLine(rect.left() + 16, cy, pill.left() - 10, cy)
    painter.drawLine(pill.right() + 10, cy, rect.right() - 16, cy)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_c("bg_alt"))
    painter.drawRoundedRect(QRectF(pill), h / 2, h / 2)
    f = QFont(font)
    f.setBold(True)
    painter.setFont(f)
    painter.setPen(_c("muted"))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
    painter.restore()


def paint_event_pill(painter: QPainter, rect: QRectF) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(_c("border"), 1))
    painter.setBrush(_c("bg_alt"))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.restore()


def paint_receipt(
    painter: QPainter, right: int, top: int, receipt: str, name: str, key: str, font: QFont
) -> None:
    """C3 at a reply's bottom right: the customer's small avatar once read, a V once
    delivered to an external messenger, a small failed mark when it never was (U3)."""
    if receipt == "read":
        paint_avatar(painter, QRect(right - RECEIPT, top, RECEIPT, RECEIPT), name, key)
    elif receipt == "delivered":
        painter.save()
        painter.setFont(font)
        painter.setPen(_c("success"))
        painter.drawText(
            QRect(right - 60, top, 60, RECEIPT),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "✓ " + translate("MessageParts", "Delivered"),
        )
        painter.restore()
    elif receipt == "failed":
        painter.save()
        painter.setFont(font)
        painter.setPen(_c("danger"))
        painter.drawText(
            QRect(right - 160, top, 160, RECEIPT),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "! " + translate("MessageParts", "Not delivered"),
        )
        painter.restore()


def receipt_tip(receipt: str, reason: str = "") -> str:
    if receipt == "failed":
        return translate("MessageParts", "The messenger did not take this reply: {reason}").format(
            reason=reason
        )
    if receipt == "read":
        return translate("MessageParts", "Read by the customer")
    if receipt == "delivered":
        return translate("MessageParts", "Delivered to the messenger (its read state is unknown)")
    return ""
