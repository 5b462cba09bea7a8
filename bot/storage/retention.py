"""What is kept only for a while, and the purges that end it.

- Handled message ids (dedupe) and failed tries (limits): platforms redeliver a webhook for a
  few days at most (WhatsApp up to 7), and no limit looks back further than `attempts.KEEP`;
  older rows only say who wrote when. A web chat's message ids hold its chat id, so erasure
  removes them at once (`bot.storage.leads.erase_contact`).
- Leads that never became a registration (any status but `terdaftar`): kept for the branch to
  follow up for LEADS_RETENTION_MONTHS, then deleted, since personal data is kept no longer
  than its purpose needs (UU PDP). Their audit trail stays, anonymous, as on erasure at the
  person's request; the conversation and stored replies of a contact left without a lead go
  with them.

`bot.housekeeping` runs both purges in every web process.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.storage import attempts
from bot.storage.models import Contact, Conversation, HandledMessage, Lead, LeadEvent
from bot.storage.outbox import forget_replies

HANDLED_KEEP = timedelta(days=8)
REGISTERED = "terdaftar"


def purge_expired(session: Session, now: datetime) -> int:
    """Delete handled message ids and failed tries past their retention; how many went."""
    handled = session.execute(
        delete(HandledMessage).where(HandledMessage.handled_at < now - HANDLED_KEEP)
    )
    return int(getattr(handled, "rowcount", 0) or 0) + attempts.purge(session, now)


def forget_web_messages(session: Session, chat_id: str) -> None:
    """Delete the handled ids (`chat_id:client_id`) of one web chat."""
    prefix = f"{chat_id}:"
    session.execute(
        delete(HandledMessage).where(
            HandledMessage.channel == "web",
            func.substr(HandledMessage.message_id, 1, len(prefix)) == prefix,
        )
    )


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
