"""The upload protocol both sides speak: tus 1.0 under `/uploads`, downloads under
`/files`. Named once so the server, the desktop's uploader and the tests agree.

Creation (`POST /uploads`) carries `Upload-Length` (no deferred length) and
`Upload-Metadata` with these keys (values base64, as tus says): the file's name and
type, the chat it is for, and the message it will belong to (a client-made UUID, so
the server can refuse an 11th file for one message before any byte arrives).
"""

from typing import Final

TUS_VERSION: Final = "1.0.0"
TUS_EXTENSIONS: Final = (
    "creation",
    "creation-with-upload",
    "expiration",
    "checksum",
    "termination",
)
CHECKSUM_ALGORITHMS: Final = ("sha1", "sha256")
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

CHUNK_BYTES: Final = 5 * 1024**2  # what the desktop sends per PATCH (ARCHITECTURE 6)
