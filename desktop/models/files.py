"""Files as the window shows them (SPEC M1, C2): plain data the tray, the message
bubbles and the viewer draw, and the words for sizes, speeds, times and refusals.

The views never see the uploader's own rows: the controller turns them into `Upload`
(what one attached file looks like now) and `FileRef`s (a file of a message), so the
widgets can be built and tested with plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QLocale

from desktop.i18n import translate
from protocol.limits import MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE

IMAGE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/x-ms-bmp"}
)


class UploadState(StrEnum):
    WAITING = "waiting"  # checked, not started yet (or waiting for the network)
    UPLOADING = "uploading"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Upload:
    """One attached file as the tray (and a pending message) shows it. `file_id` is
    the upload's own stable id (what cancel, retry and remove name)."""

    file_id: str
    name: str
    size: int
    content_type: str = "application/octet-stream"
    path: str = ""  # the local file (thumbnails of pending images)
    sent: int = 0
    state: UploadState = UploadState.WAITING
    error: str = ""  # an error code ("upload_expired") or a sentence
    speed: float = 0.0  # bytes per second, recent
    eta: float | None = None  # seconds left, when known
    retrying: str = ""  # the connection dropped: why, while it tries again
    server_id: str = ""  # the server's file id (a message's files block names this one)

    @property
    def fraction(self) -> float:
        if self.state is UploadState.DONE:
            return 1.0
        return min(1.0, self.sent / self.size) if self.size > 0 else 0.0

    @property
    def is_image(self) -> bool:
        return is_image(self.content_type, self.name)


@dataclass(frozen=True, slots=True)
class FileRef:
    """A file of a message (its `files` block)."""

    file_id: str
    name: str
    size: int
    content_type: str = "application/octet-stream"

    @property
    def is_image(self) -> bool:
        return is_image(self.content_type, self.name)


def is_image(content_type: str, name: str = "") -> bool:
    if content_type in IMAGE_TYPES:
        return True
    return content_type in ("", "application/octet-stream") and name.lower().endswith(
        (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")
    )


def files_of(message: dict[str, Any]) -> list[FileRef]:
    """The files a message carries (its `files` blocks), in order."""
    out: list[FileRef] = []
    for block in message.get("blocks") or ():
        if not isinstance(block, dict) or block.get("type") != "files":
            continue
        for f in block.get("files") or ():
            if isinstance(f, dict) and f.get("id"):
                out.append(
                    FileRef(
                        file_id=str(f["id"]),
                        name=str(f.get("name") or ""),
                        size=int(f.get("size") or 0),
                        content_type=str(f.get("content_type") or "application/octet-stream"),
                    )
                )
    return out


def text_of(message: dict[str, Any]) -> str:
    """A message's text blocks only (its files are drawn as cards, not as text)."""
    parts = [
        str(b.get("text") or "")
        for b in message.get("blocks") or ()
        if isinstance(b, dict) and b.get("type") == "text"
    ]
    return "\n".join(p for p in parts if p)


# ---- words -----------------------------------------------------------------------------


def file_size(n: int) -> str:
    """A size as people read it: "1.2 GB", "340 KB" (decimal units, the UI's digits)."""
    if n < 1000:
        return translate("Files", "{n} B").format(n=n)
    return QLocale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def speed_text(bytes_per_s: float) -> str:
    return translate("Files", "{size}/s").format(size=file_size(int(bytes_per_s)))


def time_left(seconds: float) -> str:
    s = max(1, round(seconds))  # never "0 s left" while bytes are still going
    if s < 60:
        return translate("Files", "{n} s left").format(n=s)
    if s < 3600:
        return translate("Files", "{n} min left").format(n=round(s / 60))
    return translate("Files", "{h} h {m} min left").format(h=s // 3600, m=(s % 3600) // 60)


def type_label(content_type: str, name: str) -> str:
    """A short kind for a card: the extension people know ("PDF", "ZIP"), else the type."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 0 < len(ext) <= 5:
        return ext.upper()
    if "/" in content_type and content_type != "application/octet-stream":
        return content_type.split("/", 1)[1].upper()[:8]
    return translate("Files", "File")


def error_words(error: str) -> str:
    """Why an upload failed, for the tray (the server's codes in the agent's words)."""
    match error:
        case "upload_expired":
            return translate(
                "Files", "Not finished within the 5-minute limit, so the server dropped it. Retry?"
            )
        case "file_too_large":
            return translate("Files", "Over 1 GiB: too large to send")
        case "too_many_files":
            return translate("Files", "More than 10 files for one message")
        case "checksum_mismatch" | "file_changed":
            return translate("Files", "The file changed while it was sent. Retry?")
        case "missing" | "file_missing":
            return translate("Files", "The file is gone from the disk")
        case "":
            return translate("Files", "Upload failed")
    return error


def progress_words(u: Upload) -> str:
    """The line under a file's bar: "2.1 MB of 8.4 MB · 3.2 MB/s · 2 s left"."""
    match u.state:
        case UploadState.DONE:
            return translate("Files", "Uploaded · {size}").format(size=file_size(u.size))
        case UploadState.FAILED:
            return error_words(u.error)
        case UploadState.CANCELLED:
            return translate("Files", "Cancelled")
        case UploadState.WAITING:
            return translate("Files", "Waiting · {size}").format(size=file_size(u.size))
    if u.retrying:
        return translate("Files", "Connection lost, trying again… ({sent} of {size})").format(
            sent=file_size(u.sent), size=file_size(u.size)
        )
    parts = [
        translate("Files", "{sent} of {size}").format(
            sent=file_size(u.sent), size=file_size(u.size)
        )
    ]
    if u.speed > 0:
        parts.append(speed_text(u.speed))
    if u.eta is not None:
        parts.append(time_left(u.eta))
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Refused:
    """A file refused before any byte was sent, and why (file_check's reasons)."""

    name: str
    reason: str  # too_many | too_large | folder | unreadable | missing | empty
    size: int = 0


def refusal_reason(r: Refused) -> str:
    match r.reason:
        case "too_many":
            return translate("Files", "more than {n} files for one message").format(
                n=MAX_FILES_PER_MESSAGE
            )
        case "too_large":
            return translate("Files", "over 1 GiB ({size})").format(size=file_size(r.size))
        case "folder":
            return translate("Files", "a folder, not a file")
        case "unreadable":
            return translate("Files", "cannot be read (permissions?)")
        case "missing":
            return translate("Files", "no longer exists")
        case "empty":
            return translate("Files", "empty (0 bytes)")
    return r.reason


def refusal_text(refused: Sequence[Refused], limit: int = 6) -> str:
    """One message naming every refused file and why: "Not attached: a.png (over 1 GiB
    (1.2 GB)); b (a folder, not a file)"."""
    lines = [
        translate("Files", "{name}: {reason}").format(name=r.name, reason=refusal_reason(r))
        for r in refused[:limit]
    ]
    if len(refused) > limit:
        lines.append(translate("Files", "and {n} more").format(n=len(refused) - limit))
    head = translate("Files", "Not attached ({n}):").format(n=len(refused))
    return head + " " + "; ".join(lines)


def limits_text() -> str:
    return translate("Files", "Drop to attach up to {n} files, {size} each").format(
        n=MAX_FILES_PER_MESSAGE, size=translate("Files", "1 GiB")
    )


def total_size(items: Iterable[FileRef | Upload]) -> int:
    return sum(i.size for i in items)


assert MAX_FILE_BYTES == 1024**3  # the words above say "1 GiB"
