"""people: deactivated managers and invitations (issue 17)

- manager.deactivated_at: a manager who left. Replaces the "!deactivated" password hash
  of earlier versions: those managers are marked deactivated here (their hash stays, it
  verifies nothing).
- invitation: an invitation to join as a manager; only its token's SHA-256 is stored.

Revision ID: 0008_people
Revises: 0007_arrivals
Create Date: 2026-12-07 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from server.db.types import UTCDateTime

revision: str = "0008_people"
down_revision: str | None = "0007_arrivals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("manager") as batch:
        batch.add_column(sa.Column("deactivated_at", UTCDateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE manager SET deactivated_at = created_at WHERE password_hash = '!deactivated'"
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column(
            "permissions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("invited_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("manager_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by"],
            ["manager.id"],
            name=op.f("fk_invitation_invited_by_manager"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_invitation_manager_id_manager"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_invitation_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitation_token_hash")),
    )
    op.create_index(
        op.f("ix_invitation_workspace_id"), "invitation", ["workspace_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_invitation_workspace_id"), table_name="invitation")
    op.drop_table("invitation")
    op.execute("UPDATE manager SET password_hash = '!deactivated' WHERE deactivated_at IS NOT NULL")
    with op.batch_alter_table("manager") as batch:
        batch.drop_column("deactivated_at")
