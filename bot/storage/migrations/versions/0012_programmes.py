"""programmes: village and district programmes and the workers enrolled in them

A desa or kabupaten/kota pays JKK+JKM for a quota of vulnerable workers (facts.md §8.2,
§8.5). `programmes` holds the sponsor, funding code, programs, quota, months and admitted
categories; `enrolments` ties a lead to a programme, enrolled or on the waiting list.
`staff.regency_code`: the kabupaten/kota a read-only `pemda` login sees.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("area_code", sa.String(16), nullable=False),
        sa.Column("regency_code", sa.String(8), nullable=False),
        sa.Column("funding", sa.String(2), nullable=False),
        sa.Column("programs", _JSON, nullable=False),
        sa.Column("quota", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("categories", _JSON, nullable=False),
        sa.Column(
            "branch_id",
            sa.Integer(),
            sa.ForeignKey("branches.id", name="fk_programmes_branch_id_branches"),
            nullable=False,
        ),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_programmes"),
    )
    op.create_index("ix_programmes_regency_code", "programmes", ["regency_code"])
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "programme_id",
            sa.Integer(),
            sa.ForeignKey(
                "programmes.id", name="fk_enrolments_programme_id_programmes", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column(
            "lead_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.ForeignKey("leads.id", name="fk_enrolments_lead_id_leads", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("source", sa.String(12), nullable=False),
        sa.Column("consent", sa.String(12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_enrolments"),
        sa.UniqueConstraint("programme_id", "lead_id", name="uq_enrolments_programme_id_lead_id"),
    )
    op.create_index("ix_enrolments_programme_id", "enrolments", ["programme_id"])
    op.create_index("ix_enrolments_lead_id", "enrolments", ["lead_id"])
    with op.batch_alter_table("staff") as batch_op:
        batch_op.add_column(sa.Column("regency_code", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch_op:
        batch_op.drop_column("regency_code")
    op.drop_table("enrolments")
    op.drop_table("programmes")
