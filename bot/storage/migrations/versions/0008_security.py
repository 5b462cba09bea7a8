"""security: attempt counters, an audit table, staff session versions, questions' owners

`attempts` holds wrong one-time codes and failed logins outside erasable data;
`audit_events` records exports with NIK; `staff.session_version` lets logout revoke a
cookie; `unanswered_questions.contact_id` lets erasure delete a person's questions.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
    )
    op.create_index("ix_attempts_kind_subject_at", "attempts", ["kind", "subject", "at"])
    op.create_index(op.f("ix_attempts_at"), "attempts", ["at"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_at"), "audit_events", ["at"])
    with op.batch_alter_table("staff") as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("unanswered_questions") as batch_op:
        batch_op.add_column(sa.Column("contact_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_unanswered_questions_contact_id_contacts"),
            "contacts",
            ["contact_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            batch_op.f("ix_unanswered_questions_contact_id"), ["contact_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("unanswered_questions") as batch_op:
        batch_op.drop_index(batch_op.f("ix_unanswered_questions_contact_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_unanswered_questions_contact_id_contacts"), type_="foreignkey"
        )
        batch_op.drop_column("contact_id")
    with op.batch_alter_table("staff") as batch_op:
        batch_op.drop_column("session_version")
    op.drop_index(op.f("ix_audit_events_at"), table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_index(op.f("ix_attempts_at"), table_name="attempts")
    op.drop_index("ix_attempts_kind_subject_at", table_name="attempts")
    op.drop_table("attempts")
