"""A tus 1.0 client on the app's httpx.AsyncClient: create, resume, PATCH, terminate.

Issue 13, ARCHITECTURE 6. A file goes up in PATCHes of about two seconds of sending
at the link's speed (4 MiB until it is known, at most `CHUNK_BYTES`, 256 MiB), each body
streamed from disk in 1 MiB reads in worker threads (`_Reader`), so memory
holds a few MiB whatever the chunk, and the event loop never waits on the disk. A PATCH
may carry `Upload-Checksum` of its bytes (off by default, see `CHECKSUM`), hashed in a
worker thread while the PATCH before it is on the wire. Big PATCHes because each one
ends with the sender idle (the server's fsync, its commit, a round trip): at 5 MiB that
idle held loopback to a third of a plain upload. When the connection drops, or the
server answers 5xx, the client waits (full-jitter backoff), asks the server where it got
to (HEAD) and goes on from there: a cut costs at most the one PATCH that was on the wire
(without a checksum the server keeps what arrived of it, so usually less).

    tus = TusClient(client, {"Authorization": f"Bearer {token}"})
    created = await tus.create(size=..., name=..., content_type=..., chat_id=...,
                               message_id=..., file_id=...)      # -> Created(url, offset)
    await tus.resume(path, created.url, size, offset=created.offset,
                     on_progress=lambda p: ...)                  # Progress(sent, total, ...)
    await tus.terminate(created.url)                             # cancel: DELETE

or, all at once: `file_id = await tus.upload(path, chat_id=..., message_id=...)`.
Cancel by cancelling the task that awaits `resume`/`upload`, then `terminate`.

Failures: `UploadError` (with the server's `code`, e.g. file_too_large,
too_many_files, upload_expired; or a local one, FILE_CHANGED, FILE_MISSING) is final
for this upload; `api.Unauthorized` means log in again. Network trouble is never
raised: it is retried, and reported through `Progress.retrying`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from desktop.sync import api
from desktop.sync.file_check import content_type as guess
from desktop.sync.follower import Backoff
from protocol import uploads as up
from protocol.errors import ErrorCode

log = logging.getLogger(__name__)

INLINE_MAX = 256 * 1024  # files up to this size go in the creation request itself
PIECE = 1024 * 1024  # one read from disk, one write to the socket, one progress tick
SLICE = 256 * 1024  # the same until the link is known to be fast (smooth progress)
FAST_LINK = 8 * PIECE  # bytes/s from which whole pieces still tick 8 times a second
FIRST_PATCH = 4 * PIECE  # a PATCH's size until the link's speed is known
PATCH_SECONDS = 2.0  # later PATCHes carry about this much sending (see patch_size)
# The Upload-Checksum algorithm sent by default: none. The server takes sha1, sha256 and
# crc32 (tus checksum extension; `TusClient(checksum=...)` sends one), but what it would
# catch, bytes damaged on the way, TLS's MAC already catches on the hosted backend, and
# TCP's on loopback; reading each chunk twice and hashing it on both ends held loopback
# uploads to 0.68 of a plain streaming upload, 1.07 without (bench.upload, 2026-12-07).
# A file written to while it goes up is caught by its size and time instead (`_check`),
# which also covers the chunks already sent. tus-js-client and Uppy send none either.
CHECKSUM: str | None = None
CHECKSUM_RETRIES = 3  # a chunk refused this many times in a row for its checksum: give up
SPEED_WINDOW = 3.0  # seconds of history behind the speed shown

# Local reasons an upload cannot go on (beside the server's ErrorCode values).
FILE_CHANGED = "file_changed"  # the file's size changed while it was being sent
FILE_MISSING = "file_missing"  # the file is gone (or unreadable) when resuming


class UploadError(Exception):
    """This upload cannot go on: `code` says why (an ErrorCode value or a local one)."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class UploadExpired(UploadError):
    """Not finished within the server's deadline: its bytes are gone; start a new one."""


class _Transient(Exception):
    """Worth trying again after a pause (the network, a 5xx, a throttle)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Where an upload (or download) is: bytes done of total, speed in bytes/s over
    the last few seconds (0 until known), seconds left (None until known), and why it
    is waiting, if it is (the connection dropped: retrying)."""

    sent: int
    total: int
    speed: float = 0.0
    eta: float | None = None
    retrying: str | None = None

    @property
    def fraction(self) -> float:
        return 1.0 if self.total == 0 else self.sent / self.total


OnProgress = Callable[[Progress], None]


class Meter:
    """Speed over a sliding window, and the time left at that speed."""

    def __init__(self, total: int, done: int = 0, clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.done = done
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque([(clock(), done)])

    def update(self, done: int, retrying: str | None = None) -> Progress:
        now = self._clock()
        if done < self.done:  # the server kept less than we sent: forget that history
            self._samples.clear()
        self.done = done
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[1][0] > SPEED_WINDOW:
            self._samples.popleft()
        t0, d0 = self._samples[0]
        speed = (done - d0) / (now - t0) if now - t0 > 0.05 and done > d0 else 0.0
        eta = (self.total - done) / speed if speed > 0 else None
        return Progress(done, self.total, speed, eta, retrying)


@dataclass(frozen=True, slots=True)
class Created:
    url: str  # absolute: what HEAD, PATCH and DELETE go to (store it to resume)
    offset: int  # bytes the server already has (creation-with-upload)
    expires: str | None  # Upload-Expires (RFC 9110 date), if the server said


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode("ascii")


def metadata(**values: str) -> str:
    return ",".join(f"{k} {b64(v)}" for k, v in values.items())


def checksum_header(algorithm: str, data: bytes | memoryview) -> str:
    h = up.new_checksum(algorithm)
    h.update(data)
    return f"{algorithm} {base64.b64encode(h.digest()).decode('ascii')}"


def _error(r: httpx.Response) -> UploadError:
    """The server's refusal as an UploadError (HEAD answers have no body: the status)."""
    code, message = "", ""
    with contextlib.suppress(Exception):
        body = r.json()["error"]
        code, message = str(body.get("code") or ""), str(body.get("message") or "")
    if not code:
        code = {
            404: ErrorCode.NOT_FOUND,
            410: ErrorCode.UPLOAD_EXPIRED,
            413: ErrorCode.FILE_TOO_LARGE,
            460: ErrorCode.CHECKSUM_MISMATCH,
        }.get(r.status_code, ErrorCode.BAD_REQUEST)
    message = message or f"HTTP {r.status_code}"
    cls = UploadExpired if code == ErrorCode.UPLOAD_EXPIRED or r.status_code == 410 else UploadError
    return cls(str(code), message, r.status_code)


def _check(r: httpx.Response, *ok: int) -> None:
    if r.status_code in ok:
        return
    if r.status_code == 401:
        raise api.Unauthorized(api.error_message(r))
    if r.status_code in api.RETRYABLE_STATUS:
        raise _Transient(f"HTTP {r.status_code}")
    raise _error(r)


def _offset(r: httpx.Response) -> int:
    try:
        return int(r.headers["Upload-Offset"])
    except (KeyError, ValueError) as exc:
        raise _Transient(f"no Upload-Offset in the answer to {r.request.method}") from exc


class _Reader:
    """A file sent in PATCHes of up to a chunk each, every PATCH body read from disk in
    preads of `PIECE` (`SLICE` until the link is known fast, so a slow link's progress
    still moves every half second) in worker threads, one read ahead of the socket: a
    few pieces in memory whatever the chunk, and the event loop never waits on the disk.

    A checksum header must precede its body, so with one each chunk is read twice: once
    in a worker thread to hash it (into one buffer made per upload), started as soon as
    the chunk before it starts going out, so hashing overlaps sending; then again, piece
    by piece, as it is sent (from the page cache). A file written to while it goes up
    (its size or modification time moved) stops the upload with FILE_CHANGED before and
    at the end of every PATCH; bytes changed within one tick of the clock still give the
    server a checksum mismatch (460) when a checksum is sent: that chunk is hashed again.

    The file descriptor is closed by `close` or, if a worker thread is still reading
    (a cancelled task does not stop its thread), by the last such thread to finish: a
    read never meets a closed, or reused, descriptor."""

    def __init__(self, fd: int, size: int, algorithm: str | None) -> None:
        self._fd = fd
        self._algorithm = algorithm
        self._buffer = bytearray(PIECE) if algorithm else bytearray()
        self._ahead: tuple[int, int, asyncio.Task[str]] | None = None
        self._lock = threading.Lock()
        self._readers = 0  # worker threads using the descriptor now
        self._closed = False
        self._seek = threading.Lock()  # Windows: no pread, reads seek the shared offset
        # The upload's length, and the file's time when this upload (or its resumption)
        # began: a file of another length, or written to since, is another file.
        self._stamp = (size, os.fstat(fd).st_mtime_ns)

    @contextlib.contextmanager
    def _using(self) -> Iterator[int]:
        """(worker thread) The descriptor, kept open until this read is over."""
        with self._lock:
            if self._closed:
                raise UploadError(FILE_MISSING, "The upload stopped.")
            self._readers += 1
        try:
            yield self._fd
        finally:
            with self._lock:
                self._readers -= 1
                last = self._closed and self._readers == 0
            if last:
                os.close(self._fd)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            last = self._readers == 0
        if last:
            os.close(self._fd)

    def _pread(self, fd: int, n: int, offset: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(fd, n, offset)
        with self._seek:  # Windows
            os.lseek(fd, offset, os.SEEK_SET)
            return os.read(fd, n)

    def _pread_into(self, fd: int, view: memoryview, offset: int) -> int:
        if hasattr(os, "preadv"):
            return os.preadv(fd, [view], offset)
        data = self._pread(fd, len(view), offset)  # macOS before 11, Windows
        view[: len(data)] = data
        return len(data)

    def _changed(self) -> UploadError:
        return UploadError(FILE_CHANGED, "The file changed while it was being sent.")

    def _check(self, fd: int) -> None:
        """Raise if the file was written to since this upload began (its size or time):
        the server would otherwise get parts of two versions."""
        if _stamp(os.fstat(fd)) != self._stamp:
            raise self._changed()

    def _digest(self, offset: int, n: int) -> str:
        """(worker thread) The checksum header of bytes [offset, offset + n)."""
        assert self._algorithm is not None
        h = up.new_checksum(self._algorithm)
        view = memoryview(self._buffer)
        end = offset + n
        with self._using() as fd:
            self._check(fd)
            while offset < end:
                got = self._pread_into(fd, view[: min(PIECE, end - offset)], offset)
                if got <= 0:
                    raise self._changed()
                h.update(view[:got])
                offset += got
        return f"{self._algorithm} {base64.b64encode(h.digest()).decode('ascii')}"

    async def checksum(self, offset: int, n: int, following: int) -> str | None:
        """The header for the chunk [offset, offset + n) (hashed ahead if it was), then
        the one for the `following` bytes after it starts hashing in a worker thread."""
        if self._algorithm is None:
            return None
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[:2] == (offset, n):
            digest = await ahead[2]
        else:
            await _settle(ahead[2] if ahead else None)
            digest = await asyncio.to_thread(self._digest, offset, n)
        if following > 0:
            task = asyncio.create_task(asyncio.to_thread(self._digest, offset + n, following))
            self._ahead = (offset + n, following, task)
        return digest

    def _piece(self, offset: int, n: int) -> bytes:
        """(worker thread) bytes [offset, offset + n), exactly."""
        with self._using() as fd:
            data = self._pread(fd, n, offset)
        if len(data) != n:
            raise self._changed()
        return data

    async def pieces(
        self, offset: int, n: int, size: Callable[[], int]
    ) -> AsyncIterator[tuple[int, bytes]]:
        """(position, bytes) of [offset, offset + n) in reads of `size()` bytes, the next
        read going on in a worker thread while the current piece is sent."""
        self._check(self._fd)
        end = offset + n
        pos = offset
        read = self._start(pos, end, size())
        try:
            while read is not None:
                data = await read
                nxt = pos + len(data)
                if nxt >= end:  # the PATCH's last bytes: were the ones before still these?
                    self._check(self._fd)
                read = self._start(nxt, end, size())
                yield pos, data
                pos = nxt
        finally:
            await _settle(read)

    def _start(self, pos: int, end: int, size: int) -> asyncio.Task[bytes] | None:
        if pos >= end:
            return None
        return asyncio.create_task(asyncio.to_thread(self._piece, pos, min(size, end - pos)))

    async def drop(self) -> None:
        """Forget the checksum hashed ahead (waiting for its thread: the buffer is one)."""
        ahead, self._ahead = self._ahead, None
        await _settle(ahead[2] if ahead else None)


def _stamp(st: os.stat_result) -> tuple[int, int]:
    return st.st_size, st.st_mtime_ns


async def _settle(task: asyncio.Task[Any] | None) -> None:
    """Wait for a worker's task we no longer want; its failure is not ours (our
    cancellation is)."""
    if task is None:
        return
    await asyncio.wait([task])
    if not task.cancelled():
        task.exception()  # retrieved: no "never retrieved" warning


class TusClient:
    """Uploads through `client` (the engine's long-lived one, base_url set) with
    `headers` (the bearer token). Stateless between uploads: many can run at once."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        headers: dict[str, str],
        *,
        chunk: int = up.CHUNK_BYTES,
        inline_max: int = INLINE_MAX,
        backoff: Backoff | None = None,
        timeout: float = 60.0,
        checksum: str | None = CHECKSUM,
    ) -> None:
        self._client = client
        self._headers = {**headers, "Tus-Resumable": up.TUS_VERSION}
        self.chunk = chunk  # the most bytes one PATCH carries: what a cut may cost
        self._inline_max = inline_max
        self._backoff = backoff or Backoff()
        self._timeout = timeout
        self._checksum = checksum
        self.patches = 0  # PATCH requests sent (diagnostics, the fault tests)
        self.bytes_sent = 0  # bytes handed to the network in PATCH bodies

    def first_patch(self) -> int:
        """A PATCH's size before the link's speed is known."""
        return min(FIRST_PATCH, self.chunk)

    def patch_size(self, speed: float) -> int:
        """About `PATCH_SECONDS` of sending at `speed` (bytes/s): the largest power-of-two
        multiple of the first PATCH's size within that, at most `chunk`. Long enough that
        a fast link does not idle at every PATCH's end, short enough that a cut costs a
        couple of seconds again, whatever the link."""
        size = self.first_patch()
        while size * 2 <= speed * PATCH_SECONDS and size * 2 <= self.chunk:
            size *= 2
        return size

    # ---- creation ---------------------------------------------------------------------

    async def create(
        self,
        *,
        size: int,
        name: str,
        content_type: str,
        chat_id: str,
        message_id: str,
        file_id: str,
        path: Path | None = None,
        on_retry: Callable[[str], None] | None = None,
    ) -> Created:
        """POST /uploads (retried on network trouble: the same `file_id` answers the
        same upload). With `path` and a file of at most `inline_max` bytes, its bytes go
        in the same request (creation-with-upload). Raises UploadError for a refusal
        (file_too_large, too_many_files, a chat I cannot see)."""
        meta = metadata(
            **{
                up.META_NAME: name,
                up.META_TYPE: content_type,
                up.META_CHAT: str(chat_id),
                up.META_MESSAGE: str(message_id),
                "file_id": str(file_id),
            }
        )
        headers = {**self._headers, "Upload-Length": str(size), "Upload-Metadata": meta}
        body: bytes | None = None
        if path is not None and 0 < size <= self._inline_max:
            try:
                body = await asyncio.to_thread(Path(path).read_bytes)
            except OSError as exc:
                raise UploadError(FILE_MISSING, f"The file cannot be read: {exc}") from exc
            if len(body) != size:
                raise UploadError(FILE_CHANGED, "The file changed before it was sent.")
        attempt = 0
        while True:
            try:
                if body is not None and attempt == 0:
                    extra = {"Content-Type": up.OFFSET_CONTENT_TYPE}
                    if self._checksum:
                        extra["Upload-Checksum"] = checksum_header(self._checksum, body)
                    r = await self._client.post(
                        up.UPLOADS_PATH,
                        content=body,
                        headers={**headers, **extra},
                        timeout=self._timeout,
                    )
                else:  # a retry goes without the body: the PATCHes send what is missing
                    r = await self._client.post(
                        up.UPLOADS_PATH, headers=headers, timeout=self._timeout
                    )
                _check(r, 200, 201)
                location = r.headers.get("Location")
                if not location:
                    raise _Transient("a creation answer without Location")
                offset = int(r.headers.get("Upload-Offset") or 0)
                url = str(r.request.url.join(location))
                return Created(url, offset, r.headers.get("Upload-Expires"))
            except (httpx.TransportError, _Transient) as exc:
                delay = self._backoff.delay(attempt)
                attempt += 1
                log.info("upload creation failed (%s); retrying in %.1f s", exc, delay)
                if on_retry is not None:
                    on_retry(str(exc) or type(exc).__name__)
                await asyncio.sleep(delay)

    # ---- where the server is ------------------------------------------------------------

    async def head(self, url: str) -> tuple[int, int | None]:
        """(Upload-Offset, Upload-Length) now; raises UploadError (404, 410), _Transient."""
        try:
            r = await self._client.head(url, headers=self._headers, timeout=self._timeout)
        except httpx.TransportError as exc:
            raise _Transient(str(exc) or type(exc).__name__) from exc
        _check(r, 200, 204)
        length = r.headers.get("Upload-Length")
        return _offset(r), int(length) if length and length.isdigit() else None

    async def _head_retrying(
        self, url: str, attempt: int, meter: Meter, on_progress: OnProgress | None
    ) -> int:
        while True:
            try:
                offset, _ = await self.head(url)
                return offset
            except _Transient as exc:
                await self._pause(attempt, str(exc), meter, on_progress)
                attempt += 1

    async def _pause(
        self, attempt: int, why: str, meter: Meter, on_progress: OnProgress | None
    ) -> None:
        delay = self._backoff.delay(attempt)
        log.info("upload interrupted (%s); retrying in %.1f s", why, delay)
        if on_progress is not None:
            on_progress(meter.update(meter.done, retrying=why))
        await asyncio.sleep(delay)

    # ---- sending --------------------------------------------------------------------

    async def resume(
        self,
        path: Path,
        url: str,
        size: int,
        *,
        offset: int | None = None,
        on_progress: OnProgress | None = None,
    ) -> None:
        """Send the rest of `path` (from `offset`, or from where HEAD says) until the
        server has all `size` bytes. Retries network trouble forever (the server's
        deadline ends a hopeless upload: UploadExpired); raises UploadError for
        anything final."""
        try:
            flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
            fd = await asyncio.to_thread(os.open, path, flags)  # closed below
        except FileNotFoundError as exc:
            raise UploadError(FILE_MISSING, f"The file is gone: {path}") from exc
        except OSError as exc:
            raise UploadError(FILE_MISSING, f"The file cannot be read: {exc.strerror}") from exc
        reader = _Reader(fd, size, self._checksum)
        try:
            await self._send(reader, url, size, offset, on_progress)
        finally:
            try:
                await reader.drop()
            finally:
                reader.close()

    async def _send(
        self,
        reader: _Reader,
        url: str,
        size: int,
        offset: int | None,
        on_progress: OnProgress | None,
    ) -> None:
        meter = Meter(size, offset or 0)
        attempt = 0
        if offset is None:
            offset = await self._head_retrying(url, 0, meter, on_progress)
        if on_progress is not None:
            on_progress(meter.update(offset))
        bad_checksums = 0
        # Each chunk's size is chosen when the chunk before it starts, so its checksum
        # can be hashed ahead while that one is on the wire.
        planned = (offset, self.first_patch())
        while offset < size:
            step = planned[1] if planned[0] == offset else self.first_patch()
            n = min(step, size - offset)
            following = self.patch_size(meter.update(offset).speed)
            planned = (offset + n, following)
            digest = await reader.checksum(offset, n, min(following, size - offset - n))
            try:
                new = await self._patch(url, reader, offset, n, digest, meter, on_progress)
            except (_Transient, httpx.TransportError) as exc:
                await self._pause(attempt, str(exc) or type(exc).__name__, meter, on_progress)
                attempt += 1
                offset = await self._head_retrying(url, attempt, meter, on_progress)
                if on_progress is not None:
                    on_progress(meter.update(offset))
                continue
            except UploadError as exc:
                if exc.code == ErrorCode.UPLOAD_OFFSET_MISMATCH:  # ask where it is instead
                    if attempt:  # again: something else writes it; do not hammer
                        await self._pause(attempt, exc.message, meter, on_progress)
                    attempt += 1
                    offset = await self._head_retrying(url, attempt, meter, on_progress)
                    continue
                if exc.code == ErrorCode.CHECKSUM_MISMATCH and bad_checksums < CHECKSUM_RETRIES:
                    bad_checksums += 1  # hashed again (the file may have changed), re-sent
                    continue
                raise
            attempt = bad_checksums = 0
            offset = new
            if on_progress is not None:
                on_progress(meter.update(offset))

    async def _patch(
        self,
        url: str,
        reader: _Reader,
        offset: int,
        n: int,
        digest: str | None,
        meter: Meter,
        on_progress: OnProgress | None,
    ) -> int:
        headers = {
            **self._headers,
            "Content-Type": up.OFFSET_CONTENT_TYPE,
            "Content-Length": str(n),
            "Upload-Offset": str(offset),
        }
        if digest is not None:
            headers["Upload-Checksum"] = digest

        speed = [meter.update(offset).speed]

        def piece() -> int:  # whole pieces once the link is fast: less work per byte
            return PIECE if speed[0] >= FAST_LINK else SLICE

        async def body() -> AsyncIterator[bytes]:
            async for pos, data in reader.pieces(offset, n, piece):
                yield data  # exact bytes: h11 hands them to the socket without a copy
                self.bytes_sent += len(data)
                p = meter.update(pos + len(data))
                speed[0] = p.speed
                if on_progress is not None:
                    on_progress(p)

        self.patches += 1
        r = await self._client.patch(url, content=body(), headers=headers, timeout=self._timeout)
        _check(r, 200, 204)
        new = _offset(r)
        if new <= offset:
            raise _Transient(f"the server kept nothing of a PATCH at {offset}")
        return new

    # ---- the rest -------------------------------------------------------------------

    async def terminate(self, url: str) -> None:
        """DELETE the upload (cancel): its bytes go. Already gone (404, 410) is fine;
        network trouble is raised (httpx.TransportError) for the caller to retry later."""
        r = await self._client.delete(url, headers=self._headers, timeout=self._timeout)
        if r.status_code in (200, 204, 404, 410):
            return
        _check(r, 204)

    async def upload(
        self,
        path: Path,
        *,
        chat_id: str,
        message_id: str,
        file_id: str | None = None,
        name: str | None = None,
        content_type: str | None = None,
        on_progress: OnProgress | None = None,
        on_created: Callable[[Created], None] | None = None,
    ) -> str:
        """Create and send one file; returns its file id (what a FilesBlock names).
        `on_created` hears the upload URL before the first PATCH (keep it to resume)."""
        path = Path(path)
        fid = file_id or str(uuid.uuid4())
        size = path.stat().st_size
        created = await self.create(
            size=size,
            name=name or path.name,
            content_type=content_type or guess(path.name),
            chat_id=chat_id,
            message_id=message_id,
            file_id=fid,
            path=path,
        )
        if on_created is not None:
            on_created(created)
        await self.resume(path, created.url, size, offset=created.offset, on_progress=on_progress)
        return fid
