"""The cache's size on disk and "Clear cache" (the settings dialog).

Clearing empties the login's cache file in place and the engine downloads it all again
from the server; what only this computer holds stays: the outbox (sent when the engine
starts again, exactly once, under the same client id), the messages the server refused
(with their reason, for the agent to retry or discard) and the cache's identity. It is
`schema.reset` in one transaction, so a crash leaves either the old file or the cleared
one, never a lost outbox; then VACUUM gives the space back. The caller stops the engine
and closes the `Cache` first; a `CacheReader` may stay open (it holds no transaction).
No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.sync import schema
from desktop.sync.cache import sqlite_engine
from desktop.sync.layout import OUTBOX_PENDING, Messages, Outbox
from protocol.kinds import MutationName

SEND = MutationName.SEND_MESSAGE.value

log = logging.getLogger(__name__)

SUFFIXES = ("", "-wal", "-shm", "-journal")  # SQLite's files for one database


class ClearError(Exception):
    """The cache could not be cleared; it is as it was."""


@dataclass(frozen=True, slots=True)
class Unsent:
    """What only this computer holds, and a clear keeps."""

    # Not yet sent (the outbox also keeps sent ones until the feed shows them; those
    # are on the server already).
    messages: int = 0  # messages waiting in the outbox: sent after the clear
    other: int = 0  # other actions waiting in the outbox (star, assign, tags, ...)
    failed: int = 0  # messages the server refused, kept with their reason

    @property
    def any(self) -> bool:
        return bool(self.messages or self.other or self.failed)


def size_on_disk(path: Path) -> int:
    """Bytes the cache takes: the database and its write-ahead log and index."""
    total = 0
    for suffix in SUFFIXES:
        with contextlib.suppress(OSError):
            total += Path(str(path) + suffix).stat().st_size
    return total


def unsent(path: Path) -> Unsent:
    """What a clear would keep (read-only; a missing file holds nothing)."""
    if not path.exists():
        return Unsent()
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise ClearError(f"the cache cannot be read: {exc}") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        messages, other = conn.execute(
            f"SELECT count(*) FILTER (WHERE {Outbox.NAME} = ?),"
            f" count(*) FILTER (WHERE {Outbox.NAME} != ?) FROM {Outbox.TABLE}"
            f" WHERE {Outbox.STATUS} = ?",
            (SEND, SEND, OUTBOX_PENDING),
        ).fetchone()
        (failed,) = conn.execute(
            f"SELECT count(*) FROM {Messages.TABLE} WHERE {Messages.FAILED_REASON} IS NOT NULL"
        ).fetchone()
    except sqlite3.Error as exc:
        raise ClearError(f"the cache cannot be read: {exc}") from exc
    finally:
        conn.close()
    return Unsent(int(messages or 0), int(other or 0), int(failed or 0))


def clear(path: Path) -> Unsent:
    """Empty the cache file, keeping what `unsent` counts (returned). Raises ClearError,
    with the file unchanged, if what must be kept cannot be read."""
    if not path.exists():
        return Unsent()
    engine = sqlite_engine(path, writer=True)
    try:
        with engine.begin() as conn:
            kept = schema.reset(conn)
    except Exception as exc:
        raise ClearError(f"the cache could not be cleared: {exc}") from exc
    finally:
        engine.dispose()
    _compact(path)
    names = [str(row[Outbox.NAME]) for row in kept.outbox if row[Outbox.STATUS] == OUTBOX_PENDING]
    messages = names.count(SEND)
    return Unsent(messages, len(names) - messages, len(kept.failed))


def _compact(path: Path) -> None:
    """Give the freed pages back to the file system (best effort: the clear is done)."""
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error:
        log.warning("could not compact the cleared cache %s", path, exc_info=True)
        return
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        log.warning("could not compact the cleared cache %s", path, exc_info=True)
    finally:
        conn.close()
