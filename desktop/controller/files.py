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
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage

from desktop.i18n import translate
from desktop.models.file_states import FileStates
from desktop.models.files import FileRef, Refused, Upload, UploadState, refusal_text
from desktop.sync.changed import ChangedIds
from desktop.sync.file_check import check_files
from desktop.sync.paths import data_dir_from_env

if TYPE_CHECKING:
    import asyncio

    from desktop.sync.file_check import LocalFile
    from desktop.sync.items import UploadItem
    from desktop.sync.reads import CacheReader
    from desktop.sync.tus import Progress

log = logging.getLogger(__name__)

THUMBNAIL_BOX = QSize(480, 360)  # decoded at twice the largest bubble thumbnail


class FilesEngine(Protocol):
    """What this controller needs of the sync engine (SyncEngine has it)."""

    async def attach_files(
        self, chat_id: str, files: Sequence[LocalFile], *, message_id: str | None = None
    ) -> Any: ...
    def watch_uploads(self, listener: Callable[[str, Progress], None]) -> Callable[[], None]: ...
    def upload_progress(self, upload_id: str) -> Progress | None: ...
    async def cancel_upload(self, upload_id: str) -> None: ...
    async def retry_upload(self, upload_id: str) -> Any: ...
    async def remove_upload(self, upload_id: str) -> None: ...
    def cached_file(self, file_id: str) -> Path | None: ...
    async def fetch_file(self, file_id: str, *, name: str | None = None) -> Path: ...
    async def download_files(
        self,
        files: Sequence[str | Mapping[str, Any]],
        folder: Path,
        on_progress: Callable[[Progress], None] | None = None,
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
    base = translate("Files", "Pasted image {time}").format(time=stamp)
    path = folder / f"{base}.png"
    n = 2
    while path.exists():
        path = folder / f"{base} ({n}).png"
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
        reader: CacheReader,
        *,
        pasted_folder: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.states = states
        self._reader = reader  # the GUI thread's fast reads of the uploads rows
        self.pasted_folder = pasted_folder or data_dir_from_env() / "pasted"
        self._engine: FilesEngine | None = None
        self._unwatch: Callable[[], None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self.open_chat_id: str | None = None
        states.thumbnailWanted.connect(self.fetch_thumbnail)

    def attach_engine(self, engine: FilesEngine | None) -> None:
        """A session started (or ended: None): hear its progress, show its files."""
        if self._unwatch is not None:
            self._unwatch()
            self._unwatch = None
        self._engine = engine
        if engine is not None:
            self._unwatch = engine.watch_uploads(self.on_progress)
            self.states.ask_again()
            if self.open_chat_id is not None:
                self.show_chat(self.open_chat_id)

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
            engine.attach_files(chat_id, check.accepted, message_id=message_id),
            translate("Files", "The files could not be attached"),
        )
        return [f.name for f in check.accepted]

    def paste_image(self, chat_id: str, image: QImage) -> Path | None:
        """A pasted image becomes a PNG in the app's data folder, then is attached like a
        dropped file."""
        try:
            self.pasted_folder.mkdir(parents=True, exist_ok=True)
            path = pasted_image_path(self.pasted_folder)
            if not image.save(str(path)):
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

    def show_chat(self, chat_id: str) -> None:
        """A chat opened: its composer's files as the cache holds them (they survive a
        restart, like the draft)."""
        self.open_chat_id = chat_id
        items = self._reader.composer_uploads(chat_id)
        if items:
            self.states.use_message_id(chat_id, items[0].message_id)
        self.states.replace_attachments(chat_id, [self._upload(i) for i in items])

    def on_changed(self, changed: ChangedIds) -> None:
        """The engine's news: the files of these messages changed (attached, done,
        failed, removed, sent): re-read them."""
        if not changed.uploads:
            return
        for message_id in changed.uploads:
            for item in self._reader.uploads(message_id):
                self.states.update(self._upload(item))
        if self.open_chat_id is not None:
            self.show_chat(self.open_chat_id)

    def _upload(self, item: UploadItem) -> Upload:
        engine = self._engine
        return upload_of(item, engine.upload_progress(item.id) if engine is not None else None)

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
                path = engine.cached_file(ref.file_id) or await engine.fetch_file(
                    ref.file_id, name=ref.name
                )
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
            path = await engine.fetch_file(ref.file_id, name=ref.name)
            self.fileReady.emit(ref, str(path))

        self._spawn(go(), translate("Files", "The file could not be downloaded"))

    def open_file(self, ref: FileRef) -> None:
        """Download it into the app's data folder, then open it with the system's app
        for its type."""
        if (engine := self._need()) is None:
            return
        folder = self.pasted_folder.parent / "opened" / ref.file_id

        async def go() -> None:
            import asyncio

            await asyncio.to_thread(folder.mkdir, parents=True, exist_ok=True)
            existing = [p for p in folder.iterdir() if p.is_file()]
            wanted = [{"id": ref.file_id, "name": ref.name, "size": ref.size}]
            paths = existing or await engine.download_files(wanted, folder)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths[0])))

        self._spawn(go(), translate("Files", "The file could not be opened"))

    def download_all(self, refs: Sequence[FileRef], folder: str) -> None:
        """C2: every file of a message into the folder the agent picked, with progress."""
        engine = self._engine
        if engine is None:
            self.downloadFailed.emit(translate("Files", "not connected"))
            return
        total = sum(r.size for r in refs)

        def tick(p: Progress) -> None:
            self.downloadProgress.emit(p.sent, max(total, p.total))

        wanted = [{"id": r.file_id, "name": r.name, "size": r.size} for r in refs]

        async def go() -> None:
            try:
                saved = await engine.download_files(wanted, Path(folder), tick)
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
