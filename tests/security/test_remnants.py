"""What is left of a person after "hapus data saya", and what is kept at all (issue 15, items
3 and 14): unanswered questions masked whatever the spelling and erased with the person,
web message ids purged, SQLite's WAL emptied, the database file private."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.conversation import Channel, Incoming, Kind
from bot.services import Services
from bot.storage.db import make_engine
from bot.storage.models import Contact, HandledMessage, UnansweredQuestion
from bot.storage.retention import HANDLED_KEEP, purge_expired
from bot.storage.unanswered import record_unanswered
from tests.conftest import FIXED_NOW, Chat, texts

NIK = "3201010101010001"
SPELLINGS = [
    "nik saya 3201.0101.0101.0001 kapan cair zebra",
    "nik 3201\u200b0101\u200b0101\u200b0001 kapan cair zebra",
    "nik ３２０１０１０１０１０１０００１ kapan cair zebra",
    "hubungi 08\u200b12-3456-7890 kapan cair zebra",
    "hubungi +62 812 3456 7890 kapan cair zebra",
]


def web_say(services: Services, chat_id: str, text: str, n: int) -> str:
    incoming = Incoming(
        channel=Channel.WEB,
        chat_id=chat_id,
        user_id=chat_id,
        kind=Kind.TEXT,
        text=text,
        message_id=f"{chat_id}:{n}",
    )
    return texts(services.engine.handle(incoming))


def stored_questions(services: Services) -> list[tuple[str, str]]:
    with services.sessions() as session:
        rows = session.execute(select(UnansweredQuestion.text, UnansweredQuestion.normalized))
        return [(text, normalized) for text, normalized in rows]


def ask_unanswered(services: Services, chat_id: str, question: str, n: int) -> None:
    """What the FAQ does with a question it cannot answer, for `chat_id`'s contact."""
    web_say(services, chat_id, "halo", n)
    with services.sessions.begin() as session:
        contact = session.scalars(select(Contact).where(Contact.user_id == chat_id)).one()
        record_unanswered(session, contact, question, FIXED_NOW)


def test_unanswered_questions_hold_no_nik_or_phone_however_written(services: Services) -> None:
    for n, question in enumerate(SPELLINGS):
        ask_unanswered(services, "web-asker", question, n)
    stored = stored_questions(services)
    assert len(stored) == len(SPELLINGS)
    for text, normalized in stored:
        digits = "".join(char for char in text + normalized if char.isdigit())
        assert NIK not in digits and "81234567890" not in digits, (text, normalized)
        assert "zebra" in text


def test_erasure_deletes_the_persons_questions_and_web_message_ids(services: Services) -> None:
    ask_unanswered(services, "web-gone", "kapan cair zebra 3201.0101.0101.0001", 1)
    ask_unanswered(services, "web-stays", "kapan cair zebra juga", 1)
    web_say(services, "web-gone", "hapus data saya", 2)
    incoming = Incoming(
        channel=Channel.WEB,
        chat_id="web-gone",
        user_id="web-gone",
        kind=Kind.CHOICE,
        payload="erase_yes",
        message_id="web-gone:3",
    )
    assert "Selesai" in texts(services.engine.handle(incoming))
    assert [text for text, _ in stored_questions(services)] == ["kapan cair zebra juga"]
    with services.sessions() as session:
        ids = list(session.scalars(select(HandledMessage.message_id)))
    assert ids and not [i for i in ids if i.startswith("web-gone:")]


def test_handled_message_ids_are_purged_after_their_retention(services: Services) -> None:
    Chat(services, Channel.TELEGRAM, "tg-1").say("halo")
    with services.sessions.begin() as session:
        assert purge_expired(session, FIXED_NOW + HANDLED_KEEP - timedelta(minutes=1)) == 0
        assert purge_expired(session, FIXED_NOW + HANDLED_KEEP + timedelta(minutes=1)) == 1
        assert session.scalar(select(func.count()).select_from(HandledMessage)) == 0


def test_the_sqlite_file_is_private_and_erasure_leaves_no_copy_in_it(
    services: Services, tmp_path: Path
) -> None:
    fresh = tmp_path / "data" / "bot.db"
    make_engine(f"sqlite:///{fresh}").dispose()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    database = services.settings.database_url
    if not database.startswith("sqlite"):
        pytest.skip("the WAL is SQLite's")
    ask_unanswered(services, "web-hippo", "pertanyaan kuda-nil-ungu kapan cair", 1)
    chat = Chat(services, Channel.WEB, "web-hippo")
    chat.say("hapus data saya")
    chat.press("erase_yes")
    path = Path(database.removeprefix("sqlite:///"))
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            assert b"kuda-nil-ungu" not in file.read_bytes(), file.name
