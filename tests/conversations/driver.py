"""A person who only types: sends text to the real engine, counts turns, notices misreadings.

Used by every persona test in this folder: `play` types a list of messages, `run` a script of
`Line`s checking each reply; who the personas are and the leads they end with are in people.py. A persona never presses a button: numbers and words only, as on a cheap
phone or a chat app that drops buttons.

"Failed to understand" is defined here once, for every persona: after a message the persona
did not mean as junk (``type(text, junk=True)``),

- the form re-asked its step (the engine's miss counter, ``_misses`` in the form's answers, is
  above 0 after the turn), or
- a reply is the FAQ's fallback ("cannot answer that yet"), an old button's "belongs to an
  earlier message", or a form's "did not catch that" (also when the turn left the form), or
- the message was stored as an unanswered question.

A confirmation the bot asks ("Rata-rata sebulan sekitar Rp1.500.000?") or a question the
persona asked and got answered is not a misreading: it is the bot doing its job.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.crypto import Crypto
from bot.i18n import Translator
from bot.services import Services
from bot.storage.models import Branch, Conversation, Lead, UnansweredQuestion

_NOT_UNDERSTOOD = (  # msgids as the handlers send them; their first sentence is matched
    "Sorry, I cannot answer that yet. I have noted your question. "
    "For a quick answer, call the BPJS Ketenagakerjaan call center on {phone}, "
    "or choose from the menu.",
    "That button belongs to an earlier message. Here is where we are now.",
    "Sorry, I did not catch that.",  # a form's re-ask, also when the turn left the form
)


@dataclass
class Miss:
    """One message the bot did not understand, with what it answered."""

    typed: str
    state: str
    replied: str


@dataclass
class TypedChat:
    """One chat on the real engine, typed into; `turns` counts every message sent."""

    services: Services
    chat_id: str = "typed-1"
    channel: Channel = Channel.WEB
    language: str = "id"
    phone: str | None = None  # the sender's number, as WhatsApp hands it over
    turns: int = 0
    misses: list[Miss] = field(default_factory=list)
    last: list[Reply] = field(default_factory=list)

    def type(self, text: str, *, junk: bool = False) -> list[Reply]:
        """Send `text` as typed; unless it is `junk`, note a misreading (module docstring)."""
        before = self.state()[0]
        unanswered_before = unanswered(self.services)
        self.turns += 1
        incoming = Incoming(
            channel=self.channel,
            chat_id=self.chat_id,
            user_id=self.chat_id,
            kind=Kind.TEXT,
            text=text,
            message_id=f"{self.chat_id}-{self.turns}-{uuid.uuid4().hex[:8]}",
            language=self.language,
            phone=self.phone,
        )
        self.last = self.services.engine.handle(incoming)
        if not junk and (why := self._misread(unanswered_before)):
            self.misses.append(Miss(text, before, why))
        return self.last

    def media(self, kind: str, caption: str = "") -> str:
        """Send a sticker, voice note or photo (with its caption) as the channel hands it over."""
        self.turns += 1
        self.last = self.services.engine.handle(
            Incoming(
                channel=self.channel,
                chat_id=self.chat_id,
                user_id=self.chat_id,
                kind=Kind.UNSUPPORTED,
                media=kind,
                text=caption,
                message_id=f"{self.chat_id}-{self.turns}-{kind}",
                language=self.language,
            )
        )
        return self.text()

    def text(self) -> str:
        """The last replies' texts, joined."""
        return "\n".join(reply.text for reply in self.last)

    def state(self) -> tuple[str, dict[str, Any]]:
        """The conversation's state and data, as stored."""
        with self.services.sessions() as session:
            row = session.scalars(
                select(Conversation).where(Conversation.chat_id == self.chat_id)
            ).one_or_none()
            return (row.state, dict(row.data)) if row else ("idle", {})

    def _misread(self, unanswered_before: int) -> str:
        state, data = self.state()
        flow = data.get(state.partition(".")[0]) if "." in state else None
        if isinstance(flow, dict) and flow.get("_misses"):
            return self.text()
        t = Translator(self.language)
        for message in _NOT_UNDERSTOOD:
            first = t.gettext(message).split(". ")[0]
            assert first != message.split(". ")[0] or self.language == "en", "translated"
            if first in self.text():
                return self.text()
        if unanswered(self.services) > unanswered_before:
            return "stored as an unanswered question: " + self.text()
        return ""


def lead_columns(services: Services, reference: str) -> dict[str, Any]:
    """Every column of the lead `reference`, as a test compares it.

    The NIK is decrypted (and its hash checked here), the branch is named by its code, and the
    row's own bookkeeping (id, created_at, updated_at) is left out.
    """
    crypto = Crypto(services.settings.secret_key)
    with services.sessions() as session:
        lead = session.scalars(select(Lead).where(Lead.reference == reference)).one()
        branch = session.get_one(Branch, lead.branch_id)
        nik = crypto.decrypt(lead.nik_encrypted)
        assert lead.nik_hash == crypto.hash(nik)
        row: dict[str, Any] = {}
        for column in Lead.__table__.columns:
            row[column.key] = getattr(lead, column.key)
    for key in ("id", "created_at", "updated_at", "nik_encrypted", "nik_hash"):
        row.pop(key)
    row["nik"] = nik
    row["branch_id"] = branch.code
    consent_at: datetime = row["consent_at"]
    row["consent_at"] = consent_at.replace(tzinfo=None)  # SQLite gives it back naive
    if isinstance(row["monthly_income"], Decimal):
        row["monthly_income"] = int(row["monthly_income"])
    assert isinstance(row["birth_date"], date)
    return row


@dataclass(frozen=True)
class Line:
    """One message typed, and words the bot's last reply must hold.

    `asks` is False for a question typed in between: the form stays where it was and asks
    the same step again; `answer` holds words its short answer must hold.
    """

    typed: str
    expect: str
    asks: bool = True
    answer: str = ""


def q(typed: str, expect: str, answer: str = "") -> Line:
    """A question typed in between: answered (with `answer` in it), then `expect` again."""
    return Line(typed, expect, asks=False, answer=answer)


def play(chat: TypedChat, lines: list[str]) -> None:
    """Type every line, checking nothing: the test asserts what it is about afterwards."""
    for line in lines:
        chat.type(line)


def run(chat: TypedChat, lines: tuple[Line, ...]) -> list[str]:
    """Type every line; check each reply, and that a question kept the form where it was.

    Returns the text of each turn's replies. Misreadings are the driver's (`chat.misses`).
    """
    said = []
    for number, line in enumerate(lines, 1):
        before = chat.state()[0]
        replies = chat.type(line.typed)
        after = chat.state()[0]
        where = f"turn {number} {line.typed!r} ({before} -> {after}):\n{chat.text()}"
        assert replies and line.expect in chat.text(), where
        assert line.answer in chat.text(), where
        if not line.asks:
            assert after == before and len(replies) >= 2, f"not answered and asked again, {where}"
        said.append(chat.text())
    return said


def unanswered(services: Services) -> int:
    """How many questions are stored as unanswered."""
    with services.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(UnansweredQuestion)) or 0)
