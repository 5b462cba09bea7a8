"""The details behind "Selengkapnya": what each program gives and why, then how to pay."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from bot.domain import facts as F
from bot.domain.contributions import Payer, bpu_period, migrant
from bot.domain.eligibility import Access, Eligibility, WorkKind
from bot.domain.facts import Program, RiskClass
from bot.routing import Turn
from handlers.eligibility.texts import BENEFITS, PAYMENT_PERIODS
from handlers.eligibility.writer import (
    Writer,
    amount_text,
    bpu_sector,
    joins,
    payslip_quotes,
    risk_class,
)
from handlers.menu import CALL_CENTER


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
    if work is WorkKind.SELF_EMPLOYED and answers.get("monthly_income") and joins(result):
        messages.append(_bpu_payment(w, answers))
    elif work is WorkKind.WAGE_EARNER and answers.get("monthly_income") and joins(result):
        messages.append(_payslip_lines(w, answers))
    elif work is WorkKind.MIGRANT and joins(result):
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
    income, sector = Decimal(answers["monthly_income"]), bpu_sector(answers)
    with_jht = bool(answers.get("with_jht"))
    lines = [
        _("You may pay several months at once, starting with {month}:").format(
            month=t.date(today.replace(day=1))
        )
    ]
    for months, label in PAYMENT_PERIODS.items():
        period = bpu_period(income, today, months, sector=sector, with_jht=with_jht)
        lines.append(f"- {_(label)}: {amount_text(w, period.total)}")
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
    quote = payslip_quotes(w, answers)[0]
    risk = risk_class(answers) or RiskClass.VERY_LOW
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
    if risk_class(answers) is None:
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
                amount=amount_text(w, line.amount),
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
