"""Typed leftovers of 6 December: a wage named without a job, a job line on a pasted KTP, a later
step's words at a pending confirmation, "lupa" at the NIK about something else. Each asserts
what the person sees, that no step failed to understand (tests/conversations/driver.py), and
what is stored.
"""

from __future__ import annotations

import pytest

from bot.conversation import Channel
from bot.services import Services
from bot.storage import officers as store
from bot.storage.programmes import create_programme
from tests.conftest import FIXED_NOW, texts
from tests.conversations.driver import TypedChat, lead_columns, play
from tests.conversations.people import (
    KEDONGANAN,
    KTP_TEXT,
    NIK_WIFE,
    PAPER_CONSENT_UP_TO_WORK,
    REFERENCE,
    RISK_Q,
    SITI,
    SITI_UP_TO_SUMMARY,
    finish,
    suarta_on_paper,
)


def test_a_wage_is_an_employees_and_priced_as_his_share(services: Services) -> None:
    """ "gaji sy 3jt" started the self-employed check; a wage is paid by an employer (PU).

    His share is JHT 2 % + JP 1 % of the wage (facts.md:106-107), Rp90.000 of Rp3.000.000.
    """
    chat = TypedChat(services, chat_id="gaji")
    said = texts(chat.type("gaji sy 3jt sebulan, iuran bpjs tk brp?"))
    assert said.startswith(
        "Baik, saya cekkan. Saya catat: Karyawan, penghasilan Rp3.000.000 sebulan.\n\n"
        "Setiap bulan, untuk upah Rp3.000.000:\n"
        "- Dipotong dari gaji Anda: Rp90.000\n"
    )
    assert said.endswith(RISK_Q), said  # the range just shown depends on it
    for typed in ("sedang", "30", "wni", "belum"):
        said = texts(chat.type(typed))
    assert "- Dipotong dari gaji Anda: Rp90.000\n- Dibayar pemberi kerja: Rp206.700" in said
    state, data = chat.state()
    assert state == "idle"
    answers = {k: v for k, v in data["eligibility"].items() if k != "asked_on"}
    assert answers == {
        "work": "wage_earner",
        "occupation": "wage_earner",
        "occupation_label": "Karyawan",
        "sector": "other",
        "monthly_income": "3000000",
        "age": 30,
        "citizenship": "wni",
        "already_participant": False,
        "risk_class": "medium",
        "risk_first": True,
        "programs": ["jkk", "jkm", "jht", "jkp"],
        "checked": True,
    }
    assert chat.turns == 5
    assert chat.misses == []


def test_pay_from_a_shop_is_a_wage_and_an_ojols_gaji_his_income(services: Services) -> None:
    """ "upah dari toko" is the shop's employee; "gaji" beside a named work keeps that work."""
    shop = TypedChat(services, chat_id="toko")
    said = texts(shop.type("sy kerja di toko, upah dari toko 1,5jt sebulan. iuran bpjs brp?"))
    assert "Saya catat: Karyawan, penghasilan Rp1.500.000 sebulan." in said
    assert "- Dipotong dari gaji Anda: Rp45.000" in said
    ojol = TypedChat(services, chat_id="ojol")
    said = texts(ojol.type("sy ojol, gaji sebulan 2jt, iuran bpjs brp?"))
    assert "Saya catat: Ojol, penghasilan Rp2.000.000 sebulan." in said
    assert ojol.state()[1]["eligibility"]["work"] == "self_employed"
    assert shop.misses == ojol.misses == []


def _ktp(job: str) -> str:
    """A KTP's text as copied from a scan, with `job` on its Pekerjaan line."""
    return KTP_TEXT.replace("MENGURUS RUMAH TANGGA", job)


def test_a_ktps_wiraswasta_is_confirmed_and_a_typed_work_kept(branches: Services) -> None:
    """ "Pekerjaan : WIRASWASTA" was stored as her work unasked; the KTP's category is asked."""
    chat = TypedChat(branches, chat_id="wiraswasta")
    play(chat, ["mau daftar", "setuju"])
    said = texts(chat.type(_ktp("WIRASWASTA")))
    assert said.startswith("Saya catat: NIK berakhiran 0003.\n"), said
    play(chat, ["iya", "081234567890"])
    said = texts(chat.type("iya"))  # Dalung, Kuta Utara read from the KTP
    assert said.startswith(
        "Di KTP tertulis WIRASWASTA. Apakah pekerjaan Anda sekarang usaha sendiri? "
        "(Ya / ketik pekerjaan Anda. Contoh: jualan sayur)"
    ), said
    said = texts(chat.type("jualan bakso keliling"))
    assert said.startswith("Berapa kira-kira penghasilan Anda sebulan?"), said
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 12
    finish(chat, branches, **SITI)


def test_a_ktps_wiraswasta_confirmed_with_a_yes(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="wiraswasta-ya")
    play(chat, ["mau daftar", "setuju", _ktp("WIRASWASTA"), "iya", "081234567890", "iya"])
    said = texts(chat.type("ya"))
    assert said.startswith("Berapa kira-kira penghasilan Anda sebulan?"), said
    play(chat, ["2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 12
    finish(chat, branches, **SITI)


@pytest.mark.parametrize("job", ["BELUM/TIDAK BEKERJA", "PELAJAR/MAHASISWA"])
def test_a_ktps_no_work_is_no_work_and_asked(branches: Services, job: str) -> None:
    """ "BELUM/TIDAK BEKERJA", "PELAJAR/MAHASISWA" say no work: the work step asks it."""
    chat = TypedChat(branches, chat_id=job)
    play(chat, ["mau daftar", "setuju"])
    said = texts(chat.type(_ktp(job)))
    assert said.startswith("Saya catat: NIK berakhiran 0003.\n"), said
    play(chat, ["iya", "081234567890"])
    said = texts(chat.type("iya"))
    assert said.startswith("Apa pekerjaan utama Anda?"), said
    play(chat, ["jualan bakso", "2jt", "jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 12
    finish(chat, branches, **SITI)


@pytest.mark.parametrize(
    "later",
    [
        [("jkk jkm bulanan", "Saya catat: JKK + JKM; tiap bulan.")],
        # Only the question was repeated: the fewest programs and a monthly payment.
        [
            ("yang murah saja", "Saya catat: JKK + JKM."),
            ("sebulan sekali", "Saya catat: tiap bulan."),
        ],
    ],
    ids=["programs-and-period", "cheapest-then-monthly"],
)
def test_later_steps_answers_at_a_daily_incomes_confirmation_are_kept(
    branches: Services, later: list[tuple[str, str]]
) -> None:
    """Programs and period typed at "Rata-rata sebulan sekitar Rp2.600.000?" (100rb a day) are
    noted, the confirmation asked again, and neither step asked later."""
    chat = TypedChat(branches, chat_id="harian")
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    play(chat, ["dalung", "pedagang"])
    asked = "Rata-rata sebulan sekitar Rp2.600.000? (Ya / ketik angka lain)"
    assert texts(chat.type("100rb sehari")) == asked
    for typed, noted in later:
        assert texts(chat.type(typed)) == f"{noted}\n{asked}"
    said = texts(chat.type("ya"))
    assert said.startswith("Apakah Anda termasuk pekerja rentan"), said
    play(chat, ["ga", "kirim"])
    assert chat.turns == 13 + len(later)
    finish(chat, branches, **SITI, monthly_income=2_600_000)


def test_an_income_counted_per_month_is_no_payment_period(branches: Services) -> None:
    """ "penghasilan bulanan ga tentu" at the income says how it is counted: the period is asked."""
    chat = TypedChat(branches, chat_id="bulanan")
    play(chat, ["daftar", "setuju", "Siti Aminah", NIK_WIFE, "iya", "081234567890", "iya"])
    play(chat, ["dalung", "pedagang", "penghasilan bulanan ga tentu", "2jt", "jkk jkm"])
    state, data = chat.state()
    assert state == "registration.period"
    assert "period" not in data["registration"]
    assert data["registration"]["income"] == "2000000"
    assert chat.misses == []


def test_lupa_at_the_nik_asking_another_thing_gets_that_answered(branches: Services) -> None:
    """ "lupa, tadi sy mau tanya jkm dulu" got where a forgotten NIK is printed: JKM is asked."""
    chat = TypedChat(branches, chat_id="lupa")
    play(chat, ["daftar", "setuju", "Siti Aminah"])
    said = texts(chat.type("lupa, tadi sy mau tanya jkm dulu"))
    assert said == (
        "JKM (Jaminan Kematian) memberi santunan kepada ahli waris jika peserta meninggal bukan "
        "karena kecelakaan kerja, misalnya karena sakit. Syaratnya: kepesertaan masih aktif.\n\n"
        "(Singkatnya. Untuk jawaban lengkap, ketik lagi pertanyaan Anda setelah isian ini "
        "selesai.)\n"
        "Ketik NIK Anda: 16 angka di KTP. Contoh: 5103061508950001"
    )
    said = texts(chat.type("lupa"))  # about the NIK itself: where it is printed
    assert said.startswith("Tidak hafal NIK? NIK tertulis di KTP dan di Kartu Keluarga (KK)")
    play(chat, [NIK_WIFE, "iya", "081234567890", "iya", "dalung", "pedagang", "2jt", "jkk jkm"])
    play(chat, ["bulanan", "ga", "kirim"])
    assert chat.turns == 16
    finish(chat, branches, **SITI)


def test_udah_at_the_summary_is_told_not_sent_yet(branches: Services) -> None:
    """ "udah?" at the summary got "I will answer that after this form": is it sent? Not yet."""
    chat = TypedChat(branches, chat_id="udah")
    play(chat, SITI_UP_TO_SUMMARY)
    said = texts(chat.type("udah?"))
    assert said.startswith(
        "Belum terkirim: data Anda baru terkirim setelah Anda ketik kirim.\nPeriksa data Anda:"
    ), said
    assert chat.state()[0] == "registration.summary"
    chat.type("kirim")
    assert chat.turns == 15
    finish(chat, branches, **SITI)


def test_mohon_dikirim_after_the_send_is_told_sent_with_its_number(branches: Services) -> None:
    """ "Mohon dikirim" after "kirim" got the status answer: it was sent, and its number."""
    chat = TypedChat(branches, chat_id="mohon")
    play(chat, [*SITI_UP_TO_SUMMARY, "kirim"])
    finish(chat, branches, **SITI)
    reference = chat.state()[1]["registration_sent"]
    said = texts(chat.type("Mohon dikirim"))
    assert said.startswith(
        f"Pendaftaran Anda sudah terkirim. Nomor pendaftaran Anda {reference}."
    ), said
    assert chat.misses == []


def test_a_javanese_income_at_the_desa_is_kept_for_the_income_step(branches: Services) -> None:
    """ "sewulan 2 yuta" (2 million a month) at the desa was not understood: kept, not asked."""
    chat = TypedChat(branches, chat_id="sewulan")
    play(chat, SITI_UP_TO_SUMMARY[:7])
    said = texts(chat.type("sewulan 2 yuta"))
    assert said == (
        "Saya catat: penghasilan Rp2.000.000 sebulan.\n"
        "Ketik nama desa atau kelurahan tempat Anda tinggal. Contoh: Kedonganan"
    ), said
    said = texts(chat.type("dalung"))
    assert said.startswith("Apa pekerjaan utama Anda?"), said
    said = texts(chat.type("pedagang"))
    assert said.startswith("Program apa yang Anda pilih?"), said
    play(chat, ["jkk jkm", "bulanan", "ga", "kirim"])
    assert chat.turns == 14
    finish(chat, branches, **SITI)


def test_the_programs_named_at_a_summary_a_programme_pays_are_its_own(branches: Services) -> None:
    """ "Program JKK dan JKM" at a summary the desa programme pays was not understood."""
    with branches.sessions.begin() as session:
        officer = store.create_officer(
            session, name="Wayan Desa", branch_code="badung", village=KEDONGANAN, now=FIXED_NOW
        )
        create_programme(
            session, area_code=KEDONGANAN, funding="SD", quota=2, categories=["farmer"],
            now=FIXED_NOW,
        )  # fmt: skip
        link = store.issue_code(session, officer, store.LINK, FIXED_NOW)[0]
        officer_id = officer.id
    chat = TypedChat(branches, chat_id="tg-wayan", channel=Channel.TELEGRAM)
    play(chat, [f"petugas {link}", *(line.typed for line in PAPER_CONSENT_UP_TO_WORK)])
    said = texts(chat.type("petani"))
    assert said.startswith("Periksa data pekerja:"), said
    said = texts(chat.type("Program JKK dan JKM"))
    assert said.startswith(
        "Program Desa Kedonganan, Kuta, Kabupaten Badung membayar JKK + JKM selama 12 bulan: "
        "program, pembayaran iuran, dan penghasilan tidak bisa diubah.\n"
    ), said
    said = texts(chat.type("kirim"))
    assert "Berikan nomor pendaftaran ini kepada pekerja: JMS-" in said, said
    assert chat.misses == []
    reference = REFERENCE.search(said)
    assert reference
    assert lead_columns(branches, reference.group()) == suarta_on_paper(
        reference.group(), officer_id
    )
