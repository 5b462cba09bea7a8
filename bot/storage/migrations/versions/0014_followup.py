"""follow-up: call-by days, status news per branch, one reminder per chat, WhatsApp templates

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 02:30:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from bot.domain.followup import CALL_WITHIN_DAYS, call_by

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("branches") as batch:
        batch.add_column(
            sa.Column(
                "call_within_days",
                sa.Integer(),
                nullable=False,
                server_default=str(CALL_WITHIN_DAYS),
            )
        )
        batch.add_column(
            sa.Column("notify_status", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("leads") as batch:
        batch.add_column(sa.Column("call_by", sa.Date(), nullable=True))
    op.create_index("ix_leads_branch_status_call_by", "leads", ["branch_id", "status", "call_by"])
    _fill_call_by()
    op.create_table(
        "chat_reminders",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=256), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("channel", "chat_id", name=op.f("pk_chat_reminders")),
    )
    op.create_table(
        "message_templates",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column(
            "params", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
        sa.UniqueConstraint("name", "language", name=op.f("uq_message_templates_name_language")),
    )
    op.create_index("ix_message_templates_purpose", "message_templates", ["purpose"])
    op.create_table(
        "message_counts",
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["branches.id"],
            name=op.f("fk_message_counts_branch_id_branches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("branch_id", "month", "channel", name=op.f("pk_message_counts")),
    )
    marks = op.create_table(
        "tally_marks",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("last_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_tally_marks")),
    )
    op.bulk_insert(marks, [{"name": "outbox", "last_id": 0}])


def _fill_call_by() -> None:
    """The call-by day of the leads already there, from their day in and the default days."""
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, created_at FROM leads")).all()
    for lead_id, created in rows:
        if isinstance(created, str):  # SQLite keeps timestamps as text
            created = datetime.fromisoformat(created)
        day = (created if created.tzinfo else created.replace(tzinfo=UTC)).date()
        connection.execute(
            sa.text("UPDATE leads SET call_by = :day WHERE id = :id"),
            {"day": call_by(day, CALL_WITHIN_DAYS), "id": lead_id},
        )


def downgrade() -> None:
    op.drop_table("tally_marks")
    op.drop_table("message_counts")
    op.drop_index("ix_message_templates_purpose", table_name="message_templates")
    op.drop_table("message_templates")
    op.drop_table("chat_reminders")
    op.drop_index("ix_leads_branch_status_call_by", table_name="leads")
    with op.batch_alter_table("leads") as batch:
        batch.drop_column("call_by")
    with op.batch_alter_table("branches") as batch:
        batch.drop_column("notify_status")
        batch.drop_column("call_within_days")
