"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 02:59:58.852951
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import server.db.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_table(
        "workspace",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("pruned_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace")),
    )
    op.create_table(
        "change_log",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=80), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column(
            "data",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("manager_id", sa.Uuid(), nullable=True),
        sa.Column("chat_id", sa.Uuid(), nullable=True),
        sa.Column("internal", sa.Boolean(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=True),
        sa.Column("mutation_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_change_log_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "seq", name=op.f("pk_change_log")),
    )
    op.create_table(
        "customer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("avatar_url", sa.String(length=500), nullable=True),
        sa.Column(
            "profile",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_customer_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
    )
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "customer_field",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_customer_field_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "key", name=op.f("pk_customer_field")),
    )
    op.create_table(
        "integration",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("medium", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("connected", sa.Boolean(), nullable=False),
        sa.Column("secret_hash", sa.LargeBinary(length=32), nullable=True),
        sa.Column(
            "config",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_integration_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integration")),
        sa.UniqueConstraint(
            "workspace_id", "medium", name=op.f("uq_integration_workspace_id_medium")
        ),
    )
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_integration_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "macro",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_macro_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_macro")),
    )
    with op.batch_alter_table("macro", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_macro_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "manager",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column(
            "permissions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("operator_seat", sa.Boolean(), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("max_auto_assign", sa.Integer(), nullable=False),
        sa.Column("notify_unassigned", sa.Boolean(), nullable=False),
        sa.Column("avatar_url", sa.String(length=500), nullable=True),
        sa.Column("last_assigned_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_manager_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manager")),
        sa.UniqueConstraint("email", name=op.f("uq_manager_email")),
    )
    with op.batch_alter_table("manager", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manager_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "tag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_tag_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_tag_workspace_id_name")),
    )
    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tag_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "team",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("auto_assign", sa.Boolean(), nullable=False),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_team_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_team_workspace_id_name")),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "auth_token",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("manager_id", sa.Uuid(), nullable=False),
        sa.Column("device_name", sa.String(length=200), nullable=True),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_auth_token_manager_id_manager"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_auth_token_token_hash")),
    )
    with op.batch_alter_table("auth_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_token_manager_id"), ["manager_id"], unique=False)

    op.create_table(
        "chat",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("medium", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("snooze_until", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column(
            "tags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "follower_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(length=16), nullable=True),
        sa.Column("source_name", sa.String(length=200), nullable=True),
        sa.Column("goal", sa.String(length=200), nullable=True),
        sa.Column("goal_reached", sa.Boolean(), nullable=False),
        sa.Column("queued_since", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("page_url", sa.String(length=2000), nullable=True),
        sa.Column("last_message_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_message_seq", sa.BigInteger(), nullable=False),
        sa.Column("last_message_preview", sa.String(length=200), nullable=False),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["manager.id"],
            name=op.f("fk_chat_assignee_id_manager"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_chat_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_chat_team_id_team"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_chat_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat")),
    )
    with op.batch_alter_table("chat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_assignee_id"), ["assignee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chat_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(
            "ix_chat_head_order", ["workspace_id", "last_message_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_chat_queue", ["workspace_id", "team_id", "queued_since"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_chat_team_id"), ["team_id"], unique=False)

    op.create_table(
        "customer_identity",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("medium", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_customer_identity_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_customer_identity_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_identity")),
        sa.UniqueConstraint(
            "workspace_id",
            "medium",
            "external_id",
            name=op.f("uq_customer_identity_workspace_id_medium_external_id"),
        ),
    )
    with op.batch_alter_table("customer_identity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_identity_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_customer_identity_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "sync_client",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("manager_id", sa.Uuid(), nullable=False),
        sa.Column("last_mutation_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_sync_client_manager_id_manager"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_client")),
    )
    with op.batch_alter_table("sync_client", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_client_manager_id"), ["manager_id"], unique=False)

    op.create_table(
        "team_member",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("manager_id", sa.Uuid(), nullable=False),
        sa.Column("auto_assign", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_team_member_manager_id_manager"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_team_member_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "manager_id", name=op.f("pk_team_member")),
    )
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_member_manager_id"), ["manager_id"], unique=False)

    op.create_table(
        "chat_follower",
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("manager_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_chat_follower_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_chat_follower_manager_id_manager"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "manager_id", name=op.f("pk_chat_follower")),
    )
    with op.batch_alter_table("chat_follower", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chat_follower_manager_id"), ["manager_id"], unique=False
        )

    op.create_table(
        "chat_state",
        sa.Column("manager_id", sa.Uuid(), nullable=False),
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("read_seq", sa.BigInteger(), nullable=False),
        sa.Column("unread_count", sa.Integer(), nullable=False),
        sa.Column("mentioned", sa.Boolean(), nullable=False),
        sa.Column("in_sessions", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_chat_state_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_chat_state_manager_id_manager"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("manager_id", "chat_id", name=op.f("pk_chat_state")),
    )
    with op.batch_alter_table("chat_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_state_chat_id"), ["chat_id"], unique=False)

    op.create_table(
        "chat_tag",
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("tag_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_chat_tag_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_chat_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("chat_id", "tag_id", name=op.f("pk_chat_tag")),
    )
    with op.batch_alter_table("chat_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "customer_link",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_customer_link_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_customer_link_token_hash")),
    )
    with op.batch_alter_table("customer_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_link_chat_id"), ["chat_id"], unique=False)

    op.create_table(
        "file",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("chat_id", sa.Uuid(), nullable=True),
        sa.Column("message_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("completed_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_file_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_file_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file")),
    )
    with op.batch_alter_table("file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_file_chat_id"), ["chat_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_file_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("author_kind", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "blocks",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("customer_read_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_message_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_message_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message")),
    )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index("ix_message_chat_seq", ["chat_id", "seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_message_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "mutation_result",
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("mutation_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "result",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["sync_client.id"],
            name=op.f("fk_mutation_result_client_id_sync_client"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", "mutation_id", name=op.f("pk_mutation_result")),
    )
    op.create_table(
        "page_visit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("chat_id", sa.Uuid(), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("visited_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_page_visit_chat_id_chat"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_page_visit_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_page_visit_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_visit")),
    )
    with op.batch_alter_table("page_visit", schema=None) as batch_op:
        batch_op.create_index(
            "ix_page_visit_customer_time", ["customer_id", "visited_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_page_visit_workspace_id"), ["workspace_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("page_visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_visit_workspace_id"))
        batch_op.drop_index("ix_page_visit_customer_time")

    op.drop_table("page_visit")
    op.drop_table("mutation_result")
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_workspace_id"))
        batch_op.drop_index("ix_message_chat_seq")

    op.drop_table("message")
    with op.batch_alter_table("file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_file_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_file_chat_id"))

    op.drop_table("file")
    with op.batch_alter_table("customer_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_link_chat_id"))

    op.drop_table("customer_link")
    with op.batch_alter_table("chat_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_tag_tag_id"))

    op.drop_table("chat_tag")
    with op.batch_alter_table("chat_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_state_chat_id"))

    op.drop_table("chat_state")
    with op.batch_alter_table("chat_follower", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_follower_manager_id"))

    op.drop_table("chat_follower")
    with op.batch_alter_table("team_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_member_manager_id"))

    op.drop_table("team_member")
    with op.batch_alter_table("sync_client", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_client_manager_id"))

    op.drop_table("sync_client")
    with op.batch_alter_table("customer_identity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_identity_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_customer_identity_customer_id"))

    op.drop_table("customer_identity")
    with op.batch_alter_table("chat", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_team_id"))
        batch_op.drop_index("ix_chat_queue")
        batch_op.drop_index("ix_chat_head_order")
        batch_op.drop_index(batch_op.f("ix_chat_customer_id"))
        batch_op.drop_index(batch_op.f("ix_chat_assignee_id"))

    op.drop_table("chat")
    with op.batch_alter_table("auth_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_token_manager_id"))

    op.drop_table("auth_token")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_workspace_id"))

    op.drop_table("team")
    with op.batch_alter_table("tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tag_workspace_id"))

    op.drop_table("tag")
    with op.batch_alter_table("manager", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manager_workspace_id"))

    op.drop_table("manager")
    with op.batch_alter_table("macro", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_macro_workspace_id"))

    op.drop_table("macro")
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_integration_workspace_id"))

    op.drop_table("integration")
    op.drop_table("customer_field")
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_workspace_id"))

    op.drop_table("customer")
    op.drop_table("change_log")
    op.drop_table("workspace")
    op.drop_table("login_throttle")
