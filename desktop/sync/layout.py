"""The cache's table and column names, and the JSON paths its SQL reads: written once.

`tables` defines the tables with these names (SQLAlchemy, for the sync engine's
writes); `reads` writes the GUI's plain-sqlite3 SQL with them, because the first paint
must not wait for SQLAlchemy's import. So this module imports nothing.
`tests/desktop_sync/test_reads.py` checks that every table has exactly the columns
named here.
"""

from __future__ import annotations


class Meta:
    TABLE = "meta"
    KEY = "key"
    VALUE = "value"  # JSON


class Reference:
    """The columns of every reference table (managers, teams, tags, ...)."""

    ID = "id"
    NAME = "name"
    DATA = "data"


# A reference entity (as the feed names it) -> its table.
REFERENCE_TABLES = {
    "manager": "managers",
    "team": "teams",
    "tag": "tags",
    "macro": "macros",
    "integration": "integrations",
    "customer_field": "customer_fields",  # id is the field's key
}


class Customers:
    TABLE = "customers"
    ID = "id"
    NAME = "name"
    DATA = "data"


class PageVisits:
    """P5: the newest page visits of the cached customers (the server's rows)."""

    TABLE = "page_visits"
    ID = "id"
    CUSTOMER_ID = "customer_id"
    VISITED_US = "visited_us"
    DATA = "data"


class Chats:
    TABLE = "chats"
    ID = "id"
    CUSTOMER_ID = "customer_id"
    STATE = "state"
    ASSIGNEE_ID = "assignee_id"
    TEAM_ID = "team_id"
    MEDIUM = "medium"
    QUEUED = "queued"
    LAST_MESSAGE_US = "last_message_us"
    LAST_MESSAGE_SEQ = "last_message_seq"
    DATA = "data"
    HISTORY_FROM = "history_from"
    STALE = "stale"


class Messages:
    TABLE = "messages"
    ID = "id"
    CHAT_ID = "chat_id"
    SEQ = "seq"
    SORT_KEY = "sort_key"
    PENDING = "pending"
    FAILED_REASON = "failed_reason"
    MUTATION_ID = "mutation_id"
    DATA = "data"


class ChatState:
    TABLE = "chat_state"
    CHAT_ID = "chat_id"
    STARRED = "starred"
    UNREAD_COUNT = "unread_count"
    MENTIONED = "mentioned"
    IN_SESSIONS = "in_sessions"
    READ_SEQ = "read_seq"
    DATA = "data"


class Counts:
    TABLE = "counts"
    SCOPE = "scope"  # "" shared, or my manager id for my own counts
    KEY = "key"
    STATE = "state"
    COUNT = "count"


class Notifications:
    TABLE = "notifications"
    ID = "id"
    CHAT_ID = "chat_id"
    CREATED_AT = "created_at"
    DATA = "data"


class Outbox:
    TABLE = "outbox"
    MUTATION_ID = "mutation_id"
    NAME = "name"
    ARGS = "args"
    CREATED_AT = "created_at"
    STATUS = "status"
    SERVER_SEQ = "server_seq"


# The values of Outbox.STATUS: not yet acknowledged, or acknowledged and awaited in the feed.
OUTBOX_PENDING = "pending"
OUTBOX_SENT = "sent"


class Drafts:
    TABLE = "drafts"
    CHAT_ID = "chat_id"
    TEXT = "text"
    NOTE = "note"
    UPDATED_AT = "updated_at"


class Uploads:
    """Files of a message being written or waiting to go out (issue 13): local only,
    kept like the outbox when the file is rebuilt. `id` is ours and stable; `file_id`
    is the server's upload (a new one when a failed upload is retried)."""

    TABLE = "uploads"
    ID = "id"
    FILE_ID = "file_id"
    CHAT_ID = "chat_id"
    MESSAGE_ID = "message_id"
    POSITION = "position"  # the order the agent attached them in
    PATH = "path"
    NAME = "name"
    SIZE = "size"
    CONTENT_TYPE = "content_type"
    URL = "url"  # the tus upload's URL once created (None: not yet)
    OFFSET = "offset"  # bytes the server had when last known (HEAD tells the truth)
    STATUS = "status"  # UPLOAD_* below
    ERROR_CODE = "error_code"  # why it failed: an ErrorCode value or tus.FILE_* (None)
    ERROR = "error"  # the server's (or our) words for it
    CREATED_AT = "created_at"


# The values of Uploads.STATUS.
UPLOAD_SENDING = "uploading"  # being sent, or waiting for its turn / the network
UPLOAD_DONE = "done"  # the server has every byte
UPLOAD_FAILED = "failed"  # stopped for a reason (error_code); retry starts a new upload
UPLOAD_CANCELLED = "cancelled"  # the agent stopped it; retry or remove


class Outgoing:
    """A message the agent sent while some of its files were still going up: held here
    (and shown as pending) until the last one is done, then put in the outbox."""

    TABLE = "outgoing"
    MESSAGE_ID = "message_id"
    CHAT_ID = "chat_id"
    ARGS = "args"  # JSON: the send_message args without the files block
    SORT_KEY = "sort_key"  # where its pending row shows (after every outbox message)
    CREATED_AT = "created_at"


class SearchDocs:
    """What search reads (L5), one row per searchable text: a customer's name, a chat's
    tags, a message's text. Kept by triggers on the customers, chats and messages tables
    (`search_index`), so every write path keeps it current in its own transaction.
    Two FTS5 tables (trigram tokenizer) index `text` with `id` as their rowid: message
    docs in SEARCH_FTS, names and tags in SEARCH_LABELS_FTS. Ids grow as docs are
    written, so a higher id is a message the cache learned of later (mostly: newer)."""

    TABLE = "search_docs"
    ID = "id"
    KEY = "key"  # "n:<customer id>", "t:<chat id>" or "m:<message id>"
    KIND = "kind"  # SEARCH_NAME | SEARCH_TAG | SEARCH_MESSAGE
    CHAT_ID = "chat_id"  # tags and messages
    CUSTOMER_ID = "customer_id"  # names
    TEXT = "text"


SEARCH_FTS = "search_fts"  # message docs, searched newest first (rowid DESC)
SEARCH_LABELS_FTS = "search_labels_fts"  # name and tag docs: few, searched whole
# The values of SearchDocs.KIND (also the matched field a search result names).
SEARCH_NAME = "name"
SEARCH_TAG = "tag"
SEARCH_MESSAGE = "message"


class MessageMarks:
    """What the side panel lists of a chat's messages (P7), kept by triggers on the
    messages table (`message_marks`): one row per message that holds files, a link
    button or a web address in its text (`links`), or that a bot wrote (`bot`). The
    panel reads these few messages by index rather than every cached message's JSON."""

    TABLE = "message_marks"
    MESSAGE_ID = "message_id"
    CHAT_ID = "chat_id"
    SORT_KEY = "sort_key"
    LINKS = "links"
    BOT = "bot"


class Shadows:
    TABLE = "shadows"
    ENTITY = "entity"
    KEY = "key"
    DATA = "data"


# Paths into the server's JSON (`data` columns) that SQL reads.
CUSTOMER_AVATAR = "$.avatar_url"
CHAT_TAGS = "$.tags"

# A local message's sort key: after every seq, in the order the messages were written.
PENDING_BASE = 1 << 62
# A message waiting for its files: after every outbox message (it goes out after them),
# by the time it was sent (microseconds since the epoch, < 2**51).
WAITING_BASE = PENDING_BASE + (1 << 52)
