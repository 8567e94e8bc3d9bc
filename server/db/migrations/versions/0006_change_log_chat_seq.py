"""change_log (chat_id, seq) index: a customer's feed reads only its chat's entries

A customer's cursors are the seqs of their own chat's entries, so they say nothing of the
rest of the workspace; this index finds those entries without scanning the workspace log.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 07:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_chat_seq", ["chat_id", "seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_chat_seq")
