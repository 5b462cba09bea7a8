"""Typed-only conversations of the seventeenth audit: audit 15's three leftovers, then seven
personas no earlier audit played. Each asserts its turns, that nothing was misread
(tests/conversations/driver.py) and the exact lead stored, on SQLite and on PostgreSQL (the
`services` fixture runs both).

The leftovers, each fixed by its cause:

- "tambah jht" or "sekalian jht juga" typed after the programs step, before the summary, was a
  miss at the payment period and the government-program question. A step whose answer's words
  name it (programs, the payment period: ``Field.names_itself``) now reads such a message typed
  at a later step that cannot read it, without a change word; the same answer again is said to
  stand. Typed before the programs step, it is kept for it (steps.toml ``later_choices``).
- A refusal ("gak mau", "ga usah", "gak mau kasih") at a step before the desa was a miss, or,
  at the name, read as a no to the consent just given: the chat left the form with "Sorry, I
  did not catch that". A refusal the step cannot read (``chatwords.refuses``) is told what the
  answer is needed for, that the answers so far stay saved, and how to stop or pause; the step
  is asked again and nothing is dropped. The parser of the step before is no longer run on the
  turn itself (`Form._restates`), so it cannot move the chat.
- "batal", then "daftar" later: asserted here that nothing of the cancelled form is kept.

Written blind, the personas found more, each fixed by its cause:

- "td blm selese", "yg kemaren blm selesai" and "lanjutin yg kmrn" the next day were answered
  by the FAQ (the JMO password, a JHT claim): they resume the form now (commands.toml).
- "dalung kuta utara" and "kedonganan kuta" at the desa, a desa then its kecamatan without a
  comma, asked "Do you mean Kuta, Kuta?": the desa in the kecamatan named is taken, and a desa
  of the regency in another kecamatan ("kedonganan kuta selatan") is asked about
  (domicile._desa_then_district).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.config import Settings
from bot.services import Services
from tests.conversations.driver import Line, TypedChat, q, run
from tests.conversations.people import (
    CONSENT_Q,
    FORM_END,
    KEDONGANAN,
    NAME_Q,
    NIK_OK,
    NIK_Q,
    NIK_WIFE,
    PERIOD_Q,
    PHONE_Q,
    PROGRAMS_Q,
    REFUSED,
    REGENCY_Q,
    SENT,
    SITI,
    SPONSORED_Q,
    TYPED_BUDGET,
    UP_TO_NIK,
    UP_TO_WORK,
    VILLAGE_Q,
    WORK_Q,
    consented_worker,
    finish,
    finish_for_worker,
    next_process,
)

INCOME_Q = "penghasilan Anda sebulan"
CHANGED = "Baik, jawaban sebelumnya saya ubah."
STANDS = "Ya, itu jawaban yang saya pakai di atas."

UP_TO_PROGRAMS = (*UP_TO_WORK, Line("pedagang", INCOME_Q), Line("2jt", PROGRAMS_Q))
WITH_JHT = {**SITI, "programs": ["jkk", "jkm", "jht"]}


# ---------------------------------------------------------------- (a) "tambah jht"


@pytest.mark.parametrize("adds", ["tambah jht", "sekalian jht juga", "jkk jkm jht aja"])
def test_jht_added_at_the_payment_period(branches: Services, adds: str) -> None:
    lines = (
        *UP_TO_PROGRAMS,
        Line("jkk jkm", PERIOD_Q),
        Line(adds, PERIOD_Q),
        Line("bulanan", SPONSORED_Q),
        Line("ga", "Program: JKK + JKM + JHT\n"),
        Line("kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="jht17")
    said = run(chat, lines)
    assert said[11].startswith(CHANGED), said[11]
    assert chat.turns == 15
    finish(chat, branches, **WITH_JHT)


def test_jht_added_twice_stands_and_without_it_changes_back(branches: Services) -> None:
    """ "tambah jht" at the period, "sekalian jht juga" at the government program: the second is
    the answer already given, said so (no miss); "ga usah jht deh" there takes JHT off."""
    lines = (
        *UP_TO_PROGRAMS,
        Line("jkk jkm", PERIOD_Q),
        Line("tambah jht", PERIOD_Q),
        Line("bulanan", SPONSORED_Q),
        Line("sekalian jht juga", SPONSORED_Q),
        Line("ga usah jht deh", SPONSORED_Q),
        Line("ga", "Program: JKK + JKM\n"),
        Line("kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="jht17b")
    said = run(chat, lines)
    assert said[13].startswith(STANDS), said[13]
    assert said[14].startswith(CHANGED), said[14]
    assert chat.turns == 17
    finish(chat, branches, **SITI)


@pytest.mark.parametrize("at", [8, 9])  # at the work, at the income
def test_jht_added_before_the_programs_step_skips_it(branches: Services, at: int) -> None:
    lines = [
        *UP_TO_WORK,
        Line("pedagang", INCOME_Q),
        Line("2jt", PERIOD_Q),  # the programs were told: not asked
        Line("bulanan", SPONSORED_Q),
        Line("ga", "Program: JKK + JKM + JHT\n"),
        Line("kirim", SENT),
    ]
    asked = WORK_Q if at == 8 else INCOME_Q
    lines.insert(at, Line("tambah jht", asked, asks=False, answer="Saya catat: JKK + JKM + JHT."))
    chat = TypedChat(branches, chat_id="jht17c")
    run(chat, tuple(lines))
    assert chat.turns == 14
    finish(chat, branches, **WITH_JHT)


# ---------------------------------------------------------------- (b) a refusal before the desa


def _kept(chat: TypedChat) -> set[str]:
    return {key for key in chat.state()[1]["registration"] if not key.startswith("_")}


@pytest.mark.parametrize(
    ("at", "refusal", "asked"),
    [
        (2, "gak mau", NAME_Q),  # right after the consent: no no to it
        (3, "ga usah", NIK_Q),
        (5, "gak mau kasih", PHONE_Q),
        (8, "ga mau ah", WORK_Q),
        (9, "ga mau kasih tau", INCOME_Q),
    ],
)
def test_a_refusal_is_told_why_and_keeps_the_answers(
    branches: Services, at: int, refusal: str, asked: str
) -> None:
    lines = [*UP_TO_PROGRAMS, *FORM_END]
    chat = TypedChat(branches, chat_id="tolak17")
    run(chat, tuple(lines[:at]))
    before = chat.state()[1]["registration"]
    said = run(chat, (Line(refusal, asked, asks=False),))[0]
    assert said.startswith(REFUSED + "\n"), said
    assert chat.state()[1]["registration"] == before  # nothing dropped, nothing guessed
    run(chat, tuple(lines[at:]))
    assert chat.turns == 15
    finish(chat, branches, **SITI)


def test_a_refusal_at_the_regency_typed_then_the_desa(branches: Services) -> None:
    """No to "Do you live in Badung?", then "ga usah" at the regency: told, nothing stored of
    a place; the regency then typed is asked its desa."""
    chat = TypedChat(branches, chat_id="tolak17b")
    run(
        chat,
        (
            *UP_TO_NIK,
            Line("iya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("ga", "kabupaten atau kota"),
        ),
    )
    said = run(chat, (Line("ga usah", "kabupaten atau kota", asks=False),))[0]
    assert said.startswith(REFUSED), said
    assert not {"regency", "district", "village"} & _kept(chat)
    run(chat, (Line("badung", VILLAGE_Q), Line("dalung", WORK_Q), *UP_TO_PROGRAMS[-2:], *FORM_END))
    assert chat.turns == 16
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- (c) "batal", then "daftar"


def test_batal_then_daftar_keeps_nothing_of_the_cancelled_form(branches: Services) -> None:
    chat = TypedChat(branches, chat_id="batal17")
    run(chat, (*UP_TO_WORK, Line("pedagang", INCOME_Q), Line("3jt", PROGRAMS_Q)))
    run(chat, (Line("batal", "Dibatalkan"),))
    state, data = chat.state()
    assert state == "idle" and "registration" not in data, data
    run(chat, (Line("daftar", CONSENT_Q),))
    assert chat.state()[1]["registration"] == {}
    run(chat, (Line("setuju", NAME_Q),))
    assert _kept(chat) == {"consent_at", "consent_version"}
    run(
        chat,
        (
            Line("Siti Aminah", NIK_Q),
            Line(NIK_WIFE, NIK_OK),
            Line("iya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("iya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("pedagang", INCOME_Q),  # the 3jt of the cancelled form is not kept
            Line("2jt", PROGRAMS_Q),
            *FORM_END,
        ),
    )
    assert chat.turns == 10 + 1 + 14
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- personas

WIRAWAN = {
    "name": "I Ketut Wirawan",
    "nik": "5103011203880002",
    "birth_date": date(1988, 3, 12),
    "gender": "L",
    "phone": "+6281333445566",
    "district_code": "51.03.01",
    "village_code": KEDONGANAN,
    "occupation": "farmer_fisher",
}


def test_a_fisher_with_typos_and_run_on_sentences(branches: Services) -> None:
    lines = (
        Line("mau daftar bpjs naker pak sy nelayan melaut tiap hari", CONSENT_Q),
        Line("iy stju pak", NAME_Q),
        Line("i ketut wirawan", NIK_Q),
        Line("5103 0112 0388 0002", "lahir 12 Maret 1988, laki-laki. Benar?"),
        Line("y bner", PHONE_Q),
        Line("081333445566 itu no wa sy jg", REGENCY_Q),
        Line("ya bener badung", VILLAGE_Q),
        Line("kedonganan kuta", INCOME_Q),  # the work was told with the request
        Line("dpt 200 rb per minggu kdg kurang", "Rata-rata sebulan sekitar Rp867.000?"),
        Line("iy", PROGRAMS_Q),
        Line("jkk jkm aja yg murah", PERIOD_Q),
        Line("bulnan", SPONSORED_Q),
        Line("g", "Pekerjaan: Nelayan\n"),
        Line("udah bener kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="nelayan17")
    run(chat, lines)
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches, **WIRAWAN, monthly_income=867_000)


def test_an_officer_types_the_whole_worker_in_one_message(branches: Services) -> None:
    budi, worker = consented_worker(branches)
    lines = (
        Line("isi data pekerja", "nama lengkap pekerja sesuai KTP"),
        Line(
            "nama I Made Suarta nik 5103011508950003 hp 085712345678 desa kerobokan kaja "
            "kerja tukang ojek penghasilan 2 juta sebulan program jkk jkm bayar bulanan",
            "lahir 15 Agustus 1995, laki-laki",
        ),
        Line("ya benar", "Apakah pekerja tinggal di Kerobokan Kaja, Kuta Utara, Kab. Badung"),
        Line("ya", "pekerja rentan"),
        Line("tidak", "Nama: I Made Suarta"),
        Line("kirim", "JMS-"),
    )
    run(budi.chat, lines)
    assert budi.chat.turns == 1 + 1 + len(lines)
    finish_for_worker(branches, budi.chat, budi.id, worker=worker)


def test_a_person_answers_three_questions_with_questions(branches: Services) -> None:
    lines = (
        Line("mau daftar", CONSENT_Q),
        Line("setuju", NAME_Q),
        Line("Siti Aminah", NIK_Q),
        q("nik itu yg mana ya?", NIK_Q, "16 angka"),
        Line(NIK_WIFE, NIK_OK),
        Line("iya", PHONE_Q),
        q("no hp harus wa?", PHONE_Q, "tidak harus WhatsApp"),
        Line("081234567890", REGENCY_Q),
        Line("iya", VILLAGE_Q),
        Line("dalung", WORK_Q),
        q("kerjaan jualan online masuk apa?", WORK_Q, "pekerja mandiri (BPU)"),
        Line("jualan online", INCOME_Q),
        Line("2jt", PROGRAMS_Q),
        *FORM_END,
    )
    chat = TypedChat(branches, chat_id="tanya17")
    run(chat, lines)
    assert chat.turns == 17 <= TYPED_BUDGET
    finish(chat, branches, **SITI)


def test_the_nik_and_name_corrected_after_the_summary(branches: Services) -> None:
    lines = (
        Line("daftar", CONSENT_Q),
        Line("setuju", NAME_Q),
        Line("siti aminh", NIK_Q),
        Line("5103065704960003", "lahir 17 April 1996"),
        Line("iya", PHONE_Q),
        Line("081234567890", REGENCY_Q),
        Line("iya", VILLAGE_Q),
        Line("dalung", WORK_Q),
        Line("pedagang", INCOME_Q),
        Line("2jt", PROGRAMS_Q),
        *FORM_END[:3],
        Line("nik nya salah 5103065704970003", NIK_OK),
        Line("iya", "Tanggal lahir: 17 April 1997"),
        Line("namanya salah, Siti Aminah", "Nama: Siti Aminah\n"),
        Line("kirim", SENT),
    )
    chat = TypedChat(branches, chat_id="koreksi17")
    run(chat, lines)
    assert chat.turns == 17 <= TYPED_BUDGET
    finish(chat, branches, **SITI)


@pytest.mark.parametrize("back", ["td blm selese", "yg kemaren blm selesai", "lanjutin yg kmrn"])
def test_back_the_next_day_in_own_words(branches: Services, settings: Settings, back: str) -> None:
    chat = TypedChat(branches, chat_id="besok17")
    run(chat, (*UP_TO_WORK, Line("nanti dulu ya", "lanjut")))
    with next_process(chat, branches, settings) as (again, restarted):
        run(
            again,
            (
                Line(back, WORK_Q),
                Line("pedagang", INCOME_Q),
                Line("2jt", PROGRAMS_Q),
                *FORM_END,
            ),
        )
        assert again.turns == 16
        finish(again, restarted, **SITI)


@pytest.mark.parametrize(
    ("income", "asked", "monthly"),
    [
        ("200 rb per minggu", "Rata-rata sebulan sekitar Rp867.000?", 867_000),
        ("sehari 75an", "Rata-rata sebulan sekitar Rp1.950.000?", 1_950_000),
    ],
)
def test_amounts_per_week_and_per_day_are_confirmed(
    branches: Services, income: str, asked: str, monthly: int
) -> None:
    lines = (
        *UP_TO_WORK,
        Line("pedagang", INCOME_Q),
        Line(income, asked),
        Line("iya", PROGRAMS_Q),
        *FORM_END,
    )
    chat = TypedChat(branches, chat_id="jumlah17")
    run(chat, lines)
    assert chat.turns == 15
    finish(chat, branches, **SITI, monthly_income=monthly)


@pytest.mark.parametrize(
    ("typed", "then", "fields"),
    [
        ("dalung kuta utara", (), {}),
        ("desa dalung kuta utara", (), {}),
        ("kedonganan kuta", (), {"district_code": "51.03.01", "village_code": KEDONGANAN}),
        (
            "kedonganan kuta selatan",  # Kedonganan is in Kuta: asked, never taken
            (Line("iya", WORK_Q),),
            {"district_code": "51.03.01", "village_code": KEDONGANAN},
        ),
    ],
)
def test_a_desa_then_its_kecamatan_without_a_comma(
    branches: Services, typed: str, then: tuple[Line, ...], fields: dict[str, Any]
) -> None:
    asked = "Maksud Anda Kedonganan, Kuta, Kab. Badung, Bali?" if then else WORK_Q
    lines = (
        *UP_TO_WORK[:-1],
        Line(typed, asked),
        *then,
        Line("pedagang", INCOME_Q),
        Line("2jt", PROGRAMS_Q),
        *FORM_END,
    )
    chat = TypedChat(branches, chat_id="desa17")
    said = run(chat, lines)
    assert "Kuta, Kuta" not in said[7], said[7]
    assert chat.turns == 14 + len(then)
    finish(chat, branches, **{**SITI, **fields})
