"""The eligibility check's questions, declared for the form engine (bot/forms.py).

Which questions apply depends on the answers so far (a migrant worker is not asked about
citizenship; the income only when some program is open to the person), so a pre-filled or
resumed check asks only what is still missing. The answer itself is shown by `finish`
(handlers/eligibility/flow.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from bot.conversation import Choice, Reply
from bot.domain import amounts, chatwords
from bot.domain.eligibility import Access, Applicant, Citizenship, WorkKind, check
from bot.domain.facts import PU_JKK_RATE, RiskClass
from bot.domain.money import INCOME_ABOUT, check_monthly_income, unread_amount
from bot.domain.occupations import occupations, paid_work
from bot.errors import ValidationError
from bot.forms import BACK, Accept, Answers, Confirm, Field, Offer, Outcome, Reject
from bot.i18n import N_
from bot.routing import Turn, action_argument
from handlers.eligibility.answer import risk_label
from handlers.eligibility.parse import citizenship, months
from handlers.eligibility.texts import (
    AGE_ERRORS,
    MONEY_ERRORS,
    RISK_LABELS,
    WAGE_UNKNOWN,
    WORK_CHOICES,
)

FLOW = "eligibility"
MIN_AGE = 10  # below this a typed age is a slip, not a worker
MAX_MONTHS = 1200
UNKNOWN_RISK = "unknown"
ASKED_ON = "asked_on"  # ISO date the check started
RISK_FIRST = "risk_first"  # an employee's cost was shown as a range: its risk is asked first
INCOME_FIRST = "income_first"  # a BPU asked his cost naming no income: it is asked first
WORK_KEYS = ("work", "occupation", "occupation_label", "sector", "citizenship")  # a migrant: WNI


def applicant(a: Answers) -> Applicant:
    """The person the rules judge, from the answers so far."""
    return Applicant(
        work=WorkKind(a["work"]),
        birth_date=date.fromisoformat(a["birth_date"]) if a.get("birth_date") else None,
        age=a.get("age"),
        citizenship=Citizenship(a.get("citizenship", "wni")),
        months_working_in_indonesia=a.get("months_in_indonesia"),
        already_participant=bool(a.get("already_participant")),
    )


def work_values(key: str, label: str) -> dict[str, str]:
    """The answers a kind of work sets; a migrant worker is a citizen by the scheme's rules."""
    occupation = occupations()[key]
    values = {
        "work": occupation.work.value,
        "occupation": key,
        "occupation_label": label,
        "sector": occupation.sector.value,
    }
    if occupation.work is WorkKind.MIGRANT:
        values["citizenship"] = "wni"
    return values


def _pressed(turn: Turn, prefix: str) -> str | None:
    """The argument of a pressed or typed choice of this question (`elig_cit:wni` → "wni")."""
    if turn.choice and turn.choice.startswith(prefix + ":"):
        return action_argument(turn.choice)
    return None


def _back_button(turn: Turn) -> Choice:
    return Choice(BACK, turn._("Back"))


# ---------------------------------------------------------------- work


def ask_work(turn: Turn, a: Answers) -> Reply:
    turn.data["_back"] = "menu"  # the first question: kembali leaves the check
    choices = [Choice(f"elig_work:{key}", turn._(label)) for key, label in WORK_CHOICES.items()]
    text = turn._("What is your work? Choose, or type it. Example: petani")
    return Reply(text, (*choices, Choice("menu", turn._("Back"))))


def read_work(turn: Turn, a: Answers) -> Outcome | None:
    if (key := _pressed(turn, "elig_work")) in WORK_CHOICES:
        return Accept(work_values(key, turn._(WORK_CHOICES[key])))
    if found := paid_work(turn.text):
        return Accept(work_values(found[0].key, turn.text[:60]))
    return Reject(
        turn._(
            "I don't know that kind of work yet. Choose a button, or type a word like: ojol, "
            "pedagang, petani, nelayan, karyawan."
        )
    )


# ---------------------------------------------------------------- age


def ask_age(turn: Turn, a: Answers) -> Reply:
    return Reply(turn._("How old are you? Type your age or birth date. Example: 35 or 17-08-1990"))


def read_age(turn: Turn, a: Answers) -> Outcome | None:
    answer = chatwords.read_age(turn.text, turn.now.date())
    if isinstance(answer, str):  # "format", "negative", "date" or "future"
        message = AGE_ERRORS.get(f"age.{answer}", AGE_ERRORS["age.format"])
        return Reject(turn._(message))
    if answer.age > chatwords.MAX_AGE:
        return Reject(turn._(AGE_ERRORS["age.too_high"]).format(age=answer.age))
    if answer.age < MIN_AGE:
        return Reject(
            turn._("{age} years seems too young. Type your age in numbers. Example: 35").format(
                age=answer.age
            )
        )
    born = answer.birth_date
    values = {"age": answer.age, **({"birth_date": born.isoformat()} if born else {})}
    if not answer.certain:  # a birth year only: a year off before the birthday
        question = turn._("So you are about {age} years old?").format(age=answer.age)
        return Confirm(question, values)
    return Accept(values, drop=() if born else ("birth_date",))


# ---------------------------------------------------------------- citizenship, months


CITIZENSHIP_LABELS = {"wni": N_("Indonesian citizen (WNI)"), "wna": N_("Foreigner (WNA)")}


def ask_citizenship(turn: Turn, a: Answers) -> Reply:
    choices = (
        *(Choice(f"elig_cit:{key}", turn._(label)) for key, label in CITIZENSHIP_LABELS.items()),
        _back_button(turn),
    )
    return Reply(turn._("Are you an Indonesian citizen? Example: WNI"), choices)


def read_citizenship(turn: Turn, a: Answers) -> Outcome | None:
    said = chatwords.yes_no(turn.text)
    value = (
        _pressed(turn, "elig_cit")
        or citizenship(turn.text)
        or {True: "wni", False: "wna", None: None}[said]
    )
    if value is None:
        return Reject(turn._("Please answer WNI (Indonesian citizen) or WNA (foreigner)."))
    return Accept({"citizenship": value}, drop=("months_in_indonesia",) if value == "wni" else ())


def ask_months(turn: Turn, a: Answers) -> Reply:
    return Reply(turn._("How many months have you worked in Indonesia? Type a number. Example: 8"))


def read_months(turn: Turn, a: Answers) -> Outcome | None:
    value = months(turn.text)
    if value is None or value > MAX_MONTHS:
        return Reject(turn._("Please type the number of months."))
    return Accept({"months_in_indonesia": value})


# ---------------------------------------------------------------- already a participant


def ask_participant(turn: Turn, a: Answers) -> Reply:
    choices = (
        Choice("elig_part:no", turn._("Not yet")),
        Choice("elig_part:yes", turn._("Yes, already registered")),
        _back_button(turn),
    )
    text = turn._("Are you already a BPJS Ketenagakerjaan participant? Example: belum")
    return Reply(text, choices)


_UNSURE = N_(
    "Your membership can be checked with your NIK in the JMO app, at call center 175 "
    "or at a branch office. If you never registered and no employer registered you, "
    "answer belum."
)


def read_participant(turn: Turn, a: Answers) -> Outcome | None:
    pressed = _pressed(turn, "elig_part")
    value = pressed == "yes" if pressed else chatwords.yes_no(turn.text)
    said = None if pressed or value is not None else chatwords.named(turn.text, "participant")
    if said == "ended":  # "dulu pernah pas kerja di pabrik, skrg udh resign"
        note = turn._("Noted: not a participant now (that job has ended).")
        return Accept({"already_participant": False}, note=note)
    if said == "current":
        value = True
    if value is None and chatwords.dont_know(turn.text):  # "ga tau", "lupa": where to look
        unsure = turn._(_UNSURE)
        return Offer(f"{unsure}\n{ask_participant(turn, a).text}", ask_participant(turn, a).choices)
    if value is None:
        return Reject(turn._("Please answer sudah (already registered) or belum (not yet)."))
    return Accept({"already_participant": value})


# ---------------------------------------------------------------- income and risk class


def asked_on(a: Answers) -> date:
    """The day the check was asked: the rules of that day decide which questions follow."""
    return date.fromisoformat(a[ASKED_ON]) if a.get(ASKED_ON) else date.today()


def _some_program_open(a: Answers) -> bool:
    """Only then is there a cost to work out, so only then is the income asked."""
    if a.get("work") not in (WorkKind.SELF_EMPLOYED.value, WorkKind.WAGE_EARNER.value):
        return False
    if "age" not in a or "already_participant" not in a:
        return False
    if a.get("citizenship") == "wna" and "months_in_indonesia" not in a:
        return False
    result = check(applicant(a), asked_on(a))
    return any(r.access in (Access.YES, Access.OPTIONAL) for r in result.programs)


def ask_income(turn: Turn, a: Answers) -> Reply:
    if a.get("work") == WorkKind.WAGE_EARNER.value:
        text = turn._(
            "What is your monthly wage (basic wage plus fixed allowances)? Example: 4.500.000"
        )
    else:
        text = turn._(
            "About how much do you earn in a month, on average? Example: 2 juta or 1,5 jt"
        )
    return Reply(text)


def read_income(turn: Turn, a: Answers) -> Outcome | None:
    amount = amounts.parse_amount(turn.text)
    if amount is None:
        code = unread_amount(turn.text)
        if code == "money.format":
            return Reject(turn._(MONEY_ERRORS[code]))
        # "ga tentu", "tergantung", "ga ada penghasilan": understood; an estimate is asked for
        # (for no income: the cheapest contribution does not depend on it), which is no miss
        wage = a.get("work") == WorkKind.WAGE_EARNER.value
        reason = turn._(WAGE_UNKNOWN if wage else MONEY_ERRORS[code])
        return Offer(f"{reason}\n{ask_income(turn, a).text}")
    monthly = Decimal(amount.monthly)
    try:
        check_monthly_income(monthly)
    except ValidationError as error:
        return Reject(turn._(MONEY_ERRORS[error.code]).format(amount=turn.t.rupiah(monthly)))
    values = {"monthly_income": str(monthly)}
    if not amount.certain:  # per day or week, a range, several figures
        question = turn._("On average about {amount} a month? (Yes / type another amount)")
        return Confirm(question.format(amount=turn.t.rupiah(monthly)), values)
    return Accept(values)


def ask_risk(turn: Turn, a: Answers) -> Reply:
    choices = [Choice(f"elig_risk:{r.value}", risk_label(turn, r)) for r in RiskClass]
    choices += [Choice(f"elig_risk:{UNKNOWN_RISK}", turn._("I don't know")), _back_button(turn)]
    text = turn._(
        "Your employer pays JKK by the risk level of your workplace: from 0,24% (very low) to "
        "1,74% (very high) of the wage. Your HR staff know it. Which one is yours? Example: sedang"
    )
    return Reply(text, tuple(choices))


def typed_risk(turn: Turn) -> str | None:
    """A risk class from its name ("sedang"), its rate ("0,89%") or "tidak tahu"."""
    for risk, label in RISK_LABELS.items():
        if chatwords.same_words(turn.text, turn._(label)) or chatwords.same_words(turn.text, label):
            return risk.value
    if (rate := amounts.parse_percent(turn.text)) is not None:
        return next((r.value for r in RiskClass if PU_JKK_RATE[r].value == rate), None)
    if chatwords.dont_know(turn.text) or chatwords.yes_no(turn.text) is False:
        return UNKNOWN_RISK
    return None


def read_risk(turn: Turn, a: Answers) -> Outcome | None:
    value = _pressed(turn, "elig_risk") or typed_risk(turn)
    if value is None:
        return Reject(turn._("Choose a risk level, or type tidak tahu."))
    return Accept({"risk_class": value})


# ---------------------------------------------------------------- the fields, in order


def _has(key: str) -> Callable[[Answers], bool]:
    return lambda a: key in a


def _employee(a: Answers) -> bool:
    return a.get("work") == WorkKind.WAGE_EARNER.value


def _risk_field(name: str, applies: Callable[[Answers], bool]) -> Field:
    """The risk question, asked where `applies` puts it (see FIELDS)."""
    return Field(
        name,
        ask_risk,
        read_risk,
        example=N_("Example: sedang"),
        applies=applies,
        answered=_has("risk_class"),
        keys=("risk_class",),
    )


def _income_first(a: Answers) -> bool:
    return bool(a.get(INCOME_FIRST)) and a.get("work") == WorkKind.SELF_EMPLOYED.value


def _income_field(name: str, applies: Callable[[Answers], bool]) -> Field:
    """The income question, asked where `applies` puts it (see FIELDS)."""
    return Field(
        name,
        ask_income,
        read_income,
        example=N_("Example: 2 juta or 1.500.000"),
        applies=applies,
        answered=_has("monthly_income"),
        keys=("monthly_income",),
        # "kalo ga tentu gimana?": the words of the income table, whichever step asks it
        about=(("income", INCOME_ABOUT),),
        amended=chatwords.with_period,  # "100rb", then "sehari" (at the risk, or the answer)
    )


# The risk is asked last, once the income is known, except after an employee's cost shown as a
# range ("gaji 3jt, iuran brp?"): then it comes at once, the question that range ends on, and
# `kembali` from the age goes back to it. So is the income of a self-employed person who asked
# his cost naming none ("sy petani brp iurannya"): his cost depends on it, not on the age.
FIELDS = [
    Field(
        "work",
        ask_work,
        read_work,
        example=N_("Example: petani"),
        keys=WORK_KEYS,
        about=N_(
            "The work decides how you join: working on your own, as a self-employed worker "
            "(BPU); working for an employer, through that employer (PU)."
        ),
    ),
    _risk_field("risk_first", lambda a: _employee(a) and bool(a.get(RISK_FIRST))),
    _income_field(INCOME_FIRST, _income_first),
    Field(
        "age",
        ask_age,
        read_age,
        example=N_("Example: 35 or 17-08-1990"),
        keys=("age", "birth_date"),
        about=N_(
            "Yes. The age decides which programs you can join: for example, a self-employed "
            "worker must register for the first time before the age of 65."
        ),
    ),
    Field(
        "citizenship",
        ask_citizenship,
        read_citizenship,
        example=N_("Example: WNI"),
        applies=lambda a: a.get("work") != WorkKind.MIGRANT.value,
        about=N_(
            "WNI means an Indonesian citizen, with a KTP and a NIK. A foreign citizen (WNA) may "
            "join too, on other conditions: that is why I ask."
        ),
    ),
    Field(
        "months",
        ask_months,
        read_months,
        example=N_("Example: 8"),
        applies=lambda a: a.get("citizenship") == "wna",
        answered=_has("months_in_indonesia"),
        keys=("months_in_indonesia",),
    ),
    Field(
        "participant",
        ask_participant,
        read_participant,
        example=N_("Example: belum"),
        answered=_has("already_participant"),
        keys=("already_participant",),
        about=_UNSURE,  # "maksudnya peserta apa?": where to look, as for "ga tau"
    ),
    _income_field("income", lambda a: _some_program_open(a) and not _income_first(a)),
    _risk_field("risk", lambda a: _employee(a) and not a.get(RISK_FIRST) and _some_program_open(a)),
]
