"""dashboard: indexes for the leads list (keyset paging, filters, search)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 20:50:00

The list pages newest first on (created_at, id) within a scope (all, a branch, an officer),
so each scope has an index ending in (created_at, id); the filters a branch uses every
morning (status, kecamatan, desa) get one each within the branch; search by phone prefix
uses its own index. Reference numbers are already unique (indexed).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

INDEXES = {
    "ix_leads_created_id": ["created_at", "id"],
    "ix_leads_branch_created_id": ["branch_id", "created_at", "id"],
    "ix_leads_branch_status_created": ["branch_id", "status", "created_at"],
    "ix_leads_branch_district_created": ["branch_id", "district_code", "created_at"],
    "ix_leads_branch_village_created": ["branch_id", "village_code", "created_at"],
    "ix_leads_phone": ["phone"],
    "ix_contacts_first_seen": ["first_seen"],
}
TABLE = {"ix_contacts_first_seen": "contacts"}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, TABLE.get(name, "leads"), columns)


def downgrade() -> None:
    for name in reversed(INDEXES):
        op.drop_index(name, table_name=TABLE.get(name, "leads"))
