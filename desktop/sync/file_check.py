"""Everything checked about files before one byte is sent (SPEC M1, issue 13).

The agent drops, pastes or picks files; before any upload starts each one is looked at
on the local disk only (no network, no reading of the content, so it is instant even
for 1 GiB): is it there, is it a regular file, can we open it, is it within
`MAX_FILE_BYTES`, and does it fit in the message's `MAX_FILES_PER_MESSAGE` slots. The
UI shows every refusal with its reason (and the size, for a file too large) and sends
the accepted ones.

    check = check_files(paths, already=len(files_already_attached))
    for f in check.accepted: ...   # LocalFile: path, name, size, content_type
    for r in check.refused: ...    # Refusal: path, name, reason, size

Refusals carry a reason code, not a sentence: the UI words them (translated).
"""

from __future__ import annotations

import mimetypes
import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE

DEFAULT_TYPE = "application/octet-stream"

Reason = Literal["too_many", "too_large", "folder", "unreadable", "missing"]


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file that passed the checks: what the upload sends and the UI shows."""

    path: Path
    name: str  # the name shown and sent (NFC: macOS hands out decomposed Korean)
    size: int
    content_type: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """A file that will not be sent, and why. `size` is known for too_large and
    too_many (None when the file could not be looked at)."""

    path: Path
    name: str
    reason: Reason
    size: int | None = None
    detail: str = ""  # the OS's words, for the log (unreadable, missing)


@dataclass(slots=True)
class FileCheck:
    accepted: list[LocalFile] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def too_many(self) -> list[Refusal]:
        """The files over the message's limit (the UI names them together)."""
        return [r for r in self.refused if r.reason == "too_many"]


def content_type(name: str) -> str:
    """The MIME type guessed from the name (the server keeps what we say)."""
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or DEFAULT_TYPE


def display_name(path: Path) -> str:
    return unicodedata.normalize("NFC", path.name) or str(path)


def check_one(path: Path) -> LocalFile | Refusal:
    """One file on its own (no count limit)."""
    path = Path(path)
    name = display_name(path)
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        return Refusal(path, name, "missing", detail=exc.strerror or "")
    except OSError as exc:  # a dangling link's loop, a permission on a parent folder
        return Refusal(path, name, "unreadable", detail=exc.strerror or str(exc))
    if stat.S_ISDIR(st.st_mode):
        return Refusal(path, name, "folder")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or a device: opening one could hang
        return Refusal(path, name, "unreadable", detail="not a regular file")
    if st.st_size > MAX_FILE_BYTES:
        return Refusal(path, name, "too_large", size=st.st_size)
    try:  # permission bits lie (ACLs, root, network drives): opening tells the truth
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        return Refusal(path, name, "missing", detail=exc.strerror or "")
    except OSError as exc:
        return Refusal(path, name, "unreadable", detail=exc.strerror or str(exc))
    os.close(fd)
    return LocalFile(path, name, st.st_size, content_type(name))


def check_files(paths: Iterable[Path | str], already: int = 0) -> FileCheck:
    """Check `paths` in order for a message that holds `already` files: each file
    on its own, then from the (MAX_FILES_PER_MESSAGE - already + 1)-th good one on
    refused as too_many (files refused for another reason take no slot)."""
    out = FileCheck()
    room = max(0, MAX_FILES_PER_MESSAGE - already)
    for p in paths:
        result = check_one(Path(p))
        if isinstance(result, Refusal):
            out.refused.append(result)
        elif len(out.accepted) >= room:
            out.refused.append(Refusal(result.path, result.name, "too_many", size=result.size))
        else:
            out.accepted.append(result)
    return out
