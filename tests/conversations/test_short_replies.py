"""Short typed replies after an answer: "iya", "ok", "nanti aja", "makasih", "gak jadi".

A yes takes what the last reply offered (the registration an answer tells to type, the
check's "Daftar sekarang", one "Atau maksud Anda" entry); with nothing offered it gets what to
do next. Not now closes politely and says how to come back; thanks gets a courtesy. None of
them is the FAQ's fallback, an FAQ entry, or an unanswered question
(tests/conversations/driver.py).
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat
from tests.conversations.test_registration_personas import play

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
