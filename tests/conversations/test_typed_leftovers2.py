"""Typed-only conversations of the fourth audit's leftovers: a question about the chosen
programmes at the summary, "kenapa tanya desa?", a shop owner asking for himself after his
helper's answer, and workers asking with their work and age whether they may join. Each asserts what the person sees or its turns, that no step
failed to understand it (tests/conversations/driver.py), and every column of the lead stored.
"""

from __future__ import annotations

import pytest

import handlers.faq
from bot.domain.faq import Decision, Match
from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import AGE_Q, NIK_WIFE, SITI, SITI_UP_TO_SUMMARY, finish

SUMMARY_END = "Ketik kirim jika semua sudah benar, atau ubah untuk mengganti data."
CITIZENSHIP_Q = "Apakah Anda warga negara Indonesia? Contoh: WNI"


def test_a_question_on_the_chosen_programmes_at_the_summary(branches: Services) -> None:
    """ "sudah termasuk jkm kan?" got when a JKM claim is paid; the summary's programs answer."""
    chat = TypedChat(branches, chat_id="termasuk")
    play(chat, SITI_UP_TO_SUMMARY)
    said = texts(chat.type("sudah termasuk jkm kan?"))
    assert said.startswith(
        "Ya. JKM termasuk program yang dipilih: JKK + JKM.\nPeriksa data Anda:"
    ), said
    assert said.endswith(SUMMARY_END), said
    said = texts(chat.type("jht termasuk ga?"))
    assert said.startswith("Tidak. JHT tidak termasuk program yang dipilih: JKK + JKM."), said
    assert said.endswith(SUMMARY_END), said
    chat.type("kirim")
    assert chat.turns == 13 + 3
    finish(chat, branches, **SITI)


def test_why_the_desa_is_asked_gets_the_reason_without_a_yes(branches: Services) -> None:
    """ "kenapa tanya desa?" was answered "Ya. Desa atau kelurahan …"; "desa harus ditulis?"
    keeps its yes."""
    chat = TypedChat(branches, chat_id="kenapa")
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    said = texts(chat.type("kenapa tanya desa?"))
    assert said.startswith(
        "Desa atau kelurahan Anda membantu kantor cabang wilayah Anda menghubungi Anda"
    ), said
    said = texts(chat.type("desa harus ditulis?"))
    assert said.startswith("Ya. Desa atau kelurahan Anda membantu kantor cabang"), said
    play(chat, ["dalung", "pedagang", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16
    finish(chat, branches, **SITI)


def test_a_shop_owner_asks_for_himself_after_his_helpers_answer(services: Services) -> None:
    """ "kalo saya sendiri pemilik toko bisa daftar?" got the helper's answer again; he runs
    his own shop, so the check answers him: he may join as a BPU."""
    chat = TypedChat(services, chat_id="pemilik")
    said = texts(
        chat.type("sy punya toko kelontong, penjaga toko sy gaji 1,5jt, mau sy daftarin bpjs tk?")
    )
    assert said.startswith("Penjaga toko, warung, atau lapak yang digaji pemiliknya"), said
    said = texts(chat.type("kalo saya sendiri pemilik toko bisa daftar?"))
    assert said == f"Baik, saya cekkan. Saya catat: pemilik toko.\n{AGE_Q}", said
    assert texts(chat.type("45")) == CITIZENSHIP_Q
    for typed in ("wni", "belum", "4 juta"):
        said = texts(chat.type(typed))
    assert said.startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)."), said
    assert chat.state()[1]["eligibility"]["occupation"] == "trader"
    assert chat.turns == 6
    assert chat.misses == []


_ASKED_WITH_WORK_AND_AGE = [
    ("saya petani umur 57 bisa ikut?", "Petani, usia 57", "farmer_fisher", 57),
    ("aku nelayan 45 thn bisa daftar ga", "Nelayan, usia 45", "farmer_fisher", 45),
    ("sy pedagang umur 60 boleh ikut?", "Pedagang, usia 60", "trader", 60),
]


@pytest.mark.parametrize(("typed", "noted", "occupation", "age"), _ASKED_WITH_WORK_AND_AGE)
def test_asking_with_ones_work_and_age_starts_the_check_whatever_the_faq_ranks(
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    noted: str,
    occupation: str,
    age: int,
) -> None:
    """The farmer's question started the check only while peserta.farmer_fisher ranked close
    to JP's age of enrolment; read as that alone, it starts the check still."""
    jp_only = Match(Decision.ANSWER, "jp.enrol_age", "jp", 0.9, ())
    monkeypatch.setattr(handlers.faq, "match", lambda *args, **kwargs: jp_only)
    chat = TypedChat(services, chat_id=f"tanya-{age}")
    said = texts(chat.type(typed))
    assert said == f"Baik, saya cekkan. Saya catat: {noted}.\n{CITIZENSHIP_Q}", said
    check = chat.state()[1]["eligibility"]
    assert (check["occupation"], check["age"]) == (occupation, age)
    assert chat.turns == 1 and chat.misses == []


@pytest.mark.parametrize(
    "typed", ["saya petani umur 57 bisa ikut JP?", "sy nelayan umur 50 bisa ikut jaminan pensiun?"]
)
def test_naming_a_programme_gets_that_programmes_answer(services: Services, typed: str) -> None:
    chat = TypedChat(services, chat_id="jp")
    said = texts(chat.type(typed))
    assert said.startswith("Belum bisa. JP (Jaminan Pensiun) saat ini hanya untuk pekerja"), said
    assert chat.state()[0] == "idle"
    assert chat.misses == []
