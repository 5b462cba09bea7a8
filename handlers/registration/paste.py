"""Registration data pasted in one message, as copied from a note: each value kept for its step.

"nama Siti Aminah nik 3201… lahir 12-03-1980 hp 0812… desa Dalung kec Kuta Utara jualan sayur
2jt sebulan" (or the same as lines) is read by `chatwords.read_paste`; each value then goes
through its own step's parser, so it is checked as if typed there, and the step is skipped or
opens with a confirmation:

- a valid NIK (also typed alone before its step: sent right after the name, it may be read
  first) is stored; its step `nik_confirm` still shows what the NIK encodes (place, birth
  date, gender) for a yes, and says so when a pasted birth date differs;
- a mobile number (also typed alone before its step), a work, a sure monthly income, the
  programs and the payment period are stored (the summary shows them);
- the place is always confirmed, once, when the regency step comes ("Do you live in Dalung,
  Kuta Utara, Kab. Badung, Bali?"), because the desa is looked for in the regency of the NIK
  unless a regency is named; a yes fills regency, kecamatan and desa. Only an exact desa in a
  named regency is stored without asking; namesakes or no match leave the steps to ask;
- an income per day or as a range is confirmed when its step comes, as typed early answers are.

Nothing is read before the consent (UU PDP 27/2022): `flow.kept_ahead` reads no later step
before it, and the consent step says the data was not kept (`identity.read_consent`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from decimal import Decimal
from typing import Any

from bot.domain import chatwords
from bot.domain.occupations import find_occupation
from bot.forms import Accept, Confirm, confirm_later
from bot.i18n import N_
from bot.routing import Turn
from handlers.registration import domicile, identity, work
from handlers.registration.text import (
    by_officer,
    period_label,
    programme_pays,
    programs_label,
    work_label,
)

PLACE_KINDS = ("village", "district", "regency")
_YOU_LIVE = N_("Do you live in {place}?")
_WORKER_LIVES = N_("Does the worker live in {place}?")
_KTP_SAYS = N_(
    "Your KTP says {work}. Is your work now a business of your own? "
    "(Yes / type your work. Example: jualan sayur)"
)


def said(turn: Turn, text: str) -> Turn:
    """The turn as if `text` alone were typed at a step (no command or choice read in it)."""
    return replace(turn, incoming=replace(turn.incoming, text=text), choice=None)


def kept_ahead(turn: Turn, reg: dict[str, Any]) -> list[str] | None:
    """The facts noted from a pasted message (stored or to confirm); None when it is no paste."""
    found = chatwords.read_paste(turn.text, turn.now.date())
    if not found:  # a number alone, typed before its step: a NIK, a mobile ("+62 812-…")
        alone = chatwords.read_paste(turn.text, turn.now.date(), least=1)
        found = {"nik": alone["nik"]} if "nik" in alone else {}
    if not found and (phone := chatwords.parse_phone(turn.text)):
        found = {"phone": phone}
    if not found:
        return None
    found = _work_after_place(found)
    facts = [_nik(turn, reg, found), _phone(turn, reg, found), _work(turn, reg, found)]
    facts += [_income(turn, reg, found), *_choices(turn, reg, found)]
    if not _place(turn, reg, found):  # no regency to look in yet: kept until the NIK says where
        reg["place_told"] = {k: found[k] for k in PLACE_KINDS if k in found}
    return [fact for fact in facts if fact]


def _work_after_place(found: dict[str, str]) -> dict[str, str]:
    """The work said in a clause after the place ("tinggal di dalung, ojek online").

    A labelled value runs to the next label, so an unlabelled work after a comma was read as
    part of the desa: a later clause the occupation table knows is the work, as
    `relative.carry` reads a relative's facts.
    """
    if "work" in found:
        return found
    clauses = work.CLAUSE.split(found.get("village", ""))
    for i, clause in enumerate(clauses[1:], 1):
        words = " ".join(clause.split())
        if not any(ch.isdigit() for ch in words) and find_occupation(words):
            return {**found, "village": ", ".join(c.strip() for c in clauses[:i]), "work": words}
    return found


def _nik(turn: Turn, reg: dict[str, Any], found: dict[str, str]) -> str | None:
    if "nik" in reg or "nik" not in found:
        return None
    outcome = identity.read_nik(said(turn, found["nik"]), reg)
    if not isinstance(outcome, Accept):  # invalid, or registered already: its step says why
        return None
    reg.update(outcome.values)
    if found.get("birth") and found["birth"] != reg["birth_date"]:
        reg["birth_typed"] = found["birth"]
    return turn._("NIK ending in {digits}").format(digits=found["nik"][-4:])


def _phone(turn: Turn, reg: dict[str, Any], found: dict[str, str]) -> str | None:
    if "phone" in reg or "phone" not in found:
        return None
    reg["phone"] = found["phone"]
    return turn._("mobile number {phone}").format(phone="0" + found["phone"][3:])


def _work(turn: Turn, reg: dict[str, Any], found: dict[str, str]) -> str | None:
    """The work line, kept; a KTP's category is no work described (`ktp_job` in steps.toml).

    "Pekerjaan : WIRASWASTA" names no trade and may be years old: confirmed when the work step
    comes. "BELUM/TIDAK BEKERJA" or "PELAJAR/MAHASISWA" is no work: the step asks it.
    """
    if "occupation" in reg or "work" not in found:
        return None
    category = chatwords.phrase_value(found["work"], "ktp_job")
    if category == "none":
        return None
    outcome = work.read_occupation(said(turn, found["work"]), reg)
    if not isinstance(outcome, Accept) or "occupation" not in outcome.values:
        return None
    if category == "vague":
        question = turn._(_KTP_SAYS).format(work=found["work"])
        confirm_later(reg, work.OCCUPATION.name, Confirm(question, outcome.values))
        return None
    reg.update(outcome.values)
    return work_label(turn, reg)


def _income(turn: Turn, reg: dict[str, Any], found: dict[str, str]) -> str | None:
    if "income" in reg or "income" not in found:
        return None
    outcome = work.read_income(said(turn, found["income"]), reg)
    if isinstance(outcome, Confirm):
        confirm_later(reg, work.INCOME.name, outcome)
    if not isinstance(outcome, Accept):
        return None
    reg.update(outcome.values)
    return turn._("income {amount} a month").format(amount=turn.t.rupiah(Decimal(reg["income"])))


def _choices(turn: Turn, reg: dict[str, Any], found: dict[str, str]) -> list[str]:
    """The programs and the payment period ("jkk jkm jht, bayar tiap bulan"), as noted.

    Each read by its own step; none when a programme pays (it settles both).
    """
    if programme_pays(reg):
        return []
    noted = []
    if "programs" not in reg and "programs" in found:
        outcome = work.read_programs(said(turn, found["programs"]), reg)
        if isinstance(outcome, Accept):
            reg.update(outcome.values)
            noted.append(programs_label(reg["programs"]))
    if "period" not in reg and "period" in found:
        outcome = work.read_period(said(turn, found["period"]), reg)
        if isinstance(outcome, Accept):
            reg.update(outcome.values)
            noted.append(period_label(turn, reg["period"]).lower())
    return noted


def later_choices(turn: Turn, reg: dict[str, Any], later: Collection[str]) -> list[str]:
    """Programs and a period typed alone before their steps ("jkk jkm", "bulanan"): kept.

    Typed at the income's "Rata-rata sebulan sekitar Rp2.000.000?", they were asked again after
    the yes. Only a message of nothing else (`later_choices` in steps.toml): "penghasilan
    bulanan" is no payment period. The steps still `later` than the one asked take the newest
    ("jkk jkm", then "jkk jkm jht aja"); an answered step is changed by the form's own ways.
    """
    if not chatwords.said_only(turn.text, "later_choices"):
        return []
    typed = {key: turn.text for key in ("programs", "period") if key in later}
    kept = {key: reg.pop(key) for key in typed if key in reg}
    noted = _choices(turn, reg, typed)
    for key, value in kept.items():
        reg.setdefault(key, value)  # not read again: the earlier answer stands
    return noted


def place_told(turn: Turn, reg: dict[str, Any]) -> None:
    """A place told before the form (`relative.carry`): confirmed as a pasted one.

    That waits until the NIK, or a regency told with the place, says where to look.
    """
    if isinstance(told := reg.get("place_told"), dict) and _place(turn, reg, told):
        del reg["place_told"]


def _place(turn: Turn, reg: dict[str, Any], found: dict[str, str]) -> bool:
    """Keep or confirm the place; False while no regency is known to look in."""
    if "regency" in reg or "village" not in found:
        return True
    named = domicile.exact_regencies(found.get("regency", ""))
    regency = named[0].code if len(named) == 1 else reg.get("nik_regency")
    if not regency:
        return False
    typed = ", ".join(found[k] for k in ("village", "district") if k in found)
    outcome = domicile.read_village(said(turn, typed), {"regency": regency})
    if isinstance(outcome, Accept) and len(named) == 1:
        reg.update(outcome.values)  # an exact desa in the regency named: nothing to guess
    elif isinstance(outcome, (Accept, Confirm)):
        place = domicile.place_label(outcome.values["village"])
        asked = _WORKER_LIVES if by_officer(reg) else _YOU_LIVE  # an officer's form: the worker's
        question = turn._(asked).format(place=place)
        choices = outcome.choices if isinstance(outcome, Confirm) else ()
        confirm_later(reg, domicile.REGENCY.name, Confirm(question, outcome.values, choices))
    return True
