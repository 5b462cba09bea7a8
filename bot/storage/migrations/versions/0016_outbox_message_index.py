"""outbox: the message index leads with message_id

A fresh outbox (no statistics yet) had PostgreSQL's generic plan for a turn's check of a
chat's waiting rows use this index on `channel` alone, reading every row of the channel;
led by `message_id`, it serves only a redelivery's lookup, and the check takes
`ix_outbox_chat`.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 08:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_outbox_message", table_name="outbox")
    op.create_index("ix_outbox_message", "outbox", ["message_id", "channel"])


def downgrade() -> None:
    op.drop_index("ix_outbox_message", table_name="outbox")
    op.create_index("ix_outbox_message", "outbox", ["channel", "message_id"])
