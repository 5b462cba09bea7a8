"""Funnel events: the steps a contact reached, counted by the dashboard and officers' stats."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from bot.storage.models import Contact, FunnelEvent


class Step(StrEnum):
    """The funnel between "chat started" (a new contact) and "lead" (a leads row)."""

    ELIGIBILITY_CHECKED = "eligibility_checked"
    REGISTRATION_STARTED = "registration_started"


def record_event(session: Session, contact: Contact, step: Step, now: datetime) -> None:
    """Add one funnel event for `contact`, attributed to its referring officer."""
    session.add(
        FunnelEvent(
            at=now,
            kind=step.value,
            channel=contact.channel,
            contact_id=contact.id,
            officer_id=contact.officer_id,
        )
    )
