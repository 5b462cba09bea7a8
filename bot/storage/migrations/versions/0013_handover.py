"""handover: branch contact details, handovers to staff and their messages

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("branches") as batch:
        batch.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("address", sa.Text(), nullable=True))
        batch.add_column(sa.Column("hours", sa.String(length=64), nullable=True))
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey(
                "contacts.id", name="fk_handovers_contact_id_contacts", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=256), nullable=False),
        sa.Column(
            "branch_id",
            sa.Integer(),
            sa.ForeignKey("branches.id", name="fk_handovers_branch_id_branches"),
            nullable=False,
        ),
        sa.Column(
            "officer_id",
            sa.Integer(),
            sa.ForeignKey(
                "officers.id", name="fk_handovers_officer_id_officers", ondelete="SET NULL"
            ),
            nullable=True,
        ),
        sa.Column(
            "lead_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.ForeignKey("leads.id", name="fk_handovers_lead_id_leads", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_index("ix_handovers_contact_id", "handovers", ["contact_id"])
    op.create_index(
        "ix_handovers_branch_closed_opened", "handovers", ["branch_id", "closed_at", "opened_at"]
    )
    op.create_table(
        "handover_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column(
            "handover_id",
            sa.Integer(),
            sa.ForeignKey(
                "handovers.id",
                name="fk_handover_messages_handover_id_handovers",
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column(
            "contact_id",
            sa.Integer(),
            sa.ForeignKey(
                "contacts.id", name="fk_handover_messages_contact_id_contacts", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_messages")),
    )
    op.create_index("ix_handover_messages_contact_id", "handover_messages", ["contact_id"])
    op.create_index("ix_handover_messages_handover_at", "handover_messages", ["handover_id", "at"])


def downgrade() -> None:
    op.drop_table("handover_messages")
    op.drop_table("handovers")
    with op.batch_alter_table("branches") as batch:
        batch.drop_column("hours")
        batch.drop_column("address")
        batch.drop_column("phone")
