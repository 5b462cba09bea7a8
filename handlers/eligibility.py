"""Cek syarat & iuran: who may join which program and what it costs, one question at a time.

Questions (states `eligibility.<step>`, asked only when the answer needs them; see
eligibility.mmd): work → age → citizenship (not for migrant workers) → months in Indonesia
(foreigners) → already a participant → monthly income (self-employed and employees who can
join) → JKK risk class (employees). The next question is always the first one still
missing, so answers pre-filled from free text (`start_from_text`) are never asked again,
and a chat that stops half-way resumes where it was.

Saved in `turn.data["eligibility"]` (registration reads it after "Daftar sekarang"):
    work                 WorkKind value: wage_earner | self_employed | construction | migrant
    occupation           stable key: transport | trader | farmer_fisher | other_self_employed |
                         wage_earner | construction | migrant
    occupation_label     the work as the user named it ("petani", "Pedagang / usaha sendiri")
    sector               BpuSector value (transport | other), decides the PP 50/2025 discount
    age                  int, whole years on the day asked
    birth_date           ISO date, only when a full numeric date was typed
    citizenship          "wni" | "wna"  (migrant workers: always "wni")
    months_in_indonesia  int, foreigners only
    already_participant  bool
    monthly_income       str(Decimal), income (BPU) or wage (PU), when asked
    risk_class           RiskClass value or "unknown" (employees only)
    with_jht             bool, the person chose to add JHT (BPU, PMI)
    programs             list of Program values a registration would take (after the answer)
    checked              True once the answer was shown
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bot.conversation import Choice, Kind, Reply
from bot.domain.eligibility import Access, Applicant, Citizenship, Eligibility, WorkKind, check
from bot.domain.facts import PU_JKK_RATE, Program, RiskClass
from bot.domain.age import parse_age
from bot.domain.money import check_monthly_income, parse_money
from bot.errors import ValidationError
from bot.routing import IDLE, Router, Turn, action_argument, simplify
from bot.storage.events import Step, record_event
from handlers import eligibility_answer as answer
from handlers.eligibility_parse import (
    OCCUPATIONS,
    birth_date,
    citizenship,
    find_occupation,
    looks_like_question,
    months,
    read_free_text,
    yes_no,
)
from handlers.eligibility_text import AGE_ERRORS, MONEY_ERRORS, WAGE_UNKNOWN, WORK_CHOICES
from handlers.menu import main_menu

router = Router()

FLOW = "eligibility"
STEPS = ("work", "age", "citizenship", "months", "participant", "income", "risk")
BACK = "elig_step_back"  # the Back button; a typed number on a number question is no Back
MIN_AGE = 10  # below this a typed age is a slip, not a worker


def _answers(turn: Turn) -> dict[str, Any]:
    data: dict[str, Any] = turn.data.setdefault(FLOW, {})
    return data


def _applicant(a: dict[str, Any]) -> Applicant:
    return Applicant(
        work=WorkKind(a["work"]),
        birth_date=date.fromisoformat(a["birth_date"]) if a.get("birth_date") else None,
        age=a.get("age"),
        citizenship=Citizenship(a.get("citizenship", "wni")),
        months_working_in_indonesia=a.get("months_in_indonesia"),
        already_participant=bool(a.get("already_participant")),
    )


def _needed(a: dict[str, Any], today: date) -> list[str]:
    """The questions this person must answer, in order; depends on the answers so far."""
    steps = ["work", "age"]
    work = a.get("work")
    if work != WorkKind.MIGRANT.value:
        steps.append("citizenship")
    if a.get("citizenship") == "wna":
        steps.append("months")
    steps.append("participant")
    known = all(_KEYS[s][0] in a for s in steps[1:])
    if known and work in (WorkKind.SELF_EMPLOYED.value, WorkKind.WAGE_EARNER.value):
        result = check(_applicant(a), today)
        if any(r.access in (Access.YES, Access.OPTIONAL) for r in result.programs):
            steps.append("income")
            if work == WorkKind.WAGE_EARNER.value:
                steps.append("risk")
    return steps


_KEYS = {
    "work": ("work", "occupation", "occupation_label", "sector"),
    "age": ("age", "birth_date"),
    "citizenship": ("citizenship",),
    "months": ("months_in_indonesia",),
    "participant": ("already_participant",),
    "income": ("monthly_income",),
    "risk": ("risk_class",),
}


def _missing(a: dict[str, Any], today: date) -> str | None:
    return next((s for s in _needed(a, today) if _KEYS[s][0] not in a), None)


def _advance(turn: Turn, note: str | None = None) -> list[Reply]:
    """Ask the first missing question, or show the answer when nothing is missing."""
    a = _answers(turn)
    a.pop("checked", None)
    step = _missing(a, turn.now.date())
    if step is None:
        return _show_answer(turn, note)
    turn.state = f"{FLOW}.{step}"
    replies = PROMPTS[step](turn)
    return [Reply(note), *replies] if note else replies


def _back_choice(turn: Turn, step: str) -> Choice:
    """Point `kembali` at the question before `step` (or the menu); give the Back button."""
    needed = _needed(_answers(turn), turn.now.date())
    index = needed.index(step) if step in needed else 0
    turn.back_to(f"elig_back:{needed[index - 1]}" if index > 0 else "menu")
    return Choice(BACK, turn._("Back"))


def _question(turn: Turn, step: str, text: str, choices: list[Choice] | None = None) -> list[Reply]:
    return [Reply(text, (*(choices or []), _back_choice(turn, step)))]


# --- The questions ---------------------------------------------------------------------


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
    if _answers(turn).get("work") == WorkKind.WAGE_EARNER.value:
        text = turn._(
            "What is your monthly wage (basic wage plus fixed allowances)? Example: 4.500.000"
        )
    else:
        text = turn._(
            "About how much do you earn in a month, on average? Example: 2 juta or 1,5 jt"
        )
    return _question(turn, "income", text)


def ask_risk(turn: Turn) -> list[Reply]:
    choices = [Choice(f"elig_risk:{r.value}", answer.risk_label(turn, r)) for r in RiskClass]
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


# --- The answers -----------------------------------------------------------------------


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
    return [Reply(text, (_back_choice(turn, step),))]


def _not_an_answer(turn: Turn) -> bool:
    return looks_like_question(turn.text)


def _question_first(turn: Turn) -> bool:
    """A typed question of several words on a button question: let the FAQ answer it."""
    return turn.incoming.kind is Kind.TEXT and len(turn.text.split()) > 2 and _not_an_answer(turn)


def _back(turn: Turn) -> list[Reply]:
    target = turn.data.get("_back", "menu")
    return (
        _ask_again(turn, action_argument(target))
        if target.startswith("elig_back:")
        else main_menu(turn)
    )


@router.step(f"{FLOW}.work", prompt=ask_work)
def answer_work(turn: Turn) -> list[Reply] | None:
    if _went_back(turn):
        return _back(turn)
    a = _answers(turn)
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
    return _advance(turn)


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
    a = _answers(turn)
    a["age"] = age
    born = birth_date(turn.text)
    if born:
        a["birth_date"] = born.isoformat()
    else:
        a.pop("birth_date", None)
    return _advance(turn)


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
    a = _answers(turn)
    a["citizenship"] = value
    if value == "wni":
        a.pop("months_in_indonesia", None)
    return _advance(turn)


@router.step(f"{FLOW}.months", prompt=ask_months)
def answer_months(turn: Turn) -> list[Reply] | None:
    if _went_back(turn, numeric=True):
        return _back(turn)
    value = months(turn.text)
    if value is None or value > 1200:
        if value is None and _not_an_answer(turn):
            return None
        return _retry(turn, turn._("Please type the number of months. Example: 8"))
    _answers(turn)["months_in_indonesia"] = value
    return _advance(turn)


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
    _answers(turn)["already_participant"] = value
    return _advance(turn)


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
            and _answers(turn).get("work") == WorkKind.WAGE_EARNER.value
        ):
            message = WAGE_UNKNOWN
        value = error.value if isinstance(error.value, Decimal) else Decimal(0)
        return _retry(turn, turn._(message).format(amount=turn.t.rupiah(value)))
    _answers(turn)["monthly_income"] = str(amount)
    return _advance(turn)


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
    _answers(turn)["risk_class"] = value
    return _advance(turn)


# --- Showing the answer ----------------------------------------------------------------


def _result(turn: Turn) -> Eligibility:
    return check(_applicant(_answers(turn)), turn.now.date())


def _answer_choices(turn: Turn, result: Eligibility) -> tuple[Choice, ...]:
    a, _ = _answers(turn), turn._
    choices = []
    if (
        a["work"] == WorkKind.SELF_EMPLOYED.value
        and not a.get("already_participant")
        and any(r.access is Access.YES for r in result.programs)
    ):
        choices.append(Choice("register", _("Register now")))
    if a.get("monthly_income") and result[Program.JHT].access is Access.OPTIONAL:
        jht = not a.get("with_jht")
        choices.append(
            Choice(f"elig_jht:{'on' if jht else 'off'}", _("Add JHT") if jht else _("Without JHT"))
        )
    choices += [Choice("elig_more", _("Read more")), Choice("menu", _("Menu"))]
    return tuple(choices)


def _show_answer(turn: Turn, note: str | None = None) -> list[Reply]:
    a = _answers(turn)
    result = _result(turn)
    first_time = not a.get("checked")
    a["programs"] = [p.value for p in answer.programs_open(result, bool(a.get("with_jht")))]
    a["checked"] = True
    turn.state = IDLE
    steps = _needed(a, turn.now.date())
    turn.back_to(f"elig_back:{steps[-1]}")
    if first_time:
        record_event(turn.session, turn.contact, Step.ELIGIBILITY_CHECKED, turn.now)
    text = answer.summary(turn, result, a)
    replies = [Reply(text, _answer_choices(turn, result))]
    return [Reply(note), *replies] if note else replies


@router.action("eligibility")
def start(turn: Turn) -> list[Reply]:
    """The menu item: a fresh check, or back to the question where the last one stopped."""
    a = turn.data.get(FLOW)
    if a and not a.get("checked") and "work" in a:
        return _advance(turn, turn._("Let's continue where we stopped."))
    turn.data[FLOW] = {}
    intro = turn._(
        "I will ask a few short questions, then show which programs you can join and what they "
        "cost."
    )
    return _advance(turn, intro)


@router.action("elig_back")
def go_back(turn: Turn) -> list[Reply]:
    """`kembali`: the previous question again (`elig_back:<step>`)."""
    return _ask_again(turn, action_argument(turn.choice))


def _ask_again(turn: Turn, step: str) -> list[Reply]:
    """Ask `step` again; its answer and the later ones are asked anew."""
    if step not in STEPS or FLOW not in turn.data:
        return start(turn)
    a = _answers(turn)
    for later in STEPS[STEPS.index(step) :]:
        for key in _KEYS[later]:
            if not (later == "citizenship" and a.get("work") == WorkKind.MIGRANT.value):
                a.pop(key, None)
    a.pop("checked", None)
    turn.state = f"{FLOW}.{step}"
    return PROMPTS[step](turn)


@router.action("elig_more")
def more(turn: Turn) -> list[Reply]:
    """Selengkapnya: what each program gives, the cost in detail, how to pay."""
    a = turn.data.get(FLOW)
    if not a or not a.get("checked"):
        return start(turn)
    result = _result(turn)
    messages = answer.details(turn, result, a)
    choices = tuple(c for c in _answer_choices(turn, result) if c.id != "elig_more")
    return [Reply(m) for m in messages[:-1]] + [Reply(messages[-1], choices)]


@router.action("elig_jht")
def toggle_jht(turn: Turn) -> list[Reply]:
    """Add or drop the optional JHT; the answer is shown again with the new total."""
    a = turn.data.get(FLOW)
    if not a or not a.get("checked"):
        return start(turn)
    a["with_jht"] = action_argument(turn.choice) == "on"
    return _show_answer(turn)


@router.text
def start_from_text(turn: Turn) -> list[Reply] | None:
    """Start (or fill in) the check from a message like "saya petani umur 57 bisa ikut?".

    Returns None when the message is no such request, or while another flow's form waits.
    After an answer, a message with only an income ("kalau 3 juta berapa") reprices that
    answer. When the chat already waits in this flow's question and that question is still the one
    missing, only the acknowledgement is returned: the engine asks the question again.
    """
    state = turn.state
    if state != IDLE and not state.startswith(FLOW + "."):
        return None
    found = read_free_text(turn.text, turn.now.date())
    if found is None:
        return None
    previous = turn.data.get(FLOW) or {}
    only_income = found.occupation is None and found.age is None
    if state == IDLE and not (only_income and previous.get("checked")):
        turn.data[FLOW] = {}  # a new check; "and with 3 juta?" after an answer keeps the rest
    a = _answers(turn)
    noted = []
    if found.occupation:
        o = found.occupation
        a.update(
            work=o.work.value,
            occupation=o.key,
            occupation_label=found.occupation_word,
            sector=o.sector.value,
        )
        if o.work is WorkKind.MIGRANT:
            a["citizenship"] = "wni"
        noted.append(found.occupation_word)
    if found.age is not None:
        a["age"] = found.age
        if found.birth_date:
            a["birth_date"] = found.birth_date.isoformat()
        noted.append(turn._("age {age}").format(age=found.age))
    if found.income is not None:
        a["monthly_income"] = str(found.income)
        noted.append(turn._("income {amount} a month").format(amount=turn.t.rupiah(found.income)))
    note = turn._("Let me check that for you. I noted: {facts}.").format(facts=", ".join(noted))
    replies = _advance(turn, note)
    if turn.state == state and state != IDLE:
        return replies[:1]
    return replies
