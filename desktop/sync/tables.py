"""The local cache's tables: one SQLite file per (server, workspace, manager).

Rows hold the server's JSON as it came (`data`) plus a column for everything the lists
filter and sort by, so a window of the inbox is one indexed query and the JSON is only
parsed for the rows on screen. Local-only state (pending and failed messages, the
outbox, the server's copy of rows that pending mutations overlay) lives beside them.

Bump SCHEMA_VERSION whenever a table changes: an older file is rebuilt from the server
on open, keeping only the outbox (and the client identity that numbers it) and the
drafts.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2  # 2: drafts

metadata = MetaData()

# Key-value, not one wide row: a file from any schema version can still be asked for its
# version, its client id and its next mutation id.
meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text),  # JSON
)


def _reference(name: str) -> Table:
    """Small reference lists (managers, teams, ...): replaced at bootstrap, kept by the feed."""
    return Table(
        name,
        metadata,
        Column("id", String, primary_key=True),
        Column("name", String, nullable=False, default=""),
        Column("data", Text, nullable=False),
    )


managers = _reference("managers")
teams = _reference("teams")
tags = _reference("tags")
macros = _reference("macros")
integrations = _reference("integrations")
customer_fields = _reference("customer_fields")  # id is the field's key

customers = Table(
    "customers",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False),
    Column("data", Text, nullable=False),
)

chats = Table(
    "chats",
    metadata,
    Column("id", String, primary_key=True),
    Column("customer_id", String, nullable=False),
    Column("state", String, nullable=False),
    Column("assignee_id", String),
    Column("team_id", String),
    Column("medium", String, nullable=False),
    Column("queued", Boolean, nullable=False),
    Column("last_message_us", Integer, nullable=False),  # microseconds since the epoch
    Column("last_message_seq", Integer, nullable=False),
    Column("data", Text, nullable=False),
    # Local: every message with seq >= history_from is in the cache (None: not known yet).
    Column("history_from", Integer),
    # Local: set on every chat when a re-bootstrap starts, cleared by its pages; what is
    # still stale at the end was deleted on the server meanwhile.
    Column("stale", Boolean, nullable=False, default=False),
)
Index("ix_chats_state_time", chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_assignee", chats.c.assignee_id, chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_team", chats.c.team_id, chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_medium", chats.c.medium, chats.c.state, chats.c.last_message_us, chats.c.id)

messages = Table(
    "messages",
    metadata,
    Column("id", String, primary_key=True),
    Column("chat_id", String, nullable=False),
    Column("seq", Integer),  # the server's; None while pending or failed
    # The order shown: seq when confirmed, PENDING_BASE + mutation id while local, so
    # unsent messages stay at the bottom in the order they were written.
    Column("sort_key", Integer, nullable=False),
    Column("pending", Boolean, nullable=False, default=False),
    Column("failed_reason", Text),
    Column("mutation_id", Integer),
    Column("data", Text, nullable=False),
)
Index("ix_messages_chat_order", messages.c.chat_id, messages.c.sort_key)

chat_state = Table(  # my own view of each chat (the feed sends only mine)
    "chat_state",
    metadata,
    Column("chat_id", String, primary_key=True),
    Column("starred", Boolean, nullable=False),
    Column("unread_count", Integer, nullable=False),
    Column("mentioned", Boolean, nullable=False),
    Column("in_sessions", Boolean, nullable=False),
    Column("read_seq", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

counts = Table(  # the server's sidebar counts: shared (scope "") and mine (scope = my id)
    "counts",
    metadata,
    Column("scope", String, nullable=False),
    Column("key", String, nullable=False),
    Column("state", String, nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("scope", "key", "state"),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", String, primary_key=True),
    Column("chat_id", String),
    Column("created_at", String, nullable=False),
    Column("data", Text, nullable=False),
)
Index("ix_notifications_time", notifications.c.created_at)

outbox = Table(
    "outbox",
    metadata,
    Column("mutation_id", Integer, primary_key=True, autoincrement=False),
    Column("name", String, nullable=False),
    Column("args", Text, nullable=False),  # JSON, exactly as pushed
    Column("created_at", String, nullable=False),
    Column("status", String, nullable=False, default="pending"),  # pending | sent
    Column("server_seq", Integer),  # where the feed shows its effect (status sent)
)

# What the agent typed in a chat and has not sent (SPEC M7): local only, one per chat,
# kept like the outbox when the file is rebuilt (the text is the agent's).
drafts = Table(
    "drafts",
    metadata,
    Column("chat_id", String, primary_key=True),
    Column("text", Text, nullable=False),
    Column("note", Boolean, nullable=False, default=False),
    Column("updated_at", String, nullable=False),
)

# The server's version of a row that pending mutations overlay (data None: no such row),
# kept while any outbox row touches it: the base their effects are replayed on.
shadows = Table(
    "shadows",
    metadata,
    Column("entity", String, nullable=False),
    Column("key", String, nullable=False),
    Column("data", Text),
    PrimaryKeyConstraint("entity", "key"),
)
