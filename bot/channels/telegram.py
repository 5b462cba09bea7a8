"""Telegram through python-telegram-bot: Update → Incoming, Reply → messages and keyboards.

PTB is only the transport here; conversation state lives in our database, so any web
process can take a webhook update and one worker at most polls (Telegram allows one).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import (
    Message,
    Update,
)
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.channels.telegram_sender import OVERALL_RATE, TelegramSender
from bot.config import Settings
from bot.conversation import Channel, Incoming, Kind
from bot.engine import Engine
from bot.outbox import outbox_sender

log = logging.getLogger(__name__)

_MEDIA = ("sticker", "voice", "audio", "video_note", "video", "photo", "document", "animation")


def to_incoming(update: Update) -> Incoming | None:
    """The update as an `Incoming`, or None when there is nothing to answer."""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot:
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
    message = update.message
    if message is None:  # edits, channel posts, member updates …
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

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = to_incoming(update)
        if update.callback_query:
            await update.callback_query.answer()
        if incoming is None:
            return
        answer = await asyncio.to_thread(engine.answer, incoming)  # replies in the outbox
        sender.schedule(incoming, answer)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram update failed", exc_info=context.error)

    application.add_handler(TypeHandler(Update, on_update))
    application.add_error_handler(on_error)
    return application
