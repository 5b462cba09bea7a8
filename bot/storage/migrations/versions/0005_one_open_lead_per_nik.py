"""one open lead per NIK; drop an index 0003's (branch_id, created_at, id) makes redundant

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 21:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

OPEN_LEAD = sa.text("status IN ('baru', 'dihubungi')")


def upgrade() -> None:
    op.drop_index("ix_leads_branch_created", table_name="leads")
    op.create_index(
        "uq_leads_open_nik",
        "leads",
        ["nik_hash"],
        unique=True,
        sqlite_where=OPEN_LEAD,
        postgresql_where=OPEN_LEAD,
    )


def downgrade() -> None:
    op.drop_index("uq_leads_open_nik", table_name="leads")
    op.create_index("ix_leads_branch_created", "leads", ["branch_id", "created_at"])
