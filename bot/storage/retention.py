"""What is kept only for a while: handled message ids (dedupe) and failed tries (limits).

Platforms redeliver a webhook for a few days at most (WhatsApp up to 7), and no limit looks
back further than `attempts.KEEP`; older rows only say who wrote when. A web chat's message
ids hold its chat id, so erasure removes them at once (`bot.storage.leads.erase_contact`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlalchemy.orm import Session

from bot.storage import attempts
from bot.storage.models import HandledMessage

HANDLED_KEEP = timedelta(days=8)
EVERY = timedelta(hours=6)  # how often a running server purges


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
