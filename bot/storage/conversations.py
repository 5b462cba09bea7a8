"""Claiming a message, and loading the conversation and contact a turn works on.

Each function takes the caller's session and never commits: the engine owns the one
transaction per incoming message. The common case (a known chat) costs one statement
each; the insert happens only the first time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Insert, Table, and_, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.conversation import Incoming
from bot.storage.models import Contact, Conversation, HandledMessage

# The hot path uses Core on the tables: a turn is a handful of statements, and the ORM's
# unit of work would double its cost. Contacts stay ORM objects: handlers change them.
HANDLED: Table = HandledMessage.__table__  # type: ignore[assignment]
CONVERSATIONS: Table = Conversation.__table__  # type: ignore[assignment]
CONTACTS: Table = Contact.__table__  # type: ignore[assignment]


def _insert_ignore(table: Table) -> dict[str, Insert]:
    """`INSERT … ON CONFLICT DO NOTHING`, one statement per dialect, built once."""
    return {
        "postgresql": postgresql.insert(table).on_conflict_do_nothing(),
        "sqlite": sqlite.insert(table).on_conflict_do_nothing(),
    }


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# Statements are built once with bind parameters: building them per turn costs more
# than running them.
_CLAIM = {
    name: stmt.values(
        channel=bindparam("channel"), message_id=bindparam("message_id"), handled_at=bindparam("at")
    ).returning(HANDLED.c.message_id)
    for name, stmt in _insert_ignore(HANDLED).items()
}
_CONVERSATION_FOR_UPDATE = (
    select(CONVERSATIONS.c.id, CONVERSATIONS.c.state, CONVERSATIONS.c.data, CONVERSATIONS.c.version)
    .where(
        CONVERSATIONS.c.channel == bindparam("channel"),
        CONVERSATIONS.c.chat_id == bindparam("chat_id"),
    )
    .with_for_update()
)
_NEW_CONVERSATION = _insert_ignore(CONVERSATIONS)
_SAVE_CONVERSATION = (
    update(CONVERSATIONS)
    .where(
        CONVERSATIONS.c.id == bindparam("conversation_id"),
        CONVERSATIONS.c.version == bindparam("old_version"),
    )
    .values(
        state=bindparam("state"),
        data=bindparam("data"),
        version=bindparam("new_version"),
        updated_at=bindparam("at"),
    )
)
_CONTACT = select(Contact).where(
    Contact.channel == bindparam("channel"), Contact.user_id == bindparam("user_id")
)
# The conversation (locked) and the sender's contact in one round trip: the common turn.
_TURN = (
    select(
        Contact,
        CONVERSATIONS.c.id,
        CONVERSATIONS.c.state,
        CONVERSATIONS.c.data,
        CONVERSATIONS.c.version,
    )
    .select_from(CONVERSATIONS)
    .outerjoin(
        Contact,
        and_(Contact.channel == CONVERSATIONS.c.channel, Contact.user_id == bindparam("user_id")),
    )
    .where(
        CONVERSATIONS.c.channel == bindparam("channel"),
        CONVERSATIONS.c.chat_id == bindparam("chat_id"),
    )
    .with_for_update(of=CONVERSATIONS)
)
_NEW_CONTACT = _insert_ignore(CONTACTS)


def claim_message(session: Session, incoming: Incoming, now: datetime) -> bool:
    """Record the message as handled; False when it already was (a redelivery).

    On PostgreSQL a concurrent claim of the same id waits for the first transaction and
    then finds the conflict, so exactly one of two simultaneous deliveries goes on.
    """
    if incoming.message_id is None:
        return True
    claimed = (
        session.connection()
        .execute(
            _CLAIM[_dialect(session)],
            {"channel": incoming.channel.value, "message_id": incoming.message_id, "at": now},
        )
        .first()
    )
    return claimed is not None


@dataclass
class ConversationState:
    """A chat's place in its flows, as read under the lock; saved back with `save_conversation`."""

    id: int
    state: str
    data: dict[str, Any]
    version: int


class StaleConversation(RuntimeError):
    """The row changed under us: the lock was not held. Never expected; rolls the turn back."""


def lock_conversation(
    session: Session, channel: str, chat_id: str, now: datetime
) -> ConversationState:
    """The chat's conversation, created if new, its row locked until the transaction ends.

    The lock is taken before the state is read (`FOR UPDATE` on PostgreSQL; SQLite's
    `BEGIN IMMEDIATE` already holds the database write lock).
    """
    connection = session.connection()
    key = {"channel": channel, "chat_id": chat_id}
    row = connection.execute(_CONVERSATION_FOR_UPDATE, key).first()
    if row is None:
        connection.execute(
            _NEW_CONVERSATION[_dialect(session)],
            {**key, "state": "idle", "data": {}, "version": 1, "updated_at": now},
        )
        row = connection.execute(_CONVERSATION_FOR_UPDATE, key).one()
    return ConversationState(row.id, row.state, dict(row.data), row.version)


def open_turn(
    session: Session, incoming: Incoming, language: str, now: datetime
) -> tuple[ConversationState, Contact]:
    """The chat's conversation, locked, and the sender's contact; each created if new.

    The lock is taken before the state is read (`FOR UPDATE` on PostgreSQL; SQLite's
    `BEGIN IMMEDIATE` already holds the database write lock).
    """
    key = {
        "channel": incoming.channel.value,
        "chat_id": incoming.chat_id,
        "user_id": incoming.user_id,
    }
    row = session.execute(_TURN, key).first()
    if row is None:  # a new chat
        conversation = lock_conversation(session, incoming.channel.value, incoming.chat_id, now)
        return conversation, get_contact(session, incoming, language, now)
    contact, conversation_id, state, data, version = row
    conversation = ConversationState(conversation_id, state, dict(data), version)
    return conversation, contact or get_contact(session, incoming, language, now)


def forget_conversation(session: Session, conversation: ConversationState) -> None:
    """Delete the conversation row: its key is the chat id, on WhatsApp a phone number."""
    session.connection().execute(delete(CONVERSATIONS).where(CONVERSATIONS.c.id == conversation.id))


def save_conversation(session: Session, conversation: ConversationState, now: datetime) -> None:
    """Write state and data back, bumping the version; refuses a stale write."""
    result = session.connection().execute(
        _SAVE_CONVERSATION,
        {
            "conversation_id": conversation.id,
            "old_version": conversation.version,
            "state": conversation.state,
            "data": conversation.data,
            "new_version": conversation.version + 1,
            "at": now,
        },
    )
    if result.rowcount != 1:
        raise StaleConversation(f"conversation {conversation.id} changed during the turn")


def get_contact(session: Session, incoming: Incoming, language: str, now: datetime) -> Contact:
    """The sender's contact row, created on first sight with `language`."""
    key = {"channel": incoming.channel.value, "user_id": incoming.user_id}
    if found := session.execute(_CONTACT, key).scalar_one_or_none():
        return found
    session.connection().execute(
        _NEW_CONTACT[_dialect(session)], {**key, "language": language, "first_seen": now}
    )
    return session.execute(_CONTACT, key).scalar_one()
