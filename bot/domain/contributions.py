"""Monthly contributions (iuran): pure Decimal arithmetic from the figures in `facts`.

Every amount is a `Line` (who pays, for which programs, rate and base); a `Quote` sums them.
An amount the knowledge cannot give is None and marked uncertain: the bot says what it knows
and points to call center 175. No rounding rule is in the knowledge, so amounts are exact;
round only for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.domain import facts as F
from bot.domain.facts import Program, RiskClass

Money = Decimal | int
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class Payer(StrEnum):
    """Who pays a line."""

    WORKER = "worker"  # deducted from a wage earner's pay
    EMPLOYER = "employer"
    PARTICIPANT = "participant"  # a BPU or migrant worker paying for themselves


class BpuSector(StrEnum):
    """PP 50/2025 gives transport BPU a longer discount window (facts.md:119-120)."""

    TRANSPORT = "transport"  # ojol, ojek pangkalan, drivers, couriers
    OTHER = "other"


class Note(StrEnum):
    """Why a quote looks the way it does; translated by the chat flow."""

    BASE_RAISED_TO_MINIMUM = "base_raised_to_minimum"
    BRACKET_TABLE_UNCONFIRMED = "bracket_table_unconfirmed"
    MAX_BASE_UNCONFIRMED = "max_base_unconfirmed"
    DISCOUNT_PP_50_2025 = "discount_pp_50_2025"
    STATE_FUNDED_NO_DISCOUNT = "state_funded_no_discount"
    STIMULUS_2025_UNCONFIRMED = "stimulus_2025_unconfirmed"
    JP_WAGE_CAPPED = "jp_wage_capped"
    JP_CAP_UNKNOWN = "jp_cap_unknown"
    JP_NOT_ENROLLED = "jp_not_enrolled"
    JKP_NO_EXTRA_CONTRIBUTION = "jkp_no_extra_contribution"
    PMI_CONTRACT_LENGTH_UNCONFIRMED = "pmi_contract_length_unconfirmed"


@dataclass(frozen=True, slots=True)
class Line:
    """One payer's share for one or more programs; `amount` None means not known."""

    programs: tuple[Program, ...]
    payer: Payer
    amount: Decimal | None
    regulation: str
    rate: Decimal | None = None  # percent of `base`; None for flat amounts
    base: Decimal | None = None
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    """A set of lines; `discount` is what a discount took off (0 when none)."""

    lines: tuple[Line, ...]
    notes: tuple[Note, ...] = ()
    discount: Decimal = ZERO

    def total(self, payer: Payer | None = None) -> Decimal | None:
        """Sum of the lines (of one payer); None when any of them is unknown."""
        amounts = [line.amount for line in self.lines if payer in (None, line.payer)]
        if any(amount is None for amount in amounts):
            return None
        return _tidy(sum((a for a in amounts if a is not None), ZERO))

    @property
    def uncertain(self) -> bool:
        """True when any line needs the "ask 175" answer."""
        return any(line.uncertain for line in self.lines)


@dataclass(frozen=True, slots=True)
class PeriodQuote:
    """Several months paid at once; each month priced on its own (discounts are dated)."""

    first_month: date
    months: tuple[Quote, ...]

    @property
    def total(self) -> Decimal | None:
        """What the participant pays for the whole period, or None if any month is unknown."""
        totals = [quote.total() for quote in self.months]
        if any(t is None for t in totals):
            return None
        return _tidy(sum((t for t in totals if t is not None), ZERO))

    @property
    def uncertain(self) -> bool:
        """True when any month is uncertain."""
        return any(quote.uncertain for quote in self.months)


def _money(value: Money, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be Decimal or int, not {type(value).__name__}")
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{what} must be a finite amount >= 0")
    return amount


def _tidy(amount: Decimal) -> Decimal:
    """Drop trailing zeros, keep the value: Decimal('16800.00') -> Decimal('16800')."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.normalize()


def _pct(base: Decimal, rate: Decimal) -> Decimal:
    return _tidy(base * rate / HUNDRED)


def _line(
    program: Program,
    payer: Payer,
    fact: F.Fact,
    base: Decimal | None,
    amount: Decimal | None,
    uncertain: bool = False,
) -> Line:
    """Build a line for `fact`: a percent of `base`, or a flat amount when `base` is None."""
    rate = None if base is None else fact.value
    return Line((program,), payer, amount, fact.regulation, rate, base, uncertain)


def _rated(program: Program, payer: Payer, fact: F.Fact, base: Decimal) -> Line:
    """Build a line of `fact` percent of `base`."""
    return _line(program, payer, fact, base, _pct(base, fact.value))


def _bpu_discount(month: date, sector: BpuSector) -> F.Dated | None:
    window = F.BPU_DISCOUNT_TRANSPORT if sector is BpuSector.TRANSPORT else F.BPU_DISCOUNT_OTHER
    return window if window.covers(month) else None


def bpu_monthly(
    declared_income: Money,
    month: date,
    *,
    sector: BpuSector = BpuSector.OTHER,
    with_jht: bool = False,
    state_funded: bool = False,
) -> Quote:
    """Price a self-employed worker's contribution for the contribution month `month`.

    JKK 1 % of the declared income (at least Rp1.000.000) + JKM Rp6.800, JHT 2 % if chosen:
    PP 44/2015 jo PP 82/2019, PP 46/2015; 50 % off JKK and JKM in PP 50/2025's windows
    (not for APBN/APBD-funded members). Pass `today` as `month` for this month's amount.

    >>> bpu_monthly(1_000_000, date(2025, 11, 1)).total()
    Decimal('16800')
    >>> bpu_monthly(1_000_000, date(2026, 4, 1)).total()  # PP 50/2025 discount
    Decimal('8400')
    >>> bpu_monthly(1_000_000, date(2026, 4, 1), with_jht=True).total()
    Decimal('28400')
    """
    income = _money(declared_income, "declared_income")
    notes: list[Note] = []
    base = max(income, F.BPU_MIN_BASE.value)
    if income < F.BPU_MIN_BASE.value:
        notes.append(Note.BASE_RAISED_TO_MINIMUM)
    elif base != F.BPU_MIN_BASE.value:
        notes.append(Note.BRACKET_TABLE_UNCONFIRMED)
    over_max = base > F.BPU_MAX_BASE.value
    if over_max:
        notes.append(Note.MAX_BASE_UNCONFIRMED)
    stimulus = sector is BpuSector.TRANSPORT and F.BPU_STIMULUS_2025_TRANSPORT.covers(month)
    if stimulus:
        notes.append(Note.STIMULUS_2025_UNCONFIRMED)
    window = _bpu_discount(month, sector)
    if window is not None and state_funded:
        notes.append(Note.STATE_FUNDED_NO_DISCOUNT)
        window = None
    keep = HUNDRED - F.BPU_DISCOUNT_RATE.value if window is not None else HUNDRED
    if window is not None:
        notes.append(Note.DISCOUNT_PP_50_2025)

    jkk_full = None if over_max else _pct(base, F.BPU_JKK_RATE.value)
    jkm_full = F.BPU_JKM_FLAT.value
    discount = sum((a - _pct(a, keep) for a in (jkk_full, jkm_full) if a is not None), ZERO)
    jkk = None if jkk_full is None else _pct(jkk_full, keep)
    lines = [
        _line(Program.JKK, Payer.PARTICIPANT, F.BPU_JKK_RATE, base, jkk, over_max or stimulus),
        _line(Program.JKM, Payer.PARTICIPANT, F.BPU_JKM_FLAT, None, _pct(jkm_full, keep), stimulus),
    ]
    if with_jht:
        jht = None if over_max else _pct(base, F.BPU_JHT_RATE.value)
        lines.append(_line(Program.JHT, Payer.PARTICIPANT, F.BPU_JHT_RATE, base, jht, over_max))
    return Quote(tuple(lines), tuple(notes), _tidy(discount))


def bpu_period(
    declared_income: Money,
    first_month: date,
    months: int,
    *,
    sector: BpuSector = BpuSector.OTHER,
    with_jht: bool = False,
    state_funded: bool = False,
) -> PeriodQuote:
    """Paying 1, 2, 3, 6 or 12 months at once (faq.md:64), each month at its own dated rate.

    Permenaker 5/2021 (payment in advance); PP 50/2025 discount per contribution month.

    >>> bpu_period(1_000_000, date(2026, 1, 1), 12).total  # Jan-Mar 16.800, Apr-Dec 8.400
    Decimal('126000')
    """
    if months not in F.BPU_PAYMENT_MONTHS:
        raise ValueError(f"months must be one of {F.BPU_PAYMENT_MONTHS}")
    start = first_month.replace(day=1)
    quotes = [
        bpu_monthly(
            declared_income, on, sector=sector, with_jht=with_jht, state_funded=state_funded
        )
        for on in month_starts(start, months)
    ]
    return PeriodQuote(start, tuple(quotes))


def month_starts(first_month: date, months: int) -> list[date]:
    """The first day of `months` consecutive months from `first_month`'s month.

    >>> month_starts(date(2026, 11, 21), 3)
    [datetime.date(2026, 11, 1), datetime.date(2026, 12, 1), datetime.date(2027, 1, 1)]
    """
    start = first_month.replace(day=1)
    return [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        for i in range(months)
    ]


def jp_wage_cap(on: date) -> Decimal | None:
    """Return the JP wage cap in force on `on`, or None where the knowledge has no figure.

    PP 45/2015 Pasal 28-29; adjusted every March (facts.md:107-108).

    >>> jp_wage_cap(date(2026, 2, 28)), jp_wage_cap(date(2026, 3, 1))
    (Decimal('10547400'), None)
    """
    row = F.dated(F.JP_WAGE_CAP, on)
    return None if row is None else row.value


def _jp_lines(wage: Decimal, today: date) -> tuple[list[Line], list[Note]]:
    """JP 2 % employer + 1 % worker on the wage up to the cap (PP 45/2015 Pasal 28-29)."""
    cap, notes, uncertain = jp_wage_cap(today), [], False
    base: Decimal | None = wage
    if cap is None:
        notes.append(Note.JP_CAP_UNKNOWN)
        uncertain = True
        latest = F.JP_WAGE_CAP[-1]
        # After the last known cap, a wage below it is very likely under the new cap too.
        if today < latest.start or latest.value is None or wage > latest.value:
            base = None
    elif wage > cap:
        notes.append(Note.JP_WAGE_CAPPED)
        base = cap
    rates = ((Payer.EMPLOYER, F.PU_JP_EMPLOYER_RATE), (Payer.WORKER, F.PU_JP_WORKER_RATE))
    lines = [
        _line(Program.JP, payer, fact, base, base and _pct(base, fact.value), uncertain)
        for payer, fact in rates
    ]
    return lines, notes


def wage_earner(wage: Money, risk: RiskClass, today: date, *, jp_enrolled: bool = True) -> Quote:
    """Employer and worker shares for a monthly wage (basic + fixed allowances): payslip check.

    JKK by risk class and JKM 0,30 % employer (PP 44/2015); JHT 3,7 % + 2 % (PP 46/2015);
    JP 2 % + 1 % up to the cap (PP 45/2015); JKP costs neither side extra (PP 6/2025 Pasal 11).

    >>> q = wage_earner(5_000_000, RiskClass.VERY_LOW, date(2025, 6, 1))
    >>> q.total(Payer.WORKER), q.total(Payer.EMPLOYER)
    (Decimal('150000'), Decimal('312000'))
    """
    pay = _money(wage, "wage")
    e, w = Payer.EMPLOYER, Payer.WORKER
    lines = [
        _rated(Program.JKK, e, F.PU_JKK_RATE[risk], pay),
        _rated(Program.JKM, e, F.PU_JKM_EMPLOYER_RATE, pay),
        _rated(Program.JHT, e, F.PU_JHT_EMPLOYER_RATE, pay),
        _rated(Program.JHT, w, F.PU_JHT_WORKER_RATE, pay),
    ]
    notes: list[Note] = []
    if jp_enrolled:
        jp, jp_notes = _jp_lines(pay, today)
        lines += jp
        notes += jp_notes
    else:
        notes.append(Note.JP_NOT_ENROLLED)
    if F.dated(F.JKP_FROM_JKM_RATE, today) is not None:  # JKP exists: funded, not paid extra
        reg = F.JKP_GOVERNMENT_RATE.regulation
        lines += [Line((Program.JKP,), e, ZERO, reg), Line((Program.JKP,), w, ZERO, reg)]
        notes.append(Note.JKP_NO_EXTRA_CONTRIBUTION)
    return Quote(tuple(lines), tuple(notes))


def migrant(contract_months: int, *, pre_placement: bool = True) -> Quote:
    """Price a migrant worker's one-off JKK+JKM: Rp37.500 before placement + the contract.

    Permenaker 4/2023 (faq.md:335). Only 6-, 12- and 24-month contracts have a figure; JHT is
    separate, chosen monthly from `facts.PMI_JHT_CHOICES`.

    >>> migrant(24).total()
    Decimal('370000')
    """
    both = (Program.JKK, Program.JKM)
    lines = []
    if pre_placement:
        fact = F.PMI_PRE_PLACEMENT
        lines.append(Line(both, Payer.PARTICIPANT, fact.value, fact.regulation))
    placement = F.PMI_PLACEMENT.get(contract_months)
    if placement is None:
        reg = F.PMI_PRE_PLACEMENT.regulation
        lines.append(Line(both, Payer.PARTICIPANT, None, reg, uncertain=True))
        return Quote(tuple(lines), (Note.PMI_CONTRACT_LENGTH_UNCONFIRMED,))
    lines.append(Line(both, Payer.PARTICIPANT, placement.value, placement.regulation))
    return Quote(tuple(lines))


class Funding(StrEnum):
    """A government-funded group's funding-source code at BPJS Ketenagakerjaan (facts.md §8.5)."""

    SD = "SD"  # a village, through its APBDes
    SA = "SA"  # a village, through the APBD
    SG = "SG"  # a government (APBN/APBD)
    SL = "SL"  # other funds (zakat, CSR, …)

    @property
    def state_funded(self) -> bool:
        """Paid from the APBN, an APBD or a village budget: no PP 50/2025 discount (§3.2)."""
        return self is not Funding.SL


def programme_budget(
    quota: int, first_month: date, months: int, funding: Funding, *, with_jht: bool = False
) -> Decimal:
    """What a sponsor budgets: quota × each month's lowest-bracket contribution, month by month.

    A village or district pays JKK+JKM (JHT if chosen) at the lowest bracket, Rp16.800 a
    person a month (facts.md §8.2); PP 50/2025's discount does not reach contributions paid
    from the APBN or APBD, so state funding is priced in full, other funding by its month.

    >>> programme_budget(100, date(2026, 4, 1), 12, Funding.SD)
    Decimal('20160000')
    >>> programme_budget(100, date(2026, 4, 1), 12, Funding.SL)  # Apr-Dec 8.400, Jan-Mar 16.800
    Decimal('12600000')
    """
    if quota < 0 or months < 1:
        raise ValueError("quota must be >= 0 and months >= 1")
    total = ZERO
    for on in month_starts(first_month, months):
        quote = bpu_monthly(
            F.BPU_MIN_BASE.value, on, with_jht=with_jht, state_funded=funding.state_funded
        )
        monthly = quote.total()
        if monthly is None:  # unreachable at the lowest bracket: every figure is known
            raise ValueError("no contribution known for the lowest bracket")
        total += monthly
    return _tidy(total * quota)
