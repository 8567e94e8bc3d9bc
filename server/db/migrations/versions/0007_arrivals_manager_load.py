"""manager_load: each manager's open assigned chats, kept as a count (R1, R4)

Routing read a manager's load by counting their open chats, once per arrival and per
refill, under the workspace lock; it now reads this row by primary key
(server.inbox.loads keeps it by deltas). Filled here from the chats.

Revision ID: 0007_arrivals
Revises: 0006
Create Date: 2026-12-07 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_arrivals"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "manager_load",
        sa.Column("manager_id", sa.Uuid(), nullable=False),
        sa.Column("open_chats", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manager_id"],
            ["manager.id"],
            name=op.f("fk_manager_load_manager_id_manager"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("manager_id", name=op.f("pk_manager_load")),
    )
    op.execute(
        "INSERT INTO manager_load (manager_id, open_chats) "
        "SELECT c.assignee_id, count(*) FROM chat c JOIN manager g ON g.id = c.assignee_id "
        "WHERE c.state = 'open' GROUP BY c.assignee_id"
    )


def downgrade() -> None:
    op.drop_table("manager_load")
