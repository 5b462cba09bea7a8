"""The answer of the eligibility chat: who may join what and what it costs this month.

Built from the pure rules (`bot.domain.eligibility`, `bot.domain.contributions`) and the
answers saved by `handlers.eligibility`: a first message that fits a phone screen. The
details behind "Selengkapnya" are in `handlers.eligibility.details`.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from bot.domain import facts as F
from bot.domain.contributions import BpuSector, Note, Payer, Quote, bpu_monthly, jp_wage_cap
from bot.domain.eligibility import Access, Eligibility, WorkKind
from bot.domain.facts import Program, RiskClass
from bot.i18n import N_
from bot.routing import Turn
from handlers.eligibility.texts import RISK_LABELS
from handlers.eligibility.writer import (
    Writer,
    amount_text,
    bpu_sector,
    joins,
    payslip_quotes,
)
from handlers.menu import CALL_CENTER


def programs_open(result: Eligibility, with_jht: bool) -> list[Program]:
    """The programs a registration would take: compulsory ones, plus JHT when chosen."""
    chosen = [r.program for r in result.programs if r.access is Access.YES]
    if with_jht and result[Program.JHT].access is Access.OPTIONAL:
        chosen.append(Program.JHT)
    return chosen


def _groups(w: Writer) -> list[str]:
    """Lines "Compulsory: …", "Optional: …", "Not for you: …, why", "Not confirmed: …, why"."""
    _ = w.turn._
    lines, by_access = [], {a: [r for r in w.result.programs if r.access is a] for a in Access}
    if by_access[Access.YES]:
        lines.append(
            _("Compulsory: {programs}.").format(
                programs=w.names(r.program for r in by_access[Access.YES])
            )
        )
    if by_access[Access.OPTIONAL]:
        for rule in by_access[Access.OPTIONAL]:
            lines.append(
                _("Optional: {programs}, {reason}.").format(
                    programs=w.names([rule.program]), reason=w.reason(rule.reason)
                )
            )
    for access, label in (
        (Access.NO, N_("Not for you: {programs}, {reason}.")),
        (Access.UNCERTAIN, N_("Not confirmed: {programs}, {reason}.")),
    ):
        reasons: dict[str, list[Program]] = {}
        for rule in by_access[access]:
            reasons.setdefault(w.reason(rule.reason), []).append(rule.program)
        for reason, programs in reasons.items():
            lines.append(_(label).format(programs=w.names(programs), reason=reason))
    return lines


def _headline(w: Writer, answers: dict[str, Any]) -> str:
    _ = w.turn._
    accesses = {r.access for r in w.result.programs}
    work = WorkKind(answers["work"])
    if accesses & {Access.YES, Access.OPTIONAL}:
        if answers.get("already_participant") and work is WorkKind.SELF_EMPLOYED:
            return _("You are already a participant. Keep paying every month to stay protected.")
        return _(
            {
                WorkKind.SELF_EMPLOYED: N_("Yes, you can join as a self-employed worker (BPU)."),
                WorkKind.WAGE_EARNER: N_(
                    "As an employee (PU), your employer must register you and pays most of the "
                    "contributions."
                ),
                WorkKind.CONSTRUCTION: N_(
                    "As a construction project worker, you are protected through the project."
                ),
                WorkKind.MIGRANT: N_("Yes. As a migrant worker (PMI) you must join."),
            }[work]
        )
    if Access.UNCERTAIN in accesses:
        return _(
            "I cannot confirm your case from the rules I have. Please check with call center "
            "{phone}."
        ).format(phone=CALL_CENTER)
    return _(
        "Sorry, you cannot register this way now. If you registered earlier, call center {phone} "
        "can check your status."
    ).format(phone=CALL_CENTER)


def summary(turn: Turn, result: Eligibility, answers: dict[str, Any]) -> str:
    """The first message: the decision, the programs, this month's cost."""
    w = Writer(turn, result)
    parts = [_headline(w, answers), "\n".join(_groups(w))]
    work = WorkKind(answers["work"])
    if work is WorkKind.SELF_EMPLOYED and answers.get("monthly_income"):
        parts.append(_bpu_cost(w, answers))
    elif work is WorkKind.WAGE_EARNER and answers.get("monthly_income"):
        parts.append(payslip(w, answers))
    elif work is WorkKind.MIGRANT and joins(result):
        parts.append(_migrant_cost(w))
    elif work is WorkKind.CONSTRUCTION and joins(result):
        parts.append(
            turn._(
                "You pay nothing yourself. Ask your contractor whether the project is registered; "
                "call center {phone} can check it."
            ).format(phone=CALL_CENTER)
        )
        parts.append(_bpu_outside_projects(w))
    return "\n\n".join(p for p in parts if p)


def _bpu_outside_projects(w: Writer) -> str:
    """A project covers its own work only: a freelance builder may also join as a BPU.

    Why: a labourer told only "protected through the project" was left unprotected on the
    jobs between projects (issue 13); the answer's "Register now" button registers him.
    """
    return w.turn._(
        "Also working on your own outside a project, for example repairing a neighbour's "
        "house? You can register yourself as a self-employed worker (BPU) too."
    )


def _discount_window(answers: dict[str, Any]) -> F.Dated:
    return (
        F.BPU_DISCOUNT_TRANSPORT
        if bpu_sector(answers) is BpuSector.TRANSPORT
        else F.BPU_DISCOUNT_OTHER
    )


def _bpu_quotes(w: Writer, answers: dict[str, Any]) -> tuple[Quote, Quote]:
    income, today = Decimal(answers["monthly_income"]), w.result.today
    sector = bpu_sector(answers)
    return (
        bpu_monthly(income, today, sector=sector),
        bpu_monthly(income, today, sector=sector, with_jht=True),
    )


def _bpu_cost(w: Writer, answers: dict[str, Any]) -> str:
    if not joins(w.result):
        return ""
    return bpu_cost(w, answers, jht_optional=w.result[Program.JHT].access is Access.OPTIONAL)


def bpu_cost(w: Writer, answers: dict[str, Any], *, jht_optional: bool) -> str:
    """This month's cost of a self-employed income, with JHT when it may be added.

    Also said before the check ends: the cost does not depend on the age still asked.
    """
    _, t = w.turn._, w.turn.t
    base, with_jht = _bpu_quotes(w, answers)
    lines = [
        _("Cost this month, for an income of {income}:").format(
            income=t.rupiah(Decimal(answers["monthly_income"]))
        )
    ]
    lines.append(_("- JKK + JKM: {amount}").format(amount=amount_text(w, base.total())))
    if Note.DISCOUNT_PP_50_2025 in base.notes:
        window = _discount_window(answers)
        assert window.end is not None
        lines.append(
            _(
                "  {rate} off under PP 50/2025 for contributions from {start} to {end}; normally "
                "{full}."
            ).format(
                rate=w.percent(F.BPU_DISCOUNT_RATE.value),
                start=t.date(window.start),
                end=t.date(window.end - timedelta(days=1)),
                full=amount_text(w, _undiscounted(base)),
            )
        )
    if jht_optional:
        label = (
            _("- With JHT (your choice): {amount}")
            if answers.get("with_jht")
            else _("- With JHT: {amount}")
        )
        lines.append(label.format(amount=amount_text(w, with_jht.total())))
    if Note.BASE_RAISED_TO_MINIMUM in base.notes:
        lines.append(
            _("The lowest income you can declare is {minimum}, so I used that.").format(
                minimum=t.rupiah(F.BPU_MIN_BASE.value)
            )
        )
    if Note.BRACKET_TABLE_UNCONFIRMED in base.notes or base.uncertain:
        lines.append(
            _(
                "Worked out with the {rate} rule; the official income table is not confirmed "
                "here. Check the exact amount with call center {phone}."
            ).format(rate=w.percent(F.BPU_JKK_RATE.value), phone=CALL_CENTER)
        )
    return "\n".join(lines)


def _undiscounted(quote: Quote) -> Decimal | None:
    total = quote.total()
    return None if total is None else total + quote.discount


def _total_text(w: Writer, quotes: list[Quote], payer: Payer) -> str:
    totals = [q.total(payer) for q in quotes]
    if any(t is None for t in totals):
        known = [
            sum(
                (x.amount for x in q.lines if x.payer is payer and x.amount is not None), Decimal(0)
            )
            for q in quotes
        ]
        low, high = min(known), max(known)
        shown = (
            w.turn.t.rupiah(low)
            if low == high
            else f"{w.turn.t.rupiah(low)}–{w.turn.t.rupiah(high)}"
        )
        return w.turn._("{amount} + JP (ask {phone})").format(amount=shown, phone=CALL_CENTER)
    low, high = min(t for t in totals if t is not None), max(t for t in totals if t is not None)
    return (
        w.turn.t.rupiah(low) if low == high else f"{w.turn.t.rupiah(low)}–{w.turn.t.rupiah(high)}"
    )


def payslip(w: Writer, answers: dict[str, Any]) -> str:
    """An employee's monthly cost: his share and his employer's (a range until the risk is known).

    Also said before the check ends, when he asked it: his own share needs no risk level.
    """
    _, t = w.turn._, w.turn.t
    if not joins(w.result):
        return ""
    quotes = payslip_quotes(w, answers)
    lines = [
        _("Each month, for a wage of {wage}:").format(
            wage=t.rupiah(Decimal(answers["monthly_income"]))
        )
    ]
    lines.append(_("- From your pay: {amount}").format(amount=_total_text(w, quotes, Payer.WORKER)))
    lines.append(
        _("- Paid by your employer: {amount}").format(amount=_total_text(w, quotes, Payer.EMPLOYER))
    )
    if w.result[Program.JP].access is not Access.NO:
        lines.append(_jp_cap_line(w))
    return "\n".join(lines)


def _jp_cap_line(w: Writer) -> str:
    _, t, today = w.turn._, w.turn.t, w.result.today
    cap = jp_wage_cap(today)
    if cap is not None:
        return _("JP counts the wage up to {cap}.").format(cap=t.rupiah(cap))
    latest = F.JP_WAGE_CAP[-1]
    assert latest.value is not None and latest.end is not None
    return _("The JP wage cap after {end} is not confirmed (before: {cap}); ask {phone}.").format(
        end=t.date(latest.end - timedelta(days=1)), cap=t.rupiah(latest.value), phone=CALL_CENTER
    )


def _migrant_cost(w: Writer) -> str:
    _, t = w.turn._, w.turn.t
    options = ", ".join(
        _("{months} months {amount}").format(
            months=months, amount=t.rupiah(F.PMI_PLACEMENT[months].value)
        )
        for months in sorted(F.PMI_PLACEMENT)
    )
    return _(
        "Cost of JKK + JKM, paid once: {before} before you leave, plus for the contract: "
        "{options}. JHT is optional: {low} to {high} a month."
    ).format(
        before=t.rupiah(F.PMI_PRE_PLACEMENT.value),
        options=options,
        low=t.rupiah(F.PMI_JHT_CHOICES[0]),
        high=t.rupiah(F.PMI_JHT_CHOICES[-1]),
    )


def risk_label(turn: Turn, risk: RiskClass) -> str:
    """A risk-class button label: "Very low (0,24%)"."""
    return f"{turn._(RISK_LABELS[risk])} ({turn.t.number(F.PU_JKK_RATE[risk].value)}%)"
