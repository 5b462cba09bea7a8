"""Officers as the dashboard's officers page shows them: branch-scoped, with lead counts.

Creating and deactivating are the officers module's (bot.storage.officers); this adds what
a branch page needs on top: the list with counts, a lookup that a branch cannot step out
of, and reactivation.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.storage.models import Lead, Officer


def list_officers(session: Session, branch_id: int | None) -> list[tuple[Officer, int]]:
    """The officers of a branch (every branch for None) with their lead counts, active first."""
    counts = select(Lead.officer_id, func.count().label("n")).group_by(Lead.officer_id).subquery()
    stmt = (
        select(Officer, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.officer_id == Officer.id)
        .order_by(Officer.active.desc(), Officer.name)
    )
    if branch_id is not None:
        stmt = stmt.where(Officer.branch_id == branch_id)
    return [(officer, int(n)) for officer, n in session.execute(stmt)]


def get_officer(session: Session, officer_id: int, branch_id: int | None) -> Officer | None:
    """The officer if it belongs to `branch_id` (any branch for None)."""
    stmt = select(Officer).where(Officer.id == officer_id)
    if branch_id is not None:
        stmt = stmt.where(Officer.branch_id == branch_id)
    return session.scalars(stmt).first()


def reactivate(session: Session, officer: Officer) -> None:
    officer.active = True
    session.flush()
