"""snippet: visitor keys (the website snippet's visitor tokens, hashed) and each page
visit's referrer (U2, P5)

Revision ID: 0010_snippet
Revises: 0009_media
Create Date: 2026-12-07 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db.types

revision: str = "0010_snippet"
down_revision: str | None = "0009_media"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visitor_key",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", server.db.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_visitor_key_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_visitor_key_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visitor_key")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_visitor_key_token_hash")),
    )
    with op.batch_alter_table("visitor_key", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visitor_key_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_visitor_key_workspace_id"), ["workspace_id"], unique=False
        )
    with op.batch_alter_table("page_visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("referrer", sa.String(length=2000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("page_visit", schema=None) as batch_op:
        batch_op.drop_column("referrer")
    with op.batch_alter_table("visitor_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visitor_key_workspace_id"))
        batch_op.drop_index(batch_op.f("ix_visitor_key_customer_id"))
    op.drop_table("visitor_key")
