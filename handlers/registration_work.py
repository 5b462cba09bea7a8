"""Registration's questions about work and payment: occupation, income, programs, period.

The last one asks about interest in a village or regional government program, which pays
JKK and JKM for some vulnerable workers.
"""

from __future__ import annotations

from bot.conversation import Choice, Kind, Reply
from bot.domain.money import check_monthly_income, parse_money
from bot.errors import ValidationError
from bot.routing import Router, Turn, action_argument
from handlers.registration import (
    BASE_PROGRAMS,
    FLOW,
    advance,
    answers,
    error_text,
    is_question,
    prompt,
    yes_no,
)
from handlers.registration_text import OCCUPATIONS, PERIODS

router = Router()


@prompt("occupation")
def ask_occupation(turn: Turn) -> list[Reply]:
    text = turn._("What is your main work? Choose one, or choose Other and type it.")
    choices = tuple(Choice(f"occ:{key}", turn._(label)) for key, label in OCCUPATIONS.items())
    return [Reply(text, choices)]


@router.step(f"{FLOW}.occupation", prompt=ask_occupation)
def on_occupation(turn: Turn) -> list[Reply] | None:
    key = action_argument(turn.choice) if (turn.choice or "").startswith("occ:") else None
    if key not in OCCUPATIONS:
        return None
    reg = answers(turn)
    if key == "other":
        reg["occupation_typing"] = True
    else:
        reg["occupation"] = key
    return advance(turn)


@prompt("occupation_other")
def ask_occupation_other(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type your work in a few words. Example: tukang cukur"))]


@router.step(f"{FLOW}.occupation_other", prompt=ask_occupation_other)
def on_occupation_other(turn: Turn) -> list[Reply] | None:
    text = " ".join(turn.text.split())
    if turn.incoming.kind is not Kind.TEXT or is_question(text):
        return None
    if not 2 <= len(text) <= 80 or not any(ch.isalpha() for ch in text):
        again = Reply(turn._("Please describe your work in 2 to 80 characters."))
        return [again, *ask_occupation_other(turn)]
    reg = answers(turn)
    reg["occupation"], reg["occupation_typing"] = text, False
    return advance(turn)


@prompt("income")
def ask_income(turn: Turn) -> list[Reply]:
    return [Reply(turn._("About how much do you earn in a month? Example: 2 juta"))]


@router.step(f"{FLOW}.income", prompt=ask_income)
def on_income(turn: Turn) -> list[Reply] | None:
    if turn.incoming.kind is not Kind.TEXT or is_question(turn.text):
        return None
    try:
        answers(turn)["income"] = str(check_monthly_income(parse_money(turn.text)))
    except ValidationError as error:
        return [Reply(error_text(turn, error)), *ask_income(turn)]
    return advance(turn)


@prompt("programs")
def ask_programs(turn: Turn) -> list[Reply]:
    text = turn._(
        "Which programs? JKK (Jaminan Kecelakaan Kerja) and JKM (Jaminan Kematian) are "
        "the minimum. JHT (Jaminan Hari Tua) is an optional savings for old age."
    )
    choices = (
        Choice("prog:base", turn._("JKK + JKM")),
        Choice("prog:jht", turn._("JKK + JKM + JHT")),
    )
    return [Reply(text, choices)]


@router.step(f"{FLOW}.programs", prompt=ask_programs)
def on_programs(turn: Turn) -> list[Reply] | None:
    if turn.choice not in ("prog:base", "prog:jht"):
        return None
    answers(turn)["programs"] = BASE_PROGRAMS + (["jht"] if turn.choice == "prog:jht" else [])
    return advance(turn)


@prompt("period")
def ask_period(turn: Turn) -> list[Reply]:
    text = turn._("How often do you want to pay the contribution?")
    choices = tuple(Choice(f"period:{m}", turn._(label)) for m, label in PERIODS.items())
    return [Reply(text, choices)]


@router.step(f"{FLOW}.period", prompt=ask_period)
def on_period(turn: Turn) -> list[Reply] | None:
    months = action_argument(turn.choice) if (turn.choice or "").startswith("period:") else ""
    if not months.isdigit() or int(months) not in PERIODS:
        return None
    answers(turn)["period"] = int(months)
    return advance(turn)


@prompt("sponsored")
def ask_sponsored(turn: Turn) -> list[Reply]:
    text = turn._(
        "Are you a vulnerable worker (pekerja rentan), or would you like to be registered through "
        "a village or regional government program? Some villages and regions pay JKK and JKM for "
        "vulnerable workers such as farmers, fishers and day labourers."
    )
    choices = (
        Choice("sponsored_yes", turn._("Yes, I am interested")),
        Choice("sponsored_no", turn._("No, I will pay myself")),
    )
    return [Reply(text, choices)]


@router.step(f"{FLOW}.sponsored", prompt=ask_sponsored)
def on_sponsored(turn: Turn) -> list[Reply] | None:
    answer = {"sponsored_yes": True, "sponsored_no": False}.get(turn.choice or "", yes_no(turn))
    if answer is None:
        return None
    answers(turn)["sponsored"] = answer
    return advance(turn)
