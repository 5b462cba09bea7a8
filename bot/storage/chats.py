"""Who a chat is: moving a chat to a new id, and the chats that refused the bot.

WhatsApp keys a chat by the business-scoped user id (BSUID) when a webhook carries one, by
the phone number before that, and Meta changes a BSUID now and then (`user_changed_user_id`):
`move_chat` carries the contact, the conversation and an officer's link over to the new id.
Telegram tells us when a user blocks the bot or a group removes it (`my_chat_member`): such
a chat is marked, and whoever sends checks `is_blocked` first.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Update, delete, exists, select, update
from sqlalchemy.orm import Session

from bot.conversation import Channel
from bot.storage.conversations import insert_ignore
from bot.storage.models import BlockedChat, Contact, Conversation, Officer


def move_chat(session: Session, channel: Channel, old: str, new: str) -> bool:
    """Give the contact, conversation (and WhatsApp officer link) of `old` the id `new`.

    Each row moves only if `new` has none of its own yet: a chat already going on under the
    new id is kept as it is. True if anything moved.
    """
    if not old or not new or old == new:
        return False
    moved = 0
    for model, column in ((Contact, Contact.user_id), (Conversation, Conversation.chat_id)):
        taken = exists().where(model.channel == channel.value, column == new)
        moved += _updated(
            session,
            update(model)
            .where(model.channel == channel.value, column == old, ~taken)
            .values({column.key: new}),
        )
    if channel is Channel.WHATSAPP:
        taken = exists().where(Officer.whatsapp_user_id == new)
        moved += _updated(
            session,
            update(Officer)
            .where(Officer.whatsapp_user_id == old, ~taken)
            .values(whatsapp_user_id=new),
        )
    return moved > 0


def _updated(session: Session, statement: Update) -> int:
    result = cast(CursorResult[Any], session.execute(statement))
    return result.rowcount


def mark_blocked(session: Session, channel: Channel, chat_id: str, now: datetime) -> None:
    """Remember that `chat_id` refused the bot; nothing more is to be sent to it."""
    dialect = session.get_bind().dialect
    statement = insert_ignore(BlockedChat.__table__, dialect)  # type: ignore[arg-type]
    session.execute(statement.values(channel=channel.value, chat_id=chat_id, at=now))


def unblock(session: Session, channel: Channel, chat_id: str) -> None:
    """The chat took the bot back (unblocked, added again)."""
    session.execute(
        delete(BlockedChat).where(
            BlockedChat.channel == channel.value, BlockedChat.chat_id == chat_id
        )
    )


def is_blocked(session: Session, channel: Channel, chat_id: str) -> bool:
    """Whether `chat_id` blocked the bot: a sender checks this before each send."""
    found = session.execute(
        select(BlockedChat.chat_id).where(
            BlockedChat.channel == channel.value, BlockedChat.chat_id == chat_id
        )
    )
    return found.first() is not None
