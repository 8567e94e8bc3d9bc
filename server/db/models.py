"""The server's tables. Services read and write them with SQLAlchemy Core statements."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from server.db.types import Json, UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Search structures the models cannot describe (L5): an FTS5 table and its shadow tables
# on SQLite, pg_trgm GIN indexes on PostgreSQL. Made by migration 0005; autogenerate
# and the schema test leave them alone (`modelled`).
SEARCH_TABLES = ("message_fts", "customer_fts")
SEARCH_INDEXES = ("ix_message_text_trgm", "ix_customer_name_trgm")


def modelled(name: str | None, type_: str, _parent: object = None) -> bool:
    """Alembic's include_name: False for the search structures made by hand."""
    if name is None:
        return True
    if type_ == "table":
        return not any(name == t or name.startswith(f"{t}_") for t in SEARCH_TABLES)
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return True


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def _ws() -> Mapped[uuid.UUID]:
    return mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"), index=True)


def _created() -> Mapped[datetime]:
    return mapped_column(UTCDateTime, default=utcnow)


class Workspace(Base):
    __tablename__ = "workspace"
    id: Mapped[uuid.UUID] = _id()
    name: Mapped[str] = mapped_column(String(200))
    # IANA name; business hours are local to it: {"mon": {"open": "09:00", "close":
    # "18:00"}, ...}, a weekday left out is closed (protocol WorkspaceOut).
    time_zone: Mapped[str] = mapped_column(
        String(64), default="Asia/Seoul", server_default="Asia/Seoul"
    )
    business_hours: Mapped[dict[str, Any]] = mapped_column(Json, default=dict, server_default="{}")
    # The change-log cursor: bumped inside every writing transaction (ARCHITECTURE 1).
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # Entries at or below this seq may have been pruned: older cursors must re-bootstrap.
    pruned_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = _created()


class Manager(Base):
    __tablename__ = "manager"
    __table_args__ = (UniqueConstraint("email"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="manager")
    permissions: Mapped[list[str]] = mapped_column(Json, default=list)
    operator_seat: Mapped[bool] = mapped_column(Boolean, default=True)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    max_auto_assign: Mapped[int] = mapped_column(Integer, default=10)
    notify_unassigned: Mapped[bool] = mapped_column(Boolean, default=False)
    avatar_url: Mapped[str | None] = mapped_column(String(500))
    last_assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = _created()
    # Set: the manager left. No login, no session, never assigned; their rows stay theirs.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Invitation(Base):
    """An invitation to join a workspace as a manager. Only the token's SHA-256 is
    stored; accepting it once (before `expires_at`) makes the manager."""

    __tablename__ = "invitation"
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16), default="manager")
    permissions: Mapped[list[str]] = mapped_column(Json, default=list)
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    invited_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("manager.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = _created()
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Used up: accepted (manager_id set) or withdrawn (a newer invitation, a revoke).
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    manager_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("manager.id", ondelete="SET NULL")
    )


class AuthToken(Base):
    """A manager's bearer token. Only its SHA-256 is stored; the token itself is random."""

    __tablename__ = "auth_token"
    id: Mapped[uuid.UUID] = _id()
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    manager_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("manager.id", ondelete="CASCADE"), index=True
    )
    device_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = _created()
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginThrottle(Base):
    """Failed logins per email, so guessing slows down across every worker."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = _created()


class Team(Base):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    name: Mapped[str] = mapped_column(String(200))
    auto_assign: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created()


class TeamMember(Base):
    __tablename__ = "team_member"
    team_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )
    manager_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("manager.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # A member can stay in a team but out of its auto-assignment rota.
    auto_assign: Mapped[bool] = mapped_column(Boolean, default=True)


class CustomerField(Base):
    """The typed profile fields of a workspace's customers."""

    __tablename__ = "customer_field"
    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(16), default="string")
    options: Mapped[list[str]] = mapped_column(Json, default=list, server_default="[]")
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    name: Mapped[str] = mapped_column(String(200))
    avatar_url: Mapped[str | None] = mapped_column(String(500))
    profile: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    created_at: Mapped[datetime] = _created()


class CustomerIdentity(Base):
    """How a customer is known on one medium (a phone number, a Kakao user key, ...)."""

    __tablename__ = "customer_identity"
    __table_args__ = (UniqueConstraint("workspace_id", "medium", "external_id"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    customer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    medium: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(300))


class Chat(Base):
    __tablename__ = "chat"
    __table_args__ = (
        Index("ix_chat_head_order", "workspace_id", "last_message_at", "id"),
        Index("ix_chat_queue", "workspace_id", "team_id", "queued_since"),
    )
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workspace.id", ondelete="CASCADE"))
    customer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    medium: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="open")
    snooze_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("team.id", ondelete="SET NULL"), index=True
    )
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("manager.id", ondelete="SET NULL"), index=True
    )
    # The chat's full row carries its tag names and followers (the change log sends whole
    # rows); chat_tag and chat_follower index them for queries. Only
    # server.inbox.chats writes either, always both together.
    tags: Mapped[list[str]] = mapped_column(Json, default=list)
    follower_ids: Mapped[list[str]] = mapped_column(Json, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    source_kind: Mapped[str | None] = mapped_column(String(16))
    source_name: Mapped[str | None] = mapped_column(String(200))
    goal: Mapped[str | None] = mapped_column(String(200))
    goal_reached: Mapped[bool] = mapped_column(Boolean, default=False)
    queued_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    page_url: Mapped[str | None] = mapped_column(String(2000))
    # Sort key of every list (L1); starts at the chat's creation, never null.
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_message_preview: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = _created()


class ChatFollower(Base):
    __tablename__ = "chat_follower"
    chat_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), primary_key=True
    )
    manager_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("manager.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Added by an assignment (P1), not by the manager: it goes when the chat is given to
    # someone else or unassigned (S5). Following it explicitly makes it not automatic.
    auto: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ChatTag(Base):
    __tablename__ = "chat_tag"
    chat_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ChatHashtag(Base):
    """The #hashtags of a chat's description (P3), for search."""

    __tablename__ = "chat_hashtag"
    chat_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class CustomerLink(Base):
    """A customer's per-chat token (only its hash): opens that chat and nothing else."""

    __tablename__ = "customer_link"
    id: Mapped[uuid.UUID] = _id()
    chat_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    created_at: Mapped[datetime] = _created()
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Message(Base):
    __tablename__ = "message"
    __table_args__ = (Index("ix_message_chat_seq", "chat_id", "seq"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # created by the client
    workspace_id: Mapped[uuid.UUID] = _ws()
    chat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("chat.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)  # change-log seq of its creation: its order
    author_kind: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(16), default="reply")
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(Json)
    # The plain text of its text blocks (protocol.preview.search_text), for search (L5):
    # pg_trgm indexes it on PostgreSQL, an FTS5 table (kept by triggers) on SQLite.
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = _created()
    customer_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why a reply to an external medium was not delivered after its last try (U3).
    delivery_error: Mapped[str | None] = mapped_column(String(500))


class EmailMessage(Base):
    """A Message-ID header we sent or received in an email chat (U3): threads replies
    into their chat, makes a redelivered mail a no-op, and keeps the subject to answer."""

    __tablename__ = "email_message"
    __table_args__ = (UniqueConstraint("workspace_id", "header_id"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    chat_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    header_id: Mapped[str] = mapped_column(String(998))
    subject: Mapped[str] = mapped_column(String(998), default="")
    outbound: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created()


class ChatState(Base):
    """One manager's own view of one chat."""

    __tablename__ = "chat_state"
    manager_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("manager.id", ondelete="CASCADE"), primary_key=True
    )
    chat_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    starred: Mapped[bool] = mapped_column(Boolean, default=False)
    read_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    unread_count: Mapped[int] = mapped_column(Integer, default=0)
    mentioned: Mapped[bool] = mapped_column(Boolean, default=False)
    # S5, kept live by server.inbox.sessions: (unassigned and my S11 switch on) or
    # assigned to me or followed by me or was_mentioned.
    in_sessions: Mapped[bool] = mapped_column(Boolean, default=False)
    # I was @mentioned here (unlike `mentioned`, kept after reading; cleared by unfollowing).
    was_mentioned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    name: Mapped[str] = mapped_column(String(40))
    color: Mapped[str] = mapped_column(String(7), default="#888888")


class Macro(Base):
    __tablename__ = "macro"
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    name: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class Integration(Base):
    __tablename__ = "integration"
    __table_args__ = (UniqueConstraint("workspace_id", "medium"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    medium: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    connected: Mapped[bool] = mapped_column(Boolean, default=True)
    secret_hash: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    # The medium's plain settings (protocol.media), shown to every app.
    config: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    # Its secrets as one AES-GCM sealed JSON object (server.media.secrets), and their
    # names (never their values) so answers can say which are set.
    sealed_secrets: Mapped[bytes | None] = mapped_column(LargeBinary)
    secret_names: Mapped[list[str]] = mapped_column(Json, default=list, server_default="[]")


class MediaEvent(Base):
    """An external medium's event already taken in (U3): its id, once, so a retried or
    replayed webhook creates nothing the second time."""

    __tablename__ = "media_event"
    __table_args__ = (UniqueConstraint("workspace_id", "medium", "event_id"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    medium: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Outbound(Base):
    """A reply waiting to go out through its chat's medium (U3): tried by the outbox job
    with backoff until delivered (`done_at`) or given up (`error`)."""

    __tablename__ = "outbound"
    __table_args__ = (Index("ix_outbound_due", "done_at", "next_at"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    message_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), unique=True
    )
    medium: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = _created()


class PageVisit(Base):
    __tablename__ = "page_visit"
    __table_args__ = (Index("ix_page_visit_customer_time", "customer_id", "visited_at"),)
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    chat_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("chat.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(String(2000))
    title: Mapped[str | None] = mapped_column(String(500))
    referrer: Mapped[str | None] = mapped_column(String(2000))
    visited_at: Mapped[datetime] = _created()


class VisitorKey(Base):
    """A website visitor's token (only its hash), kept by the snippet (U2) in the site's
    local storage: records that customer's page visits and starts their chats, and opens
    nothing else (no chat's messages: those need the chat's own link)."""

    __tablename__ = "visitor_key"
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    customer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    created_at: Mapped[datetime] = _created()
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class File(Base):
    __tablename__ = "file"
    id: Mapped[uuid.UUID] = _id()
    workspace_id: Mapped[uuid.UUID] = _ws()
    chat_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("chat.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(255))
    storage_key: Mapped[str] = mapped_column(String(500))
    # The tus offset: only ever moved by compare-and-set (server.uploads.service).
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = _created()
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who uploads it ("manager" | "customer"): a message may only use its author's files.
    uploader_kind: Mapped[str | None] = mapped_column(String(16))
    uploader_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # uploading -> complete -> attached (in a sent message); or expired (bytes removed).
    state: Mapped[str] = mapped_column(String(16), default="uploading", server_default="uploading")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class FilePart(Base):
    """One PATCH's bytes, stored as their own object; the file is its parts in offset
    order. A part row is written in the same transaction that moves the offset."""

    __tablename__ = "file_part"
    file_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("file.id", ondelete="CASCADE"), primary_key=True
    )
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    length: Mapped[int] = mapped_column(BigInteger)
    storage_key: Mapped[str] = mapped_column(String(500))


class ChatCount(Base):
    """How many chats each sidebar entry holds, per chat state, kept by deltas in the
    same transaction as the change (server.inbox.counts). `scope` is "" for
    entries everyone shares and a manager's id for their own (unread, starred, ...)."""

    __tablename__ = "chat_count"
    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    scope: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    state: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class ManagerLoad(Base):
    """A manager's open assigned chats (routing's load, R1 and R4), kept by deltas in the
    same transaction as the chat write that moves it (server.inbox.loads)."""

    __tablename__ = "manager_load"
    manager_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("manager.id", ondelete="CASCADE"), primary_key=True
    )
    open_chats: Mapped[int] = mapped_column(Integer, default=0)


class JobLease(Base):
    """A background job runs on one worker at a time: whoever holds its lease."""

    __tablename__ = "job_lease"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChangeLog(Base):
    """The ordered truth every client follows (ARCHITECTURE, data flow 1).

    `manager_id` set: only that manager sees the entry (their chat_state).
    `internal` set: managers only, never a customer (internal notes).
    `chat_id` set: the chat a customer's feed is scoped to.
    """

    __tablename__ = "change_log"
    # A customer's feed: its chat's entries, without scanning the workspace's log.
    __table_args__ = (Index("ix_change_log_chat_seq", "chat_id", "seq"),)
    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(80))
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any] | None] = mapped_column(Json)
    manager_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    chat_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    mutation_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = _created()


class SyncClient(Base):
    """One desktop install's outbox position: the exactly-once guard (data flow 5)."""

    __tablename__ = "sync_client"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    manager_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("manager.id", ondelete="CASCADE"), index=True
    )
    last_mutation_id: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = _created()


class MutationResult(Base):
    """The stored answer to each processed mutation, returned again for a duplicate."""

    __tablename__ = "mutation_result"
    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sync_client.id", ondelete="CASCADE"), primary_key=True
    )
    mutation_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    result: Mapped[dict[str, Any]] = mapped_column(Json)
