"""The engine: one incoming message in, replies out, in one database transaction.

Dedupe, lock, route, save: a crash anywhere before the commit leaves no trace, so a
redelivered message is handled as if for the first time and no half-written state exists.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.config import SUPPORTED_LOCALES, Settings
from bot.conversation import Incoming, Reply
from bot.crypto import Crypto
from bot.i18n import Translator
from bot.routing import Router, Turn, dispatch
from bot.storage.conversations import (
    claim_message,
    forget_conversation,
    open_turn,
    save_conversation,
)

log = logging.getLogger(__name__)

MAX_TEXT = 4096  # the longest message a platform delivers; anything beyond is cut
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # C0 controls but tab and newline


def clean(incoming: Incoming) -> Incoming:
    """The message without control characters (PostgreSQL refuses NUL) and of sane length."""
    text = _CONTROL.sub("", incoming.text[:MAX_TEXT])
    payload = _CONTROL.sub("", incoming.payload[:MAX_TEXT])
    if text == incoming.text and payload == incoming.payload:
        return incoming
    return replace(incoming, text=text, payload=payload)


Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class _Duplicate(Exception):
    """The message was handled before: roll back and answer nothing."""


class Engine:
    """Turns an `Incoming` into replies; channels call it, handlers are called by it."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        router: Router,
        *,
        default_locale: str = "id",
        clock: Clock = utc_now,
        crypto: Crypto | None = None,
        settings: Settings | None = None,
        turn_lock: AbstractContextManager[Any] | None = None,
    ) -> None:
        self.sessions = sessions
        self.crypto = crypto
        self.settings = settings
        self.turn_lock = turn_lock or nullcontext()
        self.router = router
        self.default_locale = default_locale
        self.clock = clock

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one message; never raises for a handler's fault, apologises instead."""
        incoming = clean(incoming)
        now = self.clock()
        first_language = (
            incoming.language if incoming.language in SUPPORTED_LOCALES else self.default_locale
        )
        language = first_language
        try:
            with self.turn_lock, self.sessions() as session, session.begin():
                if not claim_message(session, incoming, now):
                    raise _Duplicate
                conversation, contact = open_turn(session, incoming, first_language, now)
                language = contact.language or first_language
                turn = Turn(
                    incoming=incoming,
                    state=conversation.state,
                    data=conversation.data,
                    contact=contact,
                    session=session,
                    t=Translator(language),
                    now=now,
                    crypto=self.crypto,
                    settings=self.settings,
                )
                replies = dispatch(self.router, turn)
                offered = next((r.choices for r in reversed(replies) if r.choices), None)
                if offered:  # else the last buttons shown are still the ones to type a number for
                    turn.data["_choices"] = [[choice.id, choice.label] for choice in offered]
                if turn.forget:
                    forget_conversation(session, conversation)
                    return replies
                conversation.state, conversation.data = turn.state, turn.data
                save_conversation(session, conversation, now)
                return replies
        except _Duplicate:
            log.info("duplicate %s message %s ignored", incoming.channel, incoming.message_id)
            return []
        except Exception:
            log.exception(
                "handler failed on %s chat %s (%s)",
                incoming.channel,
                incoming.chat_id,
                incoming.kind,
            )
            t = Translator(language)
            return [
                Reply(
                    t.gettext(
                        "Sorry, something went wrong on our side. Please try again, "
                        "or type menu to start over."
                    )
                )
            ]
