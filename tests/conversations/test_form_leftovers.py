"""Typed forms, the leftovers: "both" at the programs, "2jt" and "sebulan" (or "100rb" and
"sehari") sent at once, a name typed before the consent (in English too), the status asked
during the check, and slang at every step (a phone typed at the NIK's yes/no, "tambah jht" and
"ga ada yg salah" at the summary, the officer's "keduanya"); a kecamatan typed for the desa,
"mau cek bisa ikut ga", "sip lanjut" at the consent, "ga ada penghasilan" at the income.
Each person only types; each test asserts the turns, that no step failed to understand
(tests/conversations/driver.py) and the exact lead stored.
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import (
    CITIZEN_Q,
    TYPED_BUDGET,
    consented_worker,
    finish,
    finish_for_worker,
    stored,
)

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
    assert said == "Ya, itu jawaban yang saya pakai di atas.", said
    assert chat.state()[1]["eligibility"]["monthly_income"] == "2000000"
    play(chat, ["ok daftar", "iya setuju", "Budi Santoso", "5103061508950001", "iya"])
    play(chat, ["081234567890", "iya", "dalung", "bulanan", "ga", "kirim"])
    assert chat.turns == 18
    finish(chat, branches, monthly_income=2_000_000)


def test_a_period_after_the_answer_that_is_not_a_month_is_confirmed_as_a_days_takings(
    branches: Services,
) -> None:
    """ "100rb", "sehari": the answer was priced on Rp100.000 a month; the income step comes
    back with the month's estimate to confirm (the registration form's own mechanism,
    `Field.amended`), and the answer is priced again; then registration takes it over."""
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni", "belum", "100rb"])
    asked = texts(chat.type("sehari"))
    assert asked == "Rata-rata sebulan sekitar Rp2.600.000? (Ya / ketik angka lain)", asked
    assert chat.state()[0] == "eligibility.income"
    assert "monthly_income" not in chat.state()[1]["eligibility"]
    assert "untuk penghasilan Rp2.600.000" in texts(chat.type("iya"))
    assert chat.state()[1]["eligibility"] == stored(
        occupation="transport",
        occupation_label="ojol",
        sector="transport",
        age=30,
        monthly_income="2600000",
    )
    play(chat, ["ok daftar", "iya setuju", "Budi Santoso", "5103061508950001", "iya"])
    play(chat, ["081234567890", "iya", "dalung", "bulanan", "ga", "kirim"])
    assert chat.turns == 19
    finish(chat, branches, monthly_income=2_600_000)


def test_a_wage_then_sebulan_at_the_risk_question_asks_the_risk_again(
    branches: Services,
) -> None:
    """ "5 juta" and "sebulan" sent at once: the second reaches the risk question; it restates
    the wage, so the risk question comes again, no "did not catch that"."""
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "karyawan", "umur 40", "wni", "belum", "5 juta"])
    asked = texts(chat.type("sebulan"))
    assert asked.startswith("Iuran JKK dibayar pemberi kerja sesuai tingkat risiko"), asked
    asked = texts(chat.type("ga tau"))
    assert "Sebagai karyawan (PU), Anda wajib didaftarkan oleh pemberi kerja." in asked
    assert chat.turns == 8 and chat.misses == []
    assert chat.state()[1]["eligibility"] == stored(
        work="wage_earner",
        occupation="wage_earner",
        occupation_label="karyawan",
        age=40,
        monthly_income="5000000",
        risk_class="unknown",
        programs=["jkk", "jkm", "jht", "jkp"],
    )


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
    finish_for_worker(
        branches,
        budi.chat,
        budi.id,
        worker=worker,
        phone="+6285712345679",
        monthly_income=3_000_000,
        programs=WITH_JHT,
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


def test_a_kecamatan_typed_for_the_desa_asks_for_its_desa(branches: Services) -> None:
    """ "kuta utara" is Kuta Utara, the kecamatan: its desa are offered, never desa Kuta of
    Kec. Kuta guessed ("Maksud Anda Kuta, Kuta?" before)."""
    chat = TypedChat(branches)
    play(chat, UP_TO_PROGRAMS[:7])
    said = chat.type("kuta utara")
    assert texts(said) == (
        "Kuta Utara adalah kecamatan. Desa atau kelurahan mana di Kuta Utara? Pilih, atau ketik "
        "namanya. Contoh: Tibubeneng"
    ), texts(said)
    offered = [choice.label for reply in said for choice in reply.choices]
    assert offered == [
        "Kerobokan Kelod",
        "Kerobokan",
        "Kerobokan Kaja",
        "Tibubeneng",
        "Canggu",
        "Dalung",
    ]
    assert chat.state()[0] == "registration.village"
    asked = texts(chat.type("dalung"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    play(chat, ["ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches)


def test_a_misspelt_kecamatan_then_its_desa(branches: Services) -> None:
    """ "kec kuta utra" asks for the desa of Kuta Utara; "kerobokan kaja" typed is kept."""
    chat = TypedChat(branches)
    play(chat, UP_TO_PROGRAMS[:7])
    asked = texts(chat.type("kec kuta utra"))
    assert asked.startswith("Kuta Utara adalah kecamatan."), asked
    asked = texts(chat.type("kerobokan kaja"))
    assert asked.startswith("Apa pekerjaan utama Anda?"), asked
    play(chat, ["ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches, village_code="51.03.06.1003")


def test_a_near_desa_with_another_close_name_is_confirmed(branches: Services) -> None:
    """ "kerobokan kaj" is near Kerobokan Kaja and near Kerobokan: confirmed, the other
    offered, never saved as a guess."""
    chat = TypedChat(branches)
    play(chat, UP_TO_PROGRAMS[:7])
    said = chat.type("kerobokan kaj")
    assert texts(said) == "Maksud Anda Kerobokan Kaja, Kuta Utara, Kab. Badung, Bali?", said
    offered = [choice.label for reply in said for choice in reply.choices]
    assert "Kerobokan, Kuta Utara, Kab. Badung, Bali" in offered, offered
    assert "village" not in chat.state()[1]["registration"]
    play(chat, ["iya", "ojol", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches, village_code="51.03.06.1003")


@pytest.mark.parametrize(
    "typed", ["mau cek bisa ikut ga", "cek dulu bisa ikut gak", "saya mau cek syarat ikut"]
)
def test_asking_to_check_whether_one_may_join_starts_the_check(
    branches: Services, typed: str
) -> None:
    chat = TypedChat(branches)
    asked = texts(chat.type(typed))
    assert asked.endswith("Apa pekerjaan Anda? Pilih, atau ketik. Contoh: petani"), asked
    play(chat, ["ojol", "umur 30", "wni", "belum"])
    assert "Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU)." in texts(chat.type("2jt"))
    assert chat.turns == 6
    assert chat.misses == []
    assert chat.state()[1]["eligibility"] == stored(
        sector="transport",
        occupation="transport",
        occupation_label="ojol",
        age=30,
        monthly_income="2000000",
    )


def test_checking_the_status_or_the_balance_is_not_the_check(branches: Services) -> None:
    chat = TypedChat(branches)
    said = texts(chat.type("cek status pendaftaran"))
    assert said.startswith("Belum ada pendaftaran yang dikirim dari chat ini."), said
    said = texts(chat.type("cek saldo jht"))
    assert said.startswith("Cek saldo JHT di aplikasi JMO"), said
    assert chat.state()[0] == "idle"
    assert chat.misses == []


@pytest.mark.parametrize("agreed", ["sip lanjut", "oke lanjut", "iya lanjut"])
def test_a_yes_with_lanjut_at_the_consent_agrees(branches: Services, agreed: str) -> None:
    chat = TypedChat(branches)
    chat.type("mau daftar")
    asked = texts(chat.type(agreed))
    assert asked.endswith("Ketik nama lengkap Anda sesuai KTP. Contoh: Ni Wayan Sari"), asked
    play(chat, UP_TO_PROGRAMS[2:])
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches)


def test_a_bare_lanjut_at_the_consent_is_no_yes_and_resumes_later(branches: Services) -> None:
    """ "lanjut" alone keeps its meaning: at the consent it asks it again (nothing agreed);
    after leaving a form half-finished, it resumes it."""
    chat = TypedChat(branches)
    chat.type("mau daftar")
    asked = texts(chat.type("lanjut"))
    assert asked == "Apakah Anda setuju dengan penggunaan data di atas? Ketik ya atau tidak."
    assert "consent_at" not in chat.state()[1]["registration"]
    play(chat, ["iya setuju", "Budi Santoso", "menu"])
    asked = texts(chat.type("lanjut"))
    assert asked == (
        "Selamat datang kembali. Kita lanjutkan dari pertanyaan terakhir.\n"
        "Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"
    ), asked
    play(chat, UP_TO_PROGRAMS[3:])
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 17 <= TYPED_BUDGET
    finish(chat, branches)


NO_INCOME = (
    "Tidak apa-apa: iuran paling murah tidak bergantung pada penghasilan. Penghasilan hanya "
    "menentukan golongan iuran, yang Anda pilih sendiri; paling rendah Rp1.000.000 sebulan. "
    "Kalau belum ada penghasilan tetap, ketik perkiraannya, atau 1 juta."
)
VARYING_INCOME = (
    "Perkiraan saja cukup: jumlah yang biasa Anda dapat dalam sebulan. Iuran paling murah tidak "
    "bergantung pada penghasilan; penghasilan hanya menentukan golongan iuran, yang Anda pilih "
    "sendiri (paling rendah Rp1.000.000 sebulan)."
)
INCOME_Q = "Berapa kira-kira penghasilan Anda sebulan? Contoh: 2 juta"


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("ga ada penghasilan", NO_INCOME),
        ("belum ada penghasilan", NO_INCOME),
        ("ga tentu", VARYING_INCOME),
    ],
)
def test_no_income_or_a_varying_one_is_answered_and_asked_again(
    branches: Services, typed: str, reply: str
) -> None:
    chat = TypedChat(branches)
    play(chat, UP_TO_PROGRAMS[:-1])
    said = texts(chat.type(typed))
    assert said == f"{reply}\n{INCOME_Q}", said
    assert chat.state()[0] == "registration.income"
    asked = texts(chat.type("1 juta"))
    assert asked.startswith("Program apa yang Anda pilih?"), asked
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches, monthly_income=1_000_000)


def test_no_income_at_the_checks_income_is_answered_and_asked_again(branches: Services) -> None:
    chat = TypedChat(branches)
    play(chat, ["cek syarat", "ojol", "umur 30", "wni", "belum"])
    said = texts(chat.type("belum ada penghasilan"))
    assert said.startswith(NO_INCOME + "\nKira-kira berapa rata-rata penghasilan"), said
    assert "Bisa. Anda bisa ikut" in texts(chat.type("1jt"))
    assert chat.misses == []
    assert chat.state()[1]["eligibility"]["monthly_income"] == "1000000"


def test_my_name_is_before_the_consent_is_not_kept(branches: Services) -> None:
    chat = TypedChat(branches, language="en")
    chat.type("I want to register")
    said = texts(chat.type("My name is Budi Santoso"))
    assert said.startswith("I have not kept the data you typed"), said
    state, data = chat.state()
    assert state == "registration.consent" and "Budi" not in str(data)
    asked = texts(chat.type("yes"))
    assert asked.endswith("Type your full name as written on your KTP. Example: Ni Wayan Sari")
    play(chat, ["Budi Santoso", "5103061508950001", "yes", "081234567890", "yes", "dalung"])
    play(chat, ["ojol", "2 million", "jkk jkm", "monthly", "no", "send"])
    assert chat.turns == 15 <= TYPED_BUDGET
    finish(chat, branches)
