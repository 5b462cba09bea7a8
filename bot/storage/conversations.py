"""Claiming a message, and loading the conversation and contact a turn works on.

Each function takes the caller's session and never commits: the engine owns the one
transaction per incoming message.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.conversation import Incoming
from bot.storage.models import Base, Contact, Conversation, HandledMessage


def _insert_ignore(session: Session, model: type[Base]) -> Insert:
    """`INSERT … ON CONFLICT DO NOTHING` in the session's dialect."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model).on_conflict_do_nothing()  # type: ignore[no-any-return]


def claim_message(session: Session, incoming: Incoming, now: datetime) -> bool:
    """Record the message as handled; False when it already was (a redelivery).

    On PostgreSQL a concurrent claim of the same id waits for the first transaction and
    then finds the conflict, so exactly one of two simultaneous deliveries goes on.
    """
    if incoming.message_id is None:
        return True
    result = session.execute(
        _insert_ignore(session, HandledMessage).values(
            channel=incoming.channel.value, message_id=incoming.message_id, handled_at=now
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def lock_conversation(session: Session, channel: str, chat_id: str, now: datetime) -> Conversation:
    """The chat's conversation row, created if new, locked until the transaction ends.

    The lock is taken before the state is read (`FOR UPDATE` on PostgreSQL; SQLite's
    `BEGIN IMMEDIATE` already holds the database write lock).
    """
    session.execute(
        _insert_ignore(session, Conversation).values(
            channel=channel, chat_id=chat_id, state="idle", data={}, version=1, updated_at=now
        )
    )
    query = (
        select(Conversation)
        .where(Conversation.channel == channel, Conversation.chat_id == chat_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.execute(query).scalar_one()


def get_contact(session: Session, incoming: Incoming, language: str, now: datetime) -> Contact:
    """The sender's contact row, created on first sight with `language`."""
    session.execute(
        _insert_ignore(session, Contact).values(
            channel=incoming.channel.value, user_id=incoming.user_id, language=language, first_seen=now
        )
    )
    query = select(Contact).where(
        Contact.channel == incoming.channel.value, Contact.user_id == incoming.user_id
    )
    return session.execute(query).scalar_one()
