"""Typed forms, the leftovers: "both" at the programs, "2jt" and "sebulan" (or "100rb" and
"sehari") sent at once, a name typed before the consent, the status asked during the check,
and slang at every step (a phone typed at the NIK's yes/no, "tambah jht" and "ga ada yg
salah" at the summary, the officer's "keduanya"). Each person only types; each test asserts the turns, that no step
failed to understand (tests/conversations/driver.py) and the exact lead stored.
"""

from __future__ import annotations

import pytest

from bot.conversation import Channel
from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat
from tests.conversations.test_assisted_personas import contact_id
from tests.conversations.test_eligibility_personas import CITIZEN_Q, stored
from tests.conversations.test_plain_typists import consented_worker
from tests.conversations.test_registration_personas import TYPED_BUDGET, finish, play

WITH_JHT = ["jkk", "jkm", "jht"]
#: From "mau daftar" to the programs: consent, name, NIK and its yes, phone, regency, desa,
#: work, income.
UP_TO_PROGRAMS = [
    "mau daftar",
    "iya setuju",
    "Budi Santoso",
    "5103061508950001",
    "iya",
    "081234567890",
    "iya",
    "dalung",
    "ojol",
    "2jt",
]


def test_both_in_english_picks_every_program(branches: Services) -> None:
    chat = TypedChat(branches, language="en")
    play(chat, ["I want to register", "yes", "Budi Santoso", "5103061508950001", "yes"])
    play(chat, ["081234567890", "yes", "dalung", "ojol", "2 million"])
    asked = texts(chat.type("both"))
    assert asked.startswith("How often do you want to pay"), asked
    chat.type("monthly")
    summary = texts(chat.type("no"))
    assert "Programs: JKK + JKM + JHT" in summary, summary
    assert "Your registration has been sent" in texts(chat.type("send"))
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches, programs=WITH_JHT)


@pytest.mark.parametrize("both", ["keduanya", "dua-duanya", "semuanya aja"])
def test_keduanya_picks_jkk_jkm_and_jht(branches: Services, both: str) -> None:
    chat = TypedChat(branches)
    play(chat, UP_TO_PROGRAMS)
    asked = texts(chat.type(both))
    assert asked.startswith("Seberapa sering Anda ingin membayar iuran?"), asked
    chat.type("bulanan")
    summary = texts(chat.type("ga"))
    assert "Program: JKK + JKM + JHT" in summary, summary
    chat.type("yoi")
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches, programs=WITH_JHT)


def test_2jt_then_sebulan_sent_at_once_is_two_million_a_month(branches: Services) -> None:
    """The second message reaches the programs step: it restates the income, and the programs
    are asked again without a "did not catch that"."""
    chat = TypedChat(branches)
    play(chat, UP_TO_PROGRAMS)
    asked = texts(chat.type("sebulan"))
    assert asked.startswith("Program apa yang Anda pilih?"), asked
    assert "kurang menangkap" not in asked
    play(chat, ["jkk jkm", "bulanan", "ga", "udh bener kirim aja"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches, monthly_income=2_000_000)


def test_100rb_then_sehari_sent_at_once_is_confirmed_as_a_days_takings(
    branches: Services,
) -> None:
    """ "sehari" reaches the programs step: the income step comes back with the month's
    estimate to confirm, then the programs are asked."""
    chat = TypedChat(branches)
    play(chat, [*UP_TO_PROGRAMS[:-1], "100rb"])
    asked = texts(chat.type("sehari"))
    assert asked == "Rata-rata sebulan sekitar Rp2.600.000? (Ya / ketik angka lain)", asked
    asked = texts(chat.type("iya"))
    assert asked.startswith("Program apa yang Anda pilih?"), asked
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(chat, branches, monthly_income=2_600_000)


def test_2jt_then_sebulan_after_the_checks_answer_keeps_the_answer(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni", "belum"])
    assert "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)." in texts(chat.type("2jt"))
    said = texts(chat.type("sebulan"))
    assert said == "Ya: Rp2.000.000 sebulan, seperti yang dihitung di atas.", said
    assert chat.state()[1]["eligibility"]["monthly_income"] == "2000000"
    play(chat, ["ok daftar", "iya setuju", "Budi Santoso", "5103061508950001", "iya"])
    play(chat, ["081234567890", "iya", "dalung", "bulanan", "ga", "kirim"])
    assert chat.turns == 18
    finish(chat, branches, monthly_income=2_000_000)


def test_a_period_after_the_answer_that_is_not_a_month_asks_the_amount_again(
    branches: Services,
) -> None:
    """ "100rb", "sehari": the answer was priced on Rp100.000 a month; the income is asked
    again with its period, never kept as a month's."""
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni", "belum", "100rb"])
    asked = texts(chat.type("sehari"))
    assert asked.startswith("Kalau begitu, ketik lagi jumlahnya beserta waktunya."), asked
    assert "monthly_income" not in chat.state()[1]["eligibility"]
    asked = texts(chat.type("100rb sehari"))
    assert asked.startswith("Rata-rata sebulan sekitar Rp2.600.000?"), asked
    assert "Bisa. Anda bisa ikut" in texts(chat.type("iya"))
    assert chat.misses == []
    assert chat.state()[1]["eligibility"]["monthly_income"] == "2600000"


def test_a_name_typed_before_the_consent_is_not_kept(branches: Services) -> None:
    chat = TypedChat(branches)
    chat.type("mau daftar")
    said = texts(chat.type("Budi Santoso"))
    assert said.startswith("Data yang Anda ketik belum saya simpan"), said
    assert "Apakah Anda setuju" in said
    state, data = chat.state()
    assert state == "registration.consent"
    assert "name" not in data.get("registration", {}) and "Budi" not in str(data)
    asked = texts(chat.type("iya setuju"))
    assert asked.endswith("Ketik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari"), asked
    play(chat, ["Budi Santoso", "5103061508950001", "iya", "081234567890", "iya", "dalung"])
    play(chat, ["ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches)


def test_the_status_asked_during_the_check_then_the_same_step(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojek", "umur 30 thn"])
    said = chat.type("udh diproses blm?")
    assert said[0].text.startswith("Belum ada pendaftaran yang dikirim dari chat ini."), said
    assert said[-1].text.startswith(CITIZEN_Q), said
    assert chat.state()[0] == "eligibility.citizenship"
    play(chat, ["iye wni", "blm"])
    said_ = texts(chat.type("Rp 1.500.000,-"))
    assert "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)." in said_, said_
    assert chat.state()[1]["eligibility"] == stored(
        sector="transport",
        occupation="transport",
        occupation_label="ojek",
        age=30,
        monthly_income="1500000",
    )
    play(chat, ["gas daftar", "yoi", "Budi Santoso", "5103061508950001", "iye"])
    play(chat, ["+62 812-3456-7890", "iya", "dalung", "bulanan", "ga", "kirim"])
    assert chat.turns == 18
    finish(chat, branches, monthly_income=1_500_000)


def test_the_status_after_a_registration_then_the_same_step(branches: Services) -> None:
    """A lead sent, then a new check: the status is the lead's, and the check goes on."""
    chat = TypedChat(branches)
    play(chat, [*UP_TO_PROGRAMS, "jkk jkm", "bulanan", "ga", "kirim"])
    reference = chat.state()[1]["registration_sent"]
    play(chat, ["cek syarat", "ojol"])
    said = chat.type("udh diproses blm?")
    assert said[0].text.startswith(f"Pendaftaran {reference}: "), said
    assert said[-1].text.startswith("Berapa usia Anda?"), said
    assert chat.state()[0] == "eligibility.age"
    assert chat.misses == []


def test_slang_at_every_step(branches: Services) -> None:
    """ "yuk" consents, the phone typed instead of the NIK's yes is kept, "tambah jht" changes
    the programs at the summary, "ga ada yg salah" sends."""
    chat = TypedChat(branches)
    play(chat, ["yoi daftar", "yuk", "nama gw budi santoso", "5103061508950001"])
    asked = texts(chat.type("+62 812-3456-7890"))
    assert asked.startswith("Saya catat: nomor HP 081234567890."), asked
    assert asked.endswith("lahir 15 Agustus 1995, laki-laki. Benar?"), asked
    asked = texts(chat.type("iye"))
    assert asked == "Apakah Anda tinggal di Kab. Badung, Bali?", asked
    play(chat, ["gas", "dalung", "ngojek", "sekitar 3 jutaan", "jkk jkm aja", "sebulan sekali"])
    play(chat, ["ga"])
    said = texts(chat.type("tambah jht"))
    assert said.startswith("Baik, jawaban sebelumnya saya ubah."), said
    assert "Program: JKK + JKM + JHT" in said
    said = texts(chat.type("ganti jadi 3 bulan"))
    assert "Bayar iuran: Tiap 3 bulan" in said, said
    chat.type("ga ada yg salah")
    assert chat.turns == 16 <= TYPED_BUDGET
    finish(chat, branches, monthly_income=3_000_000, programs=WITH_JHT, payment_period=3)


def test_an_officer_types_slang(branches: Services) -> None:
    budi, worker = consented_worker(branches)
    before = budi.chat.turns
    lines = [
        "isi data pekerja",
        "nama pekerjanya I Made Suarta",
        "5103011508950003",
        "yoi",
        "+62 857-1234-5678",
        "gas",
        "kerobokan kaja",
        "ngojek",
        "sekitar 3 jutaan",
        "keduanya",
        "sebulan sekali",
        "ga",
        "ganti nomor hp",
        "0857-1234-5679",
        "udh bener kirim aja",
    ]
    play(budi.chat, lines)
    assert "Berikan nomor pendaftaran ini kepada pekerja" in budi.chat.text()
    assert budi.chat.turns - before == 15 <= TYPED_BUDGET
    assert worker.misses == []
    finish(
        budi.chat,
        branches,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        channel="telegram",
        name="I Made Suarta",
        nik="5103011508950003",
        phone="+6285712345679",
        village_code="51.03.06.1003",
        monthly_income=3_000_000,
        programs=WITH_JHT,
        officer_id=budi.id,
        assisted_by_officer_id=budi.id,
    )


def test_not_knowing_whether_one_is_a_participant_says_where_to_look(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni"])
    said = texts(chat.type("ga tau"))
    assert said.startswith("Status kepesertaan bisa dicek dengan NIK di aplikasi JMO"), said
    assert chat.state()[0] == "eligibility.participant"
    assert "Kira-kira berapa" in texts(chat.type("blm"))
    assert chat.misses == []
