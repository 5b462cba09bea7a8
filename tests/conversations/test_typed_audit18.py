"""Typed-only conversations of audit 17's two leftovers, each fixed by its cause, asserting the
turns, that nothing was misread (tests/conversations/driver.py) and the lead stored, on SQLite
and on PostgreSQL (the `services` fixture runs both).

- "pak sy nelayan … mau daptar bpjs tk gmn caranya" as the first message is answered with how
  to register and "Daftar sekarang", then "Atau maksud Anda" below it; "iya stuju" got "Which
  one?". A yes takes the answer's own offer before the entries beside it (commands.toml
  [offers] aside), also when they are the last buttons shown (`routing.offered_ids`).
- "gak mau" at the NIK's "Benar?" asked the NIK again, "ga usah" at "Do you live in Badung?"
  asked the regency: read as a no. A refusal to give data at a yes-or-no question of it
  (a confirmation, or ``Field.confirms``) is answered as at any step since audit 17, and the
  question stands; a bare "ga", "bukan", "salah" stays a no.
"""

from __future__ import annotations

import pytest

from bot.services import Services
from tests.conversations.driver import Line, TypedChat, run
from tests.conversations.people import (
    CONSENT_Q,
    FISHER_AFTER_CONSENT,
    FORM_END,
    NAME_Q,
    NIK_OK,
    NIK_Q,
    NIK_WIFE,
    PHONE_Q,
    PROGRAMS_Q,
    REFUSED,
    REGENCY_Q,
    SITI,
    UP_TO_NIK,
    VILLAGE_Q,
    WORK_Q,
    finish,
)

INCOME_Q = "penghasilan Anda sebulan"
HOW = "Lewat bot ini"


# ---------------------------------------------------------------- (a) "mau daptar, gmn caranya"


def test_a_fisher_asks_how_to_register_then_says_yes(branches: Services) -> None:
    """The audit's words: the work told in the first message is not asked again."""
    chat = TypedChat(branches, chat_id="nelayan18")
    said = run(
        chat,
        (
            Line("pak sy nelayan di badung mau daptar bpjs tk gmn caranya", HOW),
            Line("iya stuju", CONSENT_Q),
            *FISHER_AFTER_CONSENT,  # "nelayan" was said
        ),
    )
    assert "Yang mana?" not in said[1], said[1]
    assert chat.turns == 14
    finish(chat, branches, **{**SITI, "occupation": "farmer_fisher"})


@pytest.mark.parametrize(
    ("first", "yes"),
    [
        ("mau dftr bpjs gimana caranya", "iya"),
        ("sy mau daftr bpjs tk gmn caranya ya", "ok"),
        # A clerk's wording: the answer, then a formal yes to its "Daftar sekarang".
        (
            "Bagaimana prosedur pendaftaran sebagai peserta BPJS Ketenagakerjaan?",
            "baik, saya bersedia mendaftar",
        ),
    ],
)
def test_yes_after_how_to_register_registers(branches: Services, first: str, yes: str) -> None:
    chat = TypedChat(branches, chat_id="daptar18")
    run(
        chat,
        (
            Line(first, HOW),
            Line(yes, CONSENT_Q),
            Line("setuju", NAME_Q),
            Line("Siti Aminah", NIK_Q),
            Line(NIK_WIFE, NIK_OK),
            Line("iya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("iya", VILLAGE_Q),
            Line("dalung", WORK_Q),
            Line("pedagang", INCOME_Q),
            Line("2jt", PROGRAMS_Q),
            *FORM_END,
        ),
    )
    assert chat.turns == 15
    finish(chat, branches, **SITI)


# ---------------------------------------------------------------- (b) a refusal at "Benar?"

AFTER_REGENCY = (
    Line("dalung", WORK_Q),
    Line("pedagang", INCOME_Q),
    Line("2jt", PROGRAMS_Q),
    *FORM_END,
)


@pytest.mark.parametrize("refusal", ["gak mau", "ga usah", "gak mau kasih"])
def test_a_refusal_at_the_niks_reading_is_told_why(branches: Services, refusal: str) -> None:
    chat = TypedChat(branches, chat_id="benar18")
    run(chat, UP_TO_NIK)
    before = chat.state()[1]["registration"]
    said = run(chat, (Line(refusal, NIK_OK, asks=False),))[0]
    assert said.startswith(REFUSED + "\n"), said
    assert chat.state()[1]["registration"] == before  # the reading still waits for its yes
    run(
        chat,
        (
            Line("iya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("iya", VILLAGE_Q),
            *AFTER_REGENCY,
        ),
    )
    assert chat.turns == 15
    finish(chat, branches, **SITI)


@pytest.mark.parametrize("refusal", ["ga usah", "gak mau", "gak mau kasih"])
def test_a_refusal_at_do_you_live_in_badung(branches: Services, refusal: str) -> None:
    chat = TypedChat(branches, chat_id="badung18")
    run(chat, (*UP_TO_NIK, Line("iya", PHONE_Q), Line("081234567890", REGENCY_Q)))
    before = chat.state()[1]["registration"]
    said = run(chat, (Line(refusal, REGENCY_Q, asks=False),))[0]
    assert said.startswith(REFUSED + "\n"), said
    assert chat.state()[1]["registration"] == before
    run(chat, (Line("iya", VILLAGE_Q), *AFTER_REGENCY))
    assert chat.turns == 15
    finish(chat, branches, **SITI)


@pytest.mark.parametrize("no", ["bukan", "salah", "ga"])
def test_a_plain_no_at_the_niks_reading_asks_it_again(branches: Services, no: str) -> None:
    chat = TypedChat(branches, chat_id="bukan18")
    said = run(
        chat,
        (
            *UP_TO_NIK,
            Line(no, NIK_Q),
            Line(NIK_WIFE, NIK_OK),
            Line("iya", PHONE_Q),
            Line("081234567890", REGENCY_Q),
            Line("ga", "kabupaten atau kota"),  # a plain no at the regency: typed
            Line("badung", VILLAGE_Q),
            *AFTER_REGENCY,
        ),
    )
    assert REFUSED not in said[4] and REFUSED not in said[8]
    assert chat.turns == 17
    finish(chat, branches, **SITI)


# ------------------------------------------- questions at the eligibility's income, asked first


def test_questions_at_the_income_asked_first_are_answered_and_it_is_asked_again(
    branches: Services,
) -> None:
    """A BPU naming no income is asked it first; a question there once failed the turn."""
    income = "Kira-kira berapa rata-rata penghasilan Anda sebulan?"
    chat = TypedChat(branches, chat_id="income18")
    said = run(
        chat,
        (
            Line("bang sy ojol umur 58 bs ikut ga? iuran brp", income),
            Line("kalo ga tentu gimana?", "Bila tidak tentu, ketik kira-kira penghasilan"),
            Line("kalo kecelakaan pas narik ditanggung?", "Ya. Jika Anda peserta aktif"),
            Line("2jt", "Iuran bulan ini, untuk penghasilan Rp2.000.000"),
        ),
    )
    assert all(income in s for s in said[1:3]), said
    assert not any("gangguan" in s for s in said), said
    assert chat.turns == 4
