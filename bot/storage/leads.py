"""Leads: create one with a short reference, find an open one by NIK hash, change its status.

Every change of a lead writes a `lead_events` row (the audit trail branch staff and auditors
read). Functions take the caller's session and never commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.followup import CALL_WITHIN_DAYS, call_by
from bot.notices import lead_attributed
from bot.storage.lead_queries import branch_zone
from bot.storage.models import (
    OPEN_STATUSES,
    Branch,
    Contact,
    DeliveryFailure,
    FunnelEvent,
    Handover,
    HandoverMessage,
    Lead,
    LeadEvent,
    UnansweredQuestion,
)
from bot.storage.outbox import forget_replies
from bot.storage.retention import forget_web_messages

#: No 0/O, 1/I/L: a reference read over the phone or copied from a blurry screen stays exact.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NEW = "baru"


def new_reference() -> str:
    """`JMS-7K3Q-9D2M`: 8 random characters of 31, about 40 bits."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"JMS-{chars[:4]}-{chars[4:]}"


@dataclass
class LeadData:
    """What the registration flow collected, ready to store (the NIK already protected)."""

    name: str
    nik_encrypted: bytes
    nik_hash: str
    birth_date: date
    gender: str
    phone: str
    regency_code: str
    occupation: str
    programs: list[str]
    consent_version: str
    consent_at: datetime
    district_code: str | None = None
    village_code: str | None = None
    address: str | None = None
    monthly_income: Decimal | None = None
    payment_period: int = 1
    sponsored_interest: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def _reference_taken(session: Session, reference: str) -> bool:
    return session.scalar(select(Lead.id).where(Lead.reference == reference)) is not None


class DuplicateLead(Exception):
    """An open lead for this NIK exists (made a moment ago from another chat)."""

    def __init__(self, existing: Lead) -> None:
        super().__init__(existing.reference)
        self.existing = existing


def create_lead(
    session: Session,
    data: LeadData,
    *,
    contact: Contact,
    branch_id: int,
    branch_flagged: bool,
    now: datetime,
    actor: str = "bot",
    reference: str | None = None,
) -> Lead:
    """Insert a lead with a fresh unique reference and its first event; retries on collision."""
    for _ in range(10):
        candidate = reference or new_reference()
        if not _reference_taken(session, candidate):
            break
        reference = None
    else:  # 10 collisions in a 31^8 space: something is badly wrong
        raise RuntimeError("could not find a free lead reference")
    branch = session.get(Branch, branch_id)
    days = branch.call_within_days if branch is not None else CALL_WITHIN_DAYS
    lead = Lead(
        reference=candidate,
        call_by=call_by(now.astimezone(branch_zone(session, branch_id)).date(), days),
        created_at=now,
        updated_at=now,
        contact_id=contact.id,
        channel=contact.channel,
        name=data.name,
        nik_encrypted=data.nik_encrypted,
        nik_hash=data.nik_hash,
        birth_date=data.birth_date,
        gender=data.gender,
        phone=data.phone,
        regency_code=data.regency_code,
        district_code=data.district_code,
        village_code=data.village_code,
        address=data.address,
        occupation=data.occupation,
        monthly_income=data.monthly_income,
        programs=list(data.programs),
        payment_period=data.payment_period,
        sponsored_interest=data.sponsored_interest,
        officer_id=contact.officer_id,
        branch_id=branch_id,
        branch_flagged=branch_flagged,
        status=NEW,
        consent_version=data.consent_version,
        consent_at=data.consent_at,
    )
    try:
        with session.begin_nested():  # a savepoint: the turn goes on if this insert is refused
            session.add(lead)
    except IntegrityError:
        if existing := find_open_lead(session, data.nik_hash):
            raise DuplicateLead(existing) from None  # the same NIK sent from another chat
        raise
    session.add(
        LeadEvent(
            lead_id=lead.id,
            at=now,
            actor=actor,
            from_status=None,
            to_status=NEW,
            note=f"created via {contact.channel}",
        )
    )
    session.flush()
    if lead.officer_id is not None:
        lead_attributed(session, lead, now)
    return lead


def find_open_lead(session: Session, nik_hash: str) -> Lead | None:
    """The newest lead for this NIK that a branch is still working on."""
    return session.scalars(
        select(Lead)
        .where(Lead.nik_hash == nik_hash, Lead.status.in_(OPEN_STATUSES))
        .order_by(Lead.created_at.desc(), Lead.id.desc())
        .limit(1)
    ).first()


def set_status(
    session: Session, lead: Lead, status: str, *, actor: str, now: datetime, note: str | None = None
) -> None:
    """Change a lead's status and record who did it; a no-op change is still recorded if noted."""
    if status == lead.status and note is None:
        return
    session.add(
        LeadEvent(
            lead_id=lead.id,
            at=now,
            actor=actor,
            from_status=lead.status,
            to_status=status,
            note=note,
        )
    )
    lead.status, lead.updated_at = status, now
    session.flush()


def leads_of_contact(session: Session, contact: Contact) -> list[Lead]:
    """Every lead registered from this contact's chat, oldest first."""
    return list(
        session.scalars(
            select(Lead).where(Lead.contact_id == contact.id).order_by(Lead.created_at, Lead.id)
        )
    )


def erase_contact(session: Session, contact: Contact, *, now: datetime) -> int:
    """Delete the contact's leads and contact row; keep anonymous audit rows.

    The conversation row is the engine's: the caller sets `turn.forget` and the engine deletes it.

    Each lead gets a final `lead_events` row (actor "subject", to_status "dihapus") whose
    lead_id becomes NULL when the lead row goes, so the audit trail says a deletion happened
    without saying about whom. Funnel events lose their contact link the same way.
    Returns the number of leads deleted.
    """
    leads = leads_of_contact(session, contact)
    for lead in leads:
        session.add(
            LeadEvent(
                lead_id=None,
                at=now,
                actor="subject",
                from_status=lead.status,
                to_status="dihapus",
                note="personal data deleted at the person's request",
            )
        )
    lead_ids = [lead.id for lead in leads]
    if lead_ids:
        session.execute(  # staff notes may name the person: they go too
            update(LeadEvent).where(LeadEvent.lead_id.in_(lead_ids)).values(lead_id=None, note=None)
        )
        session.execute(delete(Lead).where(Lead.id.in_(lead_ids)))
    session.execute(
        update(FunnelEvent).where(FunnelEvent.contact_id == contact.id).values(contact_id=None)
    )
    if contact.channel == "web":  # its message ids hold the chat id
        forget_web_messages(session, contact.user_id)
    session.execute(  # questions may say who asked even masked; they go too
        delete(UnansweredQuestion).where(UnansweredQuestion.contact_id == contact.id)
    )
    session.execute(  # refused deliveries are keyed by the chat id: a phone number on WhatsApp
        delete(DeliveryFailure).where(
            DeliveryFailure.channel == contact.channel, DeliveryFailure.chat_id == contact.user_id
        )
    )
    forget_replies(session, contact.channel, contact.user_id)
    session.execute(delete(HandoverMessage).where(HandoverMessage.contact_id == contact.id))
    session.execute(delete(Handover).where(Handover.contact_id == contact.id))
    session.delete(contact)
    session.flush()
    return len(lead_ids)
