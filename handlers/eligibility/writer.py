"""What the eligibility answer and its details share: the Writer and the quotes behind the costs.

Every figure comes from `bot.domain.facts` or, for the benefit lines, from the constants below
with their source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bot.domain import facts as F
from bot.domain.contributions import BpuSector, Quote, wage_earner
from bot.domain.eligibility import Access, Eligibility, Reason
from bot.domain.facts import Program, RiskClass
from bot.routing import Turn
from handlers.eligibility.texts import NAMES, REASONS
from handlers.menu import CALL_CENTER

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


def joins(result: Eligibility) -> bool:
    """Some program is open (compulsory or optional): only then is there a cost to show."""
    return any(r.access in (Access.YES, Access.OPTIONAL) for r in result.programs)


def bpu_sector(answers: dict[str, Any]) -> BpuSector:
    return BpuSector(answers.get("sector", BpuSector.OTHER.value))


def amount_text(w: Writer, amount: Decimal | None) -> str:
    """An amount in rupiah; where the rules leave it open, where to ask."""
    return (
        w.turn.t.rupiah(amount)
        if amount is not None
        else w.turn._("ask {phone}").format(phone=CALL_CENTER)
    )


def risk_class(answers: dict[str, Any]) -> RiskClass | None:
    value = answers.get("risk_class")
    return RiskClass(value) if value in {r.value for r in RiskClass} else None


def payslip_quotes(w: Writer, answers: dict[str, Any]) -> list[Quote]:
    wage, risk, today = Decimal(answers["monthly_income"]), risk_class(answers), w.result.today
    jp = w.result[Program.JP].access is not Access.NO
    risks = [risk] if risk else [RiskClass.VERY_LOW, RiskClass.VERY_HIGH]
    return [wage_earner(wage, r, today, jp_enrolled=jp) for r in risks]
