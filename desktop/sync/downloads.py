"""Downloads: files of a message into a folder the agent picks, and a small on-disk
cache of the files the conversation shows (image thumbnails, the viewer).

Issue 13, SPEC C2 ("download all"). Bytes are streamed to disk (written in a worker
thread a MiB at a time), never held whole. A name from the server (or from a message's
FilesBlock) is made safe before it touches the file system: no folders (`../`), no NUL
or control characters, nothing Windows refuses, not too long; and an existing file is
never overwritten: the second `report.pdf` becomes `report (2).pdf`. A dropped
connection resumes with a Range request from the bytes already written.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from desktop.sync import api
from desktop.sync.follower import Backoff
from desktop.sync.tus import Meter, Progress
from protocol import uploads as up

log = logging.getLogger(__name__)

WRITE_BYTES = 1024 * 1024  # bytes gathered before each write to disk
ATTEMPTS = 5  # tries per file when the connection drops
MAX_NAME_BYTES = 200  # leaves room for " (99)" and ".part" under every file system's 255
FETCH_MAX = 32 * 1024**2  # the largest file the conversation fetches to show (images)
FILE_CACHE_BYTES = 256 * 1024**2  # the shown files kept on disk per login

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


class DownloadError(Exception):
    """A download that did not complete: `code` (the server's error code, or
    not_found, too_large, no_folder, network) and the files finished before it."""

    def __init__(self, code: str, message: str, done: Sequence[Path] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.done = list(done)


def safe_name(name: str, fallback: str = "file") -> str:
    """A name that is one harmless file name on every system the app runs on."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        name = fallback
    if _RESERVED.match(name):
        name = "_" + name
    stem, ext = os.path.splitext(name)
    if len(ext.encode()) > 20:  # not a real extension
        stem, ext = name, ""
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    while len((stem + ext).encode()) > MAX_NAME_BYTES and stem:
        stem = stem[:-1]
    return (stem.rstrip(" .") or fallback) + ext


def numbered(name: str, n: int) -> str:
    stem, ext = os.path.splitext(name)
    return f"{stem} ({n}){ext}" if n > 1 else name


def create_unique(folder: Path, name: str) -> tuple[Path, IO[bytes]]:
    """A new file in `folder` named `name`, or `name (2)`, `name (3)`, ...: created
    exclusively, so an existing file (or a racing download) is never overwritten."""
    n = 1
    while True:
        path = folder / numbered(name, n)
        try:
            return path, open(path, "xb")  # the caller closes it
        except FileExistsError:
            n += 1


def disposition_name(header: str | None) -> str | None:
    """The file name of a Content-Disposition header (filename* first, RFC 6266)."""
    if not header:
        return None
    star = re.search(r"filename\*\s*=\s*([^']*)'[^']*'([^;]+)", header, re.IGNORECASE)
    if star:
        charset = star.group(1) or "utf-8"
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return urllib.parse.unquote(star.group(2).strip(), encoding=charset, errors="strict")
    plain = re.search(r'filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;]+)', header)
    if plain:
        value = plain.group(1) if plain.group(1) is not None else plain.group(2).strip()
        return re.sub(r"\\(.)", r"\1", value)
    return None


@dataclass(slots=True)
class _Target:
    """Where one download's bytes go, and how many are there."""

    f: IO[bytes] | None = None
    path: Path | None = None
    written: int = 0
    buffer: bytearray = field(default_factory=bytearray)

    @property
    def size(self) -> int:
        return self.written + len(self.buffer)

    async def flush(self) -> None:
        if self.f is not None and self.buffer:
            data, self.buffer = bytes(self.buffer), bytearray()
            await asyncio.to_thread(self.f.write, data)
            self.written += len(data)


def _rewind(f: IO[bytes]) -> None:
    f.seek(0)
    f.truncate()


def _refusal(r: httpx.Response) -> DownloadError:
    code = "not_found" if r.status_code in (403, 404) else f"http_{r.status_code}"
    with contextlib.suppress(Exception):
        code = str(r.json()["error"]["code"]) or code
    return DownloadError(code, api.error_message(r))


async def download_one(
    client: httpx.AsyncClient,
    headers: Mapping[str, str],
    file_id: str,
    open_target: Callable[[str | None], tuple[Path, IO[bytes]]],
    *,
    on_bytes: Callable[[int], None] = lambda n: None,
    max_bytes: int | None = None,
    backoff: Backoff | None = None,
) -> Path:
    """GET /files/{file_id} into the file `open_target(name from the server)` makes,
    resuming with Range after a drop; on failure the partial file is removed."""
    backoff = backoff or Backoff()
    target = _Target()
    attempt = 0
    try:
        while True:
            extra = {"Range": f"bytes={target.written}-"} if target.written else {}
            try:
                async with client.stream(
                    "GET", f"{up.FILES_PATH}/{file_id}", headers={**headers, **extra}
                ) as r:
                    if r.status_code == 401:
                        raise api.Unauthorized(api.error_message(r))
                    if r.status_code in api.RETRYABLE_STATUS:
                        raise httpx.TransportError(f"HTTP {r.status_code}")
                    if r.status_code not in (200, 206):
                        await r.aread()
                        raise _refusal(r)
                    if target.written and r.status_code == 200:  # no range: start over
                        assert target.f is not None
                        await asyncio.to_thread(_rewind, target.f)
                        on_bytes(-target.written)
                        target.written = 0
                    length = r.headers.get("Content-Length")
                    if max_bytes is not None and length and int(length) > max_bytes:
                        raise DownloadError("too_large", f"over {max_bytes} bytes")
                    if target.f is None:
                        name = disposition_name(r.headers.get("Content-Disposition"))
                        target.path, target.f = await asyncio.to_thread(open_target, name)
                    async for part in r.aiter_bytes():
                        target.buffer += part
                        on_bytes(len(part))
                        if max_bytes is not None and target.size > max_bytes:
                            raise DownloadError("too_large", f"over {max_bytes} bytes")
                        if len(target.buffer) >= WRITE_BYTES:
                            await target.flush()
                    await target.flush()
                assert target.f is not None and target.path is not None
                await asyncio.to_thread(target.f.close)
                return target.path
            except httpx.TransportError as exc:
                lost = len(target.buffer)
                target.buffer = bytearray()
                on_bytes(-lost)
                attempt += 1
                if attempt >= ATTEMPTS:
                    raise DownloadError("network", str(exc) or type(exc).__name__) from exc
                await asyncio.sleep(backoff.delay(attempt))
    except BaseException:
        if target.f is not None:
            target.f.close()
        if target.path is not None:
            with contextlib.suppress(OSError):
                target.path.unlink()
        raise


def file_ref(f: str | Mapping[str, Any]) -> tuple[str, str | None, int]:
    """(id, name, size) of a FileRef-like mapping or a bare file id."""
    if isinstance(f, str):
        return f, None, 0
    return str(f["id"]), (str(f["name"]) if f.get("name") else None), int(f.get("size") or 0)


async def download_files(
    client: httpx.AsyncClient,
    headers: Mapping[str, str],
    files: Sequence[str | Mapping[str, Any]],
    folder: Path,
    on_progress: Callable[[Progress], None] | None = None,
    *,
    backoff: Backoff | None = None,
) -> list[Path]:
    """Every file into `folder`, one after another, under safe unique names; progress
    over all of them. Raises DownloadError (with the files already done) on the first
    that fails, api.Unauthorized if the token is refused."""
    folder = Path(folder)
    if not await asyncio.to_thread(folder.is_dir):
        raise DownloadError("no_folder", f"No such folder: {folder}")
    refs = [file_ref(f) for f in files]
    meter = Meter(sum(size for _, _, size in refs))
    done: list[Path] = []
    got = 0

    def on_bytes(n: int) -> None:
        nonlocal got
        got += n
        meter.total = max(meter.total, got)
        if on_progress is not None:
            on_progress(meter.update(got))

    for file_id, known, _ in refs:

        def open_target(
            served: str | None, known: str | None = known, fallback: str = file_id
        ) -> tuple[Path, IO[bytes]]:
            return create_unique(folder, safe_name(known or served or fallback))

        try:
            done.append(
                await download_one(
                    client, headers, file_id, open_target, on_bytes=on_bytes, backoff=backoff
                )
            )
        except DownloadError as exc:
            exc.done = done
            raise
    if on_progress is not None:
        on_progress(meter.update(got))
    return done


class FileCache:
    """The files the conversation shows (thumbnails, the image viewer), kept in a folder
    of the login's data: the oldest used go when it holds over `cap` bytes."""

    def __init__(self, folder: Path, *, cap: int = FILE_CACHE_BYTES) -> None:
        self.folder = folder
        self.cap = cap
        self._inflight: dict[str, asyncio.Task[Path]] = {}

    def cached(self, file_id: str) -> Path | None:
        """The file, if it is here already (no network)."""
        with contextlib.suppress(OSError):
            for p in self.folder.glob(f"{file_id}*"):
                if not p.name.endswith(".part"):
                    return p
        return None

    async def get(
        self,
        client: httpx.AsyncClient,
        headers: Mapping[str, str],
        file_id: str,
        *,
        name: str | None = None,
        max_bytes: int = FETCH_MAX,
    ) -> Path:
        """The file on disk, fetched once (at most `max_bytes`: DownloadError too_large)."""
        hit = await asyncio.to_thread(self.cached, file_id)
        if hit is not None:
            with contextlib.suppress(OSError):
                os.utime(hit)
            return hit
        task = self._inflight.get(file_id)
        if task is None:
            task = asyncio.create_task(self._fetch(client, headers, file_id, name, max_bytes))
            self._inflight[file_id] = task
            task.add_done_callback(lambda _: self._inflight.pop(file_id, None))
        return await asyncio.shield(task)

    async def _fetch(
        self,
        client: httpx.AsyncClient,
        headers: Mapping[str, str],
        file_id: str,
        name: str | None,
        max_bytes: int,
    ) -> Path:
        await asyncio.to_thread(self.folder.mkdir, parents=True, exist_ok=True)
        suffix = os.path.splitext(safe_name(name or ""))[1][:12]
        part = self.folder / f"{file_id}{suffix}.part"

        def open_target(served: str | None) -> tuple[Path, IO[bytes]]:
            return part, open(part, "wb")  # the caller closes it

        got = await download_one(client, headers, file_id, open_target, max_bytes=max_bytes)
        final = got.with_name(got.name.removesuffix(".part"))
        await asyncio.to_thread(os.replace, got, final)
        await asyncio.to_thread(self.trim)
        return final

    def trim(self) -> None:
        """Remove the least recently used files until the folder is under its cap."""
        try:
            entries = [(p, p.stat()) for p in self.folder.iterdir() if p.is_file()]
        except OSError:
            return
        total = sum(st.st_size for _, st in entries)
        for p, st in sorted(entries, key=lambda e: e[1].st_mtime):
            if total <= self.cap:
                break
            with contextlib.suppress(OSError):
                p.unlink()
                total -= st.st_size
