"""The attachment tray above the composer (SPEC M1): one row per attached file with its
picture, name, size, a progress bar with speed and time left, and cancel / retry /
remove. It only shows `Upload` values and says what the agent clicked; the controller
does the uploading.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.files import Upload, UploadState, file_size, progress_words
from desktop.views.file_icons import badge_pixmap, read_thumbnail, square_thumbnail
from protocol.limits import MAX_FILES_PER_MESSAGE

ICON = 40
ROW_H = 56
VISIBLE_ROWS = 3  # more scroll inside the tray: the conversation keeps its room


class AttachmentRow(QFrame):
    cancelClicked = Signal(str)
    retryClicked = Signal(str)
    removeClicked = Signal(str)

    def __init__(self, upload: Upload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentRow")
        self.setFixedHeight(ROW_H)
        self.file_id = upload.file_id
        self._upload: Upload | None = None
        self._thumbnail_for = ""
        self.icon = QLabel(self)
        self.icon.setFixedSize(ICON, ICON)
        self.name = QLabel(self)
        self.name.setObjectName("attachmentName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.size_label = QLabel(self)
        self.size_label.setObjectName("attachmentInfo")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(4)
        self.info = QLabel(self)
        self.info.setObjectName("attachmentInfo")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.cancel_button = self._button(
            "✕", translate("Attachments", "Cancel this upload"), "cancelButton"
        )
        self.retry_button = self._button(
            translate("Attachments", "Retry"),
            translate("Attachments", "Upload this file again"),
            "retryButton",
        )
        self.remove_button = self._button(
            translate("Attachments", "Remove"),
            translate("Attachments", "Take this file off the message"),
            "removeButton",
        )
        self.cancel_button.clicked.connect(lambda: self.cancelClicked.emit(self.file_id))
        self.retry_button.clicked.connect(lambda: self.retryClicked.emit(self.file_id))
        self.remove_button.clicked.connect(lambda: self.removeClicked.emit(self.file_id))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(6)
        top.addWidget(self.name, 1)
        top.addWidget(self.size_label)
        col = QVBoxLayout()
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(3)
        col.addLayout(top)
        col.addWidget(self.bar)
        col.addWidget(self.info)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 6, 6)
        row.setSpacing(10)
        row.addWidget(self.icon)
        row.addLayout(col, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.remove_button)
        self.show_upload(upload)

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        b = QToolButton(self)
        b.setObjectName(name)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setCursor(Qt.CursorShape.PointingHandCursor)
        return b

    @property
    def upload(self) -> Upload | None:
        return self._upload

    def show_upload(self, u: Upload) -> None:
        if u == self._upload:
            return
        self._upload = u
        self.name.setText(u.name)
        self.name.setToolTip(u.name)
        self.size_label.setText(file_size(u.size))
        self.bar.setValue(round(u.fraction * 1000))
        failed = u.state in (UploadState.FAILED, UploadState.CANCELLED)
        self.info.setText(progress_words(u))
        self.info.setToolTip(self.info.text())
        for w, prop, on in (
            (self, "failed", u.state is UploadState.FAILED),
            (self.info, "failed", u.state is UploadState.FAILED),
            (self.bar, "done", u.state is UploadState.DONE),
        ):
            if w.property(prop) != on:
                w.setProperty(prop, on)
                w.style().unpolish(w)
                w.style().polish(w)
        self.bar.setVisible(
            u.state in (UploadState.UPLOADING, UploadState.WAITING, UploadState.DONE)
        )
        running = u.state in (UploadState.UPLOADING, UploadState.WAITING)
        self.cancel_button.setVisible(running)
        self.retry_button.setVisible(failed)
        self.remove_button.setVisible(not running)
        if self._thumbnail_for != (u.path or u.name):
            self._thumbnail_for = u.path or u.name
            self._set_icon(u)

    def _set_icon(self, u: Upload) -> None:
        image = read_thumbnail(u.path, QSize(ICON * 3, ICON * 3), u.size) if u.is_image else None
        if image is not None:
            self.icon.setPixmap(square_thumbnail(image, ICON))
            self.icon.setProperty("thumbnail", True)
        else:
            self.icon.setPixmap(badge_pixmap(QSize(ICON - 6, ICON), u.content_type, u.name))
            self.icon.setProperty("thumbnail", False)


class AttachmentTray(QFrame):
    """The files attached to the message being written. Hidden while there are none."""

    cancelRequested = Signal(str)
    retryRequested = Signal(str)
    removeRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentTray")
        self.rows: dict[str, AttachmentRow] = {}
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("attachmentTitle")  # its look: resources/style/sangdam.qss
        self._list = QWidget(self)
        self._list.setObjectName("attachmentList")
        self._col = QVBoxLayout(self._list)
        self._col.setContentsMargins(0, 0, 0, 0)
        self._col.setSpacing(4)
        self._col.addStretch(1)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(self._list)
        self.area.setObjectName("attachmentArea")
        self.area.viewport().setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.area)
        self.setVisible(False)

    def set_uploads(self, uploads: Sequence[Upload]) -> None:
        """Show exactly these files, in this order (rows kept, so a bar moves smoothly)."""
        wanted = {u.file_id for u in uploads}
        for file_id in [f for f in self.rows if f not in wanted]:
            row = self.rows.pop(file_id)
            self._col.removeWidget(row)
            row.deleteLater()
        for i, u in enumerate(uploads):
            found = self.rows.get(u.file_id)
            if found is None:
                row = AttachmentRow(u, self._list)
                row.cancelClicked.connect(self.cancelRequested)
                row.retryClicked.connect(self.retryRequested)
                row.removeClicked.connect(self.removeRequested)
                self.rows[u.file_id] = row
                self._col.insertWidget(i, row)
            else:
                row = found
                row.show_upload(u)
                if self._col.indexOf(row) != i:
                    self._col.removeWidget(row)
                    self._col.insertWidget(i, row)
        self.area.setFixedHeight(min(len(uploads), VISIBLE_ROWS) * (ROW_H + 4))
        total = sum(u.size for u in uploads)
        self.title.setText(
            translate("Attachments", "Attached: {n} of {max} files · {size}").format(
                n=len(uploads), max=MAX_FILES_PER_MESSAGE, size=file_size(total)
            )
        )
        self.setVisible(bool(uploads))

    def update_upload(self, u: Upload) -> None:
        """A progress tick for one file (cheap: only that row changes)."""
        row = self.rows.get(u.file_id)
        if row is not None:
            row.show_upload(u)

    def uploads(self) -> list[Upload]:
        out: list[Upload] = []
        for i in range(self._col.count()):
            item = self._col.itemAt(i)
            w = item.widget() if item is not None else None
            if isinstance(w, AttachmentRow) and w.upload is not None:
                out.append(w.upload)
        return out
