"""A linked officer's own links, QR and numbers, against his questions about a BPJS service.

After the tenth audit, the worker an officer names or "untuk" made any sentence his request,
so "link untuk bayar iuran?" or "ada link untuk cek saldo jht?" got his personal referral
link instead of the answer every worker gets (where and how to pay, JMO). Now the worker he
names makes only registering her his request; his link, QR or numbers are his when asked
with a word of his own or for registering people, and never when they name a service
(steps.toml officer_mine, officer_service; handlers/officer_texts.py). Each side: what he
sees, and that no consent code was issued for a question.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.conversation import Channel
from bot.services import Services
from bot.storage import officers as store
from bot.storage.models import OfficerCode
from tests.conftest import texts
from tests.conversations.driver import Line, TypedChat, play, q, run, unanswered
from tests.conversations.people import linked_officer

LINK = "Link pribadi Anda."
QR = "Cetak poster untuk lapak atau papan pengumuman."
NUMBERS = "Angka Anda, kode "
HIS = (LINK, QR, NUMBERS)

# His own: (typed, what he gets). New wordings, with the audit's four.
MINE = (
    ("link sy mana", LINK),
    ("minta qr saya", QR),
    ("link utk daftarin warga", LINK),
    ("berapa yg udah sy daftarin bulan ini?", NUMBERS),
    ("kirimin link sy dong", LINK),
    ("link pendaftaran saya yg buat warga mana ya", LINK),
    ("link buat daftarin warga desa", LINK),
    ("minta link untuk daftar pekerja", LINK),
    ("qr utk daftarin pekerja", QR),
    ("tolong kirim poster saya", QR),
    ("poster utk pendaftaran warga", QR),
    ("qr sy mana pak", QR),
    ("berapa pekerja yg sy daftarin minggu ini", NUMBERS),
    ("brp orang yg udh daftar lewat sy", NUMBERS),
)

# A question about a service: the answer any worker gets (and, where the FAQ has it, its gist).
SERVICE = (
    ("link untuk bayar iuran?", "Bayar iuran dengan NIK"),
    ("ada link untuk cek saldo jht?", "Cek saldo JHT di aplikasi JMO"),
    ("link buat bayar iuran bulanan dimana pak", "Bayar iuran dengan NIK"),
    ("qr untuk bayar iuran ada?", "Bayar iuran dengan NIK"),
    ("ada link utk klaim jht ga?", "klaim JHT"),
    ("link download aplikasi jmo dimana?", "JMO (Jamsostek Mobile)"),
    ("saya mau tanya link pembayaran iuran bpu", "Bayar iuran dengan NIK"),
    ("linknya utk pencairan jht apa ya", "JHT bisa dicairkan"),
    ("link untuk lapor kecelakaan kerja", "Laporkan dalam 2 x 24 jam"),
    ("berapa yg harus sy bayar tiap bulan?", "Iuran pekerja mandiri (BPU) sebulan"),
)


def consent_codes(services: Services) -> int:
    with services.sessions() as session:
        consent = select(func.count()).where(OfficerCode.purpose == store.CONSENT)
        return int(session.scalar(consent) or 0)


def test_an_officer_gets_his_link_qr_and_numbers_asked_in_new_words(branches: Services) -> None:
    budi = linked_officer(branches)
    for typed, expected in MINE:
        said = texts(budi.chat.type(typed))
        assert expected in said, (typed, said)
        if expected == LINK:
            assert f"start={budi.code}" in said, said
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.turns == 1 + len(MINE) and budi.chat.state()[0] == "idle"
    assert consent_codes(branches) == 0  # "berapa pekerja yg sy daftarin" asks no code


def test_an_officer_asking_about_a_service_gets_what_a_worker_gets(branches: Services) -> None:
    budi = linked_officer(branches)
    worker = TypedChat(branches, chat_id="w-asks")
    for typed, gist in SERVICE:
        said = texts(budi.chat.type(typed))
        assert not any(his in said for his in HIS) and budi.code not in said, (typed, said)
        assert gist in said and said == texts(worker.type(typed)), (typed, said)
    assert budi.chat.state()[0] == "idle"
    assert consent_codes(branches) == 0


def test_at_the_workers_form_a_service_question_gets_the_faq_and_his_link_his_link(
    branches: Services,
) -> None:
    """In the worker's form: the FAQ's answer for a service, his link for his, the step again."""
    budi = linked_officer(branches)
    budi.chat.type("daftarkan pekerja")
    code = re.findall(r"SETUJU (\d{6})", budi.chat.text())[0]
    play(
        TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP),
        [f"setuju {code}", "ya"],
    )
    work = "Apa pekerjaan utama pekerja?"
    lines = (
        Line("isi data pekerja", "nama lengkap pekerja"),
        Line("I Made Suarta", "NIK pekerja"),
        Line("5103061508950001", "lahir 15 Agustus 1995"),
        Line("ya", "nomor HP pekerja"),
        Line("0857 1234 5678", "Kab. Badung"),
        Line("ya", "desa atau kelurahan"),
        Line("kerobokan kaja", work),
        q("ada link untuk cek saldo jht?", work, "Cek saldo JHT di aplikasi JMO"),
        q("link utk daftarin warga mana?", work, f"start={budi.code}"),
    )
    said = run(budi.chat, lines)
    assert budi.code not in said[7] and LINK not in said[7], said[7]
    assert budi.chat.misses == [] and unanswered(branches) == 0
    assert budi.chat.state()[0].startswith("assisted"), budi.chat.state()
