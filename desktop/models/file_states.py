"""What the window knows about files right now (SPEC M1): each chat's attachments for
the message being written, every upload's progress, and the thumbnails fetched.

The controller writes here (from the engine's callbacks); the tray and the message
bubbles read here and repaint on its signals. Reads are memory only: a progress tick
never touches the disk.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from desktop.models.files import FileRef, Upload

THUMBNAILS_KEPT = 300  # decoded thumbnails kept in memory (the engine caches files on disk)


class FileStates(QObject):
    uploadChanged = Signal(object)  # Upload: one file's progress or state
    attachmentsChanged = Signal(str)  # chat id: the set of files on its message changed
    thumbnailReady = Signal(str)  # file id
    thumbnailWanted = Signal(object)  # FileRef: not fetched yet, please do

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._uploads: dict[str, Upload] = {}
        self._by_server_id: dict[str, str] = {}  # server file id -> upload id
        self._chat_of: dict[str, str] = {}  # file id -> chat id
        self._draft_files: dict[str, list[str]] = {}  # chat id -> file ids, in order
        self._draft_message: dict[str, str] = {}  # chat id -> the next message's id
        self._thumbs: OrderedDict[str, QImage] = OrderedDict()
        self._asked: set[str] = set()
        self._no_thumb: set[str] = set()

    # ---- the message being written -------------------------------------------------------

    def message_id(self, chat_id: str) -> str:
        """The id of the chat's next message: its uploads name it (so the server counts
        its files), and the message is sent with it."""
        mid = self._draft_message.get(chat_id)
        if mid is None:
            mid = self._draft_message[chat_id] = str(uuid.uuid4())
        return mid

    def attachments(self, chat_id: str) -> list[Upload]:
        return [self._uploads[f] for f in self._draft_files.get(chat_id, ()) if f in self._uploads]

    def use_message_id(self, chat_id: str, message_id: str) -> None:
        """The engine's files of this chat's next message name this id (after a restart)."""
        self._draft_message[chat_id] = message_id

    def replace_attachments(self, chat_id: str, uploads: list[Upload]) -> None:
        """Exactly these files are on the chat's next message now (the cache says so)."""
        for f in self._draft_files.get(chat_id, ()):
            if f not in {u.file_id for u in uploads}:
                self._chat_of.pop(f, None)
        self._draft_files[chat_id] = []
        self.attach(chat_id, uploads)

    def attach(self, chat_id: str, uploads: list[Upload]) -> None:
        ids = self._draft_files.setdefault(chat_id, [])
        for u in uploads:
            self._remember(u)
            self._chat_of[u.file_id] = chat_id
            if u.file_id not in ids:
                ids.append(u.file_id)
        self.attachmentsChanged.emit(chat_id)

    def detach(self, file_id: str) -> None:
        """The file is off the message being written (removed, or cancelled and removed)."""
        chat_id = self._chat_of.pop(file_id, None)
        self._uploads.pop(file_id, None)
        if chat_id is not None and file_id in self._draft_files.get(chat_id, ()):
            self._draft_files[chat_id].remove(file_id)
            self.attachmentsChanged.emit(chat_id)

    def sent(self, chat_id: str, message_id: str) -> None:
        """The message with these files is stored (it waits for them, then goes out):
        the tray empties and the chat's next message gets a new id. The uploads stay
        known: the pending bubble shows their progress."""
        if self._draft_message.get(chat_id) == message_id:
            del self._draft_message[chat_id]
        for f in self._draft_files.pop(chat_id, []):
            self._chat_of.pop(f, None)
        self.attachmentsChanged.emit(chat_id)

    # ---- progress ---------------------------------------------------------------------------

    def upload(self, file_id: str) -> Upload | None:
        """By the upload's id, or by the server's file id (a message's files block)."""
        found = self._uploads.get(file_id)
        if found is None and file_id in self._by_server_id:
            found = self._uploads.get(self._by_server_id[file_id])
        return found

    def update(self, u: Upload) -> None:
        """A progress tick or a new state for a file."""
        if self._uploads.get(u.file_id) == u:
            return
        self._remember(u)
        self.uploadChanged.emit(u)

    def _remember(self, u: Upload) -> None:
        self._uploads[u.file_id] = u
        if u.server_id:
            self._by_server_id[u.server_id] = u.file_id

    def known(self, file_id: str) -> bool:
        return file_id in self._uploads

    # ---- thumbnails -------------------------------------------------------------------------

    def thumbnail(self, ref: FileRef) -> QImage | None:
        """The image's thumbnail if fetched; else asks for it once and answers None."""
        image = self._thumbs.get(ref.file_id)
        if image is not None:
            self._thumbs.move_to_end(ref.file_id)
            return image
        if ref.file_id not in self._asked and ref.file_id not in self._no_thumb:
            self._asked.add(ref.file_id)
            self.thumbnailWanted.emit(ref)
        return None

    def set_thumbnail(self, file_id: str, image: QImage | None) -> None:
        """The fetched thumbnail (None: it could not be made; a badge is drawn instead)."""
        self._asked.discard(file_id)
        if image is None or image.isNull():
            self._no_thumb.add(file_id)
        else:
            self._thumbs[file_id] = image
            while len(self._thumbs) > THUMBNAILS_KEPT:
                self._thumbs.popitem(last=False)
        self.thumbnailReady.emit(file_id)

    def ask_again(self) -> None:
        """Thumbnails asked for while they could not be fetched (no session yet) are
        asked for again at the next paint."""
        self._asked.clear()
        self.thumbnailReady.emit("")

    def thumbnail_failed(self, file_id: str) -> bool:
        return file_id in self._no_thumb
