"""staff link a Telegram account for /export: the account, and a hashed one-time code

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 21:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch_op:
        batch_op.add_column(sa.Column("telegram_user_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("link_code_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("link_code_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_staff_telegram_user_id"), ["telegram_user_id"]
        )
        batch_op.create_unique_constraint(batch_op.f("uq_staff_link_code_hash"), ["link_code_hash"])


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_staff_link_code_hash"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_staff_telegram_user_id"), type_="unique")
        batch_op.drop_column("link_code_expires_at")
        batch_op.drop_column("link_code_hash")
        batch_op.drop_column("telegram_user_id")
