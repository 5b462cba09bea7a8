"""A relative's registration from what the requester said: who may join, and the facts kept.

"sy mau daftarin ibu sy, umurnya 52, jualan sayur, penghasilan sekitar 2 juta sebulan" and
"anak saya kerja bengkel umur 25, bisa ikut?" both tell the relative's facts before the form
starts. Each fact goes where the form would have asked it, read by that step's own parser:

- the work, by the work step (`work.read_occupation`);
- the income, by the income step (`work.read_income`): a sure monthly amount is stored, one
  per day or a range is confirmed when its step comes (`confirm_later`);
- the age has no step (the NIK tells it): the NIK's read-back says so when the two differ;
- the place is confirmed at the regency step once the NIK tells where to look
  (`paste.place_told`).

A relative at or past the first-registration age (Perdir 22/2022), or in work an employer
registers ("karyawan pabrik"), cannot register here: the FAQ answers that (`stops`).

Asked as a question ("… bisa ikut?", `asks`), it is answered from those facts (`may_join`),
with the offer to register the relative then.
"""

from __future__ import annotations

from typing import Any

from bot.domain import chatwords
from bot.domain import facts as F
from bot.domain.conditions import conditions
from bot.domain.eligibility import WorkKind
from bot.domain.intent import asks_to_join, names_income, tells_own_facts
from bot.domain.occupations import find_occupation
from bot.forms import Accept, Confirm, confirm_later
from bot.routing import Turn
from handlers.registration import paste, work


def stops(turn: Turn, facts: str) -> bool:
    """Whether a fact told rules out registering here: the FAQ answers it instead."""
    age = chatwords.age_in_message(facts, turn.now.date())
    if age is not None and age.age >= F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value:
        return True
    found = find_occupation(facts)
    return found is not None and found[0].work is not WorkKind.SELF_EMPLOYED


def asks(turn: Turn, text: str) -> bool:
    """A question whether one's relative may join, telling an age or a work of their own.

    "anak saya kerja bengkel umur 25, bisa ikut?". Without either fact, with one that rules
    registration out (`stops`, younger than the practical minimum age), or with a condition
    the FAQ reads ("udah 67 tahun", bot/domain/data/conditions.toml), the FAQ answers. The
    writer telling his own work or age as well asks for himself (`intent.tells_own_facts`).
    """
    if not (asks_to_join(text) and chatwords.names_relative(text)) or stops(turn, text):
        return False
    if tells_own_facts(text):  # "istri saya jualan, saya sendiri petani umur 40 bisa ikut?"
        return False
    if conditions().read(text)[1]:  # past 65, an employee, sponsored …: the FAQ's to answer
        return False
    return tells(turn, text)


def tells(turn: Turn, text: str) -> bool:
    """Whether `text` tells an age old enough to work, or a work."""
    age = chatwords.age_in_message(text, turn.now.date())
    if age is not None:
        return age.age >= F.PRACTICAL_MIN_AGE.value
    return find_occupation(text) is not None


def may_join(turn: Turn, text: str) -> str:
    """Whether the relative of `asks` may join, from the age and work told, and the offer."""
    lines = [turn._("Yes, they can join.")]
    age = chatwords.age_in_message(text, turn.now.date())
    if age is not None:
        limit = int(F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value)
        lines.append(
            turn._(
                "At {age} they are under {limit}, the age limit of a first registration."
            ).format(age=age.age, limit=limit)
        )
    if (found := find_occupation(text)) is not None:
        lines.append(
            turn._(
                "Working on their own ({work}), they join as a self-employed worker (BPU), and "
                "I can register them here with their own consent and KTP."
            ).format(work=found[1])
        )
    else:
        lines.append(
            turn._(
                "Working on their own, they join as a self-employed worker (BPU), and I can "
                "register them here with their own consent and KTP."
            )
        )
    lines.append(
        turn._(
            "If an employer pays them a wage, the employer registers them as a wage earner (PU)."
        )
    )
    return " ".join(lines) + "\n\n" + turn._("Shall I register them now?")


def carry(turn: Turn, reg: dict[str, Any], facts: str) -> None:
    """Keep in the relative's answers every fact told with the request (module docstring)."""
    if (found := find_occupation(facts)) is not None:
        outcome = work.read_occupation(paste.said(turn, found[1]), reg)
        if isinstance(outcome, Accept):
            reg.update(outcome.values)
    if (income := _income_words(turn, facts)) is not None:
        outcome = work.read_income(paste.said(turn, income), reg)
        if isinstance(outcome, Accept):
            reg.update(outcome.values)
        elif isinstance(outcome, Confirm):
            confirm_later(reg, work.INCOME.name, outcome)
    age = chatwords.age_in_message(facts, turn.now.date())
    if age is not None and age.certain:
        reg["age_told"] = age.age
    told = chatwords.read_paste(facts, turn.now.date(), least=1)
    place = {k: work.CLAUSE.split(told[k])[0] for k in paste.PLACE_KINDS if k in told}
    if place.get("village"):  # "tinggal di dalung, petani": the place is the first clause
        reg["place_told"] = place


def _income_words(turn: Turn, facts: str) -> str | None:
    """The words of the amount earned: after its label, else the clause that names it."""
    if income := chatwords.read_paste(facts, turn.now.date(), least=1).get("income"):
        return income
    return next((c for c in work.CLAUSE.split(facts) if names_income(c)), None)
