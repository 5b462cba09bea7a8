"""village officers: an officer may be bound to one desa (perangkat desa)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 04:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.add_column(sa.Column("village_code", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("officers") as batch:
        batch.drop_column("village_code")
