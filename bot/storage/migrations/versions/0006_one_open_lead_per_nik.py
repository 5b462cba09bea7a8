"""one open lead per NIK

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 21:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

OPEN_LEAD = sa.text("status IN ('baru', 'dihubungi')")


def upgrade() -> None:
    op.create_index(
        "uq_leads_open_nik", "leads", ["nik_hash"], unique=True,
        sqlite_where=OPEN_LEAD, postgresql_where=OPEN_LEAD,
    )


def downgrade() -> None:
    op.drop_index("uq_leads_open_nik", table_name="leads")
