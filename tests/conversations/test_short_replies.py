"""Short typed replies after an answer: "iya", "ok", "nanti aja", "makasih", "gak jadi".

A yes takes what the last reply offered (the registration an answer tells to type, the
check's "Daftar sekarang", one "Atau maksud Anda" entry); with nothing offered it gets what to
do next. Not now closes politely and says how to come back; thanks gets a courtesy. None of
them is the FAQ's fallback, an FAQ entry, or an unanswered question
(tests/conversations/driver.py).
"""

from __future__ import annotations

import pytest

from bot.conversation import Channel, Choice, Incoming, Kind
from bot.i18n import Translator
from bot.routing import IDLE, Turn, typed_choice
from bot.services import Services
from tests.conftest import FIXED_NOW, texts
from tests.conversations.driver import TypedChat, play

CONSENT = "Sebelum mendaftar, mohon baca ini"
NEXT = "Baik. Ada lagi yang bisa saya bantu? Tulis saja pertanyaan Anda, ketik daftar"
CLOSED = "Baik, tidak apa-apa. Kapan pun Anda siap, ketik daftar untuk mendaftar"
THANKS = "Sama-sama. Semoga membantu."


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        ("iya", NEXT),
        ("ok", NEXT),
        ("sip", NEXT),
        ("oke deh", NEXT),
        ("nanti aja", CLOSED),  # drew the scholarship entry ("… nanti saat anak mulai sekolah")
        ("ntar dulu ya", CLOSED),
        ("gak jadi", CLOSED),
        ("ga", CLOSED),
        ("makasih", THANKS),
        ("terima kasih ya", THANKS),
    ],
)
def test_a_short_reply_after_an_answer_that_offered_nothing(
    branches: Services, reply: str, said: str
) -> None:
    chat = TypedChat(branches)
    chat.type("jht bisa cair kapan?")
    assert texts(chat.type(reply)).startswith(said), chat.text()
    assert chat.misses == []


@pytest.mark.parametrize("period", ["sehari", "per hari", "seminggu", "setahun"])
def test_a_period_alone_with_nothing_asked_is_asked_about(branches: Services, period: str) -> None:
    """A period alone at the menu was taken as a question: "sehari" got when JHT is paid,
    "per hari" the loan warning, "seminggu" the JHT waiting period. It asks what it is for
    (right after a check's amount it amends that amount: test_form_leftovers)."""
    chat = TypedChat(branches)
    chat.type("jht bisa cair kapan?")
    said = chat.type(period)
    assert texts(said).startswith("Per hari, minggu, bulan, atau tahun: untuk apa?"), texts(said)
    assert [c.id for c in said[-1].choices] == ["eligibility", "menu"]
    assert "JHT" not in texts(said) and "pinjaman" not in texts(said)
    assert chat.misses == []


@pytest.mark.parametrize(
    ("question", "figure", "shown"),
    [
        # got the social-aid redirect; "sy ojol, …" now starts the check, which asks the age
        ("iuran bpjs tk nya jd brp?", "35", "35"),
        ("jht bisa cair kapan?", "12", "12"),  # got the payment periods
        ("jht bisa cair kapan?", "2,5jt!!", "2,5 jt"),
    ],
)
def test_a_figure_alone_with_nothing_asked_is_asked_about(
    branches: Services, question: str, figure: str, shown: str
) -> None:
    """A figure alone, after an answer that asked nothing, may be an age, an income or a count:
    the bot asks which, and offers the check, rather than answer some entry that holds it."""
    chat = TypedChat(branches)
    chat.type(question)
    said = chat.type(figure)
    assert texts(said).startswith(f"{shown}: usia, penghasilan, atau yang lain?"), texts(said)
    assert [c.id for c in said[-1].choices] == ["eligibility", "menu"]
    assert chat.misses == []


def test_a_menu_number_still_chooses_from_the_menu(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("halo")
    assert texts(chat.type("3")).startswith(CONSENT), chat.text()


def test_yes_after_an_answer_that_tells_to_type_daftar_registers(branches: Services) -> None:
    chat = TypedChat(branches)
    answer = chat.type("cara daftar gimana?")
    assert 'ketik "daftar"' in texts(answer)
    assert [c.label for c in answer[-1].choices] == ["Daftar sekarang", "Menu utama"]
    assert texts(chat.type("iya")).startswith(CONSENT)
    assert chat.misses == []


def test_ok_after_the_checks_answer_registers_with_its_answers(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["saya petani umur 40 bisa ikut?", "wni", "belum"])
    assert texts(chat.type("2 juta")).startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri")
    assert texts(chat.type("ok")).startswith(CONSENT)
    registration = chat.state()[1]["registration"]
    assert (registration["occupation"], registration["income"]) == ("farmer_fisher", "2000000")
    assert chat.misses == []


def test_yes_after_the_main_menu_asks_which(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("halo")
    replies = chat.type("iya")
    assert texts(replies) == "Yang mana? Pilih salah satu."
    assert [c.id for c in replies[-1].choices][:3] == ["programs", "eligibility", "register"]
    assert chat.misses == []


def test_not_now_in_the_form_keeps_it_for_lanjut(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju", "Budi Santoso"])
    said = texts(chat.type("nanti aja"))
    assert said.startswith("Baik, kita lanjutkan lain waktu. Isian Anda saya simpan: ketik lanjut")
    assert chat.state()[0] == "idle"
    asked = texts(chat.type("lanjut"))
    assert asked.endswith("Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"), asked
    assert chat.state()[1]["registration"]["name"] == "Budi Santoso"
    assert chat.misses == []


def test_thanks_in_the_form_is_answered_and_the_step_asked_again(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    said = texts(chat.type("makasih"))
    assert said == "Sama-sama.\nKetik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari", said
    assert chat.misses == []


def _typed(text: str, offered: list[Choice], state: str = IDLE) -> str | None:
    incoming = Incoming(Channel.WEB, "c", "c", Kind.TEXT, text=text)
    turn = Turn(incoming, state, {}, None, Translator("id"), FIXED_NOW, offered=offered)  # type: ignore[arg-type]
    return typed_choice(turn)


def test_a_yes_takes_the_one_offer_and_only_at_the_menu() -> None:
    one = [Choice("faq:peserta.programs", "Program apa saja?"), Choice("faq_none", "Bukan")]
    two = [Choice("faq:a", "A"), Choice("faq:b", "B"), Choice("faq_none", "Bukan")]
    answered = [Choice("faq_more:jht.when", "Selengkapnya"), Choice("menu", "Menu utama")]
    assert _typed("iya", one) == "faq:peserta.programs"
    assert _typed("ok sip", one) == "faq:peserta.programs"
    assert _typed("iya", two) is None  # which one: menu.short_reply shows them again
    assert _typed("iya", answered) is None  # "Selengkapnya" is no offer
    assert _typed("iya", one, state="registration.village") is None  # the step reads it
    assert _typed(
        "nanti aja", [Choice("relative_yes", "Ya"), Choice("relative_no", "Nanti saja")]
    ) == ("relative_no")
