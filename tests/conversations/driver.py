"""A person who only types: sends text to the real engine, counts turns, notices misreadings.

Used by the persona tests in this folder (registration here, eligibility and the officer's form
by their owners). A persona never presses a button: numbers and words only, as on a cheap
phone or a chat app that drops buttons.

"Failed to understand" is defined here once, for every persona: after a message the persona
did not mean as junk (``type(text, junk=True)``),

- the form re-asked its step (the engine's miss counter, ``_misses`` in the form's answers, is
  above 0 after the turn), or
- a reply is the FAQ's fallback ("cannot answer that yet"), or an old
  button's "belongs to an earlier message", or
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
    turns: int = 0
    misses: list[Miss] = field(default_factory=list)
    last: list[Reply] = field(default_factory=list)

    def type(self, text: str, *, junk: bool = False) -> list[Reply]:
        """Send `text` as typed; unless it is `junk`, note a misreading (module docstring)."""
        before = self.state()[0]
        unanswered = self._unanswered()
        self.turns += 1
        incoming = Incoming(
            channel=self.channel,
            chat_id=self.chat_id,
            user_id=self.chat_id,
            kind=Kind.TEXT,
            text=text,
            message_id=f"{self.chat_id}-{self.turns}-{uuid.uuid4().hex[:8]}",
            language=self.language,
        )
        self.last = self.services.engine.handle(incoming)
        if not junk and (why := self._misread(unanswered)):
            self.misses.append(Miss(text, before, why))
        return self.last

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

    def _unanswered(self) -> int:
        with self.services.sessions() as session:
            return session.scalar(select(func.count()).select_from(UnansweredQuestion)) or 0

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
        if self._unanswered() > unanswered_before:
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
