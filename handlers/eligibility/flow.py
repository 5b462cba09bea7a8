"""Cek syarat & iuran: the way in, the answer and the buttons under it.

The way in is the menu or a request typed in one's own words. The questions are declared in
handlers/eligibility/form.py and asked by the form engine (bot/forms.py); drawn in flow.mmd.

Saved in `turn.data["eligibility"]` (registration reads it after "Daftar sekarang" or a typed
"ok daftar"):
    asked_on             ISO date the check started (the rules of that day pick the questions)
    work                 WorkKind value: wage_earner | self_employed | construction | migrant
    occupation           key of bot/domain/data/occupations.toml: transport | trader |
                         farmer_fisher | day_labourer | household | other_self_employed |
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
    checked              True while the answer shown holds (dropped when a step is asked again)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.conversation import Choice, Reply
from bot.domain import facts as F
from bot.domain.chatwords import is_question
from bot.domain.eligibility import Access, Eligibility, WorkKind, check, segment_access
from bot.domain.facts import Program
from bot.domain.intent import (
    asks_cost,
    asks_own_cost,
    asks_price,
    names_income,
    own_words,
    states_own_facts,
)
from bot.domain.occupations import said_label
from bot.forms import Accept, Answers, Confirm, Form, Outcome, confirm_later
from bot.routing import IDLE, Router, Turn, action_argument
from bot.storage.events import Step, record_event
from handlers.eligibility.answer import bpu_cost, payslip, programs_open, summary
from handlers.eligibility.details import details
from handlers.eligibility.form import (
    ASKED_ON,
    CITIZENSHIP_LABELS,
    FIELDS,
    FLOW,
    INCOME_FIRST,
    RISK_FIRST,
    applicant,
    read_income,
    work_values,
)
from handlers.eligibility.parse import citizenship
from handlers.eligibility.request import Facts, read_request
from handlers.eligibility.writer import Writer
from handlers.faq import answer_replies, asks_for_check, brief_answer, entry, remembered_work

router = Router()


def answers(turn: Turn) -> dict[str, Any]:
    """The answers so far, `turn.data["eligibility"]`."""
    return FORM.answers(turn)


def _result(turn: Turn) -> Eligibility:
    return check(applicant(answers(turn)), turn.now.date())


def _answer_choices(turn: Turn, result: Eligibility) -> tuple[Choice, ...]:
    a, _ = answers(turn), turn._
    choices = []
    if (
        a["work"] in (WorkKind.SELF_EMPLOYED.value, WorkKind.CONSTRUCTION.value)
        and not a.get("already_participant")
        and any(r.access is Access.YES for r in result.programs)
    ):  # a builder registers himself as a BPU for the work outside projects
        choices.append(Choice("register", _("Register now")))
    if a.get("monthly_income") and result[Program.JHT].access is Access.OPTIONAL:
        jht = not a.get("with_jht")
        choices.append(
            Choice(f"elig_jht:{'on' if jht else 'off'}", _("Add JHT") if jht else _("Without JHT"))
        )
    choices += [Choice("elig_more", _("Read more")), Choice("menu", _("Menu"))]
    return tuple(choices)


def show_answer(turn: Turn) -> list[Reply]:
    """The form's finish: the decision, the programs and this month's cost, with its buttons."""
    a = answers(turn)
    result = _result(turn)
    first_time = not a.get("checked")
    a["programs"] = [p.value for p in programs_open(result, bool(a.get("with_jht")))]
    a["checked"] = True
    turn.state = IDLE
    turn.data["_back"] = "elig_back"
    if first_time:
        record_event(turn.session, turn.contact, Step.ELIGIBILITY_CHECKED, turn.now)
    return [Reply(summary(turn, result, a), _answer_choices(turn, result))]


def noted_ahead(turn: Turn, a: Answers) -> str | None:
    """Work, age, citizenship or income typed before its question: kept for its step, and said.

    "sebulan paling 1,5 jt" at the citizenship question, "wni" at the age; an answer given is
    never replaced, and the step's own answer is its step's to judge ("5" at the age is too
    young).
    """
    step = FORM.field_at(turn.state)
    known = set(a) | set(step.drops() if step else ())
    facts = read_request(turn.text, turn.now.date())
    facts = replace(
        facts,
        occupation=None if "work" in known else facts.occupation,
        age=None if "age" in known else facts.age,
        income=None if "monthly_income" in known else facts.income,
    )
    noted = _noted(turn, facts)
    if "citizenship" not in known and (said := citizenship(turn.text, asked=False)):
        a["citizenship"] = said
        noted.append(turn._(CITIZENSHIP_LABELS[said]))
    return turn._("I noted: {facts}.").format(facts=", ".join(noted)) if noted else None


def _income_then_cost(turn: Turn, a: Answers) -> Outcome | None:
    """The income asked first (`INCOME_FIRST`), then the cost it was asked for (`_cost_first`).

    Said with the income taken, or with the yes to a day's takings made a month's; an age the
    same message tells ("umur 30, sehari dpt 150rb", kept by `noted_ahead`) counts.
    """
    outcome = read_income(turn, a)
    if not isinstance(outcome, Accept | Confirm):
        return outcome
    told = read_request(turn.text, turn.now.date()).age
    age = {"age": told} if told is not None and "age" not in a else {}
    cost = _cost_first(turn, {**a, **outcome.values, **age})
    return replace(outcome, note="\n\n".join(cost))


FORM = Form(
    FLOW,
    [replace(f, parse=_income_then_cost) if f.name == INCOME_FIRST else f for f in FIELDS],
    brief_answer=brief_answer,
    finish=show_answer,
    started=lambda a: "work" in a and not a.get("checked"),
    ahead=noted_ahead,
    done="checked",
)
FORM.install(router)


def _fresh(turn: Turn) -> None:
    """A new check, dated today."""
    turn.data[FLOW] = {ASKED_ON: turn.now.date().isoformat()}


@router.action("eligibility")
def start(turn: Turn) -> list[Reply]:
    """The menu item: a fresh check, or back to the question where the last one stopped."""
    a = turn.data.get(FLOW)
    if a and not a.get("checked") and "work" in a:
        return FORM.ask(turn, Reply(turn._("Let's continue where we stopped.")))
    _fresh(turn)
    intro = turn._(
        "I will ask a few short questions, then show which programs you can join and what they "
        "cost."
    )
    return FORM.ask(turn, Reply(intro))


@router.action("elig_back")
def go_back(turn: Turn) -> list[Reply]:
    """`kembali` under the answer: the last question again, and the answer anew after it."""
    a = turn.data.get(FLOW)
    if not a or not a.get("checked"):
        return start(turn)
    last = [f for f in FIELDS if f.applies(a)][-1]
    for key in last.drops():
        a.pop(key, None)
    return FORM.ask(turn)


@router.action("elig_more")
def more(turn: Turn) -> list[Reply]:
    """Selengkapnya: what each program gives, the cost in detail, how to pay."""
    a = turn.data.get(FLOW)
    if not a or not a.get("checked"):
        return start(turn)
    result = _result(turn)
    messages = details(turn, result, a)
    choices = tuple(c for c in _answer_choices(turn, result) if c.id != "elig_more")
    return [Reply(m) for m in messages[:-1]] + [Reply(messages[-1], choices)]


@router.action("elig_jht")
def toggle_jht(turn: Turn) -> list[Reply]:
    """Add or drop the optional JHT; the answer is shown again with the new total."""
    a = turn.data.get(FLOW)
    if not a or not a.get("checked"):
        return start(turn)
    a["with_jht"] = action_argument(turn.choice) == "on"
    return FORM.ask(turn)


def _noted(turn: Turn, facts: Facts) -> list[str]:
    """Store the facts of a request in the answers; the words that say what was noted."""
    a, noted = answers(turn), []
    if facts.occupation:
        a.update(work_values(facts.occupation.key, facts.occupation_word))
        # shown as registration shows it: "berdagang" is Pedagang; a word with no cleaner form
        # (a warung, "kuli bangunan") as typed
        noted.append(said_label(facts.occupation, facts.occupation_word) or facts.occupation_word)
    if facts.age is not None:
        a["age"] = facts.age
        if facts.birth_date:
            a["birth_date"] = facts.birth_date.isoformat()
        noted.append(turn._("age {age}").format(age=facts.age))
    if facts.income is not None:
        a["monthly_income"] = str(facts.income)
        noted.append(turn._("income {amount} a month").format(amount=turn.t.rupiah(facts.income)))
    elif (
        "monthly_income" not in a
        and names_income(turn.text)
        and isinstance(outcome := read_income(turn, a), Confirm)
    ):  # "sehari dpt 150rb": the monthly figure is confirmed when the income step comes
        confirm_later(a, "income", outcome)
    return noted


#: The knowledge entry on the age limit of a first registration, with its "ask 175".
AGE_LIMIT = "peserta.age_max"


#: The knowledge entry on a migrant worker's fees: one schedule by contract length.
MIGRANT_COST = "iuran.pmi"


def _migrant_asks_cost(text: str, facts: Facts) -> bool:
    """A migrant worker asks what he pays ("mau brgkt ke malaysia jd pmi, bayar brp?").

    The fees are set by the contract's length, not by age or income: the entry answers at
    once instead of the check's questions first.
    """
    migrant = facts.occupation is not None and facts.occupation.work is WorkKind.MIGRANT
    return migrant and asks_cost(text)


def _past_first_registration_age(facts: Facts) -> bool:
    """A self-employed person at or past the first-registration age limit (faq.md:43).

    Whether such a person was registered before decides the rest, and only the call centre
    can tell: the entry says so at once, instead of three questions first.
    """
    limit = int(F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value)
    wage_earner = facts.occupation is not None and facts.occupation.work is WorkKind.WAGE_EARNER
    return facts.age is not None and facts.age >= limit and not wage_earner


@router.text
def start_from_text(turn: Turn) -> list[Reply] | None:
    """Start the check from a request like "saya petani umur 57 bisa ikut?".

    Only a request about oneself starts it (`handlers.faq.asks_for_check`): a number alone,
    a percentage or a plain question goes on to the FAQ. After an answer, a question naming
    only an income ("kalau 3 juta berapa?") reprices that answer.
    """
    if turn.state != IDLE:
        return None
    facts = read_request(own_words(turn.text), turn.now.date())  # not his wife's work
    previous = turn.data.get(FLOW) or {}
    reprice = (
        previous.get("checked")
        and facts.income is not None
        and facts.occupation is None
        and facts.age is None
        and is_question(turn.text)
    )
    if not reprice and not asks_for_check(turn.text, turn.t.locale):
        return None
    if _past_first_registration_age(facts) and (article := entry(turn.t.locale, AGE_LIMIT)):
        return answer_replies(turn, article)  # "umur saya 65 lewat dikit": no check to run
    if _migrant_asks_cost(turn.text, facts) and (article := entry(turn.t.locale, MIGRANT_COST)):
        return answer_replies(turn, article)  # "mau brgkt ke malaysia jd pmi, bayar brp?"
    if reprice:
        previous.pop("monthly_income", None)
    else:
        _fresh(turn)
    if facts.occupation is None and (states_own_facts(turn.text) or asks_own_cost(turn.text)):
        # "umur 52" or "iuran sy brp" after "sy pedagang sayur, bs ikut?" was answered: a
        # trader's check
        occupation, word = remembered_work(turn.data) or (None, "")
        facts = replace(facts, occupation=occupation, occupation_word=word)
    noted = _noted(turn, facts)
    if not noted:
        return FORM.ask(turn)
    note = turn._("Let me check that for you. I noted: {facts}.").format(facts=", ".join(noted))
    if not reprice and asks_cost(turn.text):
        a = answers(turn)
        if facts.income is not None:
            note = "\n\n".join([note, *_cost_first(turn, a)])
        elif (
            a.get("work") == WorkKind.SELF_EMPLOYED.value
            and "monthly_income" not in a
            and asks_price(turn.text)
            and not names_income(turn.text)
        ):
            a[INCOME_FIRST] = True  # "sy petani brp iurannya": the income its cost needs
    return FORM.ask(turn, Reply(note))


def _cost_first(turn: Turn, a: Answers) -> list[str]:
    """The cost asked for, before the questions left: a BPU's cost does not depend on age.

    "iuran nya jd brp sebulan?" with a monthly income waited a turn or more for its answer
    (issue 13): the age only decides whether a first registration is still open, so it is
    said why when the age is still to come, and nothing is priced for an age past the limit.
    The same lines end the check. An income per day or a range is confirmed first, so it
    never comes here. `a`: the answers, with the income just given.
    """
    if a.get("work") == WorkKind.WAGE_EARNER.value:
        return _wage_cost_first(turn, a)
    limit = F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value
    if a.get("work") != WorkKind.SELF_EMPLOYED.value or int(a.get("age") or 0) >= limit:
        return []
    writer = Writer(turn, check(applicant(a), turn.now.date()))
    optional = segment_access(WorkKind.SELF_EMPLOYED, Program.JHT) is Access.OPTIONAL
    cost = bpu_cost(writer, a, jht_optional=optional)
    if "age" in a:
        return [cost]
    return [
        cost,
        turn._(
            "Your age only decides whether you can still register: a first registration must be "
            "before age {age}."
        ).format(age=limit),
    ]


def _wage_cost_first(turn: Turn, a: Answers) -> list[str]:
    """An employee's cost asked for: his own share now, his employer's once the risk is known.

    "sy karyawan gaji 5jt, iuran bpjs tk sy brp?" got the general rates and no figure (issue
    13). The share taken from the wage does not depend on the workplace's risk level; the
    employer's JKK does (facts.md:104, 0,24%-1,74%), so it is a range until the risk question,
    which the check then asks first: it was asked after the age, citizenship and membership.
    """
    cost = payslip(Writer(turn, _result(turn)), a)
    if not cost:
        return []
    a[RISK_FIRST] = True  # the range just shown: its risk question comes next, not last
    return [cost]
