"""The engine: one incoming message in, replies out, in one database transaction.

Dedupe, lock, route, save: a crash anywhere before the commit leaves no trace, so a
redelivered message is handled as if for the first time and no half-written state exists.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import Engine as DbEngine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bot.config import SUPPORTED_LOCALES, Settings
from bot.conversation import Channel, Incoming, Reply
from bot.crypto import Crypto
from bot.domain.chatwords import spoken_marks
from bot.i18n import Translator
from bot.routing import Router, Turn, dispatch
from bot.storage import handovers, outbox
from bot.storage.conversations import (
    ContactRow,
    ConversationState,
    TurnStore,
    changed_columns,
    load_contact,
)
from bot.storage.db import HeldConnections, checkpoint
from bot.storage.models import Contact

log = logging.getLogger(__name__)

MAX_TEXT = 4096  # the longest message a platform delivers; anything beyond is cut
# C0 controls but tab and newline (PostgreSQL refuses NUL); lone surrogates (no encoder takes
# them) and U+FFFE/U+FFFF (not XML: a lead with one would break every XLSX export)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(incoming: Incoming) -> Incoming:
    """The message without characters no store or file may hold, and of sane length.

    Punctuation that voice typing wrote as a word ("… santoso titik") is the mark: no step
    stores it as a name or a place.
    """
    text = spoken_marks(_CONTROL.sub("", incoming.text[:MAX_TEXT]))
    payload = _CONTROL.sub("", incoming.payload[:MAX_TEXT])
    if text == incoming.text and payload == incoming.payload:
        return incoming
    return replace(incoming, text=text, payload=payload)


Clock = Callable[[], datetime]
#: Channels whose replies a sender delivers from the outbox; the others' go back in the
#: response, and are stored (as sent) only so that a retried request gets them again.
OUTBOX_CHANNELS = frozenset({Channel.WHATSAPP, Channel.TELEGRAM})


def utc_now() -> datetime:
    return datetime.now(UTC)


class _Duplicate(Exception):
    """The message was handled before: roll back and answer nothing."""


class _OnDemand:
    """The turn's contact (an ORM object) and ORM session, made the first time asked for.

    Most turns need neither, and a session alone costs about 150 µs, a third of a whole
    SQLite turn.
    The session joins the turn's transaction ("rollback_only": its commit and close leave
    that transaction to the engine), with the contact in it, any change already made
    included, so handlers can pass the contact to storage functions.
    """

    def __init__(
        self, sessions: sessionmaker[Session], connection: Connection, contact: ContactRow
    ) -> None:
        self._sessions = sessions
        self._connection = connection
        self._row = contact
        self._contact: Contact | None = None
        self.opened: Session | None = None

    @property
    def contact(self) -> Contact:
        if self._contact is None:
            self._contact = load_contact(self._row)
        return self._contact

    @property
    def session(self) -> Session:
        if self.opened is None:
            self.opened = self._sessions(
                bind=self._connection, join_transaction_mode="rollback_only"
            )
            self.opened.add(self.contact)
        return self.opened

    def untracked_changes(self) -> ContactRow | None:
        """What a handler changed on the contact (with its id), if no session writes it."""
        if self._contact is None or self.opened is not None:
            return None
        changes = changed_columns(self._contact, self._row)
        return {"id": self._row["id"], **changes} if changes else None


@dataclass(frozen=True)
class Answer:
    """A turn's replies, and the id of their outbox row if it was leased to this process.

    `erased` says the turn deleted the chat's data (the person's erasure), so a channel that
    keeps a copy of the conversation of its own (the web page's transcript) drops it too.
    """

    replies: list[Reply]
    row: int | None = None
    erased: bool = False
    leased_until: datetime | None = None  # the row's lease: past it another process may send it


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
        with sessions() as session:  # connects to nothing: asks what the factory is bound to
            db = session.get_bind()
        assert isinstance(db, DbEngine), "sessions are bound to an engine"
        self.db = db
        self.connections = HeldConnections(db)  # a turn thread's, kept between turns (SQLite)
        self.store = TurnStore(self.db.dialect)
        self.crypto = crypto
        self.settings = settings
        self.turn_lock = turn_lock or nullcontext()
        self.router = router
        self.default_locale = default_locale
        self.clock = clock
        self.lease = timedelta(seconds=settings.outbox.lease if settings else 60.0)

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Handle one message; never raises for a handler's fault, apologises instead."""
        return self.answer(incoming).replies

    def answer(self, incoming: Incoming, held: frozenset[int] = frozenset()) -> Answer:
        """`handle`, and the outbox row this process may send at once, if any.

        The replies are also written to the outbox in the turn's transaction: pending for a
        sender on WhatsApp and Telegram, as sent elsewhere. When none of the chat's replies
        is waiting but the rows this process's sender holds (`held`), the row is leased to
        this process in that transaction, so its sender needs no claim of its own. A
        redelivered message gets the replies stored for it (a sender delivers them if they
        are still pending).

        A turn that met a dead database connection (a restarted server, a dropped idle
        connection) runs once more on a fresh one: its transaction left nothing behind. If
        the connection died in the commit and the commit did go through, the second run
        finds the message claimed, and the first run's replies are the ones to send.
        """
        incoming = clean(incoming)
        now = self.clock()
        first_language = (
            incoming.language if incoming.language in SUPPORTED_LOCALES else self.default_locale
        )
        language = first_language
        retried = False
        answer: Answer | None = None  # the last attempt's, once it reached its commit
        while True:
            try:
                with self.turn_lock, self.connections() as connection, connection.begin():
                    opened = self.store.open(connection, incoming, first_language, now)
                    if opened is None:
                        raise _Duplicate
                    conversation, contact = opened
                    language = contact["language"] or first_language
                    answer = self._turn(
                        connection, incoming, now, conversation, contact, language, held
                    )
                if conversation.forget:  # an erasure: no copy of the rows left in SQLite's WAL
                    checkpoint(self.db)
                return answer
            except _Duplicate:
                if answer is not None:  # the lost connection's commit went through after all
                    return answer
                log.info("duplicate %s message %s", incoming.channel, incoming.message_id)
                assert incoming.message_id is not None, "only a message with an id is claimed"
                with self.db.connect() as connection:
                    return Answer(
                        outbox.stored_replies(
                            connection, incoming.channel.value, incoming.message_id
                        )
                    )
            except Exception as error:
                if not retried and isinstance(error, DBAPIError) and error.connection_invalidated:
                    log.warning(
                        "database connection lost, %s chat %s", incoming.channel, incoming.chat_id
                    )
                    retried = True
                    continue
                log.exception(
                    "handler failed on %s chat %s (%s)",
                    incoming.channel,
                    incoming.chat_id,
                    incoming.kind,
                )
                t = Translator(language)
                apology = Reply(
                    t.gettext(
                        "Sorry, something went wrong on our side. Please try again, "
                        "or type menu to start over."
                    ),
                    language=t.locale,
                )
                self._queue_apology(incoming, apology, now)
                return Answer([apology])

    def _queue_apology(self, incoming: Incoming, apology: Reply, now: datetime) -> None:
        """The apology of a failed turn, for a sender to deliver (nothing else was kept)."""
        if incoming.channel not in OUTBOX_CHANNELS:
            return
        try:
            with self.turn_lock, self.db.connect() as connection, connection.begin():
                orphan = replace(incoming, message_id=None)  # the message was not claimed
                outbox.write(connection, orphan, [apology], pending=True, now=now)
        except Exception:
            log.exception("apology to %s chat %s not queued", incoming.channel, incoming.chat_id)

    def _turn(
        self,
        connection: Connection,
        incoming: Incoming,
        now: datetime,
        conversation: ConversationState,
        contact: ContactRow,
        language: str,
        held: frozenset[int],
    ) -> Answer:
        """Route the message and write back what changed, in the transaction of `connection`."""
        on_demand = _OnDemand(self.sessions, connection, contact)
        try:
            turn = Turn(
                incoming=incoming,
                state=conversation.state,
                data=conversation.data,
                records=on_demand,
                t=Translator(language),
                now=now,
                last_at=conversation.updated_at,
                crypto=self.crypto,
                settings=self.settings,
            )
            if (handover := conversation.data.get(handovers.KEY)) is not None:
                said = incoming.text or f"[{incoming.payload or incoming.media or incoming.kind}]"
                handovers.keep_worker_message(on_demand.session, turn.data, handover, said, now)
            replies = dispatch(self.router, turn)
            offered = next((r.choices for r in reversed(replies) if r.choices), None)
            if offered:  # else the last buttons shown are still the ones to type a number for
                turn.data["_choices"] = [[choice.id, choice.label] for choice in offered]
                # An answer's own offer ("Daftar sekarang") before "Atau maksud Anda": a yes may
                # take it (routing.typed_choice), though a number picks from the last buttons.
                earlier = [
                    c.id
                    for r in replies
                    if r.choices and r.choices is not offered
                    for c in r.choices
                ]
                turn.data["_offers"] = earlier
                if not earlier:
                    turn.data.pop("_offers", None)
            if on_demand.opened is not None:
                on_demand.opened.flush()  # the handler's writes, the contact's changes too
            conversation.state, conversation.data = turn.state, turn.data
            conversation.forget = turn.forget
            pending = incoming.channel in OUTBOX_CHANNELS
            written = bool(replies) and (pending or incoming.message_id is not None)
            saving = self.store.write_back(
                connection,
                conversation,
                now,
                contact=on_demand.untracked_changes(),
                joined=written,
            )
            replies = [replace(reply, language=turn.t.locale) for reply in replies]
            row = None
            if written:
                lease = datetime.now(UTC) + self.lease if pending else None  # the real time
                row = outbox.write(
                    connection,
                    incoming,
                    replies,
                    pending=pending,
                    now=now,
                    lease_until=lease,
                    held=held,
                    saving=saving,
                )
            return Answer(replies, row, erased=turn.forget, leased_until=lease if row else None)
        finally:
            if on_demand.opened is not None:
                on_demand.opened.close()
