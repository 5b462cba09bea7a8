"""Telegram through python-telegram-bot: Update → Incoming, Reply → messages and keyboards.

PTB is only the transport here; conversation state lives in our database, so any web
process can take a webhook update and one worker at most polls (Telegram allows one).

The bot talks in private chats only: a form in a group would be one form for everyone in
it. In a group or channel it answers `/start` and a mention of itself with a link to a
private chat, and nothing else (service messages included). A `my_chat_member` update
saying the bot was blocked or removed marks the chat (`bot.storage.chats.is_blocked`).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from telegram import (
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import Application, ContextTypes, TypeHandler, filters

from bot.channels.telegram_sender import OVERALL_RATE, TelegramSender
from bot.config import Settings
from bot.conversation import Channel, Incoming, Kind
from bot.engine import Engine
from bot.i18n import Translator
from bot.outbox import outbox_sender
from bot.storage.chats import mark_blocked, unblock

log = logging.getLogger(__name__)

_MEDIA = ("sticker", "voice", "audio", "video_note", "video", "photo", "document", "animation")
#: The updates the bot asks Telegram for (webhook and polling alike). Edits too: a user who
#: fixes a typo in place (a NIK) waits for an answer, as on WhatsApp, where an edit is read.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
_GONE = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)  # blocked by a user, out of a group
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what a t.me deep link may carry


def to_incoming(update: Update) -> Incoming | None:
    """The update as an `Incoming`, or None when there is nothing to answer.

    Only private chats are answered; service messages (a pinned message, a member joining)
    never are. An edited message is read as its new content (its update id is its own, so
    it is no duplicate of the original).
    """
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot or chat.type != ChatType.PRIVATE:
        return None
    if filters.StatusUpdate.ALL.check_update(update):
        return None
    base: dict[str, Any] = {
        "channel": Channel.TELEGRAM,
        "chat_id": str(chat.id),
        "user_id": str(user.id),
        "message_id": str(update.update_id),
        "language": (user.language_code or "")[:2] or None,
    }
    if query := update.callback_query:
        return Incoming(kind=Kind.CHOICE, payload=query.data or "", **base)
    message = update.message or update.edited_message
    if message is None:  # channel posts, member updates …
        return None
    return _message_incoming(message, base)


def _message_incoming(message: Message, base: dict[str, Any]) -> Incoming:
    if message.text is not None:
        command, _, argument = message.text.strip().partition(" ")
        if command.split("@")[0].lower() == "/start":
            return Incoming(kind=Kind.START, payload=argument.strip(), text=message.text, **base)
        return Incoming(kind=Kind.TEXT, text=message.text, **base)
    if message.contact is not None:
        return Incoming(kind=Kind.CONTACT, payload=message.contact.phone_number, **base)
    if message.location is not None:
        location = message.location
        return Incoming(
            kind=Kind.LOCATION,
            latitude=location.latitude,
            longitude=location.longitude,
            media="location",
            **base,
        )
    media = next((name for name in _MEDIA if getattr(message, name)), "other")
    return Incoming(kind=Kind.UNSUPPORTED, media=media, text=message.caption or "", **base)


def group_invitation(update: Update, bot_username: str) -> str | None:
    """In a group or channel: the deep-link parameter of an invitation to a private chat.

    "" for a link without one; None when the message is neither our `/start` nor a mention
    of the bot, and the bot stays silent.
    """
    message = update.message
    if message is None or message.text is None or not bot_username:
        return None
    command, _, argument = message.text.strip().partition(" ")
    name, _, addressee = command.partition("@")
    if name.lower() == "/start" and addressee.lower() in ("", bot_username.lower()):
        argument = argument.strip()
        return argument if _START_PARAMETER.fullmatch(argument) else ""
    mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, text in mentions.items():
        if text.lower() == f"@{bot_username.lower()}" or (
            entity.user is not None and entity.user.username == bot_username
        ):
            return ""
    return None


def invitation(
    bot_username: str, parameter: str, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The text and button that take someone in a group to a private chat with the bot."""
    t = Translator(language)
    text = t.gettext(
        "I answer in a private chat only, so that what you tell me stays between us. "
        "Tap the button to chat with me."
    )
    link = f"https://t.me/{bot_username}" + (f"?start={parameter}" if parameter else "")
    button = InlineKeyboardButton(t.gettext("Chat with me privately"), url=link)
    return text, InlineKeyboardMarkup([[button]])


def membership_change(update: Update) -> bool | None:
    """Whether a `my_chat_member` update says the bot was blocked or removed (False: let back in).

    None: the update is no such thing.
    """
    member: ChatMemberUpdated | None = update.my_chat_member
    if member is None:
        return None
    return member.new_chat_member.status in _GONE


OUTBOX = "outbox"  # the application's OutboxSender, in `bot_data`


async def _start_outbox(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.bot_data[OUTBOX].start()


async def _stop_outbox(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    await application.bot_data[OUTBOX].stop()


def build_application(
    settings: Settings, engine: Engine, *, polling: bool
) -> Application[Any, Any, Any, Any, Any, Any]:
    """A PTB Application whose one handler passes every update to the engine."""
    assert settings.telegram_bot_token, "TELEGRAM_BOT_TOKEN is needed for Telegram"
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.telegram_api_url.removesuffix("/bot") + "/file/bot")
    )
    if not polling:
        builder = builder.updater(None)
    else:  # `run --polling`: the sweeps run with the worker (the web app starts its own)
        builder = builder.post_init(_start_outbox).post_shutdown(_stop_outbox)
    application = builder.build()

    # Telegram's ~30 messages/s are the bot's: each web worker sends its share.
    share = OVERALL_RATE / settings.web_workers
    sender = outbox_sender(engine, [TelegramSender(application.bot, rate=share)], settings)
    application.bot_data[OUTBOX] = sender

    def remember(chat_id: str, gone: bool) -> None:
        with engine.turn_lock, engine.sessions.begin() as session:
            if gone:
                mark_blocked(session, Channel.TELEGRAM, chat_id, engine.clock())
            else:
                unblock(session, Channel.TELEGRAM, chat_id)

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if (gone := membership_change(update)) is not None and chat is not None:
            log.info("telegram: the bot was %s a chat", "removed from" if gone else "let into")
            await asyncio.to_thread(remember, str(chat.id), gone)
            return
        incoming = to_incoming(update)
        if update.callback_query:
            await update.callback_query.answer()
        if chat is not None and chat.type != ChatType.PRIVATE:
            username = context.bot.username
            if (parameter := group_invitation(update, username)) is not None:
                user = update.effective_user
                language = (user.language_code or "")[:2] if user else ""
                text, markup = invitation(username, parameter, language or settings.default_locale)
                await context.bot.send_message(chat.id, text, reply_markup=markup)
            return
        if incoming is None:
            return
        answer = await asyncio.to_thread(engine.answer, incoming)  # replies in the outbox
        sender.schedule(incoming, answer)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram update failed", exc_info=context.error)

    application.add_handler(TypeHandler(Update, on_update))
    application.add_error_handler(on_error)
    return application
