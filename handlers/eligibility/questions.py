"""The eligibility check's questions and which of them a person must answer, in order.

Which questions are needed depends on the answers so far (a migrant worker is not asked
about citizenship; income only when some program is open), so the order is computed, not
fixed. Every question carries a Back button that `kembali` follows too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.conversation import Choice, Reply
from bot.domain.eligibility import Access, Applicant, Citizenship, WorkKind, check
from bot.domain.facts import RiskClass
from bot.routing import Turn
from handlers.eligibility.answer import risk_label
from handlers.eligibility.texts import WORK_CHOICES

FLOW = "eligibility"
STEPS = ("work", "age", "citizenship", "months", "participant", "income", "risk")
BACK = "elig_step_back"  # the Back button; a typed number on a number question is no Back

#: The answers each question sets; the first one tells whether it was answered.
KEYS = {
    "work": ("work", "occupation", "occupation_label", "sector"),
    "age": ("age", "birth_date"),
    "citizenship": ("citizenship",),
    "months": ("months_in_indonesia",),
    "participant": ("already_participant",),
    "income": ("monthly_income",),
    "risk": ("risk_class",),
}


def answers(turn: Turn) -> dict[str, Any]:
    """The answers so far, `turn.data["eligibility"]`."""
    data: dict[str, Any] = turn.data.setdefault(FLOW, {})
    return data


def applicant(a: dict[str, Any]) -> Applicant:
    return Applicant(
        work=WorkKind(a["work"]),
        birth_date=date.fromisoformat(a["birth_date"]) if a.get("birth_date") else None,
        age=a.get("age"),
        citizenship=Citizenship(a.get("citizenship", "wni")),
        months_working_in_indonesia=a.get("months_in_indonesia"),
        already_participant=bool(a.get("already_participant")),
    )


def needed(a: dict[str, Any], today: date) -> list[str]:
    """The questions this person must answer, in order; depends on the answers so far."""
    steps = ["work", "age"]
    work = a.get("work")
    if work != WorkKind.MIGRANT.value:
        steps.append("citizenship")
    if a.get("citizenship") == "wna":
        steps.append("months")
    steps.append("participant")
    known = all(KEYS[s][0] in a for s in steps[1:])
    if known and work in (WorkKind.SELF_EMPLOYED.value, WorkKind.WAGE_EARNER.value):
        result = check(applicant(a), today)
        if any(r.access in (Access.YES, Access.OPTIONAL) for r in result.programs):
            steps.append("income")
            if work == WorkKind.WAGE_EARNER.value:
                steps.append("risk")
    return steps


def missing(a: dict[str, Any], today: date) -> str | None:
    return next((s for s in needed(a, today) if KEYS[s][0] not in a), None)


def back_choice(turn: Turn, step: str) -> Choice:
    """Point `kembali` at the question before `step` (or the menu); give the Back button."""
    steps = needed(answers(turn), turn.now.date())
    index = steps.index(step) if step in steps else 0
    turn.back_to(f"elig_back:{steps[index - 1]}" if index > 0 else "menu")
    return Choice(BACK, turn._("Back"))


def _question(turn: Turn, step: str, text: str, choices: list[Choice] | None = None) -> list[Reply]:
    return [Reply(text, (*(choices or []), back_choice(turn, step)))]


def ask_work(turn: Turn) -> list[Reply]:
    choices = [Choice(f"elig_work:{key}", turn._(label)) for key, label in WORK_CHOICES.items()]
    text = turn._("What is your work? Choose, or type it. Example: petani")
    return _question(turn, "work", text, choices)


def ask_age(turn: Turn) -> list[Reply]:
    return _question(
        turn,
        "age",
        turn._("How old are you? Type your age or birth date. Example: 35 or 17-08-1990"),
    )


def ask_citizenship(turn: Turn) -> list[Reply]:
    choices = [
        Choice("elig_cit:wni", turn._("Indonesian citizen (WNI)")),
        Choice("elig_cit:wna", turn._("Foreigner (WNA)")),
    ]
    return _question(
        turn, "citizenship", turn._("Are you an Indonesian citizen? Example: WNI"), choices
    )


def ask_months(turn: Turn) -> list[Reply]:
    text = turn._("How many months have you worked in Indonesia? Type a number. Example: 8")
    return _question(turn, "months", text)


def ask_participant(turn: Turn) -> list[Reply]:
    choices = [
        Choice("elig_part:no", turn._("Not yet")),
        Choice("elig_part:yes", turn._("Yes, already registered")),
    ]
    text = turn._("Are you already a BPJS Ketenagakerjaan participant? Example: belum")
    return _question(turn, "participant", text, choices)


def ask_income(turn: Turn) -> list[Reply]:
    if answers(turn).get("work") == WorkKind.WAGE_EARNER.value:
        text = turn._(
            "What is your monthly wage (basic wage plus fixed allowances)? Example: 4.500.000"
        )
    else:
        text = turn._(
            "About how much do you earn in a month, on average? Example: 2 juta or 1,5 jt"
        )
    return _question(turn, "income", text)


def ask_risk(turn: Turn) -> list[Reply]:
    choices = [Choice(f"elig_risk:{r.value}", risk_label(turn, r)) for r in RiskClass]
    choices.append(Choice("elig_risk:unknown", turn._("I don't know")))
    text = turn._(
        "Your employer pays JKK by the risk level of your workplace: from 0,24% (very low) to "
        "1,74% (very high) of the wage. Your HR staff know it. Which one is yours? Example: sedang"
    )
    return _question(turn, "risk", text, choices)


PROMPTS = {
    "work": ask_work,
    "age": ask_age,
    "citizenship": ask_citizenship,
    "months": ask_months,
    "participant": ask_participant,
    "income": ask_income,
    "risk": ask_risk,
}
