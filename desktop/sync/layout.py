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
