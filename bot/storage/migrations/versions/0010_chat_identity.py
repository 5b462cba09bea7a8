"""chat identity: ids up to 256 characters, failed statuses recorded once, blocked chats

WhatsApp's business-scoped user ids (BSUID, `US.13491208655302741918`, up to a country code,
a period and 128 characters, more with a parent's `ENT.`) key contacts and conversations
now, so the id columns widen to 256. A failed-delivery status names the refused message:
`delivery_failures.message_id`, unique per channel, so a resent status is kept once (rows
from before have none). `blocked_chats`: the chats that blocked the bot or removed it.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-05 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

_WIDENED = [
    ("contacts", "user_id", False),
    ("conversations", "chat_id", False),
    ("officers", "whatsapp_user_id", True),
    ("delivery_failures", "chat_id", False),
]


def _resize(length: int, before: int) -> None:
    for table, column, nullable in _WIDENED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column(
                column,
                type_=sa.String(length=length),
                existing_type=sa.String(length=before),
                existing_nullable=nullable,
            )


def upgrade() -> None:
    _resize(256, 64)
    with op.batch_alter_table("delivery_failures") as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=128), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_delivery_failures_channel_message_id"), ["channel", "message_id"]
        )
    op.create_table(
        "blocked_chats",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=256), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "chat_id", name=op.f("pk_blocked_chats")),
    )


def downgrade() -> None:
    op.drop_table("blocked_chats")
    with op.batch_alter_table("delivery_failures") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_delivery_failures_channel_message_id"), type_="unique"
        )
        batch_op.drop_column("message_id")
    _resize(64, 256)
