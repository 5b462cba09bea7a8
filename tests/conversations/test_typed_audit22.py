"""Typed-only conversations of audit 22, asserting the replies, the turns, that nothing was
misread (tests/conversations/driver.py) and the lead stored, on SQLite and on PostgreSQL (the
`services` fixture runs both).

- "ntar lg ya min ada orderan" in the form, no comma, was read as the step's answer, where
  "ntar lg ya min, ada orderan" paused: a reason was set aside only as a clause of its own,
  after a comma; a pause's own clause may end in its reason now (commands.py `_pauses`), and a
  customer at the stall is a reason ("tunggu dulu ada pembeli", commands.toml errands).
- A question with a negation in it in the middle of the form gets its short answer and the
  step again, nothing stored from it. "kalo meninggal bukan karena kerja dapet apa?" got "Ya."
  alone: a short answer kept the first sentence of the entry's, a bare yes to its yes-or-no
  phrasings (forms.py `brief` keeps one sentence past it now). "sy blm pernah daftar, iuran
  brp?" got a non-member's cover: "never registered" read as the condition `notmember`
  (conditions.toml, which asking what joining costs now sets aside), and no phrasing of the
  rates said it (iuran.bpu_rates has one now).
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conversations.driver import TypedChat, q, run, unanswered
from tests.conversations.people import (
    FORM_INCOME_Q,
    PHONE_Q,
    WAITS,
    driver_form,
    finish,
    paused,
    typed_at,
)

LATER = "ketik lanjut"  # a pause: the form kept for "lanjut"
DEATH_OFF_WORK = (
    "ahli waris mendapat JKM (Jaminan Kematian) sebesar Rp42 juta: santunan Rp20 juta, santunan "
    "berkala Rp12 juta, dan biaya pemakaman Rp10 juta."
)

# ------------------------------------------------- (1) a pause, then its reason, no comma


@pytest.mark.parametrize(
    ("pause", "said"),
    [
        ("ntar lg ya min ada orderan", LATER),
        ("ntar lg ya min, ada orderan", LATER),
        ("bentar ya lg nyetir", WAITS),
        ("tunggu dulu ada pembeli", WAITS),
    ],
)
def test_a_pause_and_its_reason_without_a_comma_keep_the_income(
    branches: Services, pause: str, said: str
) -> None:
    chat = TypedChat(branches, chat_id="jeda22")
    run(chat, typed_at(driver_form(), FORM_INCOME_Q, *paused(FORM_INCOME_Q, pause, said)))
    assert chat.turns == 16
    finish(chat, branches, name="Rizky Pratama")  # an ojol, 2 juta: the default lead


@pytest.mark.parametrize(
    ("name", "work", "stored"),
    [("Ntar Suryani", "jual gorengan", "trader"), ("Tunggul Ada", "sopir", "transport")],
)
def test_a_name_or_work_near_a_pause_is_still_an_answer(
    branches: Services, name: str, work: str, stored: str
) -> None:
    chat = TypedChat(branches, chat_id="nama22")
    run(chat, driver_form(name, work))
    assert chat.turns == 14
    finish(chat, branches, name=name, occupation=stored)


# ------------------------------------------- (2) a question with a negation, mid-form


def test_questions_with_a_negation_are_answered_and_the_step_asked_again(
    branches: Services,
) -> None:
    chat = TypedChat(branches, chat_id="tanya22")
    rates = q("sy blm pernah daftar, iuran brp?", PHONE_Q, "JKM: Rp6.800, sama untuk semua")
    death = q("kalo meninggal bukan karena kerja dapet apa?", FORM_INCOME_Q, DEATH_OFF_WORK)
    said = run(chat, typed_at(typed_at(driver_form(), PHONE_Q, rates), FORM_INCOME_Q, death))
    assert "Tidak. BPJS Ketenagakerjaan hanya menanggung" not in said[5]  # not a non-member's cover
    assert chat.turns == 16 and unanswered(branches) == 0
    finish(chat, branches, name="Rizky Pratama")
