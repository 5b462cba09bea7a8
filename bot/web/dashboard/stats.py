"""The overview's numbers: leads per day, officer, kecamatan and desa, and the funnel.

All counts are grouped in the database, so the overview costs the same at any size. The
funnel's first steps (chats started, eligibility checked, registration started) belong to
contacts, not branches: a branch counts the contacts its officers brought and those who came
on their own and sent it a lead; an officer their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from bot.domain.regions import region_name
from bot.domain.zones import utc_hours
from bot.storage.events import Step
from bot.storage.lead_queries import (
    LeadFilter,
    Scope,
    day_start,
    filter_clause,
    overdue_clause,
    scope_clause,
)
from bot.storage.models import Contact, FunnelEvent, Lead, Officer

TOP = 12


@dataclass(frozen=True)
class Overview:
    """The overview page's series: (label, count) pairs, ready for a chart and a table."""

    per_day: list[tuple[date, int]]  # every day of since..until, written out by the page
    per_officer: list[tuple[str, int]]
    per_district: list[tuple[str, int]]
    per_village: list[tuple[str, int]]
    funnel: list[tuple[str, int]]  # (step key, count)
    # New leads past their call-by day, whenever they came in (not only in since..until).
    overdue: int = 0
    overdue_per_officer: list[tuple[str, int]] = field(default_factory=list)
    overdue_per_district: list[tuple[str, int]] = field(default_factory=list)


def _local_day(session: Session, zone: ZoneInfo) -> ColumnElement[Any]:
    """The day a lead came in, in `zone`."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(zone.key, Lead.created_at))
    return func.date(Lead.created_at, f"+{utc_hours(zone)} hours")


def _grouped(
    session: Session,
    key: Any,
    where: list[ColumnElement[bool]],
    limit: int | None = TOP,
) -> list[tuple[object, int]]:
    stmt = select(key, func.count()).where(*where).group_by(key).order_by(func.count().desc(), key)
    return [(k, int(n)) for k, n in session.execute(stmt.limit(limit) if limit else stmt)]


def _officer_clause(scope: Scope, column: Any) -> list[ColumnElement[bool]]:
    if scope.nothing:
        return [column.is_(None), column.is_not(None)]
    if scope.officer_id is not None:
        return [column == scope.officer_id]
    if scope.branch_id is not None:
        return [column.in_(select(Officer.id).where(Officer.branch_id == scope.branch_id))]
    return []


def _people_clause(scope: Scope, officer: Any, contact: Any) -> list[ColumnElement[bool]]:
    """Whose chats a branch's funnel counts: its officers' and its walk-ins'.

    Walk-ins came without an officer and sent a lead to the branch; without them a branch's
    walk-in leads outnumbered their registration starts.
    """
    if scope.branch_id is None or scope.officer_id is not None or scope.nothing:
        return _officer_clause(scope, officer)
    walk_ins = select(Lead.contact_id).where(
        Lead.branch_id == scope.branch_id, Lead.contact_id.is_not(None)
    )
    return [or_(*_officer_clause(scope, officer), and_(officer.is_(None), contact.in_(walk_ins)))]


def overview(
    session: Session,
    scope: Scope,
    since: date,
    until: date,
    zone: ZoneInfo,
    no_officer: str,
    unknown: str,
    today: date | None = None,
) -> Overview:
    """Counts for the days since..until (inclusive, in `zone`) within the viewer's scope.

    With `today`, also the leads overdue on that day, per officer and per kecamatan.
    """
    where = [*scope_clause(scope), *filter_clause(LeadFilter(since=since, until=until), zone)]
    days = {str(k)[:10]: n for k, n in _grouped(session, _local_day(session, zone), where, None)}
    per_day = []
    day = since
    while day <= until:
        per_day.append((day, days.get(day.isoformat(), 0)))
        day += timedelta(days=1)

    officer_names: dict[Any, str] = dict(session.execute(select(Officer.id, Officer.name)).all())

    def by_officer(clauses: list[ColumnElement[bool]]) -> list[tuple[str, int]]:
        return [
            (officer_names.get(k, no_officer) if k else no_officer, n)
            for k, n in _grouped(session, Lead.officer_id, clauses)
        ]

    def by_district(clauses: list[ColumnElement[bool]]) -> list[tuple[str, int]]:
        return [
            (region_name(str(k)) or str(k) if k else unknown, n)
            for k, n in _grouped(session, Lead.district_code, clauses)
        ]

    per_officer, per_district = by_officer(where), by_district(where)
    per_village = [
        (region_name(str(k)) or str(k) if k else unknown, n)
        for k, n in _grouped(session, Lead.village_code, where)
    ]

    start, end = day_start(since, zone), day_start(until + timedelta(days=1), zone)
    chats = session.scalar(
        select(func.count())
        .select_from(Contact)
        .where(
            Contact.first_seen >= start,
            Contact.first_seen < end,
            *_people_clause(scope, Contact.officer_id, Contact.id),
        )
    )
    people = _people_clause(scope, FunnelEvent.officer_id, FunnelEvent.contact_id)
    steps = {}
    # Checks count people; registrations count forms started (a family member, each worker an
    # officer registers): one person may send several leads, and a funnel never widens.
    for step, counted in (
        (Step.ELIGIBILITY_CHECKED, func.count(distinct(FunnelEvent.contact_id))),
        (Step.REGISTRATION_STARTED, func.count(FunnelEvent.id)),
    ):
        steps[step.value] = session.scalar(
            select(counted).where(
                FunnelEvent.kind == step.value,
                FunnelEvent.at >= start,
                FunnelEvent.at < end,
                *people,
            )
        )
    leads = session.scalar(select(func.count()).select_from(Lead).where(*where))
    registered = session.scalar(
        select(func.count()).select_from(Lead).where(*where, Lead.status == "terdaftar")
    )
    funnel = [
        ("chats", int(chats or 0)),
        ("eligibility", int(steps["eligibility_checked"] or 0)),
        ("registration", int(steps["registration_started"] or 0)),
        ("leads", int(leads or 0)),
        ("registered", int(registered or 0)),
    ]
    if today is None:
        return Overview(per_day, per_officer, per_district, per_village, funnel)
    late = [*scope_clause(scope), *overdue_clause(today)]
    overdue = session.scalar(select(func.count()).select_from(Lead).where(*late))
    return Overview(
        per_day,
        per_officer,
        per_district,
        per_village,
        funnel,
        int(overdue or 0),
        by_officer(late),
        by_district(late),
    )
