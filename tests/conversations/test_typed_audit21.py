"""Typed-only conversations of audit 21: leftovers of audit 20, each fixed by its cause, on
SQLite and on PostgreSQL (the `services` fixture runs both).

- "bentar min ada orderan" in the form was read as the step's answer, where "ntar lg ya min,
  ada orderan" paused: the words whom a message addresses ("min", "kak", "bang") were dropped
  only at its ends (commands.toml [openers], [closers]); they are dropped wherever they stand
  now (commands.toml [address]).
- "kuli angkut ikan bisa ikut bpjs tk?" got the farmers' and fishers' answer: its "ikan" is in
  many questions on fish farmers, and no phrasing of who may join on his own named a porter
  (peserta.bpu_who has "kuli angkut" phrasings now).
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conftest import texts
from tests.conversations.driver import Line, TypedChat, run
from tests.conversations.people import (
    CONSENT_Q,
    FORM_END,
    FORM_INCOME_Q,
    NAME_Q,
    NIK_Q,
    PHONE_Q,
    REGENCY_Q,
    VILLAGE_Q,
    WORK_Q,
    finish,
)

NIK_OK = "lahir 15 Agustus 1995, laki-laki. Benar?"
WAITS = "Baik, saya tunggu."  # then the step asked again

# ------------------------------------------- (1) a pause with an address word in its middle


@pytest.mark.parametrize("pause", ["bentar min ada orderan", "tunggu bang lagi narik"])
def test_a_pause_at_the_name_is_no_name(branches: Services, pause: str) -> None:
    chat = TypedChat(branches, chat_id="nama21")
    run(
        chat,
        (
            Line("min mau daftar", CONSENT_Q),
            Line("ok", NAME_Q),
            Line(pause, WAITS),
            Line("lanjut", NAME_Q),
            Line("Rizky Pratama", NIK_Q),
            Line("5103061508950001", NIK_OK),
            Line("ya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("ya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("ojol", FORM_INCOME_Q),
            Line("2 juta", "Program apa"),
            *FORM_END,
        ),
    )
    finish(chat, branches, name="Rizky Pratama")  # an ojol, 2 juta: the default lead


@pytest.mark.parametrize("pause", ["bentar min ada orderan", "bentar kak ambil ktp dulu"])
def test_a_pause_at_the_work_is_no_work(branches: Services, pause: str) -> None:
    chat = TypedChat(branches, chat_id="kerja21")
    run(
        chat,
        (
            Line("min mau daftar", CONSENT_Q),
            Line("ok", NAME_Q),
            Line("Rizky Pratama", NIK_Q),
            Line("5103061508950001", NIK_OK),
            Line("ya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("ya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line(pause, WAITS),
            Line("lanjut", WORK_Q),
            Line("ojol", FORM_INCOME_Q),
            Line("2 juta", "Program apa"),
            *FORM_END,
        ),
    )
    finish(chat, branches, name="Rizky Pratama")  # an ojol, 2 juta: the default lead


# ---------------------------------------------- (2) a porter at a fish market may join himself

BPU_WHO = "BPU (Bukan Penerima Upah) adalah orang yang mencari penghasilan sendiri"
FARMER_FISHER = "Bisa. Petani, nelayan, peternak, dan buruh tani termasuk pekerja mandiri (BPU)."


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("kuli angkut ikan bisa ikut bpjs tk?", BPU_WHO),
        ("nelayan bisa ikut?", FARMER_FISHER),
    ],
)
def test_who_may_join_is_answered_for_the_work_named(
    branches: Services, question: str, first: str
) -> None:
    said = texts(TypedChat(branches, chat_id="kuli21").type(question))
    assert said.startswith(first), said
