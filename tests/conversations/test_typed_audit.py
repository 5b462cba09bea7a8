"""Whole conversations typed by people who never press a button, from a fresh-eyes audit (6
December): asking the bot to wait ("bentar", "tunggu ya ambil ktp dulu"), correcting an earlier
answer at the next step ("yg tadi salah, nomornya …", "eh umurnya 43 bukan 34"). Each asserts its
turns, that no step failed to understand it (tests/conversations/driver.py), and every column of
the lead stored.
"""

from __future__ import annotations

from datetime import date

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat
from tests.conversations.test_registration_personas import NIK_WIFE, finish, play

SITI = {
    "name": "Siti Aminah",
    "nik": NIK_WIFE,
    "birth_date": date(1997, 4, 17),
    "gender": "P",
    "occupation": "trader",
}


def test_a_trader_asks_the_bot_to_wait_at_four_steps(branches: Services) -> None:
    """A wait is never an answer.

    "bentar" was stored as her name, "bentar mikir dulu" as her work; at the NIK and the phone
    it was "NIK hanya berisi angka". Now each is a wait, and the step is asked again after it.
    """
    chat = TypedChat(branches)
    play(chat, ["mau daftar", "setuju"])
    for wait, step in (
        ("bentar", "Ketik nama lengkap Anda sesuai KTP."),
        ("Siti Aminah", ""),
        ("bentar ya ambil ktp dulu", "Ketik NIK Anda"),
        (NIK_WIFE, ""),
        ("iya", ""),
        ("tunggu ya", "Ketik nomor HP Anda"),
        ("081234567890", ""),
        ("iya", ""),
        ("dalung", ""),
        ("bentar mikir dulu", "Apa pekerjaan utama Anda?"),
    ):
        said = texts(chat.type(wait))
        if step:
            assert said.startswith("Baik, saya tunggu.\n" + step), said
            assert "Maaf" not in said and "hanya berisi angka" not in said, said
    play(chat, ["jualan sayur", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 18  # 14 without the four waits
    finish(chat, branches, **SITI)


def test_a_wait_outside_a_form_is_answered_politely(branches: Services) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type("sebentar ya"))
    assert said == "Baik, silakan. Tulis lagi kapan pun Anda siap.", said
    assert chat.misses == []
