"""Where uploaded bytes live, behind a small streaming interface.

The database holds every upload's state (offsets, parts, deadlines); storage only keeps
immutable objects under keys the service makes (`{file_id}/{offset}.{attempt}`). An
object store (S3 and the like: one object per part, deleted by prefix) can replace the
local folder without touching the protocol or the service.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import anyio

from protocol.uploads import new_checksum

READ_BLOCK = 1024 * 1024  # what one read from disk hands to the response
FLUSH_EVERY = 4 * 1024 * 1024  # bytes written between the starts of two flushes behind
IOV_MAX = 1024  # buffers per writev (Linux's limit)


class ObjectWriter(ABC):
    """A new object being written. Either `close` (the object now exists, durably) or
    `discard` (it never existed) ends it."""

    written: int = 0

    @abstractmethod
    async def write(self, chunks: Sequence[bytes]) -> None:
        """Hand over a block (the request's chunks as they came: not copied into one);
        it may still be on its way to storage when this returns."""

    @abstractmethod
    async def drain(self) -> None:
        """Wait until every block handed over is written (and hashed)."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def discard(self) -> None: ...


class Storage(ABC):
    @abstractmethod
    async def create(self, key: str, hasher: Any = None) -> ObjectWriter:
        """A writer for a new object; `hasher` (hashlib) is fed the bytes as they are
        written, off the event loop."""

    @abstractmethod
    def read(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        """Bytes [start, end) of an object, in blocks."""

    @abstractmethod
    async def delete_prefix(self, prefix: str) -> None:
        """Remove every object under `prefix/` (a file's parts); absent is fine."""

    @abstractmethod
    async def delete(self, key: str) -> None:
        """Remove one object; absent is fine."""

    @abstractmethod
    async def exists(self, prefix: str) -> bool:
        """Whether anything is stored under `prefix/` (tests, the sweep)."""


class LocalWriter(ObjectWriter):
    """Writes to `name.tmp` in blocks handed to a worker thread, then renames and
    fsyncs: the event loop never waits for the disk, and a crash mid-write leaves only a
    `.tmp` (the file's deletion removes it with the rest). One block is written while
    the next is received (at most two in memory), so the disk and the network overlap.

    Flushed behind: every FLUSH_EVERY bytes an fdatasync starts in another worker
    thread while the writing goes on, so the fsync that `close` must wait for (before
    the offset may move) finds little left to write. Once at the end, a 64 MiB part
    waited 30-40 ms for its fsync here, its sender idle all the while."""

    def __init__(self, path: Path, hasher: Any) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.hasher = hasher
        self.written = 0
        self._fd = -1
        self._pending: asyncio.Task[None] | None = None
        self._flush: asyncio.Task[None] | None = None
        self._unflushed = 0

    async def drain(self) -> None:
        await self._settle()

    async def _settle(self) -> None:
        """Wait for the block being written (its error, if any, is raised here)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    async def _flushed(self) -> None:
        """Wait for the flush behind, if one is going (its error is raised here)."""
        flush, self._flush = self._flush, None
        if flush is not None:
            await flush

    async def open(self) -> None:
        def _open() -> int:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
            return os.open(self.tmp, flags, 0o644)

        self._fd = await anyio.to_thread.run_sync(_open)

    async def write(self, chunks: Sequence[bytes]) -> None:
        fd, hasher = self._fd, self.hasher

        def _write() -> None:
            _write_all(fd, chunks)
            if hasher is not None:
                for chunk in chunks:
                    hasher.update(chunk)

        await self._settle()
        self._pending = asyncio.create_task(anyio.to_thread.run_sync(_write))
        n = sum(len(c) for c in chunks)
        self.written += n
        self._unflushed += n
        if self._unflushed >= FLUSH_EVERY and (self._flush is None or self._flush.done()):
            await self._flushed()
            self._unflushed = 0
            self._flush = asyncio.create_task(anyio.to_thread.run_sync(_flush, fd))

    async def close(self) -> None:
        await self._settle()
        await self._flushed()
        fd = self._fd

        def _close() -> None:
            # Renamed first: the file's fsync then commits the rename in the same
            # journal transaction (ext4), and the folder's finds nothing left to do.
            # An object under its final name is still nothing until a part row names
            # it, which happens only after this returns.
            try:
                os.replace(self.tmp, self.path)
                os.fsync(fd)
                _forget(fd)
            finally:
                os.close(fd)
            _fsync_dir(self.path.parent)  # the new name is durable too

        self._fd = -1
        await anyio.to_thread.run_sync(_close)

    async def discard(self) -> None:
        with contextlib.suppress(Exception):
            await self._settle()
        with contextlib.suppress(Exception):
            await self._flushed()
        fd, self._fd = self._fd, -1

        def _discard() -> None:
            if fd >= 0:
                os.close(fd)
            self.tmp.unlink(missing_ok=True)
            self.path.unlink(missing_ok=True)  # renamed before a failed fsync

        await anyio.to_thread.run_sync(_discard)


def _write_all(fd: int, chunks: Sequence[bytes]) -> None:
    """All of `chunks`, in order, in as few system calls as the kernel takes."""
    views = [memoryview(c) for c in chunks if c]
    if not hasattr(os, "writev"):  # Windows
        for view in views:
            while view:
                view = view[os.write(fd, view) :]
        return
    while views:
        n = os.writev(fd, views[:IOV_MAX])
        while views and n >= len(views[0]):
            n -= len(views[0])
            views.pop(0)
        if n:
            views[0] = views[0][n:]


def _flush(fd: int) -> None:
    """Make what is written so far durable, then drop it from the page cache."""
    getattr(os, "fdatasync", os.fsync)(fd)  # macOS and Windows have fsync only
    _forget(fd)


def _forget(fd: int) -> None:
    """Uploaded bytes leave the page cache once on disk: a 1 GiB upload would otherwise
    push out what the server reads often (the database's pages), and new cache pages
    cost more to come by than ones just freed (the kernel's time in bench.upload)."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # a folder cannot be opened there; NTFS journals its entries
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalStorage(Storage):
    """Objects as files under one folder (created when the first byte arrives)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        parts = key.split("/")
        if any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
            raise ValueError(f"bad storage key {key!r}")  # keys are ours: a bug, not input
        return self.root.joinpath(*parts)

    async def create(self, key: str, hasher: Any = None) -> ObjectWriter:
        writer = LocalWriter(self._path(key), hasher)
        await writer.open()
        return writer

    async def read(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        path = self._path(key)
        fh = await anyio.to_thread.run_sync(open, path, "rb")
        try:
            await anyio.to_thread.run_sync(fh.seek, start)
            left = end - start
            while left > 0:
                block: bytes = await anyio.to_thread.run_sync(fh.read, min(READ_BLOCK, left))
                if not block:
                    raise OSError(f"{key} is shorter than its record says")
                left -= len(block)
                yield block
        finally:
            await anyio.to_thread.run_sync(fh.close)

    async def delete_prefix(self, prefix: str) -> None:
        path = self._path(prefix)
        await anyio.to_thread.run_sync(lambda: shutil.rmtree(path, ignore_errors=True))

    async def delete(self, key: str) -> None:
        path = self._path(key)
        await anyio.to_thread.run_sync(lambda: path.unlink(missing_ok=True))

    async def exists(self, prefix: str) -> bool:
        path = self._path(prefix)
        return await anyio.to_thread.run_sync(lambda: path.exists() and any(path.iterdir()))


def new_hasher(algorithm: str) -> Any:
    return new_checksum(algorithm)
