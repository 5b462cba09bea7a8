"""The eligibility check's answers: one step per question, reading a button or typed words.

A step returns None when the text is no answer but a question of its own, so the FAQ answers
it and the question is asked again; a wrong answer says what was wrong and keeps the state.
"""

from __future__ import annotations

from decimal import Decimal

from bot.conversation import Kind, Reply
from bot.domain.age import parse_age
from bot.domain.eligibility import WorkKind
from bot.domain.facts import PU_JKK_RATE, RiskClass
from bot.domain.money import check_monthly_income, parse_money
from bot.domain.occupations import find_occupation
from bot.errors import ValidationError
from bot.routing import Router, Turn, action_argument, simplify
from handlers.eligibility.flow import advance, ask_again
from handlers.eligibility.parse import (
    OCCUPATIONS,
    birth_date,
    citizenship,
    looks_like_question,
    months,
    yes_no,
)
from handlers.eligibility.questions import (
    BACK,
    FLOW,
    answers,
    ask_age,
    ask_citizenship,
    ask_income,
    ask_months,
    ask_participant,
    ask_risk,
    ask_work,
    back_choice,
)
from handlers.eligibility.texts import AGE_ERRORS, MONEY_ERRORS, WAGE_UNKNOWN, WORK_CHOICES
from handlers.menu import main_menu

router = Router()

MIN_AGE = 10  # below this a typed age is a slip, not a worker


def _pressed(turn: Turn, prefix: str) -> str | None:
    """The argument of a pressed or typed choice of this question (`elig_cit:wni` → "wni")."""
    if turn.choice and turn.choice.startswith(prefix + ":"):
        return action_argument(turn.choice)
    return None


def _went_back(turn: Turn, numeric: bool = False) -> bool:
    """The Back button: pressed, or its number typed (not on a question that wants a number)."""
    if turn.choice != BACK:
        return False
    return turn.incoming.kind is Kind.CHOICE or not (numeric and turn.text.isdigit())


def _retry(turn: Turn, text: str) -> list[Reply]:
    """Say what was wrong, keep the Back button and the state."""
    step = turn.state.partition(".")[2]
    return [Reply(text, (back_choice(turn, step),))]


def _not_an_answer(turn: Turn) -> bool:
    return looks_like_question(turn.text)


def _question_first(turn: Turn) -> bool:
    """A typed question of several words on a button question: let the FAQ answer it."""
    return turn.incoming.kind is Kind.TEXT and len(turn.text.split()) > 2 and _not_an_answer(turn)


def _back(turn: Turn) -> list[Reply]:
    target = turn.data.get("_back", "menu")
    return (
        ask_again(turn, action_argument(target))
        if target.startswith("elig_back:")
        else main_menu(turn)
    )


@router.step(f"{FLOW}.work", prompt=ask_work)
def answer_work(turn: Turn) -> list[Reply] | None:
    if _went_back(turn):
        return _back(turn)
    a = answers(turn)
    if key := _pressed(turn, "elig_work"):
        if key not in OCCUPATIONS:
            return ask_work(turn)
        label = turn._(WORK_CHOICES[key])
    elif found := find_occupation(turn.text):
        key, label = found[0].key, turn.text[:60]
    elif _not_an_answer(turn):
        return None
    else:
        return _retry(
            turn,
            turn._(
                "I don't know that kind of work yet. Choose a button, or type a word like: ojol, "
                "pedagang, petani, nelayan, karyawan."
            ),
        )
    occupation = OCCUPATIONS[key]
    a.update(
        work=occupation.work.value,
        occupation=key,
        occupation_label=label,
        sector=occupation.sector.value,
    )
    if occupation.work is WorkKind.MIGRANT:
        a["citizenship"] = "wni"
    return advance(turn)


@router.step(f"{FLOW}.age", prompt=ask_age)
def answer_age(turn: Turn) -> list[Reply] | None:
    if _went_back(turn, numeric=True):
        return _back(turn)
    today = turn.now.date()
    try:
        age = parse_age(turn.text, today)
    except ValidationError as error:
        if error.code == "age.format" and _not_an_answer(turn):
            return None
        return _retry(
            turn,
            turn._(AGE_ERRORS.get(error.code, AGE_ERRORS["age.format"])).format(age=error.value),
        )
    if age < MIN_AGE:
        return _retry(
            turn,
            turn._("{age} years seems too young. Type your age in numbers. Example: 35").format(
                age=age
            ),
        )
    a = answers(turn)
    a["age"] = age
    born = birth_date(turn.text)
    if born:
        a["birth_date"] = born.isoformat()
    else:
        a.pop("birth_date", None)
    return advance(turn)


@router.step(f"{FLOW}.citizenship", prompt=ask_citizenship)
def answer_citizenship(turn: Turn) -> list[Reply] | None:
    if _went_back(turn):
        return _back(turn)
    if _question_first(turn):
        return None
    value = _pressed(turn, "elig_cit") or citizenship(turn.text)
    if value is None:
        if _not_an_answer(turn):
            return None
        return _retry(
            turn, turn._("Please answer WNI (Indonesian citizen) or WNA (foreigner). Example: WNI")
        )
    a = answers(turn)
    a["citizenship"] = value
    if value == "wni":
        a.pop("months_in_indonesia", None)
    return advance(turn)


@router.step(f"{FLOW}.months", prompt=ask_months)
def answer_months(turn: Turn) -> list[Reply] | None:
    if _went_back(turn, numeric=True):
        return _back(turn)
    value = months(turn.text)
    if value is None or value > 1200:
        if value is None and _not_an_answer(turn):
            return None
        return _retry(turn, turn._("Please type the number of months. Example: 8"))
    answers(turn)["months_in_indonesia"] = value
    return advance(turn)


@router.step(f"{FLOW}.participant", prompt=ask_participant)
def answer_participant(turn: Turn) -> list[Reply] | None:
    if _went_back(turn):
        return _back(turn)
    if _question_first(turn):
        return None
    pressed = _pressed(turn, "elig_part")
    value = pressed == "yes" if pressed else yes_no(turn.text)
    if value is None:
        if _not_an_answer(turn):
            return None
        return _retry(
            turn,
            turn._("Please answer sudah (already registered) or belum (not yet). Example: belum"),
        )
    answers(turn)["already_participant"] = value
    return advance(turn)


@router.step(f"{FLOW}.income", prompt=ask_income)
def answer_income(turn: Turn) -> list[Reply] | None:
    if _went_back(turn, numeric=True):
        return _back(turn)
    try:
        amount = check_monthly_income(parse_money(turn.text))
    except ValidationError as error:
        if error.code == "money.format" and _not_an_answer(turn):
            return None
        message = MONEY_ERRORS.get(error.code, MONEY_ERRORS["money.format"])
        if (
            error.code == "money.unknown"
            and answers(turn).get("work") == WorkKind.WAGE_EARNER.value
        ):
            message = WAGE_UNKNOWN
        value = error.value if isinstance(error.value, Decimal) else Decimal(0)
        return _retry(turn, turn._(message).format(amount=turn.t.rupiah(value)))
    answers(turn)["monthly_income"] = str(amount)
    return advance(turn)


_RISK_WORDS = {
    "sangat rendah": "very_low",
    "rendah": "low",
    "sedang": "medium",
    "menengah": "medium",
    "tinggi": "high",
    "sangat tinggi": "very_high",
    "very low": "very_low",
    "low": "low",
    "medium": "medium",
    "high": "high",
    "very high": "very_high",
}


def _typed_risk(text: str) -> str | None:
    words = simplify(text).replace(",", ".")
    if words in _RISK_WORDS:
        return _RISK_WORDS[words]
    if yes_no(text) is False or "tahu" in words or "tau" in words or "know" in words:
        return "unknown"
    rates = {str(PU_JKK_RATE[r].value): r.value for r in RiskClass}
    return rates.get(words.rstrip("%").strip())


@router.step(f"{FLOW}.risk", prompt=ask_risk)
def answer_risk(turn: Turn) -> list[Reply] | None:
    if _went_back(turn):
        return _back(turn)
    if _question_first(turn):
        return None
    value = _pressed(turn, "elig_risk") or _typed_risk(turn.text)
    if value is None:
        if _not_an_answer(turn):
            return None
        return _retry(turn, turn._("Choose a risk level, or type tidak tahu. Example: sedang"))
    answers(turn)["risk_class"] = value
    return advance(turn)
