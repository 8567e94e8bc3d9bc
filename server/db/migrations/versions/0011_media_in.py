"""media_in: external media's events taken in once (media_event), replies waiting to go
out (outbound), and a reply's delivery failure (message.delivery_error) (U3, L3)

Revision ID: 0011_media_in
Revises: 0010_snippet
Create Date: 2026-12-07 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db.types

revision: str = "0011_media_in"
down_revision: str | None = "0010_snippet"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "media_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("medium", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("received_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_media_event_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_event")),
        sa.UniqueConstraint(
            "workspace_id",
            "medium",
            "event_id",
            name=op.f("uq_media_event_workspace_id_medium_event_id"),
        ),
    )
    with op.batch_alter_table("media_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_media_event_workspace_id"), ["workspace_id"], unique=False
        )
    op.create_table(
        "outbound",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("medium", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_outbound_message_id_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_outbound_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbound_message_id")),
    )
    with op.batch_alter_table("outbound", schema=None) as batch_op:
        batch_op.create_index("ix_outbound_due", ["done_at", "next_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_outbound_workspace_id"), ["workspace_id"], unique=False
        )
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivery_error", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_column("delivery_error")
    with op.batch_alter_table("outbound", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbound_workspace_id"))
        batch_op.drop_index("ix_outbound_due")
    op.drop_table("outbound")
    with op.batch_alter_table("media_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_event_workspace_id"))
    op.drop_table("media_event")
