"""The monthly count of messages each branch's chats were sent (message_counts).

The outbox keeps delivered rows only OUTBOX_KEEP_HOURS, so the housekeeping loop tallies
them well before: it reads the rows after its mark (tally_marks) up to the first one still
pending, adds each delivered row's messages to the month and branch of its chat, and moves
the mark, in one transaction. The mark's row is locked (FOR UPDATE on PostgreSQL; SQLite's
single writer) so two processes never count a row twice. A chat belongs to the branch of
its person's newest lead, else of the officer who brought them, else to the default branch.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.zones import WIB
from bot.storage.models import (
    Branch,
    Contact,
    Lead,
    MessageCount,
    Officer,
    OutboxMessage,
    TallyMark,
)
from bot.storage.outbox import PENDING, SENT

MARK = "outbox"
BATCH = 5000
#: Channels that cost per message; the web chat's replies are stored as sent but free.
BILLED = ("whatsapp", "telegram")


def tally(session: Session, limit: int = BATCH) -> int:
    """Count the delivered rows after the mark into message_counts; the messages counted."""
    mark = session.get(TallyMark, MARK, with_for_update=True)
    if mark is None:
        mark = TallyMark(name=MARK, last_id=0)
        session.add(mark)
    waiting = session.scalar(
        select(func.min(OutboxMessage.id)).where(
            OutboxMessage.id > mark.last_id, OutboxMessage.status == PENDING
        )
    )
    query = select(
        OutboxMessage.id,
        OutboxMessage.channel,
        OutboxMessage.chat_id,
        OutboxMessage.status,
        OutboxMessage.progress,
        OutboxMessage.sent_at,
    ).where(OutboxMessage.id > mark.last_id)
    if waiting is not None:
        query = query.where(OutboxMessage.id < waiting)
    rows = session.execute(query.order_by(OutboxMessage.id).limit(limit)).all()
    if not rows:
        return 0
    mark.last_id = rows[-1].id
    billed = [r for r in rows if r.status == SENT and r.channel in BILLED and r.sent_at]
    branches = _branches(session, {(r.channel, r.chat_id) for r in billed})
    counts: Counter[tuple[int, str, str]] = Counter()
    for r in billed:
        sent_at: datetime = r.sent_at
        month = (sent_at if sent_at.tzinfo else sent_at.replace(tzinfo=UTC)).astimezone(WIB)
        branch = branches.get((r.channel, r.chat_id))
        if branch is not None:
            counts[branch, month.strftime("%Y-%m"), r.channel] += max(r.progress, 1)
    for (branch_id, month_key, channel), n in counts.items():
        row = session.get(MessageCount, (branch_id, month_key, channel))
        if row is None:
            session.add(
                MessageCount(branch_id=branch_id, month=month_key, channel=channel, count=n)
            )
        else:
            row.count += n
    session.flush()
    return sum(counts.values())


def _branches(session: Session, chats: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Each chat's branch: its newest lead's, else its officer's, else the default branch."""
    found: dict[tuple[str, str], int] = {}
    default = session.scalar(select(Branch.id).where(Branch.is_default.is_(True)))
    for channel, chat_id in chats:
        contact = session.scalars(
            select(Contact).where(Contact.channel == channel, Contact.user_id == chat_id)
        ).first()
        branch = None
        if contact is not None:
            branch = session.scalar(
                select(Lead.branch_id)
                .where(Lead.contact_id == contact.id)
                .order_by(Lead.created_at.desc())
                .limit(1)
            )
            if branch is None and contact.officer_id is not None:
                branch = session.scalar(
                    select(Officer.branch_id).where(Officer.id == contact.officer_id)
                )
        branch = branch or default
        if branch is not None:
            found[channel, chat_id] = branch
    return found


def monthly(session: Session, branch_id: int | None) -> list[tuple[str, str, str, int]]:
    """(month, branch name, channel, messages), newest month first; one branch or all."""
    query = (
        select(MessageCount.month, Branch.name, MessageCount.channel, MessageCount.count)
        .join(Branch, Branch.id == MessageCount.branch_id)
        .order_by(MessageCount.month.desc(), Branch.name, MessageCount.channel)
    )
    if branch_id is not None:
        query = query.where(MessageCount.branch_id == branch_id)
    return [(m, b, c, int(n)) for m, b, c, n in session.execute(query.limit(240))]
