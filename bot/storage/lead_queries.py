"""Leads as branch staff see them: a scope (whose leads), filters, search and keyset paging.

Every query starts from a `Scope`, so a branch admin's request can never reach another
branch's rows, and an officer's only their own. Pages are keyset (newest first on
`created_at, id`), never OFFSET: the first and the ten-thousandth page cost the same at a
million leads (indexes in migration 0004). Functions take the caller's session, never commit.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, cast, func, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.domain.zones import WIB, province_zone
from bot.storage.models import BranchArea, Lead, LeadEvent, Officer

#: The zone of days and times when no one branch is in view (an admin's all branches).
LOCAL_TZ = WIB
#: The follow-up statuses, in the order the dropdowns show them.
STATUSES = ("baru", "dihubungi", "terdaftar", "tidak_berminat", "tidak_dapat_dihubungi", "duplikat")
#: Where a lead may go next: call (dihubungi) first, then an outcome; an unreachable person may
#: be called again; an outcome may be corrected by going back to dihubungi.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "baru": ("dihubungi", "tidak_dapat_dihubungi", "duplikat"),
    "dihubungi": ("terdaftar", "tidak_berminat", "tidak_dapat_dihubungi", "duplikat"),
    "tidak_dapat_dihubungi": ("dihubungi", "duplikat"),
    "terdaftar": ("dihubungi",),
    "tidak_berminat": ("dihubungi",),
    "duplikat": ("dihubungi",),
}
PROGRAMS = ("jkk", "jkm", "jht")
PAGE_SIZE = 50
_REFERENCE = re.compile(r"^(?:JMS)?-?([2-9A-Z]{4})-?([2-9A-Z]{4})$")


@dataclass(frozen=True)
class Scope:
    """Whose leads a viewer reaches: all (admin), one branch, or one officer's."""

    branch_id: int | None = None
    officer_id: int | None = None
    nothing: bool = False  # an officer login not linked to an officer sees no lead

    @classmethod
    def of(cls, role: str, branch_id: int | None, officer_id: int | None) -> Scope:
        """The rule for every staff login: admin all, branch_admin a branch, officer own leads."""
        if role == "admin":
            return cls()
        if role == "branch_admin":
            return cls(branch_id=branch_id, nothing=branch_id is None)
        return cls(officer_id=officer_id, nothing=officer_id is None)


@dataclass(frozen=True)
class LeadFilter:
    """The list's filters; every field optional. Dates are days in the branch's zone, inclusive."""

    since: date | None = None
    until: date | None = None
    status: str | None = None
    officer_id: int | None = None
    district_code: str | None = None
    village_code: str | None = None
    program: str | None = None
    sponsored: bool | None = None
    q: str | None = None
    branch_id: int | None = None  # admins may narrow to one branch
    overdue: bool = False  # only new leads whose call-by day is before `today`
    today: date | None = None  # in the zone of the branch in view; set by the page


def overdue_clause(today: date) -> list[ColumnElement[bool]]:
    """A lead no one called although its call-by day is past: still new, call_by before today."""
    return [Lead.status == "baru", Lead.call_by < today]


def is_overdue(lead: Lead, today: date | None) -> bool:
    """`overdue_clause` for one lead already loaded (the list's marker); never without a day."""
    return today is not None and lead.status == "baru" and (lead.call_by or today) < today


def day_start(day: date, zone: ZoneInfo = LOCAL_TZ) -> datetime:
    """Midnight of `day` in `zone`, in UTC (how `created_at` is stored)."""
    return datetime.combine(day, time(), zone).astimezone(UTC)


def branch_zone(session: Session, branch_id: int) -> ZoneInfo:
    """The zone of the province most of the branch's regencies lie in (WIB if it has none)."""
    return branch_zones(session, [branch_id]).get(branch_id, LOCAL_TZ)


def branch_zones(session: Session, branch_ids: Iterable[int]) -> dict[int, ZoneInfo]:
    """`branch_zone` of several branches in one query: a list's rows each in their branch's time."""
    regencies: dict[int, Counter[ZoneInfo]] = {}
    rows = session.execute(
        select(BranchArea.branch_id, BranchArea.regency_code).where(
            BranchArea.branch_id.in_(set(branch_ids))
        )
    )
    for branch_id, code in rows:
        regencies.setdefault(branch_id, Counter())[province_zone(code)] += 1
    return {branch_id: zones.most_common(1)[0][0] for branch_id, zones in regencies.items()}


def view_zone(session: Session, scope: Scope, f: LeadFilter | None = None) -> ZoneInfo:
    """The zone a viewer's days and times are in: that of the one branch they look at.

    A branch admin's branch, an officer's branch, the branch an admin narrowed the list to;
    an admin looking at all branches keeps WIB.
    """
    branch_id = f.branch_id if f and f.branch_id is not None else scope.branch_id
    if branch_id is None and scope.officer_id is not None:
        branch_id = session.scalar(select(Officer.branch_id).where(Officer.id == scope.officer_id))
    return LOCAL_TZ if branch_id is None else branch_zone(session, branch_id)


def scope_clause(scope: Scope) -> list[ColumnElement[bool]]:
    if scope.nothing:
        return [Lead.id.is_(None)]
    clauses: list[ColumnElement[bool]] = []
    if scope.branch_id is not None:
        clauses.append(Lead.branch_id == scope.branch_id)
    if scope.officer_id is not None:
        clauses.append(Lead.officer_id == scope.officer_id)
    return clauses


def _search(q: str) -> ColumnElement[bool]:
    text = q.strip()
    if m := _REFERENCE.match(text.upper()):
        return Lead.reference == f"JMS-{m.group(1)}-{m.group(2)}"
    digits = re.sub(r"[\s().-]", "", text)
    if re.fullmatch(r"\+?\d{4,}", digits):
        national = digits.removeprefix("+").removeprefix("62").removeprefix("0")
        return Lead.phone.startswith("+62" + national, autoescape=True)
    return func.lower(Lead.name).contains(text.lower(), autoescape=True)


def filter_clause(f: LeadFilter, zone: ZoneInfo = LOCAL_TZ) -> list[ColumnElement[bool]]:
    """The WHERE terms of the filters, days in `zone` (the scope is added separately, always)."""
    c: list[ColumnElement[bool]] = []
    if f.since:
        c.append(Lead.created_at >= day_start(f.since, zone))
    if f.until:
        c.append(Lead.created_at < day_start(f.until + timedelta(days=1), zone))
    if f.status:
        c.append(Lead.status == f.status)
    if f.officer_id is not None:
        c.append(Lead.officer_id == f.officer_id)
    if f.branch_id is not None:
        c.append(Lead.branch_id == f.branch_id)
    if f.village_code:
        c.append(Lead.village_code == f.village_code)
    elif f.district_code:
        c.append(Lead.district_code == f.district_code)
    if f.program:
        c.append(cast(Lead.programs, String).contains(f'"{f.program}"'))
    if f.sponsored is not None:
        c.append(Lead.sponsored_interest.is_(f.sponsored))
    if f.q and f.q.strip():
        c.append(_search(f.q))
    if f.overdue and f.today is not None:
        c.extend(overdue_clause(f.today))
    return c


def leads_select(scope: Scope, f: LeadFilter, zone: ZoneInfo = LOCAL_TZ) -> Select[Lead]:
    return select(Lead).where(*scope_clause(scope), *filter_clause(f, zone))


@dataclass(frozen=True)
class Page:
    """One page of the list, the cursor of the next (None on the last page), the days' zone."""

    leads: list[Lead]
    next_cursor: str | None
    zone: ZoneInfo = LOCAL_TZ


def encode_cursor(lead: Lead) -> str:
    raw = f"{lead.created_at.astimezone(UTC).isoformat()}|{lead.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    """The (created_at, id) a page continues after; None for a malformed cursor."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, ident = raw.partition("|")
        parsed = datetime.fromisoformat(at)
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)), int(ident)
    except (ValueError, UnicodeDecodeError):
        return None


def list_page(
    session: Session, scope: Scope, f: LeadFilter, cursor: str | None = None, size: int = PAGE_SIZE
) -> Page:
    """One page, newest first, continuing after `cursor` (from the previous page).

    The filter's days are in the zone of the branch in view (`view_zone`), given with the page.
    """
    zone = view_zone(session, scope, f)
    stmt = leads_select(scope, f, zone)
    if cursor and (after := decode_cursor(cursor)):
        stmt = stmt.where(tuple_(Lead.created_at, Lead.id) < tuple_(*after))
    rows = list(
        session.scalars(stmt.order_by(Lead.created_at.desc(), Lead.id.desc()).limit(size + 1))
    )
    more = len(rows) > size
    rows = rows[:size]
    return Page(rows, encode_cursor(rows[-1]) if more and rows else None, zone)


def get_lead(session: Session, scope: Scope, lead_id: int) -> Lead | None:
    """The lead if the scope reaches it; another branch's lead is simply not found."""
    return session.scalars(select(Lead).where(Lead.id == lead_id, *scope_clause(scope))).first()


def history(session: Session, lead: Lead) -> list[LeadEvent]:
    return list(
        session.scalars(
            select(LeadEvent)
            .where(LeadEvent.lead_id == lead.id)
            .order_by(LeadEvent.at, LeadEvent.id)
        )
    )


def record_nik_reveal(session: Session, lead: Lead, *, actor: str, now: datetime) -> None:
    """Audit a NIK shown in clear: a `lead_events` row without a status change."""
    session.add(
        LeadEvent(
            lead_id=lead.id,
            at=now,
            actor=actor,
            from_status=None,
            to_status=None,
            note="NIK ditampilkan",
        )
    )
    session.flush()


def officers_in_scope(session: Session, scope: Scope) -> list[Officer]:
    """The officers a viewer may filter by: the branch's, or every one for an admin."""
    stmt = select(Officer).order_by(Officer.name)
    if scope.branch_id is not None:
        stmt = stmt.where(Officer.branch_id == scope.branch_id)
    if scope.officer_id is not None:
        stmt = stmt.where(Officer.id == scope.officer_id)
    return list(session.scalars(stmt))
