"""The upload protocol both sides speak: tus 1.0 under `/uploads`, downloads under
`/files`. Named once so the server, the desktop's uploader and the tests agree.

Creation (`POST /uploads`) carries `Upload-Length` (no deferred length) and
`Upload-Metadata` with these keys (values base64, as tus says): the file's name and
type, the chat it is for, and the message it will belong to (a client-made UUID, so
the server can refuse an 11th file for one message before any byte arrives).
"""

import hashlib
import zlib
from typing import Any, Final, Protocol

TUS_VERSION: Final = "1.0.0"
TUS_EXTENSIONS: Final = (
    "creation",
    "creation-with-upload",
    "expiration",
    "checksum",
    "termination",
)
CHECKSUM_ALGORITHMS: Final = ("sha1", "sha256", "crc32")
OFFSET_CONTENT_TYPE: Final = "application/offset+octet-stream"

UPLOADS_PATH: Final = "/uploads"  # POST here; the Location answered is /uploads/{file_id}
FILES_PATH: Final = "/files"  # GET /files/{file_id}: the finished file (ranges allowed)

META_NAME: Final = "filename"
META_TYPE: Final = "filetype"
META_CHAT: Final = "chat_id"
META_MESSAGE: Final = "message_id"
# Optional: a client-made UUID for the file. Creating again with it (same author, chat,
# message and length) answers the same upload, so a lost 201 is harmless.
META_FILE_ID: Final = "file_id"

# The most the desktop sends per PATCH (ARCHITECTURE 6); below it a PATCH carries about
# two seconds of sending at the link's speed (desktop/sync/tus.py), which is what a cut
# connection may cost again. Each PATCH ends in an fsync, a commit and a round trip the
# sender waits for: at 5 MiB those waits held loopback to a third of a plain upload, at
# 64 MiB to two thirds (bench.upload).
CHUNK_BYTES: Final = 256 * 1024**2


class Checksum(Protocol):
    def update(self, data: Any, /) -> None: ...
    def digest(self) -> bytes: ...


class Crc32:
    """tus `crc32`: zlib's CRC-32, its digest the 4 bytes big-endian (as S3's and
    GCS's CRC checksums): an integrity check against corruption on the way, not
    against tampering (TLS does that), at 2.5 times SHA-256's speed here."""

    def __init__(self) -> None:
        self._crc = 0

    def update(self, data: Any, /) -> None:
        self._crc = zlib.crc32(data, self._crc)

    def digest(self) -> bytes:
        return self._crc.to_bytes(4, "big")


def new_checksum(algorithm: str) -> Checksum:
    """A hasher for one of CHECKSUM_ALGORITHMS (both sides use this one)."""
    if algorithm == "crc32":
        return Crc32()
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise ValueError(f"not a checksum algorithm of ours: {algorithm}")
    return hashlib.new(algorithm)
