"""Two more people who only type: a market trader who answers questions with questions of her
own and changes her mind about the programmes twice, and a village official who registers a
worker on the worker's consent, stops at the NIK's reading, and types "pagi pak, lanjut yg
kemarin ya" the next day. Each test asserts the turns, that no step failed to understand
(tests/conversations/driver.py) and the exact lead stored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.config import Settings
from bot.conversation import Channel
from bot.services import Services, build_services
from tests.conftest import FIXED_NOW, texts
from tests.conversations.driver import TypedChat, play
from tests.conversations.people import NIK_WIFE, TYPED_BUDGET, contact_id, finish, linked_officer

REGENCY_Q = "Apakah Anda tinggal di Kab. Badung, Bali?"
PROGRAMS_Q = "Program apa yang Anda pilih?"
PERIOD_Q = "Seberapa sering Anda ingin membayar iuran?"
CHANGED = "Baik, jawaban sebelumnya saya ubah."
# The worker the village official registers, as his lead must hold it.
SUARTA = {
    "channel": "telegram",
    "name": "I Made Suarta",
    "nik": "5103011508950003",
    "phone": "+6285712345678",
    "district_code": "51.03.01",
    "village_code": "51.03.01.1003",
    "occupation": "day_labourer",
}


def test_a_market_trader_asks_back_and_changes_her_mind_about_the_programmes(
    branches: Services,
) -> None:
    chat = TypedChat(branches)
    lines = [
        ("halo kak, saya mau daftar bpjs", "Apakah Anda setuju?"),
        ("kalo ga setuju gimana?", "Tanpa persetujuan Anda, saya tidak bisa mencatat data Anda"),
        ("ya udah setuju", "Ketik nama lengkap Anda sesuai KTP."),
        ("nama saya Siti Aminah", "Ketik NIK Anda"),
        (NIK_WIFE, "lahir 17 April 1997, perempuan. Benar?"),
        ("iya bener", "Ketik nomor HP Anda"),
        ("085712345678", REGENCY_Q),
        ("kenapa emangnya?", "Kantor cabang di wilayah tempat Anda tinggal yang menghubungi Anda"),
        ("iya", "Ketik nama desa atau kelurahan tempat Anda tinggal."),
        ("dalung", "Apa pekerjaan utama Anda?"),
        ("saya jualan sayur di pasar", "Berapa kira-kira penghasilan Anda sebulan?"),
        ("kalo ga tentu gimana kak?", "Laporkan rata-rata penghasilan bulanan Anda"),
        ("rata2 sehari 100rb lah", "Rata-rata sebulan sekitar Rp2.600.000?"),
        ("iya kira2 segitu", PROGRAMS_Q),
        ("bedanya apa kak?", "Bedanya:"),
        ("yg ada jht nya deh", PERIOD_Q),
        ("eh ga jadi, jkk jkm aja dulu", f"{CHANGED}\n{PERIOD_Q}"),
        ("sebulan sekali", "Apakah Anda termasuk pekerja rentan"),
        ("ga usah", "Periksa data Anda:"),
        ("eh pake jht aja deh", f"{CHANGED}\nPeriksa data Anda:"),
    ]
    for typed, expected in lines:
        said = texts(chat.type(typed))
        assert said.startswith(expected) or expected in said, (typed, said)
    summary = chat.text()
    assert "\nPekerjaan: Pedagang\n" in summary and "\nProgram: JKK + JKM + JHT\n" in summary
    chat.type("udah kirim")
    questions = 4  # the ones she asked back
    assert chat.turns == 21 and chat.turns - questions <= TYPED_BUDGET
    finish(
        chat,
        branches,
        name="Siti Aminah",
        nik=NIK_WIFE,
        birth_date=date(1997, 4, 17),
        gender="P",
        phone="+6285712345678",
        occupation="trader",
        monthly_income=2_600_000,
        programs=["jkk", "jkm", "jht"],
    )


def test_a_village_official_goes_on_the_next_day_with_lanjut(
    branches: Services, settings: Settings
) -> None:
    kadus = linked_officer(branches, village="51.03.01.1003")  # Kedonganan, fishers' programme
    asked = texts(kadus.chat.type("pagi pak, sy kadus kedonganan mau daftarkan warga sy"))
    code = re.findall(r"SETUJU (\d{6})", asked)[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    worker.type(f"SETUJU {code}")
    worker.type("iya saya setuju")
    assert worker.misses == [] and worker.turns == 2
    for typed in ("isi data pekerja", "namanya I Made Suarta", "nik nya 5103 0115 0895 0003"):
        kadus.chat.type(typed)
    assert kadus.chat.text().endswith("lahir 15 Agustus 1995, laki-laki. Benar?")
    branches.close()  # the process stops; the next day a new one serves the same database
    restarted = build_services(settings, clock=lambda: FIXED_NOW + timedelta(days=1))
    try:
        again = TypedChat(
            restarted, chat_id=kadus.chat.chat_id, channel=Channel.TELEGRAM, turns=kadus.chat.turns
        )
        lines = [
            ("pagi pak, lanjut yg kemarin ya", "Menurut NIK pekerja: Kab. Badung, Bali"),
            ("iya sesuai ktp", "Ketik nomor HP pekerja"),
            ("hp dia 0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
            ("iya dia tinggal di badung", "Ketik nama desa atau kelurahan tempat tinggal pekerja."),
            ("desa kedonganan juga", "Apa pekerjaan utama pekerja?"),  # "juga": no part of it
            ("dia buruh harian di pelabuhan", "Kira-kira berapa penghasilan pekerja sebulan?"),
            ("sehari 80rb", "Rata-rata sebulan sekitar Rp2.080.000?"),
            ("iya kira2 segitu", "Periksa data pekerja:"),
        ]
        for typed, expected in lines:
            said = texts(again.type(typed))
            assert said.startswith(expected), (typed, said)
        assert "\nPekerjaan: Buruh harian\n" in again.text()
        said = texts(again.type("kirim"))
        assert "pekerjaan I Made Suarta tidak termasuk" in said, said  # fishers only
        assert again.turns == 14 <= TYPED_BUDGET  # the link and 13 typed
        finish(
            again,
            restarted,
            contact_id=contact_id(restarted, Channel.WHATSAPP, "6285712345678"),
            **SUARTA,
            monthly_income=2_080_000,
            sponsored_interest=True,
            officer_id=kadus.id,
            assisted_by_officer_id=kadus.id,
        )
    finally:
        restarted.close()


def test_the_work_typed_instead_of_yes_to_the_desa_is_kept(branches: Services) -> None:
    """ "dia buruh harian di pelabuhan" at "Maksud Anda Kedonganan …?" was "tidak menemukan
    tempat bernama …": the work is kept and the question still waits."""
    kadus = linked_officer(branches, village="51.03.01.1003")
    asked = texts(kadus.chat.type("mau daftarkan warga sy"))
    code = re.findall(r"SETUJU (\d{6})", asked)[0]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    worker.type(f"SETUJU {code}")
    worker.type("iya saya setuju")
    for typed in ("isi data pekerja", "I Made Suarta", "5103011508950003", "iya", "085712345678"):
        kadus.chat.type(typed)
    kadus.chat.type("iya")
    asked = texts(kadus.chat.type("desa kedonganam"))
    assert asked == "Maksud Anda Kedonganan, Kuta, Kab. Badung, Bali?", asked
    asked = texts(kadus.chat.type("dia buruh harian di pelabuhan"))
    assert asked == "Saya catat: Buruh harian.\nMaksud Anda Kedonganan, Kuta, Kab. Badung, Bali?"
    asked = texts(kadus.chat.type("iya"))
    assert asked.startswith("Kira-kira berapa penghasilan pekerja sebulan?"), asked
    play(kadus.chat, ["sebulan 2jt"])
    said = texts(kadus.chat.type("kirim"))
    assert "pekerjaan I Made Suarta tidak termasuk" in said, said
    assert kadus.chat.turns == 13 <= TYPED_BUDGET
    finish(
        kadus.chat,
        branches,
        contact_id=contact_id(branches, Channel.WHATSAPP, "6285712345678"),
        **SUARTA,
        sponsored_interest=True,
        officer_id=kadus.id,
        assisted_by_officer_id=kadus.id,
    )
