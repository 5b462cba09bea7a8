"""Questions the bot could not answer, kept with personal data masked, counted by text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lokal import mask_pii
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.routing import simplify
from bot.storage.models import UnansweredQuestion

MAX_STORED = 1000  # characters of a question kept; the rest says nothing new


def record_unanswered(session: Session, channel: str, text: str, now: datetime) -> None:
    """Keep the question, NIK/phone/name/e-mail replaced by placeholders (UU PDP)."""
    masked = mask_pii(text[:MAX_STORED]).text
    session.add(
        UnansweredQuestion(
            at=now, channel=channel, text=masked, normalized=simplify(masked)[:500] or "-"
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
