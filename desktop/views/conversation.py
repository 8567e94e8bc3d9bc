"""The conversation pane: the chat's header, its messages, the attachment tray and the
composer.

Files (SPEC M1, C2): the pane is the drop target for the whole conversation, composer
included: a drag carrying local files shows the drop zone over it and a drop attaches
them (`attachRequested`); the controller checks and uploads them, `FileStates` says how
they are doing and the tray shows it. Clicking a file in a message opens an image in
the viewer, or offers to open or save another file; "Download all" asks for a folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCursor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import translate
from desktop.models.directory import Directory
from desktop.models.file_states import FileStates
from desktop.models.files import FileRef, Upload, UploadState
from desktop.models.messages import MessageListModel
from desktop.sync.items import ChatItem
from desktop.views.attachments import AttachmentTray
from desktop.views.buttons import header_button
from desktop.views.chat_header import ChatHeader, medium_label
from desktop.views.composer import Composer
from desktop.views.downloads import DownloadStrip
from desktop.views.drop_zone import DropOverlay, local_paths
from desktop.views.image_viewer import ImageViewer
from desktop.views.lists import MessageView
from desktop.views.message_delegate import READABLE, SIDE
from desktop.views.panel.side_panel import PANEL_WIDTH, SidePanel

PANEL_WINDOW = 1300  # the details panel shows beside the chat from this window width
PANEL_PANE = 640  # and while the conversation pane is at least this wide


class ConversationPane(QWidget):
    sendRequested = Signal(str, str, bool)  # chat id, text, is note
    starRequested = Signal(str, bool)
    stateRequested = Signal(str, str)  # chat id, new state
    attachRequested = Signal(str, list)  # chat id, local paths (dropped, picked, pasted)
    imagePasted = Signal(str, QImage)  # chat id, the clipboard's image
    cancelUploadRequested = Signal(str)  # file id
    retryUploadRequested = Signal(str)
    removeUploadRequested = Signal(str)
    downloadAllRequested = Signal(object, str)  # tuple[FileRef, ...], folder
    viewImageRequested = Signal(object)  # FileRef: fetch it, then `show_image`
    openFileRequested = Signal(object)  # FileRef: fetch it and open it with its app
    openFolderRequested = Signal(str)

    def __init__(
        self,
        model: MessageListModel,
        directory: Directory,
        parent: QWidget | None = None,
        files: FileStates | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversation")
        self.setAcceptDrops(True)
        self.files = files or FileStates(self)
        self.viewer: ImageViewer | None = None
        self.file_menu: QMenu | None = None
        self._directory = directory
        self._model = model
        self._chat: ChatItem | None = None

        self.header = ChatHeader(directory, self)  # desktop/views/chat_header.py
        self.header.starRequested.connect(self.starRequested)
        self.header.stateRequested.connect(self.stateRequested)
        self.avatar, self.title, self.info = self.header.avatar, self.header.title, self.header.info
        self.star_button, self.state_button = self.header.star_button, self.header.state_button
        header = self.header
        self.panel_button = header_button(  # the details panel beside the conversation
            self,
            "dock-right",
            translate("Conversation", "Details"),
            checkable=True,
            name="panelButton",
        )
        self.panel_button.setChecked(True)
        self.panel_button.toggled.connect(self._panel_wanted)
        row = self.header.row
        row.addWidget(self.panel_button)
        self.header_row = row  # more header buttons (the triage menu) go at its end

        self.view = MessageView(model, self)
        directory.changed.connect(self._names_changed)
        self.view.delegate.files = self.files
        self.composer = Composer(self)
        self.composer.sendRequested.connect(self._send)
        self.composer.filesChosen.connect(self._attach)
        self.composer.imagePasted.connect(self._pasted)
        self.tray = AttachmentTray(self)
        self.tray.cancelRequested.connect(self.cancelUploadRequested)
        self.tray.retryRequested.connect(self.retryUploadRequested)
        self.tray.removeRequested.connect(self.removeUploadRequested)
        self.downloads = DownloadStrip(self)
        self.downloads.openFolderRequested.connect(self.openFolderRequested)
        self.view.fileClicked.connect(self.file_clicked)
        self.view.downloadAllClicked.connect(lambda _mid, refs: self.download_all(refs))
        self.files.attachmentsChanged.connect(self._attachments_changed)
        self.files.uploadChanged.connect(self._upload_changed)
        self.files.thumbnailReady.connect(lambda _fid: self.view.viewport().update())

        self.panel = SidePanel(directory, self)  # P1-P8 (desktop/views/panel)
        self._panel_on = True  # the agent's choice (the header's button) in a wide window
        self._narrow_on = False  # and in a narrow one, where it only shows when asked
        main = QWidget(self)
        col = QVBoxLayout(main)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(header)
        col.addWidget(self.view, 1)
        col.addWidget(self.downloads)
        col.addWidget(self.tray)
        # the composer lines up with the column of bubbles (centred, at most that wide)
        self.composer.setMaximumWidth(READABLE + 2 * SIDE)
        centred = QHBoxLayout()
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addStretch(1)
        centred.addWidget(self.composer, 1000)
        centred.addStretch(1)
        col.addLayout(centred)
        chat = QSplitter(Qt.Orientation.Horizontal, self)  # the panel's width: dragged
        chat.setObjectName("panelSplitter")
        chat.setChildrenCollapsible(False)
        chat.setHandleWidth(1)
        chat.addWidget(main)
        chat.addWidget(self.panel)
        chat.setStretchFactor(0, 1)
        chat.setStretchFactor(1, 0)
        chat.setSizes([10_000, PANEL_WIDTH])
        self.splitter = chat

        self.empty = QLabel(translate("Conversation", "Choose a chat from the list"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("conversationEmpty")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(chat)
        self.setMinimumWidth(360)
        self.drop_zone = DropOverlay(self)
        self._fit_panel()

    @property
    def chat(self) -> ChatItem | None:
        return self._chat

    def set_chat(self, item: ChatItem | None) -> None:
        opened = item is not None and (self._chat is None or self._chat.id != item.id)
        self._chat = item
        if item is None:
            self._model.set_chat(None)
            self.composer.set_chat(None)
            self._stack.setCurrentIndex(0)
            return
        self._stack.setCurrentIndex(1)
        self.show_header(item)
        if opened:
            self.view.delegate.customer_key = str(item.chat.get("customer_id") or item.id)
            self._model.set_chat(item.id, item.customer_name)
            self.composer.set_chat(item.id)
            self._attachments_changed(item.id)

    def show_header(self, item: ChatItem) -> None:
        """The chat's row changed (or was opened): name, medium, assignee, state."""
        if self._chat is not None and item.id != self._chat.id:
            return
        self._chat = item
        chat = item.chat
        self.header.show_chat(item)
        self.panel.show_chat(item, medium_label(str(chat.get("medium") or "")))

    # ---- the details panel -------------------------------------------------------------

    def panel_fits(self) -> bool:
        """Room for the panel beside a readable conversation: a wide window, a wide pane."""
        return self.window().width() >= PANEL_WINDOW and self.width() >= PANEL_PANE

    def _panel_wanted(self, on: bool) -> None:
        if self.panel_fits():
            self._panel_on = on
        else:
            self._narrow_on = on
        self._fit_panel()

    def _fit_panel(self) -> None:
        """Show the panel when it is wanted: by default in a wide window, and in a narrow
        one (a laptop's screen) when the agent asks, the chat then narrower. Only the
        panel's visibility changes here (the pane's own size does not depend on it), so
        resizing cannot loop."""
        fits = self.panel_fits()
        show = self._panel_on if fits else self._narrow_on
        if self.panel.isHidden() == show:  # not isVisibleTo: the chat page may be hidden
            self.panel.setVisible(show)
        if self.panel_button.isChecked() != show:
            blocked = self.panel_button.blockSignals(True)
            self.panel_button.setChecked(show)
            self.panel_button.blockSignals(blocked)
        self.panel_button.setToolTip(
            translate("Conversation", "Hide the details")
            if show
            else translate("Conversation", "Show the details")
        )

    def _names_changed(self) -> None:
        self.view.delegate.clear_cache()
        self.view.viewport().update()

    def _send(self, text: str, note: bool) -> None:
        if self._chat is not None:
            self.sendRequested.emit(self._chat.id, text, note)

    # ---- files: drops, the tray, clicks on files (SPEC M1, C2) ------------------------------

    def _can_attach(self) -> bool:
        return self._chat is not None and self.composer.isEnabled()

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        paths = local_paths(e.mimeData())
        if not paths or not self._can_attach():
            e.ignore()
            return
        e.setDropAction(Qt.DropAction.CopyAction)
        e.accept()
        self.drop_zone.show_over(len(paths))

    def dragMoveEvent(self, e: QDragMoveEvent) -> None:
        if local_paths(e.mimeData()) and self._can_attach():
            e.setDropAction(Qt.DropAction.CopyAction)
            e.accept()
        else:
            e.ignore()

    def dragLeaveEvent(self, e: QDragLeaveEvent) -> None:
        self.drop_zone.hide()
        e.accept()

    def dropEvent(self, e: QDropEvent) -> None:
        self.drop_zone.hide()
        paths = local_paths(e.mimeData())
        if not paths or not self._can_attach():
            e.ignore()
            return
        e.setDropAction(Qt.DropAction.CopyAction)
        e.accept()
        self._attach(paths)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._fit_panel()
        if self.drop_zone.isVisible():
            self.drop_zone.setGeometry(self.rect())

    def _attach(self, paths: list[str]) -> None:
        if self._chat is not None and paths:
            self.attachRequested.emit(self._chat.id, list(paths))

    def _pasted(self, image: QImage) -> None:
        if self._chat is not None:
            self.imagePasted.emit(self._chat.id, image)

    def _attachments_changed(self, chat_id: str) -> None:
        if self._chat is None or chat_id != self._chat.id:
            return
        uploads = self.files.attachments(chat_id)
        self.tray.set_uploads(uploads)
        self.composer.set_file_count(len(uploads))

    def _upload_changed(self, u: Upload) -> None:
        self.tray.update_upload(u)
        self.view.viewport().update()  # a pending message's file bar

    def file_clicked(self, ref: FileRef) -> None:
        """An image opens in the viewer (once fetched); another file offers Open and
        Save as…"""
        upload = self.files.upload(ref.file_id)
        if upload is not None and upload.state is not UploadState.DONE:
            self._upload_menu(upload)
            return
        if ref.is_image:
            self.viewImageRequested.emit(ref)
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        menu.addAction(translate("Conversation", "Open"), lambda: self.openFileRequested.emit(ref))
        menu.addAction(translate("Conversation", "Save to folder…"), lambda: self.ask_save(ref))
        self.file_menu = menu
        menu.popup(QCursor.pos())

    def _upload_menu(self, u: Upload) -> None:
        """A file of a message waiting for it: cancel it while it goes up; retry or
        remove it once it failed (SPEC M1)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if u.state in (UploadState.UPLOADING, UploadState.WAITING):
            menu.addAction(
                translate("Conversation", "Cancel the upload"),
                lambda: self.cancelUploadRequested.emit(u.file_id),
            )
        else:
            menu.addAction(
                translate("Conversation", "Retry the upload"),
                lambda: self.retryUploadRequested.emit(u.file_id),
            )
            menu.addAction(
                translate("Conversation", "Remove it from the message"),
                lambda: self.removeUploadRequested.emit(u.file_id),
            )
        self.file_menu = menu
        menu.popup(QCursor.pos())

    def ask_save(self, ref: FileRef) -> None:
        """Save one file into a folder the agent picks (with progress, as Download all)."""
        self.download_all((ref,))

    def download_all(self, refs: tuple[FileRef, ...]) -> None:
        """C2: ask for a folder, then download every file of the message into it."""
        if not refs:
            return
        title = (
            translate("Conversation", "Download all files to…")
            if len(refs) > 1
            else translate("Conversation", "Save the file to…")
        )
        folder = QFileDialog.getExistingDirectory(self, title, str(Path.home()))
        if not folder:
            return
        self.downloads.started(len(refs), sum(r.size for r in refs), folder)
        self.downloadAllRequested.emit(tuple(refs), folder)

    def show_image(self, ref: FileRef, path: str) -> None:
        """The image is on the disk now: show it in the viewer."""
        image = QImage(path)
        if image.isNull():
            self.openFileRequested.emit(ref)  # not an image Qt reads: let its app open it
            return
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = ImageViewer(ref, image, self)
        self.viewer.saveRequested.connect(self.ask_save)
        self.viewer.destroyed.connect(lambda *_: setattr(self, "viewer", None))
        self.viewer.show()
