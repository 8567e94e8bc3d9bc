"""Where uploaded bytes live, behind a small streaming interface.

The database holds every upload's state (offsets, parts, deadlines); storage only keeps
immutable objects under keys the service makes (`{file_id}/{offset}.{attempt}`). An
object store (S3 and the like: one object per part, deleted by prefix) can replace the
local folder without touching the protocol or the service.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import shutil
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import anyio

READ_BLOCK = 1024 * 1024  # what one read from disk hands to the response


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
    """Writes to `name.tmp` in blocks handed to a worker thread, then fsyncs and renames:
    the event loop never waits for the disk, and a crash leaves no half object under
    the final name. One block is written while the next is received (at most two in
    memory), so the disk and the network overlap."""

    def __init__(self, path: Path, hasher: Any) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".tmp")
        self.hasher = hasher
        self.written = 0
        self._fh: Any = None
        self._pending: asyncio.Task[None] | None = None

    async def drain(self) -> None:
        await self._settle()

    async def _settle(self) -> None:
        """Wait for the block being written (its error, if any, is raised here)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    async def open(self) -> None:
        def _open() -> Any:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return open(self.tmp, "wb")

        self._fh = await anyio.to_thread.run_sync(_open)

    async def write(self, chunks: Sequence[bytes]) -> None:
        fh, hasher = self._fh, self.hasher

        def _write() -> None:
            for chunk in chunks:
                fh.write(chunk)
                if hasher is not None:
                    hasher.update(chunk)

        await self._settle()
        self._pending = asyncio.create_task(anyio.to_thread.run_sync(_write))
        self.written += sum(len(c) for c in chunks)

    async def close(self) -> None:
        await self._settle()
        fh = self._fh

        def _close() -> None:
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.replace(self.tmp, self.path)

        await anyio.to_thread.run_sync(_close)

    async def discard(self) -> None:
        with contextlib.suppress(Exception):
            await self._settle()
        fh = self._fh

        def _discard() -> None:
            if not fh.closed:
                fh.close()
            self.tmp.unlink(missing_ok=True)

        await anyio.to_thread.run_sync(_discard)


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
    return hashlib.new(algorithm)
