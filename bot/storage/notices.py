"""Messages the bot sends first (status news, a reminder, an officer's notice), through the outbox.

WhatsApp takes such a message as free text only within 24 hours of the person's last
message (the conversation's `updated_at`, written by every turn of theirs); after that only
an approved template (`message_templates`), or nothing. A chat that typed `stop` gets none.
Functions take the caller's session and never commit: the message goes out with the change
that caused it, or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation import Channel, Incoming, Kind, Reply, Template
from bot.domain.followup import window_open, window_until
from bot.storage import outbox
from bot.storage.models import (
    ChatReminder,
    Contact,
    Conversation,
    DeliveryFailure,
    MessageTemplate,
)

#: Channels a sender can write to unprompted; the web chat only answers requests.
PUSH_CHANNELS = frozenset({Channel.WHATSAPP.value, Channel.TELEGRAM.value})
#: What a template stands for (message_templates.purpose).
PURPOSES = ("status", "officer", "staff")


@dataclass(frozen=True)
class Window:
    """A chat's 24-hour window: open or not, and until when (None: the person never wrote)."""

    open: bool
    until: datetime | None


def last_inbound(session: Session, channel: str, chat_id: str) -> datetime | None:
    """When the person last wrote in this chat (their last turn), in UTC."""
    last = session.scalar(
        select(Conversation.updated_at).where(
            Conversation.channel == channel, Conversation.chat_id == chat_id
        )
    )
    return last if last is None or last.tzinfo else last.replace(tzinfo=UTC)  # SQLite: naive


def window(session: Session, channel: str, chat_id: str, now: datetime) -> Window:
    """The chat's window now; chats outside WhatsApp have none, always open."""
    last = last_inbound(session, channel, chat_id)
    if channel != Channel.WHATSAPP.value:
        return Window(True, None)
    return Window(window_open(last, now), window_until(last))


def stopped(session: Session, channel: str, chat_id: str) -> bool:
    """Whether the person typed `stop` in this chat."""
    return (
        session.scalar(
            select(ChatReminder.stopped_at).where(
                ChatReminder.channel == channel, ChatReminder.chat_id == chat_id
            )
        )
        is not None
    )


def stop(session: Session, channel: str, chat_id: str, now: datetime) -> None:
    """Record `stop`: no reminder, no status news for this chat from now on."""
    row = session.get(ChatReminder, (channel, chat_id))
    if row is None:
        session.add(ChatReminder(channel=channel, chat_id=chat_id, stopped_at=now))
    else:
        row.stopped_at = row.stopped_at or now
    session.flush()


def contact_language(session: Session, channel: str, chat_id: str, default: str = "id") -> str:
    """The language the chat's person reads."""
    found = session.scalar(
        select(Contact.language).where(Contact.channel == channel, Contact.user_id == chat_id)
    )
    return found or default


def templates(session: Session, purpose: str | None = None) -> list[MessageTemplate]:
    """The active templates (for one purpose), by name and language."""
    query = select(MessageTemplate).where(MessageTemplate.active.is_(True))
    if purpose is not None:
        query = query.where(MessageTemplate.purpose == purpose)
    return list(session.scalars(query.order_by(MessageTemplate.name, MessageTemplate.language)))


def template_for(session: Session, purpose: str, language: str) -> MessageTemplate | None:
    """The template standing for `purpose`, in `language` if there is one, else any."""
    found = templates(session, purpose)
    return next((t for t in found if t.language.startswith(language)), None) or next(
        iter(found), None
    )


def save_template(
    session: Session, name: str, language: str, purpose: str, params: Sequence[str]
) -> MessageTemplate:
    """Add a template, or change the one with this name and language (and make it active)."""
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {', '.join(PURPOSES)}")
    row = session.scalar(
        select(MessageTemplate).where(
            MessageTemplate.name == name, MessageTemplate.language == language
        )
    )
    if row is None:
        row = MessageTemplate(name=name, language=language)
        session.add(row)
    row.purpose, row.params, row.active = purpose, list(params), True
    session.flush()
    return row


def queue(
    session: Session,
    channel: str,
    chat_id: str,
    reply: Reply,
    now: datetime,
    *,
    purpose: str,
    params: Sequence[str] = (),
) -> str:
    """Put one message for a chat in the outbox; what was done, as a word.

    "text" inside the window, "template" outside it (WhatsApp), or why nothing was queued:
    "stopped", "no channel" (the web chat), "no template" (outside the window, none set).
    """
    if channel not in PUSH_CHANNELS:
        return "no channel"
    if stopped(session, channel, chat_id):
        return "stopped"
    if not window(session, channel, chat_id, now).open:
        found = template_for(session, purpose, reply.language or "id")
        if found is None:
            return "no template"
        template = Template(found.name, found.language, tuple(params)[: len(found.params)])
        reply = Reply(reply.text, language=reply.language, template=template)
    send(session, channel, chat_id, reply, now)
    return "template" if reply.template else "text"


def send(session: Session, channel: str, chat_id: str, reply: Reply, now: datetime) -> None:
    """Queue one message for a chat as it is (the caller chose text or template)."""
    incoming = Incoming(Channel(channel), chat_id, chat_id, Kind.TEXT)
    outbox.write(session.connection(), incoming, [reply], pending=True, now=now)


def refusals(session: Session, channel: str, chat_id: str, limit: int = 5) -> list[DeliveryFailure]:
    """The platform's latest refusals of messages to this chat (131047: window closed)."""
    return list(
        session.scalars(
            select(DeliveryFailure)
            .where(
                DeliveryFailure.channel == channel,
                # the sender records chat ids cut to 64 characters (bot/storage/outbox.py settle)
                DeliveryFailure.chat_id.in_({chat_id, chat_id[:64]}),
            )
            .order_by(DeliveryFailure.at.desc(), DeliveryFailure.id.desc())
            .limit(limit)
        )
    )
