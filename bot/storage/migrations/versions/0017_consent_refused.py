"""officer_codes: refused_at, when a worker declined on her phone through the officer's code

The officer who gave her the code is told she declined, not that she has not agreed yet.
Only the time is kept: who declined is not (contact_id stays empty).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("officer_codes") as batch:
        batch.add_column(sa.Column("refused_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("officer_codes") as batch:
        batch.drop_column("refused_at")
