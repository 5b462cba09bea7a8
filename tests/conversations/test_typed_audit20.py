"""Typed-only conversations of audit 20, each failure fixed by its cause, asserting the turns,
that nothing was misread (tests/conversations/driver.py) and the lead stored, on SQLite and on
PostgreSQL (the `services` fixture runs both).

Leftovers of audit 19:

- "tukang parkir bisa ikut bpjs tk ga?", "Apakah pedagang kaki lima dapat menjadi peserta?" got
  their answer and no offer to register: a question whether one may join, answered by an entry
  saying one may join here (intent.toml `join_here`), offers "Daftar sekarang" as a wish to
  register does (handlers/faq.py `wants_to_join`), and a typed "gas", "boleh", "iya mau" takes
  it. The formal question got the documents to bring: peserta.bpu_who has its phrasing now.
- The officer's wait for the worker's consent (handlers/officer.py, "assisting.agreed") never
  ended: a code left unused past its 30 minutes ends the wait, said plainly, and "daftarkan
  pekerja" starts again. "udah blm?" once she agreed opens the form instead of saying so.
- An officer's "orangnya buruh bangunan" was stored as typed, where the worker's own "sy buruh
  bangunan" is stored "buruh bangunan": an officer's words for the worker open a work too
  (steps.toml `work_openings`), one parser for both.

Audit 20's own voices:

- A fish-market porter in Makassar slang: "bisaji ikut bpjs tk kah?" was read as a question on
  prices ("bisaji" hid "bisa ikut": textnorm id_words.tsv, intent.toml `join`); "kadang 80rb
  sehari kadang 150 ji" was Rp1.042.000 (150 rupiah: a bare figure beside others now takes
  their unit, bot/domain/amounts.py); "perbulan ji" was not understood (steps.toml [period]).
- A formal village clerk registering herself, "Baik, saya bersedia.": went through as typed.
- A driver who stops mid-form, "ntar lg ya min, ada orderan" (got "cannot read that amount":
  commands.toml `later`, errands), types "lanjut" the next day, then corrects two answers at
  the summary.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.config import Settings
from bot.conversation import Channel
from bot.services import Services
from tests.conversations.driver import Line, TypedChat, q, run, unanswered
from tests.conversations.people import (
    CONSENT_Q,
    FORM_INCOME_Q,
    NAME_Q,
    NIK_Q,
    NIK_READ,
    PERIOD_Q,
    PHONE_Q,
    PROGRAMS_Q,
    REGENCY_Q,
    SENT,
    SPONSORED_Q,
    SUMMARY,
    VILLAGE_Q,
    WORK_Q,
    finish,
    finish_for_worker,
    linked_officer,
    next_process,
)

REGISTER_NOW = "Daftar sekarang"
WAIT_Q = "Setelah pekerja setuju, ketik sudah"
LAPSED = "sudah tidak berlaku: pekerja tidak menyetujuinya dalam 30 menit"


def _offers_registering(chat: TypedChat) -> bool:
    return any(c.label == REGISTER_NOW for reply in chat.last for c in reply.choices)


def _code(chat: TypedChat) -> str:
    return re.findall(r"SETUJU (\d{6})", chat.text())[-1]


# ----------------------------------------------- (1) "can X join?" offers registering, a yes takes it


@pytest.mark.parametrize(
    ("asked", "answer"),
    [
        ("tukang parkir bisa ikut bpjs tk ga?", "tukang parkir"),
        ("Apakah pedagang kaki lima dapat menjadi peserta?", "Bukan Penerima Upah"),
        ("nelayan bisa daftar ga?", "nelayan"),
    ],
)
@pytest.mark.parametrize("yes", ["gas", "boleh", "iya mau"])
def test_a_question_whether_one_may_join_offers_registering(
    branches: Services, asked: str, answer: str, yes: str
) -> None:
    chat = TypedChat(branches, chat_id="bisa20")
    run(chat, (Line(asked, answer),))
    assert _offers_registering(chat), chat.text()
    run(chat, (Line(yes, CONSENT_Q),))
    assert chat.state()[0] == "registration.consent"
    assert chat.misses == [] and unanswered(branches) == 0 and chat.turns == 2


# ---------------------------------------------------- (2) the officer's wait, left for days


@pytest.mark.parametrize("back", ["sudah", "udah blm?", "gmn pak?"])
def test_a_wait_left_for_days_ends_and_the_officer_starts_again(
    branches: Services, settings: Settings, back: str
) -> None:
    budi = linked_officer(branches).chat
    run(budi, (Line("daftarkan pekerja", WAIT_Q),))
    code = _code(budi)
    with next_process(budi, branches, settings, days=2) as (again, restarted):
        said = run(again, (Line(back, LAPSED),))
        assert said[0].startswith(f"Kode {code} sudah tidak berlaku"), said[0]
        assert "ketik daftarkan pekerja" in said[0]
        assert again.state() == ("idle", {}) or "assisting" not in again.state()[1]
        run(again, (Line("daftarkan pekerja", WAIT_Q),))
        assert _code(again) != code and again.state()[0] == "assisting.agreed"
        assert again.misses == [] and unanswered(restarted) == 0 and again.turns == 4


def test_udah_blm_once_she_agreed_opens_the_form(branches: Services) -> None:
    budi = linked_officer(branches)
    run(budi.chat, (Line("daftarkan pekerja", WAIT_Q),))
    worker = TypedChat(branches, chat_id="6285712345678", channel=Channel.WHATSAPP)
    run(worker, (Line(f"setuju {_code(budi.chat)}", "Apakah Anda setuju?"),))
    run(worker, (Line("iya setuju", "Jangan pernah membayar"),))
    said = run(
        budi.chat,
        (
            Line("udah blm?", "nama lengkap pekerja sesuai KTP"),
            Line("I Made Suarta", "NIK pekerja"),
            Line("5103011508950003", "lahir 15 Agustus 1995, laki-laki"),
            Line("ya", "nomor HP pekerja"),
            Line("0857 1234 5678", "Apakah pekerja tinggal di Kab. Badung, Bali?"),
            Line("ya", "desa atau kelurahan"),
            Line("kerobokan kaja", "Apa pekerjaan utama pekerja?"),
            Line("orangnya buruh bangunan", "penghasilan pekerja sebulan"),
            Line("2jt", "Program apa untuk pekerja?"),
            Line("jkk jkm", "Seberapa sering pekerja"),
            Line("bulanan", "pekerja rentan"),
            Line("ga", "Periksa data pekerja:"),
            Line("kirim", "Berikan nomor pendaftaran ini kepada pekerja: JMS-"),
        ),
    )
    assert said[0].startswith("Pekerja sudah setuju.")
    assert "Pekerjaan: buruh bangunan\n" in said[-2]
    assert budi.chat.turns == 1 + 1 + 13
    finish_for_worker(branches, budi.chat, budi.id, worker=worker, occupation="buruh bangunan")


def test_an_officer_types_the_work_as_the_worker_would(branches: Services) -> None:
    """The same words stored the same, typed by the worker or by the officer for her."""
    chat = TypedChat(branches, chat_id="kerja20")
    run(
        chat,
        (
            Line("daftar", CONSENT_Q),
            Line("setuju", NAME_Q),
            Line("Budi Santoso", NIK_Q),
            Line("5103061508950001", NIK_READ),
            Line("ya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("ya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("sy buruh bangunan", FORM_INCOME_Q),
            Line("2jt", PROGRAMS_Q),
            Line("jkk jkm", PERIOD_Q),
            Line("bulanan", SPONSORED_Q),
            Line("ga", SUMMARY),
            Line("kirim", SENT),
        ),
    )
    finish(chat, branches, occupation="buruh bangunan")


# ------------------------------------------------- (3a) a fish-market porter, Makassar slang


def test_a_makassar_porter_registers_in_his_own_words(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="paotere20")
    asked = "assalamualaikum daeng, sy kuli angkut ikan di pelelangan, bisaji ikut bpjs tk kah?"
    run(chat, (Line(asked, "BPU (Bukan Penerima Upah) adalah orang"),))  # not a fisher
    assert _offers_registering(chat), chat.text()
    run(
        chat,
        (
            Line("iye gas mi", CONSENT_Q),
            Line("iye stuju", NAME_Q),
            Line("Muhammad Ilham", NIK_Q),
            Line("7371081203880002", "Kota Makassar, Sulawesi Selatan, lahir 12 Maret 1988"),
            Line("iye betul", PHONE_Q),
            Line("0852 9911 2233", "Apakah Anda tinggal di Kota Makassar, Sulawesi Selatan?"),
            Line("iye", VILLAGE_Q),
            Line("gusung", "Maksud Anda Gusung, Ujung Tanah, Kota Makassar"),
            Line("iye", FORM_INCOME_Q),  # "kuli" was said: a day labourer
            Line("kadang 80rb sehari kadang 150 ji", "Rata-rata sebulan sekitar Rp2.990.000?"),
            Line("iye", PROGRAMS_Q),
            q("brp iuranx kalo jkk jkm ji?", PROGRAMS_Q, "JKM: Rp6.800"),
            Line("jkk jkm mo", PERIOD_Q),
            Line("perbulan ji", SPONSORED_Q),
            Line("tdk", SUMMARY),
            Line("kirim mi", SENT),
        ),
    )
    assert chat.turns == 17
    finish(
        chat,
        branches,
        name="Muhammad Ilham",
        nik="7371081203880002",
        birth_date=date(1988, 3, 12),
        phone="+6285299112233",
        regency_code="73.71",
        district_code="73.71.08",
        village_code="73.71.08.1004",
        occupation="day_labourer",
        monthly_income=2_990_000,
        branch_id="denpasar",  # no office serves Makassar in the sample list: flagged
        branch_flagged=True,
    )


# -------------------------------------- (3b) a village clerk, formal, registering herself


def test_a_village_clerk_registers_herself_formally(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="kaur20")
    run(
        chat,
        (
            Line(
                "Dengan hormat, saya ingin mendaftarkan diri sebagai peserta BPJS Ketenagakerjaan.",
                CONSENT_Q,
            ),
            Line("Baik, saya bersedia.", NAME_Q),
            Line("Nama lengkap saya Ni Luh Putu Ayu Lestari", NIK_Q),
            q(
                "Mohon maaf, apakah NIK saya aman apabila saya kirimkan di sini?",
                NIK_Q,
                "NIK Anda disimpan terenkripsi",
            ),
            Line("NIK saya 5103064507900002", "lahir 5 Juli 1990, perempuan. Benar?"),
            Line("Benar, data tersebut sesuai.", PHONE_Q),
            Line("Nomor telepon saya 0813-3700-1122", REGENCY_Q),
            Line("Ya, saya berdomisili di Kabupaten Badung.", VILLAGE_Q),
            Line("Desa Dalung, Kecamatan Kuta Utara", WORK_Q),
            Line("Pekerjaan saya adalah penjahit.", FORM_INCOME_Q),
            Line("Penghasilan saya rata-rata Rp2.500.000 per bulan.", PROGRAMS_Q),
            Line("Saya memilih JKK, JKM, dan JHT.", PERIOD_Q),
            Line("Setiap tiga bulan.", SPONSORED_Q),
            Line("Tidak, saya akan membayar sendiri.", SUMMARY),
            Line("Data tersebut sudah benar. Mohon dikirim.", SENT),
        ),
    )
    assert chat.turns == 15
    finish(
        chat,
        branches,
        name="Ni Luh Putu Ayu Lestari",
        nik="5103064507900002",
        birth_date=date(1990, 7, 5),
        gender="P",
        phone="+6281337001122",
        occupation="penjahit",
        monthly_income=2_500_000,
        programs=["jkk", "jkm", "jht"],
        payment_period=3,
    )


# ---------------- (3c) a driver who stops for an order, "lanjut" the next day, two corrections


@pytest.mark.parametrize("pause", ["ntar lg ya min, ada orderan", "ntar ya min, ada orderan"])
def test_a_driver_pauses_resumes_and_corrects_two_answers(
    branches: Services, settings: Settings, pause: str
) -> None:
    chat = TypedChat(branches, chat_id="orderan20")
    run(
        chat,
        (
            Line("min mau daftar bpjs tk dong", CONSENT_Q),
            Line("ok stuju", NAME_Q),
            Line("Rizky Pratama", NIK_Q),
            Line("5103061508950001", NIK_READ),
            Line("yoi", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("iya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("ojol", FORM_INCOME_Q),
            Line(pause, "ketik lanjut"),
        ),
    )
    with next_process(chat, branches, settings) as (again, restarted):
        said = run(
            again,
            (
                Line("pagi min, lanjut", FORM_INCOME_Q),
                Line("2,5jt an", PROGRAMS_Q),
                Line("jkk jkm aja", PERIOD_Q),
                Line("bulanan", SPONSORED_Q),
                Line("gak", SUMMARY),
                Line("eh no hp nya salah, harusnya 081298765432", SUMMARY),
                Line("sama programnya tambah jht deh", SUMMARY),
                Line("kirim", SENT),
            ),
        )
        assert "Nomor HP: 081298765432" in said[-3] and "Program: JKK + JKM + JHT" in said[-2]
        assert again.turns == 18
        finish(
            again,
            restarted,
            name="Rizky Pratama",
            phone="+6281298765432",
            monthly_income=2_500_000,
            programs=["jkk", "jkm", "jht"],
        )
