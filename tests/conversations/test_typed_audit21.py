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
from tests.conversations.driver import TypedChat, run
from tests.conversations.people import NAME_Q, WORK_Q, driver_form, finish, paused, typed_at

# ------------------------------------------- (1) a pause with an address word in its middle


@pytest.mark.parametrize("pause", ["bentar min ada orderan", "tunggu bang lagi narik"])
def test_a_pause_at_the_name_is_no_name(branches: Services, pause: str) -> None:
    chat = TypedChat(branches, chat_id="nama21")
    run(chat, typed_at(driver_form(), NAME_Q, *paused(NAME_Q, pause)))
    finish(chat, branches, name="Rizky Pratama")  # an ojol, 2 juta: the default lead


@pytest.mark.parametrize("pause", ["bentar min ada orderan", "bentar kak ambil ktp dulu"])
def test_a_pause_at_the_work_is_no_work(branches: Services, pause: str) -> None:
    chat = TypedChat(branches, chat_id="kerja21")
    run(chat, typed_at(driver_form(), WORK_Q, *paused(WORK_Q, pause)))
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
