"""The engine: one incoming message in, replies out, in one database transaction.

Dedupe, lock, route, save: a crash anywhere before the commit leaves no trace, so a
redelivered message is handled as if for the first time and no half-written state exists.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.config import SUPPORTED_LOCALES
from bot.conversation import Incoming, Reply
from bot.i18n import Translator
from bot.routing import Router, Turn, dispatch
from bot.storage.conversations import (
    claim_message,
    get_contact,
    lock_conversation,
    save_conversation,
)

log = logging.getLogger(__name__)

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
    ) -> None:
        self.sessions = sessions
        self.router = router
        self.default_locale = default_locale
        self.clock = clock

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one message; never raises for a handler's fault, apologises instead."""
        now = self.clock()
        first_language = (
            incoming.language if incoming.language in SUPPORTED_LOCALES else self.default_locale
        )
        language = first_language
        try:
            with self.sessions() as session, session.begin():
                if not claim_message(session, incoming, now):
                    raise _Duplicate
                conversation = lock_conversation(
                    session, incoming.channel.value, incoming.chat_id, now
                )
                contact = get_contact(session, incoming, first_language, now)
                language = contact.language or first_language
                turn = Turn(
                    incoming=incoming,
                    state=conversation.state,
                    data=conversation.data,
                    contact=contact,
                    session=session,
                    t=Translator(language),
                    now=now,
                )
                replies = dispatch(self.router, turn)
                offered = next((r.choices for r in reversed(replies) if r.choices), None)
                if offered:  # else the last buttons shown are still the ones to type a number for
                    turn.data["_choices"] = [[choice.id, choice.label] for choice in offered]
                conversation.state, conversation.data = turn.state, turn.data
                save_conversation(session, conversation, now)
                return replies
        except _Duplicate:
            log.info("duplicate %s message %s ignored", incoming.channel, incoming.message_id)
            return []
        except Exception:
            log.exception(
                "handler failed on %s chat %s (%s)", incoming.channel, incoming.chat_id, incoming.kind
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
