"""Questions the bot could not answer, kept with personal data masked, counted by text.

Each row names the contact who asked, so "hapus data saya" deletes it with the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.pii import mask_personal
from bot.routing import simplify
from bot.storage.models import Contact, UnansweredQuestion

MAX_STORED = 1000  # characters of a question kept; the rest says nothing new


def record_unanswered(session: Session, contact: Contact, text: str, now: datetime) -> None:
    """Keep `contact`'s question, NIK/phone/name/e-mail replaced by placeholders (UU PDP)."""
    masked = mask_personal(text[:MAX_STORED])
    session.add(
        UnansweredQuestion(
            at=now,
            channel=contact.channel,
            contact_id=contact.id,
            text=masked,
            normalized=simplify(masked)[:500] or "-",
        )
    )


@dataclass(frozen=True)
class Frequent:
    """One unanswered question, how often it was asked, and when last."""

    text: str
    count: int
    last_at: datetime


def most_frequent(session: Session, limit: int = 50) -> list[Frequent]:
    """The unanswered questions asked most often (same words, any case or punctuation)."""
    rows = session.execute(
        select(
            func.min(UnansweredQuestion.text),
            func.count(),
            func.max(UnansweredQuestion.at),
        )
        .group_by(UnansweredQuestion.normalized)
        .order_by(func.count().desc(), func.max(UnansweredQuestion.at).desc())
        .limit(limit)
    ).all()
    return [Frequent(text, count, last_at) for text, count, last_at in rows]
