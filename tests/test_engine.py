"""The engine through its real router and database, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.services import Services, build_services
from bot.storage.models import Contact, Conversation, HandledMessage
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
    assert services.engine.handle(incoming)
    assert services.engine.handle(incoming) == []
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
