"""Random and hostile messages in every conversation state: no unhandled error, ever.

The states are read from the router at run time (`build_router().steps`), so a flow added or
rewritten is fuzzed without touching this file. Real data for each state is found first by
walking the flows: from every state reached, every button it offers and a few ordinary
answers (a name, a valid NIK, a phone number, a place, an income) are tried, and the first
(state, data) seen of each state is kept; a state the walk cannot reach (it needs an
officer's code) is fuzzed with empty data. Each example puts a fresh chat in one state with
that data and sends it one message, then the same message again (a platform's redelivery):
long text, emoji, lone surrogates, NUL, SQL, markup, typed numbers, unknown or hostile
button ids, stickers and voice notes. The engine turns any handler exception into an
apology and logs it; here both count as a failure. SQLite only: the handlers are the same
on PostgreSQL, and the time is better spent on more examples. Bounded by `max_examples`.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.config import SUPPORTED_LOCALES
from bot.conversation import Channel, Incoming, Kind
from bot.i18n import Translator
from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import Conversation
from handlers import build_router
from tests.conftest import FIXED_NOW

STATES = ["idle", *build_router().steps]
ANSWERS = [
    "Ni Luh Putu Sari",
    "5103061508950001",  # Kab. Badung, Kuta Utara; born 15 August 1995
    "081234567890",
    "Badung",
    "Kuta Utara",
    "Dalung",
    "Petani kopi",
    "2 juta",
    "35",
    "ya",
    "tidak",
    "1",
]
Snapshot = tuple[str, dict[str, Any]]
SORRY = "Sorry, something went wrong on our side. Please try again, or type menu to start over."
APOLOGIES = {Translator(locale).gettext(SORRY) for locale in SUPPORTED_LOCALES}
HOSTILE = [
    "",
    " ",
    "\x00",
    "\ud800",
    "Petani\ud800\uffff",
    "\ufeff\u200b\u202e",
    "'; DROP TABLE leads; --",
    "1 OR 1=1",
    "<script>alert(1)</script>",
    "{{7*7}} ${7*7} %s %n",
    '=HYPERLINK("http://x")',
    "😀" * 1000,
    "a" * 5000,
    "9" * 5000,
    "3201010101010001",
    "0812-3456-7890",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "batal",
    "kembali",
    "hapus data saya",
    "lihat data saya",
    "menu",
    "0",
    "7",
    "Lainnya",
    "petugas 123456",
    "setuju 123456",
    "staf 123456",
    "/export xlsx 99999",
    "cek petugas ' OR ''='",
]
PAYLOADS = ["", "menu", "agree", "erase_yes", "occ:other", "occ:\ud800", "faq:../../x", "x" * 200]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
messages = st.one_of(
    st.builds(lambda text: (Kind.TEXT, text, ""), texts),
    st.builds(
        lambda payload: (Kind.CHOICE, "", payload),
        st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=80)),
    ),
    st.builds(
        lambda payload: (Kind.START, "", payload), st.one_of(st.just(""), st.text(max_size=70))
    ),
    st.sampled_from(
        [(Kind.UNSUPPORTED, "", ""), (Kind.CONTACT, "", "+6281234567890"), (Kind.LOCATION, "", "")]
    ),
)


class Apologies(logging.Handler):
    """Collects what the engine logs when a handler raised."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.failures: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.failures.append(self.format(record))


@pytest.fixture
def sqlite_services(services: Services) -> Services:
    if not services.settings.is_sqlite:
        pytest.skip("fuzzed on SQLite only")
    return services


def put(services: Services, channel: Channel, snapshot: Snapshot) -> str:
    """A fresh chat standing where `snapshot` stands; its chat id."""
    chat_id = uuid.uuid4().hex[:16]
    with services.sessions.begin() as session:
        session.add(
            Conversation(
                channel=channel.value,
                chat_id=chat_id,
                state=snapshot[0],
                data=snapshot[1],
                updated_at=FIXED_NOW,
            )
        )
    return chat_id


def where(services: Services, channel: Channel, chat_id: str) -> Snapshot | None:
    with services.sessions() as session:
        row = session.scalars(
            select(Conversation).where(
                Conversation.channel == channel.value, Conversation.chat_id == chat_id
            )
        ).first()
        return (row.state, dict(row.data)) if row else None


def send(services: Services, channel: Channel, chat_id: str, kind: Kind, value: str) -> None:
    services.engine.handle(
        Incoming(
            channel=channel,
            chat_id=chat_id,
            user_id=chat_id,
            kind=kind,
            text=value if kind is Kind.TEXT else "",
            payload="" if kind is Kind.TEXT else value,
            message_id=uuid.uuid4().hex,
        )
    )


def walk(services: Services, budget: int = 1500) -> dict[str, Snapshot]:
    """The first (state, data) seen of every state the flows reach from a new chat."""
    channel = Channel.TELEGRAM
    chat_id = put(services, channel, ("idle", {}))
    send(services, channel, chat_id, Kind.START, "")
    start = where(services, channel, chat_id)
    assert start is not None
    found = {start[0]: start}
    frontier = [start]
    while frontier and budget > 0:
        snapshot = frontier.pop(0)
        offered = [choice[0] for choice in snapshot[1].get("_choices", [])]
        tries = [(Kind.CHOICE, choice) for choice in offered]
        tries += [(Kind.TEXT, answer) for answer in ANSWERS]
        for kind, value in tries:
            budget -= 1
            chat_id = put(services, channel, snapshot)
            send(services, channel, chat_id, kind, value)
            reached = where(services, channel, chat_id)
            if reached is not None and reached[0] not in found:
                found[reached[0]] = reached
                frontier.append(reached)
    return found


def test_every_state_survives_hostile_and_random_messages(sqlite_services: Services) -> None:
    services = sqlite_services
    with services.sessions.begin() as session:
        seed_if_empty(session)
    snapshots = walk(services)
    caught = Apologies()
    caught.setFormatter(logging.Formatter("%(message)s"))
    logging.getLogger("bot.engine").addHandler(caught)
    try:
        fuzz(services, caught, [snapshots.get(state, (state, {})) for state in STATES])
    finally:
        logging.getLogger("bot.engine").removeHandler(caught)
    print(
        f"walked to {len(snapshots)} of {len(STATES)} states:", sorted(set(STATES) - set(snapshots))
    )


def fuzz(services: Services, caught: Apologies, snapshots: list[Snapshot]) -> None:
    @settings(
        max_examples=600,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        snapshot=st.sampled_from(snapshots),
        message=messages,
        channel=st.sampled_from(list(Channel)),
    )
    def one(snapshot: Snapshot, message: tuple[Kind, str, str], channel: Channel) -> None:
        caught.failures.clear()  # this example's alone, so that shrinking finds its cause
        chat_id = put(services, channel, snapshot)
        kind, text, payload = message
        incoming = Incoming(
            channel=channel,
            chat_id=chat_id,
            user_id=chat_id,
            kind=kind,
            text=text,
            payload=payload,
            message_id=f"{chat_id}:1",
            media="sticker" if kind is Kind.UNSUPPORTED else "",
            latitude=-8.65 if kind is Kind.LOCATION else None,
            longitude=115.2 if kind is Kind.LOCATION else None,
        )
        replies = services.engine.handle(incoming)
        shown = "\n".join(reply.text for reply in replies)
        failed = caught.failures or [text for text in APOLOGIES if text in shown]
        assert not failed, (snapshot[0], message, failed)
        shown.encode("utf-8")  # nothing unencodable reaches a channel
        with services.sessions() as session:
            kept = session.scalar(select(Conversation).where(Conversation.chat_id == chat_id))
        if kept is not None:  # an erasure forgets the message ids too, by design
            # a redelivery gets the first turn's stored replies again, never a second turn
            again = services.engine.handle(incoming)
            assert [reply.text for reply in again] == [reply.text for reply in replies]

    one()
