"""Retention: unregistered leads older than LEADS_RETENTION_MONTHS go, with their conversations.

A lead that never became a registration (any status but `terdaftar`) is kept for the
branch to follow up, then deleted: personal data is kept no longer than its purpose needs
(UU PDP). Its audit trail stays, anonymous, as on erasure at the person's request; the
conversation and stored replies of a contact left without a lead go with it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.storage.leads import forget_replies
from bot.storage.models import Contact, Conversation, Lead, LeadEvent

REGISTERED = "terdaftar"


def purge_stale_leads(session: Session, *, before: datetime, now: datetime) -> int:
    """Delete the unregistered leads created before `before`; the number deleted."""
    leads = list(
        session.scalars(select(Lead).where(Lead.status != REGISTERED, Lead.created_at < before))
    )
    if not leads:
        return 0
    ids = [lead.id for lead in leads]
    session.execute(  # staff notes may name the person: they go too
        update(LeadEvent).where(LeadEvent.lead_id.in_(ids)).values(lead_id=None, note=None)
    )
    session.add_all(
        LeadEvent(
            lead_id=None,
            at=now,
            actor="retention",
            from_status=lead.status,
            to_status="dihapus",
            note="deleted after the retention period",
        )
        for lead in leads
    )
    contact_ids = {lead.contact_id for lead in leads if lead.contact_id is not None}
    session.execute(delete(Lead).where(Lead.id.in_(ids)))
    still_leads = set(
        session.scalars(select(Lead.contact_id).where(Lead.contact_id.in_(contact_ids)))
    )
    for contact in session.scalars(select(Contact).where(Contact.id.in_(contact_ids))):
        if contact.id in still_leads:
            continue
        session.execute(
            delete(Conversation).where(
                Conversation.channel == contact.channel, Conversation.chat_id == contact.user_id
            )
        )
        forget_replies(session, contact.channel, contact.user_id)
    session.flush()
    return len(ids)
