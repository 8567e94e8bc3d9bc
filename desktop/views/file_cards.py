"""A message's files inside its bubble (SPEC M1, C2): images as thumbnails, other files
as cards with name, size and type; while a file is uploading, its bar and progress.
And the "Download all" button a hovered message with files shows.

Laid out once per width (the boxes are relative to the files area's top left), painted
from `FileStates` (thumbnails, progress) at paint time, so a progress tick repaints
without laying anything out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen

from desktop.i18n import translate
from desktop.models.file_states import FileStates
from desktop.models.files import (
    FileRef,
    Upload,
    UploadState,
    error_words,
    file_size,
    type_label,
)
from desktop.views import theme
from desktop.views.file_icons import paint_badge

ONE_IMAGE = QSize(240, 170)
TILE = 116
TILE_GAP = 6
CARD_H = 52
CARD_W = 270
CARD_GAP = 6


def _c(name: str) -> QColor:
    """A colour of the theme in force (light or dark), at paint time."""
    return theme.colors().color(name)


@dataclass(frozen=True, slots=True)
class FileBox:
    ref: FileRef
    rect: QRect  # relative to the files area's top left


@dataclass(frozen=True, slots=True)
class FilesLaid:
    boxes: tuple[FileBox, ...]
    width: int
    height: int


def lay_out_files(refs: list[FileRef], max_width: int) -> FilesLaid:
    """Images first (one big, or a grid of tiles), then a card per other file."""
    images = [r for r in refs if r.is_image]
    others = [r for r in refs if not r.is_image]
    boxes: list[FileBox] = []
    width = height = 0
    if len(images) == 1:
        size = ONE_IMAGE.scaled(
            QSize(min(ONE_IMAGE.width(), max_width), ONE_IMAGE.height()),
            Qt.AspectRatioMode.KeepAspectRatio,
        )
        boxes.append(FileBox(images[0], QRect(0, 0, size.width(), size.height())))
        width, height = size.width(), size.height()
    elif images:
        cols = max(1, min(3, (max_width + TILE_GAP) // (TILE + TILE_GAP)))
        for i, ref in enumerate(images):
            r, c = divmod(i, cols)
            boxes.append(
                FileBox(ref, QRect(c * (TILE + TILE_GAP), r * (TILE + TILE_GAP), TILE, TILE))
            )
        rows = (len(images) + cols - 1) // cols
        width = min(len(images), cols) * (TILE + TILE_GAP) - TILE_GAP
        height = rows * (TILE + TILE_GAP) - TILE_GAP
    card_w = min(CARD_W, max_width)
    for ref in others:
        top = height + (CARD_GAP if height else 0)
        boxes.append(FileBox(ref, QRect(0, top, card_w, CARD_H)))
        height = top + CARD_H
        width = max(width, card_w)
    return FilesLaid(tuple(boxes), width, height)


def download_all_rect(header: QRect, on_right: bool, fm: QFontMetrics) -> QRect:
    """Where "Download all" sits on a hovered message: on its header line, at the side
    away from the author's name."""
    text = download_all_text()
    w = fm.horizontalAdvance(text) + 20
    h = fm.height() + 6
    x = header.left() if on_right else header.right() - w
    return QRect(x, header.center().y() - h // 2, w, h)


def download_all_text() -> str:
    return "⬇ " + translate("MessageDelegate", "Download all")


def paint_download_all(painter: QPainter, rect: QRect, font: QFont) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(_c("border_strong"), 1))
    painter.setBrush(_c("raised"))
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
    f = QFont(font)
    f.setBold(True)
    painter.setFont(f)
    painter.setPen(_c("accent"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, download_all_text())
    painter.restore()


def paint_files(
    painter: QPainter,
    laid: FilesLaid,
    origin: QPoint,
    states: FileStates | None,
    base: QFont,
    small: QFont,
    *,
    uploading: bool,
) -> None:
    """Every file box at `origin` (the files area's top left)."""
    for box in laid.boxes:
        rect = box.rect.translated(origin)
        upload = states.upload(box.ref.file_id) if states is not None else None
        if upload is not None and not uploading and upload.state is UploadState.DONE:
            upload = None  # sent and confirmed: no progress to show
        if box.ref.is_image:
            _paint_image(painter, rect, box.ref, states, upload, small)
        else:
            _paint_card(painter, rect, box.ref, upload, base, small)


def _paint_image(
    painter: QPainter,
    rect: QRect,
    ref: FileRef,
    states: FileStates | None,
    upload: Upload | None,
    small: QFont,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    image = states.thumbnail(ref) if states is not None else None
    radius = 8.0
    clip = QRectF(rect)
    path = QPainterPath()
    path.addRoundedRect(clip, radius, radius)
    painter.setClipPath(path)
    painter.fillRect(rect, _c("chip"))
    if image is not None:
        scaled = image.size().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
        target = QRect(0, 0, scaled.width(), scaled.height())
        target.moveCenter(rect.center())
        painter.drawImage(target, image)
    elif states is not None and states.thumbnail_failed(ref.file_id):
        badge = rect.adjusted(rect.width() // 3, 14, -rect.width() // 3, -14)
        paint_badge(painter, badge, ref.content_type, ref.name)
    if upload is not None and upload.state is not UploadState.DONE:
        band = QRect(rect.left(), rect.bottom() - 22, rect.width(), 23)
        painter.fillRect(band, QColor(0, 0, 0, 140))
        painter.setFont(small)
        painter.setPen(QColor("#ffffff"))
        words = (
            error_words(upload.error)
            if upload.state is UploadState.FAILED
            else f"{round(upload.fraction * 100)}%"
        )
        painter.drawText(
            band.adjusted(6, 0, -6, -4),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            QFontMetrics(small).elidedText(words, Qt.TextElideMode.ElideRight, band.width() - 12),
        )
        _paint_bar(painter, QRect(rect.left(), rect.bottom() - 3, rect.width(), 4), upload)
    painter.restore()


def _paint_card(
    painter: QPainter,
    rect: QRect,
    ref: FileRef,
    upload: Upload | None,
    base: QFont,
    small: QFont,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(_c("border"), 1))
    painter.setBrush(_c("bg"))
    painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
    icon = QRect(rect.left() + 10, rect.top() + 8, 28, rect.height() - 16)
    paint_badge(painter, icon, ref.content_type, ref.name)
    text_left = icon.right() + 10
    text_w = rect.right() - 10 - text_left
    name_font = QFont(base)
    name_font.setBold(True)
    fm = QFontMetrics(name_font)
    painter.setFont(name_font)
    painter.setPen(_c("text"))
    painter.drawText(
        QRect(text_left, rect.top() + 7, text_w, fm.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        fm.elidedText(ref.name, Qt.TextElideMode.ElideMiddle, text_w),
    )
    fms = QFontMetrics(small)
    info_rect = QRect(text_left, rect.bottom() - 7 - fms.height(), text_w, fms.height())
    painter.setFont(small)
    if upload is not None and upload.state is not UploadState.DONE:
        failed = upload.state is UploadState.FAILED
        words = (
            error_words(upload.error)
            if failed
            else translate("MessageDelegate", "{percent}% of {size}").format(
                percent=round(upload.fraction * 100), size=file_size(ref.size)
            )
        )
        painter.setPen(_c("danger") if failed else _c("muted"))
        painter.drawText(
            info_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            fms.elidedText(words, Qt.TextElideMode.ElideRight, text_w),
        )
        if not failed:
            _paint_bar(painter, QRect(text_left, rect.bottom() - 6, text_w, 3), upload)
    else:
        painter.setPen(_c("muted"))
        painter.drawText(
            info_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{file_size(ref.size)} · {type_label(ref.content_type, ref.name)}",
        )
    painter.restore()


def _paint_bar(painter: QPainter, rect: QRect, upload: Upload) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_c("border"))
    painter.drawRoundedRect(QRectF(rect), 1.5, 1.5)
    done = QRectF(rect)
    done.setWidth(rect.width() * upload.fraction)
    painter.setBrush(_c("busy"))
    painter.drawRoundedRect(done, 1.5, 1.5)
