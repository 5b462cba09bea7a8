"""Programmes and enrolments: create, enrol or wait-list, import a list in one transaction.

The dashboard and Pemda read progress from here.

Functions take the caller's session and never commit; an import either stores every valid
row or, on any error, nothing (the caller's transaction rolls back).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, func, insert, or_, select
from sqlalchemy.orm import Session

from bot.crypto import Crypto
from bot.domain.contributions import Funding, programme_budget
from bot.domain.programmes import (
    PROBLEMS,
    Area,
    ListRow,
    admits,
    category_of,
    check_row,
    counted,
    months_paid,
)
from bot.domain.programmes import categories as all_categories
from bot.domain.regions import region
from bot.storage.branches import is_sample_mapping
from bot.storage.leads import NEW, new_reference
from bot.storage.models import (
    LIST_CHANNEL,
    AuditEvent,
    Branch,
    BranchArea,
    Enrolment,
    Lead,
    LeadEvent,
    Programme,
)

ENROLLED, WAITING = "enrolled", "waiting"
CREATED, CHANGED = "programme_create", "programme_edit"  # audit actions
DEFAULT_PROGRAMS = ("jkk", "jkm")
ALLOWED_PROGRAMS = (("jkk", "jkm"), ("jkk", "jkm", "jht"))
VILLAGE_QUOTA = 100
#: The consent a list row carries: the village collected it, the worker did not type it.
LIST_CONSENT = "village"


class ProgrammeError(ValueError):
    """The programme cannot be created or changed as asked; the message says why."""


def budget(programme: Programme) -> Decimal:
    """The programme's budget by the domain rules (no PP 50/2025 discount for state funding)."""
    return programme_budget(
        programme.quota,
        programme.start_month,
        programme.months,
        Funding(programme.funding),
        with_jht="jht" in programme.programs,
    )


@dataclass(frozen=True)
class Terms:
    """What a branch admin sets on a programme, read and checked (`terms`)."""

    funding: str
    programs: list[str]
    quota: int
    start_month: date
    months: int
    categories: list[str]


def terms(
    area: Area,
    *,
    funding: str,
    quota: int | None,
    months: int,
    programs: Iterable[str],
    start: date,
    categories: Iterable[str],
) -> Terms:
    """The programme's terms checked, with the defaults: a desa's quota 100, every category."""
    try:
        code = Funding(funding.upper())
    except ValueError:
        raise ProgrammeError("funding must be one of SD, SA, SG, SL") from None
    chosen = tuple(sorted({p.strip().lower() for p in programs}, key=("jkk", "jkm", "jht").index))
    if chosen not in ALLOWED_PROGRAMS:
        raise ProgrammeError("programs must be jkk,jkm or jkk,jkm,jht")
    if quota is None:
        if not area.is_village:
            raise ProgrammeError("a kabupaten/kota programme needs --quota")
        quota = VILLAGE_QUOTA
    admitted = list(categories) or list(all_categories())
    if unknown := set(admitted) - set(all_categories()):
        raise ProgrammeError(f"unknown categories: {', '.join(sorted(unknown))}")
    if quota < 1 or months < 1:
        raise ProgrammeError("quota and months must be at least 1")
    return Terms(code.value, list(chosen), quota, start.replace(day=1), months, admitted)


def create_programme(
    session: Session,
    *,
    area_code: str,
    funding: str,
    now: datetime,
    quota: int | None = None,
    months: int = 12,
    programs: Iterable[str] = DEFAULT_PROGRAMS,
    start: date | None = None,
    categories: Iterable[str] = (),
) -> Programme:
    """A desa (4-level code) or kabupaten/kota (2-level code) programme, served by its branch."""
    place = region(area_code)
    if place is None or len(place.code.split(".")) not in (2, 4):
        raise ProgrammeError(f"{area_code!r} is neither a desa nor a kabupaten/kota code")
    area = Area(place.code)
    checked = terms(
        area,
        funding=funding,
        quota=quota,
        months=months,
        programs=programs,
        start=start or now.date(),
        categories=categories,
    )
    branch_id = session.scalar(
        select(BranchArea.branch_id).where(BranchArea.regency_code == area.regency_code)
    ) or session.scalar(select(Branch.id).where(Branch.is_default))
    if branch_id is None:
        raise ProgrammeError(f"no branch serves {area.regency_code}")
    programme = Programme(
        area_code=area.code,
        regency_code=area.regency_code,
        branch_id=branch_id,
        created_at=now,
        **asdict(checked),
    )
    session.add(programme)
    session.flush()
    return programme


def change_programme(session: Session, programme: Programme, changed: Terms) -> dict[str, object]:
    """Set new terms; returns the fields that changed, {"field": [before, after]}.

    The quota may not drop below the places already taken; a larger one gives the freed
    places to the waiting list, first come first served. The budget follows from the terms.
    """
    enrolled = counts(session, [programme.id]).get(programme.id, Counter())[ENROLLED]
    if changed.quota < enrolled:
        raise ProgrammeError(f"quota below the {enrolled} places taken")
    before = {key: getattr(programme, key) for key in asdict(changed)}
    for key, value in asdict(changed).items():
        setattr(programme, key, value)
    freed = changed.quota - enrolled
    if freed > 0:
        waiting = session.scalars(
            select(Enrolment)
            .where(Enrolment.programme_id == programme.id, Enrolment.status == WAITING)
            .order_by(Enrolment.id)
            .limit(freed)
        )
        for place in waiting:
            place.status = ENROLLED
    session.flush()
    return {
        key: [_plain(before[key]), _plain(value)]
        for key, value in asdict(changed).items()
        if before[key] != value
    }


def _plain(value: object) -> object:
    return value.strftime("%Y-%m") if isinstance(value, date) else value


def record_change(
    session: Session, programme: Programme, *, actor: str, action: str, detail: dict[str, object],
    now: datetime,
) -> None:  # fmt: skip
    """Audit a programme created or changed from the dashboard: who, when, what."""
    text = json.dumps({"programme": programme.id, **detail}, sort_keys=True, default=str)
    session.add(AuditEvent(at=now, actor=actor, action=action, detail=text, rows=None))
    session.flush()


def counts(session: Session, programme_ids: Iterable[int] | None = None) -> dict[int, Counter[str]]:
    """Enrolled and waiting per programme."""
    stmt = select(Enrolment.programme_id, Enrolment.status, func.count()).group_by(
        Enrolment.programme_id, Enrolment.status
    )
    if programme_ids is not None:
        stmt = stmt.where(Enrolment.programme_id.in_(list(programme_ids)))
    out: dict[int, Counter[str]] = {}
    for pid, status, n in session.execute(stmt):
        out.setdefault(pid, Counter())[status] = n
    return out


def describe(session: Session, programme: Programme) -> dict[str, object]:
    """The programme as `programmes list --json` and `add --json` print it."""
    n = counts(session, [programme.id]).get(programme.id, Counter())
    place = region(programme.area_code)
    branch = session.get(Branch, programme.branch_id)
    return {
        "id": programme.id,
        "village" if len(programme.area_code) > 5 else "regency": programme.area_code,
        "name": place.name if place else None,
        "funding": programme.funding,
        "programs": programme.programs,
        "quota": programme.quota,
        "start": programme.start_month.strftime("%Y-%m"),
        "months": programme.months,
        "categories": programme.categories,
        "branch": branch.code if branch else None,
        "branch_is_sample": is_sample_mapping(session),
        "budget": int(budget(programme)),
        "enrolled": n[ENROLLED],
        "waiting": n[WAITING],
    }


def enrol(
    session: Session, programme: Programme, lead: Lead, *, source: str, consent: str, now: datetime
) -> Enrolment:
    """A place for `lead`: enrolled while the quota has room, else on the waiting list.

    Raises ProgrammeError when the programme does not admit the lead (see `refusal`).
    """
    if problem := refusal(programme, lead):
        raise ProgrammeError(f"lead {lead.reference}: {PROBLEMS[problem].lower()}")
    enrolled = session.scalar(
        select(func.count())
        .select_from(Enrolment)
        .where(Enrolment.programme_id == programme.id, Enrolment.status == ENROLLED)
    )
    status = ENROLLED if (enrolled or 0) < programme.quota else WAITING
    place = Enrolment(
        programme_id=programme.id,
        lead_id=lead.id,
        status=status,
        source=source,
        consent=consent,
        created_at=now,
    )
    session.add(place)
    session.flush()
    return place


def refusal(programme: Programme, lead: Lead) -> str | None:
    """Why `lead` cannot have a place, as a `PROBLEMS` code of a list row; None if it can."""
    return refusal_of(
        programme.area_code,
        programme.categories,
        lead.village_code,
        lead.regency_code,
        lead.occupation,
    )


def refusal_of(
    area_code: str,
    categories: Iterable[str],
    village_code: str | None,
    regency_code: str | None,
    occupation: str,
) -> str | None:
    """`refusal` from a worker's answers, before any lead exists (the officer's form).

    A desa programme takes its own residents, a district one its kabupaten's, and each only
    the categories of worker it admits.
    """
    where = village_code if Area(area_code).is_village else regency_code
    if where != area_code:
        return "village.outside"
    if not admits(categories, occupation):
        return "category.not_admitted"
    return None


def open_programme(session: Session, village_code: str, today: date) -> Programme | None:
    """The programme a resident of `village_code` may join today, if any.

    Their desa's first, else their kabupaten's; one that has not yet ended (its start month
    plus its months).
    """
    regency = ".".join(village_code.split(".")[:2])
    found = session.scalars(
        select(Programme)
        .where(Programme.area_code.in_([village_code, regency]))
        .order_by(func.length(Programme.area_code).desc(), Programme.id)
    )
    month = today.replace(day=1)
    for programme in found:
        start = programme.start_month
        end_index = start.year * 12 + start.month - 1 + programme.months
        if month.year * 12 + month.month - 1 < end_index:
            return programme
    return None


def place_of(session: Session, lead: Lead) -> Enrolment | None:
    """The lead's place in a programme, if it has one."""
    return session.scalars(select(Enrolment).where(Enrolment.lead_id == lead.id)).first()


#: Rows written per statement: a whole 10,000-row list at once peaked ~90 MB above the CLI's
#: own ~180 MB (bench/exports.py).
IMPORT_BATCH = 1_000


@dataclass
class ImportResult:
    """Every row as checked, in list order; accepted rows have no problems."""

    rows: list[ListRow] = field(default_factory=list)
    waiting: set[int] = field(default_factory=set)  # row numbers put on the waiting list
    references: dict[int, str] = field(default_factory=dict)  # row number -> lead reference

    @property
    def accepted(self) -> int:
        return sum(1 for row in self.rows if not row.problems)

    @property
    def refused(self) -> int:
        return len(self.rows) - self.accepted


def _existing_hashes(session: Session, hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        found.update(session.scalars(select(Lead.nik_hash).where(Lead.nik_hash.in_(chunk))))
    return found


def import_list(
    session: Session,
    programme: Programme,
    rows: Iterable[Mapping[str, object]],
    *,
    crypto: Crypto,
    actor: str,
    now: datetime,
    first_row: int = 2,
) -> ImportResult:
    """Check every row, then store the valid ones as leads of the programme, all or nothing.

    A NIK seen earlier in the list or already a lead refuses the row. Valid rows beyond the
    quota go on the waiting list. Leads are flagged as coming from a list with the village's
    consent (channel "list", consent "village").
    """
    today = now.date()
    area = Area(programme.area_code)
    result = ImportResult()
    hashes: dict[int, str] = {}
    seen: dict[str, int] = {}
    for number, raw in enumerate(rows, start=first_row):
        row = check_row(number, raw, area, tuple(programme.categories), today)
        if row.nik is not None:
            digest = crypto.hash(row.nik.nik)
            if digest in seen:
                row.problems.append("duplicate.list")
            else:
                seen[digest] = number
                hashes[number] = digest
        result.rows.append(row)
    taken = _existing_hashes(session, list(hashes.values()))
    for row in result.rows:
        if row.number in hashes and hashes[row.number] in taken:
            row.problems.append("duplicate.lead")
    valid = [row for row in result.rows if not row.problems]
    if not valid:
        return result
    already = counts(session, [programme.id]).get(programme.id, Counter())[ENROLLED]
    room = max(programme.quota - already, 0)
    references = _free_references(session, len(valid))
    note = f"from a list of programme {programme.id}, consent by the village"
    for first in range(0, len(valid), IMPORT_BATCH):  # a batch's statements, then the next
        places, events = [], []
        end = first + IMPORT_BATCH
        batch = list(zip(valid[first:end], references[first:end], strict=True))
        stored = session.execute(
            insert(Lead).returning(Lead.id, sort_by_parameter_order=True),
            [
                _list_lead(programme, row, crypto, hashes[row.number], reference, now)
                for row, reference in batch
            ],
        )
        for i, ((row, reference), lead_id) in enumerate(
            zip(batch, stored.scalars(), strict=True), start=first
        ):
            status = ENROLLED if i < room else WAITING
            if status == WAITING:
                result.waiting.add(row.number)
            result.references[row.number] = reference
            places.append(
                {
                    "programme_id": programme.id,
                    "lead_id": lead_id,
                    "status": status,
                    "source": "list",
                    "consent": LIST_CONSENT,
                    "created_at": now,
                }
            )
            events.append(
                {"lead_id": lead_id, "at": now, "actor": actor, "to_status": NEW, "note": note}
            )
        session.execute(insert(Enrolment), places)
        session.execute(insert(LeadEvent), events)
    return result


def _free_references(session: Session, count: int) -> list[str]:
    """`count` new lead references, none in use and none repeated."""
    chosen: set[str] = set()
    while len(chosen) < count:
        fresh = sorted({new_reference() for _ in range(count - len(chosen))} - chosen)
        taken: set[str] = set()
        for i in range(0, len(fresh), 500):
            batch = fresh[i : i + 500]
            taken.update(session.scalars(select(Lead.reference).where(Lead.reference.in_(batch))))
        chosen.update(set(fresh) - taken)
    return sorted(chosen)


def _list_lead(
    programme: Programme, row: ListRow, crypto: Crypto, digest: str, reference: str, now: datetime
) -> dict[str, object]:
    assert row.nik is not None and row.village_code is not None
    return {
        "reference": reference,
        "created_at": now,
        "updated_at": now,
        "contact_id": None,
        "channel": LIST_CHANNEL,
        "name": row.name,
        "nik_encrypted": crypto.encrypt(row.nik.nik),
        "nik_hash": digest,
        "birth_date": row.nik.birth_date,
        "gender": row.nik.gender,
        "phone": row.phone or "",
        "regency_code": programme.regency_code,
        "district_code": row.village_code.rsplit(".", 1)[0],
        "village_code": row.village_code,
        "address": row.address,
        "occupation": row.occupation,
        "monthly_income": None,
        "programs": list(programme.programs),
        "payment_period": 1,
        "sponsored_interest": True,
        "branch_id": programme.branch_id,
        "branch_flagged": False,
        "status": NEW,
        "consent_version": LIST_CONSENT,
        "consent_at": now,
    }


def members(session: Session, programme: Programme, status: str) -> list[Lead]:
    """The programme's leads with places of `status`, in the order they came."""
    stmt = (
        select(Lead)
        .join(Enrolment, Enrolment.lead_id == Lead.id)
        .where(Enrolment.programme_id == programme.id, Enrolment.status == status)
        .order_by(Enrolment.id)
    )
    return list(session.scalars(stmt))


def visible(
    role: str, branch_id: int | None, regency_code: str | None
) -> list[ColumnElement[bool]]:
    """Which programmes a login sees: admin all, pemda its kabupaten, others their branch."""
    if role == "admin":
        return []
    if role == "pemda":
        return [Programme.regency_code == (regency_code or "")]
    return [Programme.branch_id == (branch_id if branch_id is not None else -1)]


@dataclass(frozen=True)
class Progress:
    """One programme's progress: places taken, budget used, months paid, counted members."""

    programme: Programme
    enrolled: int
    waiting: int
    budget: Decimal
    used: Decimal  # the budget of the places taken
    paid: int
    counted: Decimal


@dataclass(frozen=True)
class Rollup:
    """Programmes summed over a kecamatan or a kabupaten/kota."""

    code: str
    quota: int = 0
    enrolled: int = 0
    budget: Decimal = Decimal(0)
    used: Decimal = Decimal(0)

    def plus(self, p: Progress) -> Rollup:
        return Rollup(
            self.code,
            self.quota + p.programme.quota,
            self.enrolled + p.enrolled,
            self.budget + p.budget,
            self.used + p.used,
        )


def progress(session: Session, where: list[ColumnElement[bool]], today: date) -> list[Progress]:
    """Every visible programme's progress, by area code."""
    programmes = list(
        session.scalars(select(Programme).where(*where).order_by(Programme.area_code))
    )
    n = counts(session, [p.id for p in programmes])
    out = []
    for p in programmes:
        taken = n.get(p.id, Counter())
        paid = months_paid(p.active_from, p.start_month, p.months, today)
        used = programme_budget(
            taken[ENROLLED],
            p.start_month,
            p.months,
            Funding(p.funding),
            with_jht="jht" in p.programs,
        )
        out.append(
            Progress(
                p,
                taken[ENROLLED],
                taken[WAITING],
                budget(p),
                used,
                paid,
                counted(taken[ENROLLED], paid),
            )
        )
    return out


def rollup(rows: list[Progress], level: int) -> list[Rollup]:
    """Sums per kecamatan (level 3) or kabupaten/kota (level 2).

    A district programme counts in its kabupaten/kota only.
    """
    sums: dict[str, Rollup] = {}
    for row in rows:
        parts = row.programme.area_code.split(".")
        if len(parts) < level:
            continue
        code = ".".join(parts[:level])
        sums[code] = sums.get(code, Rollup(code)).plus(row)
    return [sums[code] for code in sorted(sums)]


def occupations(session: Session, where: list[ColumnElement[bool]]) -> list[tuple[str | None, int]]:
    """Enrolled workers per category (None: an occupation no category names), most first."""
    stmt = (
        select(Lead.occupation, func.count())
        .join(Enrolment, Enrolment.lead_id == Lead.id)
        .join(Programme, Programme.id == Enrolment.programme_id)
        .where(Enrolment.status == ENROLLED, *where)
        .group_by(Lead.occupation)
    )
    totals: Counter[str | None] = Counter()
    for occupation, n in session.execute(stmt):
        totals[category_of(occupation)] += n
    return sorted(totals.items(), key=lambda item: (-item[1], item[0] or "~"))


def mark_active(session: Session, programme: Programme, active_from: date | None) -> None:
    """The branch says from which month the group's contributions are paid (None: not yet)."""
    programme.active_from = active_from.replace(day=1) if active_from else None
    session.flush()


def places_for(
    session: Session, contact_id: int, phone: str | None
) -> list[tuple[Enrolment, Programme]]:
    """The programme places of one person: their chat's leads, and on WhatsApp their number's.

    A list lead has no chat; the number the village wrote down finds it, and only from a chat
    whose sender is that number.
    """
    mine = Lead.contact_id == contact_id
    who = or_(mine, Lead.phone == phone) if phone else mine
    stmt = (
        select(Enrolment, Programme)
        .join(Lead, Lead.id == Enrolment.lead_id)
        .join(Programme, Programme.id == Enrolment.programme_id)
        .where(who)
        .order_by(Enrolment.id)
    )
    return [(place, programme) for place, programme in session.execute(stmt)]
