"""Cek syarat & iuran: who may join which program and what it costs, one question at a time.

Questions (states `eligibility.<step>`, asked only when the answer needs them; see
eligibility.mmd): work → age → citizenship (not for migrant workers) → months in Indonesia
(foreigners) → already a participant → monthly income (self-employed and employees who can
join) → JKK risk class (employees). The next question is always the first one still
missing, so answers pre-filled from free text (`start_from_text`) are never asked again,
and a chat that stops half-way resumes where it was.

This module shows the answer and holds the way in (menu, free text) and the buttons under the
answer; the questions are in eligibility_questions, their answers in eligibility_steps.

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

from bot.conversation import Choice, Reply
from bot.domain.eligibility import Access, Eligibility, WorkKind, check
from bot.domain.facts import Program
from bot.routing import IDLE, Router, Turn, action_argument
from bot.storage.events import Step, record_event
from handlers.eligibility.answer import programs_open, summary
from handlers.eligibility.details import details
from handlers.eligibility.parse import read_free_text
from handlers.eligibility.questions import (
    FLOW,
    KEYS,
    PROMPTS,
    STEPS,
    answers,
    applicant,
    missing,
    needed,
)

router = Router()


def advance(turn: Turn, note: str | None = None) -> list[Reply]:
    """Ask the first missing question, or show the answer when nothing is missing."""
    a = answers(turn)
    a.pop("checked", None)
    step = missing(a, turn.now.date())
    if step is None:
        return _show_answer(turn, note)
    turn.state = f"{FLOW}.{step}"
    replies = PROMPTS[step](turn)
    return [Reply(note), *replies] if note else replies


def _result(turn: Turn) -> Eligibility:
    return check(applicant(answers(turn)), turn.now.date())


def _answer_choices(turn: Turn, result: Eligibility) -> tuple[Choice, ...]:
    a, _ = answers(turn), turn._
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
    a = answers(turn)
    result = _result(turn)
    first_time = not a.get("checked")
    a["programs"] = [p.value for p in programs_open(result, bool(a.get("with_jht")))]
    a["checked"] = True
    turn.state = IDLE
    steps = needed(a, turn.now.date())
    turn.back_to(f"elig_back:{steps[-1]}")
    if first_time:
        record_event(turn.session, turn.contact, Step.ELIGIBILITY_CHECKED, turn.now)
    text = summary(turn, result, a)
    replies = [Reply(text, _answer_choices(turn, result))]
    return [Reply(note), *replies] if note else replies


@router.action("eligibility")
def start(turn: Turn) -> list[Reply]:
    """The menu item: a fresh check, or back to the question where the last one stopped."""
    a = turn.data.get(FLOW)
    if a and not a.get("checked") and "work" in a:
        return advance(turn, turn._("Let's continue where we stopped."))
    turn.data[FLOW] = {}
    intro = turn._(
        "I will ask a few short questions, then show which programs you can join and what they "
        "cost."
    )
    return advance(turn, intro)


@router.action("elig_back")
def go_back(turn: Turn) -> list[Reply]:
    """`kembali`: the previous question again (`elig_back:<step>`)."""
    return ask_again(turn, action_argument(turn.choice))


def ask_again(turn: Turn, step: str) -> list[Reply]:
    """Ask `step` again; its answer and the later ones are asked anew."""
    if step not in STEPS or FLOW not in turn.data:
        return start(turn)
    a = answers(turn)
    for later in STEPS[STEPS.index(step) :]:
        for key in KEYS[later]:
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
    a = answers(turn)
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
    replies = advance(turn, note)
    if turn.state == state and state != IDLE:
        return replies[:1]
    return replies
