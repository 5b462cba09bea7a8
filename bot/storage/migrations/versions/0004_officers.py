"""officers: one-time codes, attribution time, assisted leads

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 20:40:00

`officer_codes` holds hashed one-time codes (an officer linking a chat account, a worker
confirming consent for an assisted registration). `contacts.attributed_at` dates an
officer's "chat started"; `leads.assisted_by_officer_id` marks a lead filled in by an officer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "officer_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_officer_codes_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
            name=op.f("fk_officer_codes_officer_id_officers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer_codes")),
    )
    op.create_index("ix_officer_codes_purpose_hash", "officer_codes", ["purpose", "code_hash"])
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.add_column(sa.Column("attributed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("leads") as batch_op:
        batch_op.add_column(sa.Column("assisted_by_officer_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_leads_assisted_by_officer_id_officers"),
            "officers",
            ["assisted_by_officer_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("leads") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_leads_assisted_by_officer_id_officers"), type_="foreignkey"
        )
        batch_op.drop_column("assisted_by_officer_id")
    with op.batch_alter_table("contacts") as batch_op:
        batch_op.drop_column("attributed_at")
    op.drop_index("ix_officer_codes_purpose_hash", table_name="officer_codes")
    op.drop_table("officer_codes")
