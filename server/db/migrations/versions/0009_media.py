"""Running a workspace (issue 17): media secrets sealed at rest, profile field options
and order, the workspace's time zone and business hours

integration.sealed_secrets holds a medium's secrets as one AES-GCM sealed object
(server.media.secrets); secret_names lists which are set (never their values).
customer_field gains a select's options and a position; workspace a time zone (IANA)
and business hours.

Revision ID: 0009_media
Revises: 0008_people
Create Date: 2026-12-07 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009_media"
down_revision: str | None = "0008_people"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("integration") as batch:
        batch.add_column(sa.Column("sealed_secrets", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("secret_names", Json, server_default="[]", nullable=False))
    with op.batch_alter_table("customer_field") as batch:
        batch.add_column(sa.Column("options", Json, server_default="[]", nullable=False))
        batch.add_column(sa.Column("position", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("workspace") as batch:
        batch.add_column(
            sa.Column(
                "time_zone", sa.String(length=64), server_default="Asia/Seoul", nullable=False
            )
        )
        batch.add_column(sa.Column("business_hours", Json, server_default="{}", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("business_hours")
        batch.drop_column("time_zone")
    with op.batch_alter_table("customer_field") as batch:
        batch.drop_column("position")
        batch.drop_column("options")
    with op.batch_alter_table("integration") as batch:
        batch.drop_column("secret_names")
        batch.drop_column("sealed_secrets")
