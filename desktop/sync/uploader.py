"""Sending the `uploads` rows: one task per file, a few at a time, through the tus client.

Issue 13. The cache (`uploads`) says what to send; this runs it: create the upload
(keeping its URL in the row at once, so a restarted app resumes with HEAD instead of
starting again), PATCH the rest, and record the end in one transaction that may also
put the waiting message in the outbox (then the pusher is kicked). Progress stays in
memory (no SQL per tick) and reaches the UI through a callback at most ~10 times a
second per file, plus once at every change of state. A refusal or an expired upload is
written to the row with its code and the server's words; the agent retries (a new
upload) or removes the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import httpx

from desktop.sync import api
from desktop.sync.cache import Cache
from desktop.sync.changed import ChangedIds
from desktop.sync.items import UploadItem
from desktop.sync.layout import UPLOAD_FAILED
from desktop.sync.tus import FILE_CHANGED, FILE_MISSING, Progress, TusClient, UploadError
from desktop.sync.uploads import CANCELLED
from protocol import uploads as up
from protocol.errors import ErrorCode

log = logging.getLogger(__name__)

CONCURRENCY = 3  # files sent at once (more only splits the same link)
INTERVAL = 0.1  # seconds between progress reports of one file (~10/s)

OnUploadProgress = Callable[[str, Progress], None]  # (upload id, where it is)


class Uploader:
    """The engine's uploads; `start` them, `stop` on quit (the rows resume next time)."""

    def __init__(
        self,
        cache: Cache,
        tus: TusClient,
        *,
        announce: Callable[[ChangedIds], None],
        kick: Callable[[], None],
        on_unauthorized: Callable[[], None],
        concurrency: int = CONCURRENCY,
        interval: float = INTERVAL,
    ) -> None:
        self._cache = cache
        self.tus = tus
        self._announce = announce
        self._kick = kick
        self._on_unauthorized = on_unauthorized
        self._sem = asyncio.Semaphore(concurrency)
        self._interval = interval
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._progress: dict[str, Progress] = {}
        self._emitted: dict[str, float] = {}
        self._listeners: list[OnUploadProgress] = []
        self._stopping = False

    # ---- progress -----------------------------------------------------------------------

    def watch(self, listener: OnUploadProgress) -> Callable[[], None]:
        """Hear every file's progress (throttled); returns the way to stop hearing it."""
        self._listeners.append(listener)

        def unwatch() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unwatch

    def progress(self, upload_id: str) -> Progress | None:
        """The last progress of a file being sent (None if it is not running)."""
        return self._progress.get(upload_id)

    def running(self, upload_id: str) -> bool:
        task = self._tasks.get(upload_id)
        return task is not None and not task.done()

    def _report(self, upload_id: str, p: Progress, *, force: bool = False) -> None:
        old = self._progress.get(upload_id)
        self._progress[upload_id] = p
        now = time.monotonic()
        changed_state = old is None or (old.retrying is None) != (p.retrying is None)
        urgent = force or changed_state or p.sent >= p.total
        if not urgent and now - self._emitted.get(upload_id, 0.0) < self._interval:
            return
        self._emitted[upload_id] = now
        for listener in list(self._listeners):
            try:
                listener(upload_id, p)
            except Exception:  # a UI bug must not stop an upload
                log.exception("upload progress listener failed")

    def _forget(self, upload_id: str) -> None:
        self._progress.pop(upload_id, None)
        self._emitted.pop(upload_id, None)

    # ---- running --------------------------------------------------------------------------

    def start(self, items: Iterable[UploadItem]) -> None:
        """Send these (those already running are left alone)."""
        for u in items:
            if self._stopping or self.running(u.id):
                continue
            self._report(u.id, Progress(u.offset if u.url else 0, u.size), force=True)
            self._tasks[u.id] = asyncio.create_task(self._run(u), name=f"sangdam-upload-{u.id}")

    async def resume_all(self) -> None:
        """Every unfinished upload of the cache (at start: after a restart they go on)."""
        self.start(await asyncio.to_thread(self._cache.uploads_to_send))

    async def stop(self) -> None:
        """Stop sending (the rows stay as they are: the next start resumes them)."""
        self._stopping = True
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _halt(self, upload_id: str) -> None:
        task = self._tasks.pop(upload_id, None)
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _run(self, u: UploadItem) -> None:
        try:
            async with self._sem:
                await self._send(u)
            pending, changed = await asyncio.to_thread(self._cache.upload_finished, u.id)
            self._report(u.id, Progress(u.size, u.size), force=True)
            self._announce(changed)
            if pending is not None:
                self._kick()
        except UploadError as exc:
            log.info("upload %s (%s) stopped: %s %s", u.id, u.name, exc.code, exc.message)
            await self._failed(u.id, exc.code, exc.message)
        except api.Unauthorized:
            self._on_unauthorized()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug or a broken disk: say so, keep the row
            log.exception("upload %s failed unexpectedly", u.id)
            await self._failed(u.id, ErrorCode.INTERNAL, str(exc) or type(exc).__name__)
        finally:
            if self._tasks.get(u.id) is asyncio.current_task():
                del self._tasks[u.id]
            self._forget(u.id)

    async def _failed(self, upload_id: str, code: str, message: str) -> None:
        self._announce(await asyncio.to_thread(self._cache.upload_failed, upload_id, code, message))

    async def _send(self, u: UploadItem) -> None:
        path = Path(u.path)
        try:
            size = (await asyncio.to_thread(os.stat, path)).st_size
        except FileNotFoundError as exc:
            raise UploadError(FILE_MISSING, f"The file is gone: {path}") from exc
        except OSError as exc:
            raise UploadError(FILE_MISSING, f"The file cannot be read: {exc.strerror}") from exc
        if size != u.size:
            raise UploadError(FILE_CHANGED, "The file changed since it was attached.")

        def progress(p: Progress) -> None:
            self._report(u.id, p)

        url, offset = u.url, None
        if url is None:
            created = await self.tus.create(
                size=u.size,
                name=u.name,
                content_type=u.content_type,
                chat_id=u.chat_id,
                message_id=u.message_id,
                file_id=u.file_id,
                path=path,
                on_retry=lambda why: progress(Progress(0, u.size, retrying=why)),
            )
            changed = await asyncio.to_thread(
                self._cache.upload_created, u.id, created.url, created.offset
            )
            self._announce(changed)
            url, offset = created.url, created.offset
        await self.tus.resume(path, url, u.size, offset=offset, on_progress=progress)

    # ---- the agent's actions --------------------------------------------------------------

    async def cancel(self, upload_id: str) -> None:
        """Stop sending a file and remove its bytes from the server; it stays, marked
        cancelled, for a retry or a remove."""
        await self._halt(upload_id)
        u = self._cache.reads.upload(upload_id)  # the loop thread: the reader is not shared
        if u is None or u.done:
            return
        self._announce(
            await asyncio.to_thread(
                self._cache.upload_failed,
                upload_id,
                CANCELLED,
                "Cancelled.",
                cancelled=True,
            )
        )
        await self._terminate(u)

    async def retry(self, upload_id: str) -> UploadItem | None:
        """Send a failed or cancelled file again, as a new upload; None if it was not
        stopped."""
        old = self._cache.reads.upload(upload_id)  # the loop thread: the reader is not shared
        u, changed = await asyncio.to_thread(self._cache.upload_retried, upload_id)
        self._announce(changed)
        if u is None:
            return None
        if old is not None and old.status == UPLOAD_FAILED:
            # The old upload may still hold one of the message's ten places on the
            # server (a local failure leaves it open): free it before the new one.
            await self._terminate(old)
        self.start([u])
        return u

    async def remove(self, upload_id: str) -> None:
        """Take a file off its message (and its bytes off the server). A sent message
        then goes out without it (or is dropped if nothing is left)."""
        await self._halt(upload_id)
        (u, pending), changed = await asyncio.to_thread(self._cache.upload_removed, upload_id)
        self._announce(changed)
        if pending is not None:
            self._kick()
        if u is not None:  # a finished one too: no message will ever name it now
            await self._terminate(u)

    async def _terminate(self, u: UploadItem) -> None:
        """DELETE on the server (best effort: the server's deadline removes the bytes of
        an upload nobody finishes anyway)."""
        url = u.url or f"{up.UPLOADS_PATH}/{u.file_id}"
        try:
            await self.tus.terminate(url)
        except (httpx.HTTPError, api.Unauthorized, UploadError) as exc:
            log.info("could not terminate upload %s (%s): its deadline will", u.file_id, exc)
        except Exception:
            log.exception("terminating upload %s failed", u.file_id)
