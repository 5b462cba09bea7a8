"""Officers: create, find, deactivate, link chat accounts, attribute contacts, count results.

Attribution is first touch: a contact keeps the first active officer whose link it came
through; a later link, an unknown or a deactivated code changes nothing. One-time codes
(linking an officer's chat account, a worker's consent to an assisted registration) are
stored only hashed and end when used or expired. Functions take the caller's session and
never commit.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.branch_contact import send_reference
from bot.domain.referral import code_from_start, new_code, normalize_code
from bot.domain.regions import region
from bot.domain.validation import parse_phone
from bot.errors import ValidationError
from bot.storage import attempts
from bot.storage.events import Step
from bot.storage.lead_queries import branch_zone, day_start
from bot.storage.models import (
    Branch,
    Contact,
    FunnelEvent,
    Lead,
    LeadEvent,
    Officer,
    OfficerCode,
)

LINK = "link"
CONSENT = "consent"
TTL = {LINK: timedelta(hours=24), CONSENT: timedelta(minutes=30)}
IDENTITY_CHANNELS = ("telegram", "whatsapp")


class OfficerError(ValueError):
    """The request cannot be done; the message says why (shown by the CLI and dashboard)."""


def create_officer(
    session: Session,
    *,
    name: str,
    branch_code: str,
    now: datetime,
    phone: str | None = None,
    village: str | None = None,
) -> Officer:
    """A new active officer with a fresh unique referral code; the phone stored as E.164.

    `village` (a desa code) makes a village officer, who enrols into that desa's programme.
    """
    name = " ".join(name.split())
    place = region(village.strip()) if village else None
    if village and (place is None or len(place.code.split(".")) != 4):
        raise OfficerError(f"{village!r} is not a desa code (like 51.03.01.1003)")
    if not name:
        raise OfficerError("the officer needs a name")
    try:
        phone = parse_phone(phone) if phone and phone.strip() else None
    except ValidationError:
        raise OfficerError(f"{phone!r} is not an Indonesian mobile number") from None
    branch = session.scalars(select(Branch).where(Branch.code == branch_code.strip())).first()
    if branch is None:
        raise OfficerError(f"no branch with code {branch_code!r} (see `branches list`)")
    for _ in range(20):
        code = new_code()
        if session.scalar(select(Officer.id).where(Officer.code == code)) is None:
            break
    else:
        raise RuntimeError("could not find a free referral code")
    officer = Officer(
        code=code,
        name=name[:200],
        branch_id=branch.id,
        phone=phone,
        village_code=place.code if place else None,
        active=True,
        created_at=now,
    )
    session.add(officer)
    session.flush()
    return officer


def officer_by_code(session: Session, typed: str) -> Officer | None:
    """The officer with this code as typed (any case, spaces), active or not."""
    code = normalize_code(typed)
    return session.scalars(select(Officer).where(Officer.code == code)).first() if code else None


def list_officers(session: Session) -> list[tuple[Officer, Branch]]:
    """Every officer with their branch, by branch then name."""
    rows = session.execute(
        select(Officer, Branch)
        .join(Branch, Branch.id == Officer.branch_id)
        .order_by(Branch.code, Officer.name, Officer.id)
    )
    return [(officer, branch) for officer, branch in rows]


def deactivate(session: Session, typed: str) -> Officer:
    """Stop a code: it no longer attributes anyone; what it brought stays theirs."""
    officer = officer_by_code(session, typed)
    if officer is None:
        raise OfficerError(f"no officer with code {typed!r}")
    officer.active = False
    session.flush()
    return officer


def officer_of_user(session: Session, channel: str, user_id: str) -> Officer | None:
    """The active officer who linked this chat account, if any."""
    columns = {"telegram": Officer.telegram_user_id, "whatsapp": Officer.whatsapp_user_id}
    if (column := columns.get(channel)) is None:
        return None
    active = select(Officer).where(column == user_id, Officer.active.is_(True))
    return session.scalars(active).first()


def attribute(session: Session, contact: Contact, payload: str, now: datetime) -> Officer | None:
    """First touch wins: give `contact` the officer of the code in `payload` if it has none yet.

    `payload` is a /start parameter or a code. Returns the active officer it names (also when
    the contact was already someone else's), or None for an unknown or deactivated code.
    """
    code = code_from_start(payload)
    officer = session.scalars(select(Officer).where(Officer.code == code)).first() if code else None
    if officer is None or not officer.active:
        return None
    if contact.officer_id is None:
        contact.officer_id, contact.attributed_at = officer.id, now
        session.flush()
    return officer


# ---------------------------------------------------------------- one-time codes


def _hash(purpose: str, code: str) -> str:
    return hashlib.sha256(f"{purpose}:{code}".encode()).hexdigest()


def issue_code(
    session: Session, officer: Officer, purpose: str, now: datetime
) -> tuple[str, OfficerCode]:
    """A 6-digit one-time code for `purpose`, unique among the live ones, and its row."""
    while True:
        code = f"{secrets.randbelow(900000) + 100000}"
        if _live_code(session, purpose, code, now) is None:
            break
    issued = OfficerCode(
        purpose=purpose,
        code_hash=_hash(purpose, code),
        officer_id=officer.id,
        created_at=now,
        expires_at=now + TTL[purpose],
    )
    session.add(issued)
    session.flush()
    return code, issued


def _live_code(session: Session, purpose: str, code: str, now: datetime) -> OfficerCode | None:
    return session.scalars(
        select(OfficerCode).where(
            OfficerCode.purpose == purpose,
            OfficerCode.code_hash == _hash(purpose, code),
            OfficerCode.used_at.is_(None),
            OfficerCode.expires_at > now,
        )
    ).first()


def live_code_by_id(session: Session, code_id: int, now: datetime) -> OfficerCode | None:
    """The code row if still unused and unexpired (compared in SQL: SQLite returns naive times)."""
    return session.scalars(
        select(OfficerCode).where(
            OfficerCode.id == code_id, OfficerCode.used_at.is_(None), OfficerCode.expires_at > now
        )
    ).first()


def live_code(session: Session, purpose: str, typed: str, now: datetime) -> OfficerCode | None:
    """The unused, unexpired code typed (spaces allowed) of an active officer, else None.

    None too for a code that saw too many wrong tries of its purpose (`attempts.code_locked`).
    """
    code = "".join(typed.split())
    found = _live_code(session, purpose, code, now) if code.isdigit() else None
    if found is None or not session.get_one(Officer, found.officer_id).active:
        return None
    if attempts.code_locked(session, purpose, found.created_at):
        return None
    return found


def use_code(session: Session, found: OfficerCode, contact: Contact, now: datetime) -> Officer:
    """Spend a code found live: it records who used it and when, and works no more."""
    found.used_at, found.contact_id = now, contact.id
    session.flush()
    return session.get_one(Officer, found.officer_id)


def refuse_code(session: Session, found: OfficerCode, now: datetime) -> None:
    """End a consent code the worker declined: when is kept, not who (`refused_at`)."""
    found.used_at = found.refused_at = now
    session.flush()


def link_account(session: Session, officer: Officer, channel: str, user_id: str) -> None:
    """Make this chat account the officer's; another officer's claim on it is dropped."""
    if channel not in IDENTITY_CHANNELS:
        raise OfficerError(f"only {' and '.join(IDENTITY_CHANNELS)} accounts can be linked")
    column = Officer.telegram_user_id if channel == "telegram" else Officer.whatsapp_user_id
    others = select(Officer).where(column == user_id, Officer.id != officer.id)
    for other in session.scalars(others):
        setattr(other, column.key, None)
    session.flush()
    setattr(officer, column.key, user_id)
    session.flush()


def finish_assisted(session: Session, lead: Lead, consent_code_id: int | None) -> None:
    """Registration's hand-off: a lead an officer filled in for a worker who consented.

    Called with `registration` data's "assisted_code" (None for an ordinary lead: no-op).
    The lead becomes the worker's (their contact, so they can see or erase it from their own
    phone), the officer's (attribution), and records who assisted and when consent was given.
    The worker's own chat gets the reference and her branch office's contact.
    """
    consent = session.get(OfficerCode, consent_code_id) if consent_code_id else None
    if consent is None:
        return
    if consent.used_at is None or consent.refused_at or consent.purpose != CONSENT:
        raise OfficerError("the worker has not confirmed consent")
    lead.officer_id = lead.assisted_by_officer_id = consent.officer_id
    lead.contact_id = consent.contact_id
    lead.consent_at = consent.used_at
    session.flush()
    send_reference(session, lead, lead.created_at)  # to her own phone, with her office


PAPER = "paper"  # a worker without a phone signed a form; a village officer declared it


def finish_paper(session: Session, lead: Lead, officer: Officer, declared_at: datetime) -> None:
    """Registration's hand-off for a paper consent: the lead is the officer's, flagged "paper".

    The worker has no chat, so the lead has no contact; the officer's declaration is kept in
    the lead's history, who and when.
    """
    lead.officer_id = lead.assisted_by_officer_id = officer.id
    lead.contact_id = None
    lead.consent_version, lead.consent_at = PAPER, declared_at
    session.add(
        LeadEvent(
            lead_id=lead.id,
            at=declared_at,
            actor=f"officer {officer.code}",
            note=f"paper consent declared by officer {officer.code} ({officer.name})",
        )
    )
    session.flush()


# ---------------------------------------------------------------- numbers


@dataclass(frozen=True)
class Counts:
    """What an officer's link brought in one period."""

    chats: int  # contacts who first came through the officer's link
    checks: int  # eligibility checks by those contacts
    leads: int


@dataclass(frozen=True)
class OfficerStats:
    """An officer's numbers, as `statistik` shows them."""

    today: Counts
    week: Counts
    month: Counts
    by_status: dict[str, int] = field(default_factory=dict)  # all leads ever, per status


def period_starts(now: datetime, zone: ZoneInfo) -> dict[str, datetime]:
    """Start of today, this week (Monday) and this month in `zone`, as UTC instants."""
    local = now.astimezone(zone).date()
    days = {
        "today": local,
        "week": local - timedelta(days=local.weekday()),
        "month": local.replace(day=1),
    }
    return {key: day_start(day, zone) for key, day in days.items()}


def _count(session: Session, stmt: object) -> int:
    return int(session.scalar(stmt) or 0)  # type: ignore[call-overload]


def officer_stats(session: Session, officer: Officer, now: datetime) -> OfficerStats:
    """What the officer's link brought, today, this week and this month, and leads by status.

    Days are the officer's branch's (WITA in Bali), as the dashboard and exports count them.
    """
    counts = {}
    for key, since in period_starts(now, branch_zone(session, officer.branch_id)).items():
        chats = (
            select(func.count())
            .select_from(Contact)
            .where(Contact.officer_id == officer.id, Contact.attributed_at >= since)
        )
        checks = select(func.count(func.distinct(FunnelEvent.contact_id))).where(
            FunnelEvent.officer_id == officer.id,
            FunnelEvent.at >= since,
            FunnelEvent.kind == Step.ELIGIBILITY_CHECKED.value,
        )
        leads = (
            select(func.count())
            .select_from(Lead)
            .where(Lead.officer_id == officer.id, Lead.created_at >= since)
        )
        counts[key] = Counts(
            _count(session, chats), _count(session, checks), _count(session, leads)
        )
    by_status = {
        status: int(count)
        for status, count in session.execute(
            select(Lead.status, func.count())
            .where(Lead.officer_id == officer.id)
            .group_by(Lead.status)
            .order_by(Lead.status)
        )
    }
    return OfficerStats(counts["today"], counts["week"], counts["month"], by_status)
