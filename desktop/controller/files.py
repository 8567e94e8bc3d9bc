"""Files between the window and the sync engine (SPEC M1, C2).

Dropped, picked or pasted files are checked here first (`file_check`: count, size,
folders, unreadable and vanished files), on the local disk only, before one byte is
sent: the refusals are said at once, naming each file and why, and only the accepted
ones go to the engine. The engine uploads them and keeps their rows in the cache; its
news (`ChangedIds.uploads`) and its progress ticks land in `FileStates`, which the tray
and the bubbles draw. Downloads (thumbnails, "Download all", open, save) go through the
engine too; the window never touches the network.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage

from desktop.i18n import translate
from desktop.models.file_states import FileStates
from desktop.models.files import FileRef, Refused, Upload, UploadState, refusal_text
from desktop.sync.file_check import check_files
from desktop.sync.paths import data_dir_from_env

if TYPE_CHECKING:
    import asyncio

    from desktop.sync.items import UploadItem
    from desktop.sync.tus import Progress

log = logging.getLogger(__name__)

THUMBNAIL_BOX = QSize(480, 360)  # decoded at twice the largest bubble thumbnail


class FilesEngine(Protocol):
    """What this controller needs of the sync engine (helper B's SyncEngine)."""

    async def attach_files(self, chat_id: str, message_id: str, files: Sequence[Any]) -> Any: ...
    async def cancel_upload(self, upload_id: str) -> None: ...
    async def retry_upload(self, upload_id: str) -> None: ...
    async def remove_upload(self, upload_id: str) -> None: ...
    async def file_path(self, file_id: str) -> Path: ...
    async def download_files(
        self,
        file_ids: Sequence[str],
        folder: Path,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> list[Path]: ...


def upload_of(item: UploadItem, progress: Progress | None = None) -> Upload:
    """The engine's row (and its in-memory progress) as the window draws it."""
    state = {
        "uploading": UploadState.UPLOADING,
        "done": UploadState.DONE,
        "failed": UploadState.FAILED,
        "cancelled": UploadState.CANCELLED,
    }.get(item.status, UploadState.WAITING)
    sent = item.offset
    speed, eta, retrying = 0.0, None, ""
    if progress is not None and state is UploadState.UPLOADING:
        sent, speed, eta, retrying = (
            progress.sent,
            progress.speed,
            progress.eta,
            progress.retrying or "",
        )
    if state is UploadState.UPLOADING and sent == 0 and progress is None:
        state = UploadState.WAITING
    return Upload(
        file_id=item.id,
        name=item.name,
        size=item.size,
        content_type=item.content_type,
        path=item.path,
        sent=sent,
        state=state,
        error=item.error_code or item.error or "",
        speed=speed,
        eta=eta,
        retrying=retrying,
        server_id=item.file_id,
    )


def pasted_image_path(folder: Path, now: datetime | None = None) -> Path:
    """Where a pasted image is kept until it is sent: a readable, unique name."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d %H-%M-%S")
    path = folder / f"{translate('Files', 'Pasted image')} {stamp}.png"
    n = 2
    while path.exists():
        path = folder / f"{translate('Files', 'Pasted image')} {stamp} ({n}).png"
        n += 1
    return path


class FilesController(QObject):
    refused = Signal(str)  # a sentence naming the refused files and why
    problem = Signal(str)
    fileReady = Signal(object, str)  # FileRef, local path (to view or open)
    downloadProgress = Signal(int, int)  # bytes done, total
    downloadDone = Signal(int, str)  # files saved, folder
    downloadFailed = Signal(str)

    def __init__(
        self,
        states: FileStates,
        *,
        pasted_folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.states = states
        self.pasted_folder = pasted_folder or data_dir_from_env() / "pasted"
        self._engine: FilesEngine | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        states.thumbnailWanted.connect(self.fetch_thumbnail)

    def attach_engine(self, engine: FilesEngine | None) -> None:
        self._engine = engine
        if engine is not None:
            self.states.ask_again()

    # ---- attaching -----------------------------------------------------------------------

    def attach(self, chat_id: str, paths: Sequence[str]) -> list[str]:
        """Check the files (no network, no byte sent), say every refusal at once, and
        hand the accepted ones to the engine. Returns the accepted files' names."""
        already = len(self.states.attachments(chat_id))
        check = check_files([Path(p) for p in paths], already=already)
        if check.refused:
            self.refused.emit(
                refusal_text([Refused(r.name, r.reason, r.size or 0) for r in check.refused])
            )
        if not check.accepted:
            return []
        engine = self._engine
        if engine is None:
            self.problem.emit(
                translate("Files", "Not connected yet: attach the files again in a moment.")
            )
            return []
        message_id = self.states.message_id(chat_id)
        self._spawn(
            engine.attach_files(chat_id, message_id, check.accepted),
            translate("Files", "The files could not be attached"),
        )
        return [f.name for f in check.accepted]

    def paste_image(self, chat_id: str, image: QImage) -> Path | None:
        """A pasted image becomes a PNG in the app's data folder, then is attached like a
        dropped file."""
        try:
            self.pasted_folder.mkdir(parents=True, exist_ok=True)
            path = pasted_image_path(self.pasted_folder)
            if not image.save(str(path), "PNG"):
                raise OSError(translate("Files", "the image could not be written"))
        except OSError as exc:
            self.problem.emit(
                translate("Files", "The pasted image could not be attached: {reason}").format(
                    reason=exc
                )
            )
            return None
        self.attach(chat_id, [str(path)])
        return path

    def cancel(self, upload_id: str) -> None:
        if (engine := self._need()) is not None:
            self._spawn(engine.cancel_upload(upload_id))

    def retry(self, upload_id: str) -> None:
        if (engine := self._need()) is not None:
            self._spawn(engine.retry_upload(upload_id))

    def remove(self, upload_id: str) -> None:
        engine = self._engine
        self.states.detach(upload_id)  # off the tray at once; the engine forgets it too
        if engine is not None:
            self._spawn(engine.remove_upload(upload_id))

    # ---- the engine's news --------------------------------------------------------------

    def show_uploads(
        self, chat_id: str, items: Sequence[UploadItem], progress: dict[str, Progress]
    ) -> None:
        """The chat's composer files as the cache holds them now (after the engine's
        news): the tray shows exactly these."""
        uploads = [upload_of(i, progress.get(i.id)) for i in items]
        if items:
            self.states.use_message_id(chat_id, items[0].message_id)
        self.states.replace_attachments(chat_id, uploads)

    def on_progress(self, upload_id: str, progress: Progress) -> None:
        """One file's progress tick (the engine throttles them to ~10/s): memory only."""
        u = self.states.upload(upload_id)
        if u is None or u.state in (UploadState.DONE, UploadState.FAILED, UploadState.CANCELLED):
            return
        self.states.update(
            replace(
                u,
                sent=progress.sent,
                state=UploadState.UPLOADING,
                speed=progress.speed,
                eta=progress.eta,
                retrying=progress.retrying or "",
            )
        )

    # ---- downloads ------------------------------------------------------------------------

    def fetch_thumbnail(self, ref: FileRef) -> None:
        """A message's image, fetched through the engine (cached on disk there), decoded
        small for the bubble."""
        engine = self._engine
        if engine is None:
            return  # stays asked: `attach_engine` asks again

        async def fetch() -> None:
            import asyncio

            from desktop.views.file_icons import read_thumbnail

            try:
                path = await engine.file_path(ref.file_id)
                image = await asyncio.to_thread(read_thumbnail, str(path), THUMBNAIL_BOX, ref.size)
            except Exception as exc:
                log.info("no thumbnail for %s: %s", ref.file_id, exc)
                image = None
            self.states.set_thumbnail(ref.file_id, image)

        self._spawn(fetch())

    def fetch(self, ref: FileRef) -> None:
        """Fetch one file to the disk (to view or open it): `fileReady` when it is."""
        if (engine := self._need()) is None:
            return

        async def go() -> None:
            path = await engine.file_path(ref.file_id)
            self.fileReady.emit(ref, str(path))

        self._spawn(go(), translate("Files", "The file could not be downloaded"))

    def open_file(self, ref: FileRef) -> None:
        """Fetch it, then open it with the system's app for its type."""
        if (engine := self._need()) is None:
            return

        async def go() -> None:
            path = await engine.file_path(ref.file_id)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self._spawn(go(), translate("Files", "The file could not be opened"))

    def save_file(self, ref: FileRef, target: str) -> None:
        if (engine := self._need()) is None:
            return

        async def go() -> None:
            import asyncio
            import shutil

            path = await engine.file_path(ref.file_id)
            await asyncio.to_thread(shutil.copyfile, path, target)
            self.downloadDone.emit(1, os.path.dirname(target))

        self._spawn(go(), translate("Files", "The file could not be saved"))

    def download_all(self, refs: Sequence[FileRef], folder: str) -> None:
        """C2: every file of a message into the folder the agent picked, with progress."""
        engine = self._engine
        if engine is None:
            self.downloadFailed.emit(translate("Files", "not connected"))
            return
        total = sum(r.size for r in refs)

        def tick(done: int, _total: int) -> None:
            self.downloadProgress.emit(done, total)

        async def go() -> None:
            try:
                saved = await engine.download_files([r.file_id for r in refs], Path(folder), tick)
            except Exception as exc:
                log.info("download all failed: %s", exc)
                self.downloadFailed.emit(str(exc) or type(exc).__name__)
                return
            self.downloadDone.emit(len(saved), folder)

        self._spawn(go())

    # ---- inside ----------------------------------------------------------------------------

    def _need(self) -> FilesEngine | None:
        if self._engine is None:
            self.problem.emit(translate("Controller", "Not connected yet: try again in a moment."))
        return self._engine

    def _spawn(self, coro: Coroutine[Any, Any, Any], failure: str | None = None) -> None:
        import asyncio

        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if t.cancelled():
                return
            exc = t.exception()
            if exc is not None:
                log.error("a files action failed", exc_info=exc)
                text = failure or translate("Controller", "That did not work")
                self.problem.emit(f"{text}: {exc}")

        task.add_done_callback(done)

    async def settle(self) -> None:
        import asyncio

        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
