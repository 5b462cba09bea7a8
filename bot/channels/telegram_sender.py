"""Telegram's way out for the outbox: a reply as Bot API messages, within Telegram's limits.

About 30 messages a second overall (shared by the processes that send) and about one a
second in a chat, with a burst of a few for a turn's replies; a 429 comes back as
`Retryable` with Telegram's `retry_after`, a blocked bot as a refusal for the whole chat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import MessageLimit
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.channels.errors import ChannelError, Rejected, Retryable
from bot.channels.rate import TokenBucket
from bot.channels.render import split_text
from bot.conversation import Channel, Reply

OVERALL_RATE = 30.0  # messages a second, all chats (Bot API FAQ)
CHAT_RATE, CHAT_BURST = 1.0, 3.0  # in one chat
_KEEP_CHATS = 10_000  # per-chat buckets remembered; an idle one is full anyway
# A plain message removes an earlier "share my number" keyboard, so it never lingers.
_REMOVE_KEYBOARD = ReplyKeyboardRemove()


def markup(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """Inline buttons for the choices, or the "share my number" keyboard."""
    if reply.request_phone:
        button = KeyboardButton(
            reply.choices[0].label if reply.choices else "📱", request_contact=True
        )
        return ReplyKeyboardMarkup([[button]], one_time_keyboard=True, resize_keyboard=True)
    if reply.choices:
        rows = [[InlineKeyboardButton(c.label, callback_data=c.id)] for c in reply.choices]
        return InlineKeyboardMarkup(rows)
    return None


class TelegramSender:
    """Sends replies through a python-telegram-bot `Bot`, one attempt each."""

    channel = Channel.TELEGRAM.value

    def __init__(self, bot: Any, *, rate: float = OVERALL_RATE) -> None:
        self.bot = bot
        self.overall = TokenBucket(rate)
        self._chats: dict[str, TokenBucket] = {}

    def prepare(self, replies: Sequence[Reply]) -> list[Reply]:
        return list(replies)

    async def deliver(self, chat_id: str, reply: Reply) -> None:
        """The document, then the text in parts; the keyboard goes with the last part."""
        try:
            if (document := reply.document) is not None:
                await self._pace(chat_id)
                await self.bot.send_document(
                    chat_id,
                    InputFile(document.content, filename=document.filename),
                    caption=document.caption or None,
                )
            parts = split_text(reply.text, MessageLimit.MAX_TEXT_LENGTH) if reply.text else []
            for index, part in enumerate(parts):
                keyboard = markup(reply) if index == len(parts) - 1 else None
                await self._pace(chat_id)
                await self.bot.send_message(
                    chat_id, part, reply_markup=keyboard or _REMOVE_KEYBOARD
                )
        except RetryAfter as error:
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise Retryable(str(error), code="429", retry_after=seconds) from error
        except Forbidden as error:  # blocked by the user, or the chat is gone
            raise ChannelError(str(error), code="403", detail=error.message) from error
        except BadRequest as error:
            raise Rejected(str(error), code="400", detail=error.message) from error
        except NetworkError as error:  # timeouts and connection failures
            raise Retryable(str(error), code="network") from error
        except TelegramError as error:
            raise Rejected(str(error), code="telegram", detail=error.message) from error

    async def _pace(self, chat_id: str) -> None:
        if chat_id not in self._chats:
            if len(self._chats) >= _KEEP_CHATS:
                self._chats.clear()
            self._chats[chat_id] = TokenBucket(CHAT_RATE, CHAT_BURST)
        await self._chats[chat_id].acquire()
        await self.overall.acquire()
