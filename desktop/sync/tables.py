"""The local cache's tables: one SQLite file per (server, workspace, manager).

Rows hold the server's JSON as it came (`data`) plus a column for everything the lists
filter and sort by, so a window of the inbox is one indexed query and the JSON is only
parsed for the rows on screen. Local-only state (pending and failed messages, the
outbox, the server's copy of rows that pending mutations overlay) lives beside them.

Bump SCHEMA_VERSION whenever a table changes: an older file is rebuilt from the server
on open, keeping only the outbox (and the client identity that numbers it), the
drafts and the uploads (with the messages waiting for them). The names are `layout`'s,
shared with the GUI's plain-sqlite3 reads (`reads`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    event,
)

from desktop.sync import message_marks, search_index
from desktop.sync.layout import (
    OUTBOX_PENDING,
    REFERENCE_TABLES,
    Chats,
    ChatState,
    Counts,
    Customers,
    Drafts,
    MessageMarks,
    Messages,
    Meta,
    Notifications,
    Outbox,
    Outgoing,
    PageVisits,
    Reference,
    SearchDocs,
    Shadows,
    Uploads,
)

# 2: drafts, 3: uploads and outgoing, 4: the search index (search_docs, FTS5) and chats
# by customer, 5: page visits (P5), 6: message marks (P7: the panel's files, links and
# sent messages, `message_marks`)
SCHEMA_VERSION = 6

metadata = MetaData()

# Key-value, not one wide row: a file from any schema version can still be asked for its
# version, its client id and its next mutation id.
meta = Table(
    Meta.TABLE,
    metadata,
    Column(Meta.KEY, String, primary_key=True),
    Column(Meta.VALUE, Text),  # JSON
)


def _reference(entity: str) -> Table:
    """Small reference lists (managers, teams, ...): replaced at bootstrap, kept by the feed."""
    return Table(
        REFERENCE_TABLES[entity],
        metadata,
        Column(Reference.ID, String, primary_key=True),
        Column(Reference.NAME, String, nullable=False, default=""),
        Column(Reference.DATA, Text, nullable=False),
    )


managers = _reference("manager")
teams = _reference("team")
tags = _reference("tag")
macros = _reference("macro")
integrations = _reference("integration")
customer_fields = _reference("customer_field")  # id is the field's key

customers = Table(
    Customers.TABLE,
    metadata,
    Column(Customers.ID, String, primary_key=True),
    Column(Customers.NAME, String, nullable=False),
    Column(Customers.DATA, Text, nullable=False),
)
Index("ix_customers_name", customers.c.name, customers.c.id)  # search's LIKE reads only this

page_visits = Table(
    PageVisits.TABLE,
    metadata,
    Column(PageVisits.ID, String, primary_key=True),
    Column(PageVisits.CUSTOMER_ID, String, nullable=False),
    Column(PageVisits.VISITED_US, Integer, nullable=False),  # microseconds since the epoch
    Column(PageVisits.DATA, Text, nullable=False),
)
Index("ix_page_visits_customer", page_visits.c.customer_id, page_visits.c.visited_us)

chats = Table(
    Chats.TABLE,
    metadata,
    Column(Chats.ID, String, primary_key=True),
    Column(Chats.CUSTOMER_ID, String, nullable=False),
    Column(Chats.STATE, String, nullable=False),
    Column(Chats.ASSIGNEE_ID, String),
    Column(Chats.TEAM_ID, String),
    Column(Chats.MEDIUM, String, nullable=False),
    Column(Chats.QUEUED, Boolean, nullable=False),
    Column(Chats.LAST_MESSAGE_US, Integer, nullable=False),  # microseconds since the epoch
    Column(Chats.LAST_MESSAGE_SEQ, Integer, nullable=False),
    Column(Chats.DATA, Text, nullable=False),
    # Local: every message with seq >= history_from is in the cache (None: not known yet).
    Column(Chats.HISTORY_FROM, Integer),
    # Local: set on every chat when a re-bootstrap starts, cleared by its pages; what is
    # still stale at the end was deleted on the server meanwhile.
    Column(Chats.STALE, Boolean, nullable=False, default=False),
)
Index("ix_chats_state_time", chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_assignee", chats.c.assignee_id, chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_team", chats.c.team_id, chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_medium", chats.c.medium, chats.c.state, chats.c.last_message_us, chats.c.id)
Index("ix_chats_customer", chats.c.customer_id)  # a name found -> its chats
Index("ix_chats_time", chats.c.last_message_us, chats.c.id)  # lists in any state, search

messages = Table(
    Messages.TABLE,
    metadata,
    Column(Messages.ID, String, primary_key=True),
    Column(Messages.CHAT_ID, String, nullable=False),
    Column(Messages.SEQ, Integer),  # the server's; None while pending or failed
    # The order shown: seq when confirmed, PENDING_BASE + mutation id while local, so
    # unsent messages stay at the bottom in the order they were written.
    Column(Messages.SORT_KEY, Integer, nullable=False),
    Column(Messages.PENDING, Boolean, nullable=False, default=False),
    Column(Messages.FAILED_REASON, Text),
    Column(Messages.MUTATION_ID, Integer),
    Column(Messages.DATA, Text, nullable=False),
)
Index("ix_messages_chat_order", messages.c.chat_id, messages.c.sort_key)

marks = Table(  # kept by triggers on messages (`message_marks`)
    MessageMarks.TABLE,
    metadata,
    Column(MessageMarks.MESSAGE_ID, String, primary_key=True),
    Column(MessageMarks.CHAT_ID, String, nullable=False),
    Column(MessageMarks.SORT_KEY, Integer, nullable=False),
    Column(MessageMarks.LINKS, Boolean, nullable=False),  # files, link buttons, web addresses
    Column(MessageMarks.BOT, Boolean, nullable=False),  # written by a bot (sent messages)
)
Index("ix_message_marks_chat", marks.c.chat_id, marks.c.sort_key)

chat_state = Table(  # my own view of each chat (the feed sends only mine)
    ChatState.TABLE,
    metadata,
    Column(ChatState.CHAT_ID, String, primary_key=True),
    Column(ChatState.STARRED, Boolean, nullable=False),
    Column(ChatState.UNREAD_COUNT, Integer, nullable=False),
    Column(ChatState.MENTIONED, Boolean, nullable=False),
    Column(ChatState.IN_SESSIONS, Boolean, nullable=False),
    Column(ChatState.READ_SEQ, Integer, nullable=False),
    Column(ChatState.DATA, Text, nullable=False),
)

counts = Table(  # the server's sidebar counts: shared (scope "") and mine (scope = my id)
    Counts.TABLE,
    metadata,
    Column(Counts.SCOPE, String, nullable=False),
    Column(Counts.KEY, String, nullable=False),
    Column(Counts.STATE, String, nullable=False),
    Column(Counts.COUNT, Integer, nullable=False),
    PrimaryKeyConstraint(Counts.SCOPE, Counts.KEY, Counts.STATE),
)

notifications = Table(
    Notifications.TABLE,
    metadata,
    Column(Notifications.ID, String, primary_key=True),
    Column(Notifications.CHAT_ID, String),
    Column(Notifications.CREATED_AT, String, nullable=False),
    Column(Notifications.DATA, Text, nullable=False),
)
Index("ix_notifications_time", notifications.c.created_at)

outbox = Table(
    Outbox.TABLE,
    metadata,
    Column(Outbox.MUTATION_ID, Integer, primary_key=True, autoincrement=False),
    Column(Outbox.NAME, String, nullable=False),
    Column(Outbox.ARGS, Text, nullable=False),  # JSON, exactly as pushed
    Column(Outbox.CREATED_AT, String, nullable=False),
    Column(Outbox.STATUS, String, nullable=False, default=OUTBOX_PENDING),  # pending | sent
    Column(Outbox.SERVER_SEQ, Integer),  # where the feed shows its effect (status sent)
)

# What the agent typed in a chat and has not sent (SPEC M7): local only, one per chat,
# kept like the outbox when the file is rebuilt (the text is the agent's).
drafts = Table(
    Drafts.TABLE,
    metadata,
    Column(Drafts.CHAT_ID, String, primary_key=True),
    Column(Drafts.TEXT, Text, nullable=False),
    Column(Drafts.NOTE, Boolean, nullable=False, default=False),
    Column(Drafts.UPDATED_AT, String, nullable=False),
)

# Files being uploaded for a message, and messages waiting for their files (issue 13):
# local only, kept like the outbox when the file is rebuilt.
uploads = Table(
    Uploads.TABLE,
    metadata,
    Column(Uploads.ID, String, primary_key=True),
    Column(Uploads.FILE_ID, String, nullable=False, unique=True),
    Column(Uploads.CHAT_ID, String, nullable=False),
    Column(Uploads.MESSAGE_ID, String, nullable=False),
    Column(Uploads.POSITION, Integer, nullable=False),
    Column(Uploads.PATH, Text, nullable=False),
    Column(Uploads.NAME, Text, nullable=False),
    Column(Uploads.SIZE, Integer, nullable=False),
    Column(Uploads.CONTENT_TYPE, String, nullable=False),
    Column(Uploads.URL, Text),
    Column(Uploads.OFFSET, Integer, nullable=False, default=0),
    Column(Uploads.STATUS, String, nullable=False),
    Column(Uploads.ERROR_CODE, String),
    Column(Uploads.ERROR, Text),
    Column(Uploads.CREATED_AT, String, nullable=False),
)
Index("ix_uploads_message", uploads.c.message_id, uploads.c.position)
Index("ix_uploads_chat", uploads.c.chat_id)

outgoing = Table(
    Outgoing.TABLE,
    metadata,
    Column(Outgoing.MESSAGE_ID, String, primary_key=True),
    Column(Outgoing.CHAT_ID, String, nullable=False),
    Column(Outgoing.ARGS, Text, nullable=False),
    Column(Outgoing.SORT_KEY, Integer, nullable=False),
    Column(Outgoing.CREATED_AT, String, nullable=False),
)

# The server's version of a row that pending mutations overlay (data None: no such row),
# kept while any outbox row touches it: the base their effects are replayed on.
shadows = Table(
    Shadows.TABLE,
    metadata,
    Column(Shadows.ENTITY, String, nullable=False),
    Column(Shadows.KEY, String, nullable=False),
    Column(Shadows.DATA, Text),
    PrimaryKeyConstraint(Shadows.ENTITY, Shadows.KEY),
)

# What search reads (L5): kept by triggers, indexed by the FTS5 table (`search_index`).
search_docs = Table(
    SearchDocs.TABLE,
    metadata,
    Column(SearchDocs.ID, Integer, primary_key=True),  # the FTS5 rowid
    Column(SearchDocs.KEY, String, nullable=False, unique=True),
    Column(SearchDocs.KIND, String, nullable=False),
    Column(SearchDocs.CHAT_ID, String),
    Column(SearchDocs.CUSTOMER_ID, String),
    Column(SearchDocs.TEXT, Text, nullable=False),
)
Index("ix_search_docs_chat", search_docs.c.chat_id)


@event.listens_for(metadata, "after_create")
def _triggers(_target: Any, connection: Connection, **_kw: Any) -> None:
    """The search index and the message marks: kept by triggers on the tables."""
    search_index.create(connection)
    message_marks.create(connection)
