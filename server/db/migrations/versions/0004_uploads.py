"""uploads: who uploads a file, its state and deadline, and its parts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uploader_kind", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("uploader_id", sa.Uuid(), nullable=True))
        batch_op.add_column(
            sa.Column("state", sa.String(length=16), server_default="uploading", nullable=False)
        )
        batch_op.add_column(
            sa.Column("expires_at", server.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_file_expires_at"), ["expires_at"], unique=False)
    # Files finished before this revision stay usable.
    op.execute("UPDATE file SET state = 'complete' WHERE completed_at IS NOT NULL")
    op.create_table(
        "file_part",
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"], ["file.id"], name=op.f("fk_file_part_file_id_file"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("file_id", "offset", name=op.f("pk_file_part")),
    )


def downgrade() -> None:
    op.drop_table("file_part")
    with op.batch_alter_table("file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_file_expires_at"))
        batch_op.drop_column("expires_at")
        batch_op.drop_column("state")
        batch_op.drop_column("uploader_id")
        batch_op.drop_column("uploader_kind")
