"""trigram index on lower(leads.name): the leads list's name search on PostgreSQL

The search is `lower(name) LIKE '%wira%'`, which no B-tree can serve. A pg_trgm GIN index
can, and ANALYZE then keeps statistics on lower(name), so the planner also knows when a name
is common enough to walk the newest leads instead. SQLite: nothing (a million-lead branch
search there takes milliseconds without it).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 23:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")  # trusted: a database owner may
    op.execute("CREATE INDEX ix_leads_name_trgm ON leads USING gin (lower(name) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_leads_name_trgm", table_name="leads")
