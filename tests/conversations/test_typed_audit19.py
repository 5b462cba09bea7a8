"""Typed-only conversations of audit 19, each failure fixed by its cause, asserting the turns,
that nothing was misread (tests/conversations/driver.py) and the lead stored, on SQLite and on
PostgreSQL (the `services` fixture runs both).

- "pak sy nelayan mau daptar bpjs tk" got "fishers can join" and no offer: the request to
  register read its words without commands.toml [same] spellings ("daptar"). "bang sy ojol mau
  daftar gmn" got the ojol answer with no offer, and "gas" took an "Atau maksud Anda" entry:
  an answer that says the writer may join here (intent.toml `join_here`) offers registering
  to one who says he wants to.
- An officer's worker refusing consent, on her phone or through the officer ("dia ga mau kasih
  nik" was read as a NIK): nothing is stored, and the officer is told why.
- "eh salah, umur sy 45" at the summary reads the NIK back; "Sudah benar, silakan dikirim"
  there got "Not yet: a few questions come first" with every question answered.
- "bentar ya, ambil hp istri" at the phone number was read as a wrong number.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.conversation import Channel
from bot.services import Services
from bot.storage.models import Lead
from tests.conversations.driver import Line, TypedChat, q, run, unanswered
from tests.conversations.people import (
    CONSENT_Q,
    FISHER_AFTER_CONSENT,
    FORM_END,
    NAME_Q,
    NIK_OK,
    NIK_Q,
    NIK_READ,
    NIK_WIFE,
    PERIOD_Q,
    PHONE_Q,
    PROGRAMS_Q,
    REFUSED,
    REGENCY_Q,
    SENT,
    SITI,
    SPONSORED_Q,
    SUMMARY,
    VILLAGE_Q,
    WORK_Q,
    consented_worker,
    finish,
    linked_officer,
    paused,
)

INCOME_Q = "penghasilan Anda sebulan"
HOW = "Lewat bot ini"
REGISTER_NOW = "Daftar sekarang"


def _offers_registering(chat: TypedChat) -> bool:
    return any(c.label == REGISTER_NOW for reply in chat.last for c in reply.choices)


def _leads(services: Services) -> list[Lead]:
    with services.sessions() as session:
        return list(session.scalars(select(Lead)).all())


# ----------------------------------------------------- (1) a wish to register, with one's work


@pytest.mark.parametrize(
    "first",
    ["pak sy nelayan mau daptar bpjs tk", "sy nelayan pgn daptar", "saya nelayan ingin mendaftar"],
)
def test_a_fisher_who_wants_to_register_is_registered(branches: Services, first: str) -> None:
    chat = TypedChat(branches, chat_id="nelayan19")
    run(
        chat,
        (
            Line(first, CONSENT_Q),
            *FISHER_AFTER_CONSENT,  # "nelayan" was said
        ),
    )
    assert chat.turns == 13
    finish(chat, branches, **{**SITI, "occupation": "farmer_fisher"})


@pytest.mark.parametrize("yes", ["gas", "iya", "ok bang"])
def test_a_driver_asking_how_to_register_is_offered_it_and_registers(
    branches: Services, yes: str
) -> None:
    chat = TypedChat(branches, chat_id="ojol19")
    said = run(chat, (Line("bang sy ojol mau daftar gmn", "Pengemudi ojol"),))
    assert _offers_registering(chat), said
    run(
        chat,
        (
            Line(yes, CONSENT_Q),
            Line("setuju", NAME_Q),
            Line("Budi Santoso", NIK_Q),
            Line("5103061508950001", NIK_READ),
            Line("y", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("iy", VILLAGE_Q),
            Line("dalung", INCOME_Q),  # "ojol" was said
            q("bayar iurannya dimana bang?", INCOME_Q, "NIK"),
            Line("2jt", PROGRAMS_Q),
            *FORM_END,
        ),
    )
    assert chat.turns == 15
    finish(chat, branches)


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("ojol termasuk bpu ga?", "Bukan Penerima Upah"),  # what it is, not whether he may join
        ("bpu itu apa sih", "Bukan Penerima Upah"),
        ("tetangga sy tukang parkir bisa ikut ga?", "tukang parkir"),  # someone else's case
    ],
)
def test_a_question_that_names_no_wish_to_register_offers_nothing(
    branches: Services, asked: str, answer: str
) -> None:
    chat = TypedChat(branches, chat_id="tanya19")
    run(chat, (Line(asked, answer),))
    assert not _offers_registering(chat)


# -------------------------------------- (1, 2) "mau daftar gimana caranya", then a yes or a clerk's


@pytest.mark.parametrize("yes", ["iya", "ok", "bersedia", "ya saya bersedia", "Saya bersedia."])
def test_yes_after_how_to_register_starts_the_form(branches: Services, yes: str) -> None:
    chat = TypedChat(branches, chat_id="cara19")
    run(chat, (Line("mau daftar gimana caranya", HOW), Line(yes, CONSENT_Q)))
    assert chat.state()[0] == "registration.consent"
    assert chat.misses == [] and unanswered(branches) == 0


# ------------------------------------------------- (3) an officer's worker who refuses consent


@pytest.mark.parametrize("no", ["tidak setuju", "ga mau ah", "gk setuju"])
def test_a_worker_refusing_on_her_phone_stores_nothing_and_the_officer_is_told(
    branches: Services, no: str
) -> None:
    budi = linked_officer(branches).chat
    budi.type("daftarkan pekerja")
    code = budi.text().split("SETUJU ")[1][:6]
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    run(
        worker,
        (
            Line(f"setuju {code}", "akan mendaftarkan Anda"),
            q("datanya dipake buat apa aja?", "Apakah Anda setuju?"),
            Line(no, "Tidak ada data yang disimpan, dan petugas tidak bisa mendaftarkan Anda."),
        ),
    )
    said = run(budi, (Line("isi data pekerja", "Pekerja menolak di HP-nya sendiri"),))
    assert "tidak ada datanya yang disimpan" in said[0]
    assert budi.state()[0] == "idle" and worker.state()[0] == "idle"
    assert _leads(branches) == []
    assert budi.misses == [] and worker.misses == [] and unanswered(branches) == 0


@pytest.mark.parametrize(
    "refusal", ["dia ga mau kasih nik", "pekerjanya gak mau", "orangnya ga mau kasih nik pak"]
)
def test_a_worker_refusing_a_step_through_the_officer_stores_nothing(
    branches: Services, refusal: str
) -> None:
    budi, worker = consented_worker(branches)
    run(
        budi.chat,
        (
            Line("isi data pekerja", "nama lengkap pekerja sesuai KTP"),
            Line("I Made Suarta", "NIK pekerja"),
        ),
    )
    said = run(budi.chat, (Line(refusal, "NIK pekerja", asks=False),))[0]
    assert said.startswith(REFUSED + "\n"), said
    run(budi.chat, (Line("batal", "Dibatalkan"),))
    assert budi.chat.state() == ("idle", {}) or "assisted" not in budi.chat.state()[1]
    assert _leads(branches) == []
    assert budi.chat.misses == [] and worker.misses == [] and unanswered(branches) == 0


# -------------------------------------- (4) a clerk's formal Indonesian, the age "corrected"


def test_a_clerk_corrects_the_age_at_the_summary_then_sends(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="klerk19")
    said = run(
        chat,
        (
            Line(
                "Selamat siang. Saya bermaksud mendaftarkan diri sebagai peserta BPJS "
                "Ketenagakerjaan.",
                CONSENT_Q,
            ),
            Line("Saya bersedia.", NAME_Q),
            Line("Nama saya Siti Aminah", NIK_Q),
            Line(NIK_WIFE, NIK_OK),
            Line("Benar.", PHONE_Q),
            Line("Nomor saya 081234567890", REGENCY_Q),
            Line("Ya, benar.", VILLAGE_Q),
            Line("Desa Dalung", WORK_Q),
            Line("Saya berdagang di pasar", INCOME_Q),
            Line("Penghasilan saya sekitar dua juta rupiah per bulan", PROGRAMS_Q),
            q("Apakah JHT wajib?", PROGRAMS_Q, "yang wajib hanya JKK dan JKM"),
            Line("JKK dan JKM saja", PERIOD_Q),
            Line("Setiap bulan", SPONSORED_Q),
            Line("Tidak", SUMMARY),
            Line("eh salah, umur sy 45", NIK_OK),  # the age is the NIK's: read back
            Line("Sudah benar, silakan dikirim", SUMMARY),
            Line("kirim", SENT),
        ),
    )
    assert "dibaca dari NIK" in said[-3]
    assert "Belum bisa dikirim" not in said[-2]
    assert chat.turns == 17
    finish(chat, branches, **SITI)


# ------------------------------------ (4) a builder who goes to fetch his wife's phone, "lanjut"


@pytest.mark.parametrize(
    "wait", ["bentar ya, ambil hp istri", "tunggu, sy cari nomor dulu", "sebentar pak, pinjam hp"]
)
def test_a_builder_fetches_a_phone_and_goes_on(branches: Services, wait: str) -> None:
    chat = TypedChat(branches, chat_id="tukang19")
    said = run(
        chat,
        (
            Line("min sy mau daftar", CONSENT_Q),
            Line("ok", NAME_Q),
            Line("Wayan Sudarma", NIK_Q),
            Line("5103061508950001", NIK_READ),
            Line("ya", PHONE_Q),
            *paused(PHONE_Q, wait, PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("ya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("sy buruh bangunan", INCOME_Q),
            q("kalo gajinya harian gmn ngitungnya?", INCOME_Q, "rata-rata penghasilan bulanan"),
            Line("sehari 100rb", "Rata-rata sebulan sekitar Rp2.600.000?"),
            Line("iya", PROGRAMS_Q),
            Line("jkk jkm jht", PERIOD_Q),
            Line("3 bulan", SPONSORED_Q),
            Line("ga", SUMMARY),
            Line("kirim", SENT),
        ),
    )
    assert said[5].startswith("Baik, saya tunggu."), said[5]  # a wait, not a wrong number
    assert chat.turns == 18
    finish(
        chat,
        branches,
        name="Wayan Sudarma",
        occupation="buruh bangunan",  # the form offers no construction: typed
        monthly_income=2_600_000,
        programs=["jkk", "jkm", "jht"],
        payment_period=3,
    )


# ----------------------- (4) a trader who leaves, comes back the next morning, asks what it means


def test_a_trader_pauses_resumes_and_asks_what_the_government_program_is(
    branches: Services,
) -> None:
    chat = TypedChat(branches, chat_id="canang19")
    said = run(
        chat,
        (
            Line("daftar", CONSENT_Q),
            Line("stuju", NAME_Q),
            Line("Siti Aminah", NIK_Q),
            Line(NIK_WIFE, NIK_OK),
            Line("bener", PHONE_Q),
            Line("nanti dulu ya, mau jemput anak", "ketik lanjut"),
            Line("pagi bang, lanjut yg kemarin ya", PHONE_Q),
            Line("0812 3456 7890", REGENCY_Q),
            Line("y", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("jualan canang di pasar", INCOME_Q),
            Line("ga tentu bang, kadang 1jt kadang 3jt", "sekitar Rp2.000.000?"),
            Line("ya", PROGRAMS_Q),
            Line("yg paling murah aja", PERIOD_Q),
            Line("tiap bulan", SPONSORED_Q),
            q("gatau itu apa", SPONSORED_Q, "Pekerja rentan adalah pekerja informal"),
            Line("ga", SUMMARY),
            Line("gas kirim", SENT),
        ),
    )
    assert "Pertanyaan itu saya jawab setelah" not in said[15], said[15]
    assert chat.turns == 18
    finish(chat, branches, **SITI)
