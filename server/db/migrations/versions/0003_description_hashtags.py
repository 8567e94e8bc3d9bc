"""description hashtags

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 03:34:26.763116
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_hashtag",
        sa.Column("chat_id", sa.Uuid(), nullable=False),
        sa.Column("tag", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chat.id"], name=op.f("fk_chat_hashtag_chat_id_chat"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("chat_id", "tag", name=op.f("pk_chat_hashtag")),
    )
    with op.batch_alter_table("chat_hashtag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_hashtag_tag"), ["tag"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("chat_hashtag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_hashtag_tag"))

    op.drop_table("chat_hashtag")
