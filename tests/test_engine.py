"""The engine through its real router and database, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.engine import Engine
from bot.routing import Router, Turn
from bot.services import Services, build_services
from bot.storage import db
from bot.storage.models import Contact, Conversation, HandledMessage
from tests import databases
from tests.conftest import FIXED_NOW, Chat, labels, texts

MAIN_MENU = ["Info program", "Cek syarat & iuran", "Daftar", "Tanya bebas", "Bahasa"]


def conversation(services: Services, chat_id: str = "chat-1") -> Conversation:
    with services.sessions() as session:
        return session.execute(
            select(Conversation).where(Conversation.chat_id == chat_id)
        ).scalar_one()


def test_start_greets_in_indonesian_with_the_main_menu(chat: Chat) -> None:
    replies = chat.start()
    assert "Halo! Saya asisten BPJS Ketenagakerjaan" in texts(replies)
    assert labels(replies) == MAIN_MENU


@pytest.mark.parametrize("word", ["halo", "Menu", "  MENU!! ", "/start"])
def test_greeting_words_show_the_menu(chat: Chat, word: str) -> None:
    assert labels(chat.say(word)) == MAIN_MENU


def test_typed_number_and_label_select_like_a_button(chat: Chat) -> None:
    chat.start()
    by_number = chat.say("1")
    assert "lima program" in texts(by_number)
    assert labels(by_number)[:5] == [
        "JKK (Jaminan Kecelakaan Kerja)",
        "JKM (Jaminan Kematian)",
        "JHT (Jaminan Hari Tua)",
        "JP (Jaminan Pensiun)",
        "JKP (Jaminan Kehilangan Pekerjaan)",
    ]
    by_label = chat.say("jht (jaminan hari tua)")
    assert "JHT" in texts(by_label)
    assert labels(by_label) == ["Selengkapnya", "Kembali"]


@pytest.mark.parametrize("program", ["jkk", "jkm", "jht", "jp", "jkp"])
def test_each_program_page_names_its_regulation(chat: Chat, program: str) -> None:
    page = texts(chat.press(f"program:{program}"))
    assert program.upper() in page
    assert "Sumber: " in page and ("PP " in page or "Permenaker" in page or "UU " in page)
    assert len(page) < 900, "a first answer fits a phone screen"
    more = texts(chat.say("selengkapnya"))
    assert more != page and "Sumber: " in more


def test_kembali_goes_back_one_screen(chat: Chat) -> None:
    chat.press("programs")
    chat.press("program:jkm")
    chat.say("selengkapnya")
    assert labels(chat.say("kembali")) == ["Selengkapnya", "Kembali"]  # the JKM page
    assert "lima program" in texts(chat.say("kembali"))
    assert labels(chat.say("kembali")) == MAIN_MENU


def test_language_follows_the_platform_then_the_users_choice(services: Services) -> None:
    english = Chat(services, chat_id="en-user", language="en")
    assert "Hello! I am the BPJS Ketenagakerjaan assistant" in texts(english.start())
    french = Chat(services, chat_id="fr-user", language="fr")
    assert "Halo!" in texts(french.start())
    switched = french.say("bahasa")
    assert "I will now write in English." in texts(switched)
    assert labels(switched)[0] == "Program info"
    assert "Sekarang saya menulis dalam Bahasa Indonesia." in texts(french.say("bahasa"))
    with services.sessions() as session:
        assert (
            session.execute(select(Contact.language).where(Contact.user_id == "fr-user")).scalar()
            == "id"
        )


def test_duplicate_delivery_is_answered_once(services: Services) -> None:
    incoming = Incoming(
        Channel.TELEGRAM, "42", "42", Kind.CHOICE, payload="programs", message_id="777"
    )
    replies = services.engine.handle(incoming)
    assert replies
    assert services.engine.handle(incoming) == replies  # the stored replies, not a new turn
    with services.sessions() as session:
        assert session.scalar(select(func.count()).select_from(HandledMessage)) == 1
        assert session.execute(select(Conversation.version)).scalar() == 2  # created, then one turn


def test_same_message_id_on_another_channel_is_not_a_duplicate(services: Services) -> None:
    for channel in (Channel.TELEGRAM, Channel.WHATSAPP):
        assert services.engine.handle(Incoming(channel, "1", "1", Kind.START, message_id="5"))


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ("sticker", "hanya bisa membaca teks"),
        ("voice", "pesan suara"),
        ("photo", "gambar atau berkas"),
    ],
)
def test_media_gets_a_friendly_indonesian_reply(chat: Chat, media: str, expected: str) -> None:
    assert expected in texts(chat.send(Kind.UNSUPPORTED, media=media))


def test_location_gets_a_reply(chat: Chat) -> None:
    assert "lokasi" in texts(chat.send(Kind.LOCATION, latitude=-8.65, longitude=115.2))


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😀😀😀", "'; DROP TABLE leads;--", "x" * 5000, "ﷺ\u200b\u0000"],
)
def test_odd_text_gets_an_answer_and_breaks_nothing(
    services: Services, chat: Chat, message: str
) -> None:
    chat.start()
    replies = chat.say(message)
    assert replies and all(reply.text for reply in replies)
    assert "gangguan" not in texts(replies), "no apology: nothing failed"
    assert labels(chat.say("menu")) == MAIN_MENU  # the chat still works
    assert labels(chat.say("1"))[0].startswith("JKK")
    with services.sessions() as session:
        assert session.execute(text("SELECT COUNT(*) FROM leads")).scalar() == 0


def test_old_button_from_another_screen_still_works(chat: Chat) -> None:
    chat.start()
    chat.press("program:jp")
    assert "JKK" in texts(chat.press("program:jkk"))  # a program button from an older list


def test_restart_between_two_messages_keeps_the_place(services: Services, settings) -> None:  # type: ignore[no-untyped-def]
    Chat(services, chat_id="r").press("program:jkp")
    services.close()
    restarted = build_services(settings, clock=lambda: FIXED_NOW)
    try:
        assert labels(Chat(restarted, chat_id="r").say("kembali"))[0].startswith("JKK")
    finally:
        restarted.close()


def test_a_failing_handler_apologises_and_leaves_the_state_untouched(
    services: Services, chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat.press("programs")
    before = conversation(services)

    def broken(turn: object) -> list[Reply]:
        raise RuntimeError("boom")

    monkeypatch.setitem(services.engine.router.actions, "program", broken)
    apology = chat.press("program:jkk")
    assert texts(apology).startswith("Maaf, ada gangguan di sistem kami.")
    after = conversation(services)
    assert (after.state, after.data, after.version) == (before.state, before.data, before.version)
    monkeypatch.undo()
    assert "JKK" in texts(chat.press("program:jkk"))


def test_english_apology_for_english_users(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = Chat(services, chat_id="e", language="en")
    english.start()
    monkeypatch.setitem(services.engine.router.actions, "menu", lambda turn: 1 / 0)
    assert texts(english.say("menu")).startswith("Sorry, something went wrong on our side.")


def test_messages_without_an_id_are_each_answered(services: Services) -> None:
    incoming = Incoming(Channel.WEB, "no-ids", "no-ids", Kind.TEXT, text="menu")
    assert labels(services.engine.handle(incoming)) == MAIN_MENU
    assert labels(services.engine.handle(incoming)) == MAIN_MENU
    assert conversation(services, "no-ids").version == 3


def test_each_sender_in_a_group_chat_has_a_contact_of_their_own(services: Services) -> None:
    for user in ("ani", "budi"):
        incoming = Incoming(
            Channel.TELEGRAM, "group", user, Kind.TEXT, text="bahasa", message_id=f"{user}-1"
        )
        assert "I will now write in English." in texts(services.engine.handle(incoming))
    with services.sessions() as session:
        languages = session.execute(select(Contact.user_id, Contact.language)).all()
        assert sorted(languages) == [("ani", "en"), ("budi", "en")]
        assert session.scalar(select(func.count()).select_from(Conversation)) == 1


def contact_router(*, use_session: bool, fail: bool = False) -> Router:
    """One step that switches the contact to English, perhaps opening the session after."""
    router = Router()

    @router.step("idle", prompt=lambda turn: [])
    def switch(turn: Turn) -> list[Reply]:
        turn.contact.language = "en"
        if use_session:  # the session takes the contact as it is, change included
            assert turn.session.get(Contact, turn.contact.id) is turn.contact
        if fail:
            raise RuntimeError("boom")
        return [Reply("ok")]

    return router


def stored_language(services: Services, user_id: str) -> str | None:
    with services.sessions() as session:
        return session.scalar(select(Contact.language).where(Contact.user_id == user_id))


@pytest.mark.parametrize("use_session", [False, True])
def test_a_handlers_change_to_the_contact_is_saved(services: Services, use_session: bool) -> None:
    engine = Engine(services.sessions, contact_router(use_session=use_session))
    assert texts(engine.handle(Incoming(Channel.WEB, "u", "u", Kind.TEXT, text="switch"))) == "ok"
    assert stored_language(services, "u") == "en"


@pytest.mark.parametrize("use_session", [False, True])
def test_a_failing_handlers_change_to_the_contact_is_undone(
    services: Services, use_session: bool
) -> None:
    Chat(services, chat_id="u").start()
    engine = Engine(services.sessions, contact_router(use_session=use_session, fail=True))
    apology = engine.handle(Incoming(Channel.WEB, "u", "u", Kind.TEXT, text="switch"))
    assert texts(apology).startswith("Maaf, ada gangguan di sistem kami.")
    assert stored_language(services, "u") == "id"


def drop_connections(services: Services) -> None:
    databases.drop_connections(services.db.url.render_as_string(hide_password=False))


def test_a_turn_that_meets_a_dropped_connection_runs_again(
    services: Services, chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    if services.settings.is_sqlite:
        pytest.skip("no server to lose the connection to")
    chat.start()  # leaves a connection in the pool, just used: no ping before the next turn
    drop_connections(services)
    assert labels(chat.say("menu")) == MAIN_MENU
    assert "database connection lost" in caplog.text
    assert conversation(services).version == 3


def test_a_commit_that_went_through_before_the_connection_died_still_answers(
    services: Services, chat: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    if services.settings.is_sqlite:
        pytest.skip("no server to lose the connection to")
    chat.start()
    dialect = services.db.dialect
    commit = dialect.do_commit

    def commit_then_lose(dbapi_connection: Any) -> None:
        """The server commits, then the connection dies before its answer is read."""
        commit(dbapi_connection)
        monkeypatch.setattr(dialect, "do_commit", commit)  # once
        drop_connections(services)
        dbapi_connection.execute("SELECT 1")  # the driver learns the connection is gone

    monkeypatch.setattr(dialect, "do_commit", commit_then_lose)
    assert labels(chat.say("menu")) == MAIN_MENU  # the committed turn's replies, not silence
    assert conversation(services).version == 3  # and the turn ran once


def test_a_connection_idle_in_the_pool_is_checked_before_a_turn(
    services: Services,
    chat: Chat,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if services.settings.is_sqlite:
        pytest.skip("no server to lose the connection to")
    chat.start()
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)
    drop_connections(services)
    assert labels(chat.say("menu")) == MAIN_MENU
    assert "database connection lost" not in caplog.text  # the ping found it, not the turn


def test_a_sqlite_turn_thread_keeps_its_connection_and_replaces_a_broken_one(
    services: Services, chat: Chat
) -> None:
    """Turns on one thread take one connection from the pool (each checkout cost ~30 µs).

    One that was invalidated (as after a lost connection) is replaced, and the turn goes on.
    """
    if not services.settings.is_sqlite:
        pytest.skip("PostgreSQL takes a pooled connection per turn (its checkout pings it)")
    checkouts: list[object] = []
    event.listen(services.db, "checkout", lambda *args: checkouts.append(args))
    chat.start()
    chat.say("1")
    assert len(checkouts) <= 1  # none if this thread held one already
    services.engine.connections().__enter__().invalidate()
    assert labels(chat.say("menu")) == MAIN_MENU
    assert "lima program" in texts(chat.say("1"))  # the state the broken one saved is read
    assert len(checkouts) <= 2
