"""The answer of the eligibility chat: who may join what, what it costs, what it gives, how to pay.

Built from the pure rules (`bot.domain.eligibility`, `bot.domain.contributions`) and the
answers saved by `handlers.eligibility`; every figure comes from `bot.domain.facts` or, for
the benefit lines, from the constants below with their source. A first message that fits a
phone screen, and the details behind "Selengkapnya".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from bot.domain import facts as F
from bot.domain.contributions import (
    BpuSector,
    Note,
    Payer,
    Quote,
    bpu_monthly,
    bpu_period,
    jp_wage_cap,
    migrant,
    wage_earner,
)
from bot.domain.eligibility import Access, Eligibility, Reason, WorkKind
from bot.domain.facts import Program, RiskClass
from bot.i18n import N_
from bot.routing import Turn
from handlers.eligibility_text import BENEFITS, NAMES, PAYMENT_PERIODS, REASONS, RISK_LABELS

CALL_CENTER = "175"  # official-faq.md §K
# Benefit figures quoted in one line each (facts.md §1.2, §1.6; PP 82/2019, PP 6/2025).
JKM_TOTAL = Decimal(42_000_000)
JKP_WAGE_CAP = Decimal(5_000_000)
JKP_WAGE_SHARE = Decimal(60)  # percent of the wage, at most 6 months
JP_MIN_MONTHS = 180  # 15 years (facts.md §1.5, PP 45/2015)


@dataclass
class Writer:
    """Texts for one answer: names a program in full the first time, short after."""

    turn: Turn
    result: Eligibility
    named: set[Program] = field(default_factory=set)

    def name(self, program: Program) -> str:
        if program in self.named:
            return program.name
        self.named.add(program)
        return self.turn._(NAMES[program])

    def names(self, programs: Iterable[Program]) -> str:
        listed = [self.name(p) for p in programs]
        if len(listed) < 2:
            return "".join(listed)
        return self.turn._("{first} and {last}").format(
            first=", ".join(listed[:-1]), last=listed[-1]
        )

    def reason(self, reason: Reason) -> str:
        return self.turn._(REASONS[reason]).format(**self.figures)

    @property
    def figures(self) -> dict[str, Any]:
        return {
            "months": F.FOREIGNER_MIN_MONTHS.value,
            "bpu_age": F.BPU_FIRST_REGISTRATION_AGE_LIMIT.value,
            "jkp_age": F.JKP_REGISTRATION_AGE_LIMIT.value,
            "pension_age": self.result.pension_age,
            "year": self.result.today.year,
            "years": JP_MIN_MONTHS // 12,
            "amount": self.turn.t.rupiah(JKM_TOTAL),
            "cap": self.turn.t.rupiah(JKP_WAGE_CAP),
            "share": self.percent(JKP_WAGE_SHARE),
        }

    def percent(self, rate: Decimal) -> str:
        return f"{self.turn.t.number(rate)}%"


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
        parts.append(_payslip(w, answers))
    elif work is WorkKind.MIGRANT and _joins(result):
        parts.append(_migrant_cost(w))
    elif work is WorkKind.CONSTRUCTION and _joins(result):
        parts.append(
            turn._(
                "You pay nothing yourself. Ask your contractor whether the project is registered; "
                "call center {phone} can check it."
            ).format(phone=CALL_CENTER)
        )
    return "\n\n".join(p for p in parts if p)


def _joins(result: Eligibility) -> bool:
    return any(r.access in (Access.YES, Access.OPTIONAL) for r in result.programs)


def _sector(answers: dict[str, Any]) -> BpuSector:
    return BpuSector(answers.get("sector", BpuSector.OTHER.value))


def _discount_window(answers: dict[str, Any]) -> F.Dated:
    return (
        F.BPU_DISCOUNT_TRANSPORT
        if _sector(answers) is BpuSector.TRANSPORT
        else F.BPU_DISCOUNT_OTHER
    )


def _bpu_quotes(w: Writer, answers: dict[str, Any]) -> tuple[Quote, Quote]:
    income, today = Decimal(answers["monthly_income"]), w.result.today
    sector = _sector(answers)
    return (
        bpu_monthly(income, today, sector=sector),
        bpu_monthly(income, today, sector=sector, with_jht=True),
    )


def _amount(w: Writer, amount: Decimal | None) -> str:
    return (
        w.turn.t.rupiah(amount)
        if amount is not None
        else w.turn._("ask {phone}").format(phone=CALL_CENTER)
    )


def _bpu_cost(w: Writer, answers: dict[str, Any]) -> str:
    _, t = w.turn._, w.turn.t
    if not _joins(w.result):
        return ""
    base, with_jht = _bpu_quotes(w, answers)
    lines = [
        _("Cost this month, for an income of {income}:").format(
            income=t.rupiah(Decimal(answers["monthly_income"]))
        )
    ]
    lines.append(_("- JKK + JKM: {amount}").format(amount=_amount(w, base.total())))
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
                full=_amount(w, _undiscounted(base)),
            )
        )
    if w.result[Program.JHT].access is Access.OPTIONAL:
        label = (
            _("- With JHT (your choice): {amount}")
            if answers.get("with_jht")
            else _("- With JHT: {amount}")
        )
        lines.append(label.format(amount=_amount(w, with_jht.total())))
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


def _risk(answers: dict[str, Any]) -> RiskClass | None:
    value = answers.get("risk_class")
    return RiskClass(value) if value in {r.value for r in RiskClass} else None


def _payslip_quotes(w: Writer, answers: dict[str, Any]) -> list[Quote]:
    wage, risk, today = Decimal(answers["monthly_income"]), _risk(answers), w.result.today
    jp = w.result[Program.JP].access is not Access.NO
    risks = [risk] if risk else [RiskClass.VERY_LOW, RiskClass.VERY_HIGH]
    return [wage_earner(wage, r, today, jp_enrolled=jp) for r in risks]


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


def _payslip(w: Writer, answers: dict[str, Any]) -> str:
    _, t = w.turn._, w.turn.t
    if not _joins(w.result):
        return ""
    quotes = _payslip_quotes(w, answers)
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


def details(turn: Turn, result: Eligibility, answers: dict[str, Any]) -> list[str]:
    """What each program gives and why, then the cost in detail and how to pay."""
    w = Writer(turn, result, named=set(Program))
    _ = turn._
    open_ = [r for r in result.programs if r.access in (Access.YES, Access.OPTIONAL)]
    closed = [r for r in result.programs if r.access in (Access.NO, Access.UNCERTAIN)]
    gives = [_("What each program gives:")] if open_ else []
    gives += [_(BENEFITS[r.program]).format(**w.figures) for r in open_]
    if open_:
        regulations = "; ".join(sorted({r.regulation for r in open_}))
        gives.append(_("Who may join: {regulations}.").format(regulations=regulations))
    if closed:
        gives.append(_("Why not, or not yet:") if open_ else _("Why:"))
        gives += [
            _("- {program}: {reason} ({regulation})").format(
                program=r.program.name, reason=w.reason(r.reason), regulation=r.regulation
            )
            for r in closed
        ]
    messages = ["\n".join(gives)]
    work = WorkKind(answers["work"])
    if work is WorkKind.SELF_EMPLOYED and answers.get("monthly_income") and _joins(result):
        messages.append(_bpu_payment(w, answers))
    elif work is WorkKind.WAGE_EARNER and answers.get("monthly_income") and _joins(result):
        messages.append(_payslip_lines(w, answers))
    elif work is WorkKind.MIGRANT and _joins(result):
        messages.append(_migrant_payment(w))
    if result.uncertain:
        messages.append(
            _(
                "Some rules for your case are not confirmed. Call center {phone} or the nearest "
                "branch office can check them for you."
            ).format(phone=CALL_CENTER)
        )
    return messages


def _bpu_payment(w: Writer, answers: dict[str, Any]) -> str:
    _, t, today = w.turn._, w.turn.t, w.result.today
    income, sector = Decimal(answers["monthly_income"]), _sector(answers)
    with_jht = bool(answers.get("with_jht"))
    lines = [
        _("You may pay several months at once, starting with {month}:").format(
            month=t.date(today.replace(day=1))
        )
    ]
    for months, label in PAYMENT_PERIODS.items():
        period = bpu_period(income, today, months, sector=sector, with_jht=with_jht)
        lines.append(f"- {_(label)}: {_amount(w, period.total)}")
    lines.append(
        _("With JHT included.")
        if with_jht
        else _("JKK + JKM only; JHT adds {rate} of the income each month.").format(
            rate=w.percent(F.BPU_JHT_RATE.value)
        )
    )
    lines.append(
        _(
            "Pay with your 16-digit NIK as the payment code: at a bank, the post office, "
            "Indomaret or "
            "Alfamart, the JMO app or a PERISAI agent, by the 15th of each month. After 3 months "
            "unpaid the protection stops. Pay only through official channels, never to a person "
            "in a chat."
        )
    )
    return "\n".join(lines)


def _payslip_lines(w: Writer, answers: dict[str, Any]) -> str:
    _ = w.turn._
    quote = _payslip_quotes(w, answers)[0]
    risk = _risk(answers) or RiskClass.VERY_LOW
    payer_label: dict[Payer, Callable[[], str]] = {
        Payer.WORKER: lambda: _("you"),
        Payer.EMPLOYER: lambda: _("employer"),
        Payer.PARTICIPANT: lambda: _("you"),
    }
    rates = {
        (Program.JP, Payer.EMPLOYER): F.PU_JP_EMPLOYER_RATE.value,
        (Program.JP, Payer.WORKER): F.PU_JP_WORKER_RATE.value,
    }
    lines = [_("Your payslip, program by program:")]
    if _risk(answers) is None:
        lines.append(
            _("(JKK shown for the very low risk class, {rate}.)").format(
                rate=w.percent(F.PU_JKK_RATE[risk].value)
            )
        )
    for line in quote.lines:
        program = line.programs[0]
        if program is Program.JKP and line.payer is Payer.WORKER:
            continue  # one JKP line says it: neither side pays extra
        rate = line.rate if line.rate is not None else rates.get((program, line.payer))
        if line.amount == 0 and rate is None:
            lines.append(_("- {program}: no extra contribution").format(program=program.name))
            continue
        lines.append(
            _("- {program} {rate} ({payer}): {amount}").format(
                program=program.name,
                rate=w.percent(rate) if rate is not None else "",
                payer=payer_label[line.payer](),
                amount=_amount(w, line.amount),
            )
        )
    lines.append(
        _(
            "The wage here is the basic wage plus fixed allowances. Your employer pays by the "
            "15th of the next month."
        )
    )
    return "\n".join(lines)


def _migrant_payment(w: Writer) -> str:
    _, t = w.turn._, w.turn.t
    return _(
        "For a 24-month contract JKK + JKM cost {total} in all. Extending costs {extension} a "
        "month. Register before you leave, or abroad at the Indonesian embassy or consulate "
        "(KBRI/KJRI) or KDEI."
    ).format(
        total=t.rupiah(migrant(24).total() or Decimal(0)),
        extension=t.rupiah(F.PMI_EXTENSION_MONTHLY.value),
    )


def risk_label(turn: Turn, risk: RiskClass) -> str:
    """A risk-class button label: "Very low (0,24%)"."""
    return f"{turn._(RISK_LABELS[risk])} ({turn.t.number(F.PU_JKK_RATE[risk].value)}%)"
