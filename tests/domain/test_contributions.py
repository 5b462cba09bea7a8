"""Contribution arithmetic, row by row from /work/shared/knowledge.

Ids and comments cite facts.md:N and faq.md:N (official-faq.md line N).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.contributions import (
    BpuSector,
    Funding,
    Note,
    Payer,
    bpu_monthly,
    bpu_period,
    jp_wage_cap,
    migrant,
    programme_budget,
    wage_earner,
)
from bot.domain.facts import PMI_JHT_CHOICES, Program, RiskClass

D = Decimal
PLAIN = date(2025, 11, 1)  # no discount window
T, OTHER = BpuSector.TRANSPORT, BpuSector.OTHER


def amount(quote_lines: object, program: Program, payer: Payer) -> Decimal | None:
    lines = [ln for ln in quote_lines if program in ln.programs and ln.payer is payer]  # type: ignore[attr-defined]
    assert len(lines) == 1
    return lines[0].amount  # type: ignore[no-any-return]


# --- BPU: JKK 1 % of declared income (min Rp1 juta) + JKM Rp6.800, JHT 2 % ---------------
@pytest.mark.parametrize(
    ("income", "total", "with_jht", "note"),
    [
        pytest.param(
            500_000, "16800", "36800", Note.BASE_RAISED_TO_MINIMUM, id="faq.md:60 below minimum"
        ),
        pytest.param(
            999_999, "16800", "36800", Note.BASE_RAISED_TO_MINIMUM, id="faq.md:60 minimum - 1"
        ),
        pytest.param(1_000_000, "16800", "36800", None, id="faq.md:62 facts.md:117 minimum"),
        pytest.param(
            1_000_001,
            "16800.01",
            "36800.03",
            Note.BRACKET_TABLE_UNCONFIRMED,
            id="faq.md:61 minimum + 1",
        ),
        pytest.param(
            2_000_000, "26800", "66800", Note.BRACKET_TABLE_UNCONFIRMED, id="facts.md:116 Rp2 juta"
        ),
        pytest.param(
            20_700_000,
            "213800",
            "627800",
            Note.BRACKET_TABLE_UNCONFIRMED,
            id="facts.md:114 JKK Rp207.000 (single source max)",
        ),
    ],
)
def test_bpu_brackets(income: int, total: str, with_jht: str, note: Note | None) -> None:
    quote = bpu_monthly(income, PLAIN)
    assert quote.total() == D(total)
    assert bpu_monthly(income, PLAIN, with_jht=True).total() == D(with_jht)
    assert not quote.uncertain
    assert (note in quote.notes) if note else quote.notes == ()


def test_bpu_above_single_source_maximum_is_uncertain() -> None:  # facts.md:114-115
    quote = bpu_monthly(20_700_001, PLAIN, with_jht=True)
    assert quote.uncertain and Note.MAX_BASE_UNCONFIRMED in quote.notes
    assert quote.total() is None
    assert amount(quote.lines, Program.JKK, Payer.PARTICIPANT) is None
    assert amount(quote.lines, Program.JKM, Payer.PARTICIPANT) == D(6800)  # flat: faq.md:61


def test_bpu_jkm_is_flat() -> None:  # faq.md:61
    for income in (1_000_000, 5_000_000, 20_000_000):
        assert amount(bpu_monthly(income, PLAIN).lines, Program.JKM, Payer.PARTICIPANT) == D(6800)


# --- PP 50/2025 discount windows (facts.md:118-122, conflicts facts.md:306-307) -----------
@pytest.mark.parametrize(
    ("month", "sector", "total"),
    [
        pytest.param(date(2026, 3, 31), OTHER, "16800", id="facts.md:120 other: Mar 2026 full"),
        pytest.param(date(2026, 4, 1), OTHER, "8400", id="facts.md:120 other: Apr 2026 discounted"),
        pytest.param(
            date(2026, 12, 31), OTHER, "8400", id="facts.md:120 other: Dec 2026 discounted"
        ),
        pytest.param(date(2027, 1, 1), OTHER, "16800", id="facts.md:120 other: Jan 2027 full"),
        pytest.param(date(2025, 12, 31), T, "16800", id="facts.md:119 transport: Dec 2025 full"),
        pytest.param(date(2026, 1, 1), T, "8400", id="facts.md:119 transport: Jan 2026 discounted"),
        pytest.param(
            date(2027, 3, 31), T, "8400", id="facts.md:119 transport: Mar 2027 discounted"
        ),
        pytest.param(date(2027, 4, 1), T, "16800", id="facts.md:119 transport: Apr 2027 full"),
    ],
)
def test_bpu_discount_windows(month: date, sector: BpuSector, total: str) -> None:
    quote = bpu_monthly(1_000_000, month, sector=sector)
    assert quote.total() == D(total)
    discounted = total == "8400"
    assert (Note.DISCOUNT_PP_50_2025 in quote.notes) is discounted
    assert quote.discount == (D(8400) if discounted else D(0))


def test_discount_leaves_jht_alone() -> None:  # facts.md:122, facts.md:288
    quote = bpu_monthly(1_000_000, date(2026, 4, 1), with_jht=True)
    assert quote.total() == D(28400)
    assert amount(quote.lines, Program.JHT, Payer.PARTICIPANT) == D(20000)


def test_discount_on_higher_income() -> None:  # facts.md:118: 50 % off JKK and JKM
    assert bpu_monthly(2_000_000, date(2026, 6, 1)).total() == D(13400)


def test_state_funded_gets_no_discount() -> None:  # facts.md:121, facts.md:299
    quote = bpu_monthly(1_000_000, date(2026, 4, 1), state_funded=True)
    assert quote.total() == D(16800)
    assert Note.STATE_FUNDED_NO_DISCOUNT in quote.notes


@pytest.mark.parametrize(
    ("month", "uncertain"),
    [
        pytest.param(date(2025, 8, 31), False, id="facts.md:123 before Sep 2025"),
        pytest.param(date(2025, 9, 1), True, id="facts.md:123 Sep 2025 stimulus, dates unknown"),
        pytest.param(date(2025, 12, 1), True, id="facts.md:123 Dec 2025"),
    ],
)
def test_2025_transport_stimulus_is_uncertain(month: date, uncertain: bool) -> None:
    quote = bpu_monthly(1_000_000, month, sector=T)
    assert quote.uncertain is uncertain
    assert not bpu_monthly(1_000_000, month, sector=OTHER).uncertain


# --- paying several months at once (faq.md:64, facts.md:195) ----------------------------
@pytest.mark.parametrize(
    ("first", "months", "sector", "with_jht", "total"),
    [
        pytest.param(PLAIN, 1, OTHER, False, "16800", id="faq.md:64 1 month"),
        pytest.param(PLAIN, 2, OTHER, False, "33600", id="faq.md:64 2 months"),
        pytest.param(date(2025, 6, 1), 3, OTHER, False, "50400", id="facts.md:195 3 months"),
        pytest.param(date(2025, 6, 1), 6, OTHER, False, "100800", id="facts.md:195 6 months"),
        pytest.param(date(2025, 1, 1), 12, OTHER, False, "201600", id="facts.md:195 12 months"),
        pytest.param(
            date(2025, 1, 1), 12, OTHER, True, "441600", id="faq.md:62 12 months with JHT"
        ),
        pytest.param(date(2026, 2, 1), 3, OTHER, False, "42000", id="facts.md:120 Feb-Apr 2026"),
        pytest.param(date(2026, 1, 1), 6, OTHER, False, "75600", id="facts.md:120 Jan-Jun 2026"),
        pytest.param(date(2026, 1, 1), 12, OTHER, False, "126000", id="facts.md:120 2026 other"),
        pytest.param(date(2026, 1, 1), 12, OTHER, True, "366000", id="facts.md:122 2026 with JHT"),
        pytest.param(date(2026, 1, 1), 12, T, False, "100800", id="facts.md:119 2026 transport"),
        pytest.param(
            date(2027, 1, 15), 6, T, False, "75600", id="facts.md:119 Jan-Jun 2027 transport"
        ),
        pytest.param(
            date(2026, 11, 1), 3, OTHER, False, "33600", id="facts.md:120 Nov 2026-Jan 2027"
        ),
    ],
)
def test_bpu_periods(
    first: date, months: int, sector: BpuSector, with_jht: bool, total: str
) -> None:
    period = bpu_period(1_000_000, first, months, sector=sector, with_jht=with_jht)
    assert period.total == D(total)
    assert len(period.months) == months
    assert period.first_month == first.replace(day=1)


@pytest.mark.parametrize("months", [0, 4, 5, 24])
def test_bpu_period_lengths_outside_the_faq_are_refused(months: int) -> None:  # faq.md:64
    with pytest.raises(ValueError):
        bpu_period(1_000_000, PLAIN, months)


def test_period_carries_uncertainty() -> None:
    assert bpu_period(1_000_000, date(2025, 11, 1), 3, sector=T).uncertain  # facts.md:123
    assert bpu_period(30_000_000, PLAIN, 3).total is None  # facts.md:115


# --- wage earners: shares for a payslip (facts.md:104-109, faq.md:27) -------------------
@pytest.mark.parametrize(
    ("risk", "jkk"),
    [
        pytest.param(RiskClass.VERY_LOW, "12000", id="facts.md:104 0,24%"),
        pytest.param(RiskClass.LOW, "27000", id="facts.md:104 0,54%"),
        pytest.param(RiskClass.MEDIUM, "44500", id="facts.md:104 0,89%"),
        pytest.param(RiskClass.HIGH, "63500", id="facts.md:104 1,27%"),
        pytest.param(RiskClass.VERY_HIGH, "87000", id="facts.md:104 1,74%"),
    ],
)
def test_wage_earner_jkk_by_risk(risk: RiskClass, jkk: str) -> None:
    quote = wage_earner(5_000_000, risk, date(2025, 6, 1))
    assert amount(quote.lines, Program.JKK, Payer.EMPLOYER) == D(jkk)
    assert quote.total(Payer.WORKER) == D(150000)  # JKK is employer-only: faq.md:27
    assert quote.total(Payer.EMPLOYER) == D(jkk) + D(15000) + D(185000) + D(100000)


@pytest.mark.parametrize(
    ("program", "payer", "expected"),
    [
        pytest.param(Program.JKM, Payer.EMPLOYER, "15000", id="facts.md:105 JKM 0,30% employer"),
        pytest.param(Program.JHT, Payer.EMPLOYER, "185000", id="facts.md:106 JHT 3,7% employer"),
        pytest.param(Program.JHT, Payer.WORKER, "100000", id="facts.md:106 JHT 2% worker"),
        pytest.param(Program.JP, Payer.EMPLOYER, "100000", id="facts.md:107 JP 2% employer"),
        pytest.param(Program.JP, Payer.WORKER, "50000", id="facts.md:107 JP 1% worker"),
        pytest.param(Program.JKP, Payer.EMPLOYER, "0", id="facts.md:109 JKP nothing extra"),
        pytest.param(Program.JKP, Payer.WORKER, "0", id="faq.md:27 JKP nothing extra"),
    ],
)
def test_wage_earner_shares(program: Program, payer: Payer, expected: str) -> None:
    quote = wage_earner(5_000_000, RiskClass.MEDIUM, date(2025, 6, 1))
    assert amount(quote.lines, program, payer) == D(expected)
    assert not quote.uncertain


@pytest.mark.parametrize(
    ("on", "cap"),
    [
        pytest.param(
            date(2023, 2, 28), None, id="faq.md:362 before Mar 2023: not in the knowledge"
        ),
        pytest.param(date(2023, 3, 1), "9559600", id="faq.md:362 Mar 2023"),
        pytest.param(date(2024, 2, 29), "9559600", id="facts.md:107 Feb 2024"),
        pytest.param(date(2024, 3, 1), "10042300", id="facts.md:107 Mar 2024"),
        pytest.param(date(2025, 2, 28), "10042300", id="facts.md:310 Feb 2025"),
        pytest.param(date(2025, 3, 1), "10547400", id="facts.md:107 Mar 2025"),
        pytest.param(date(2026, 2, 28), "10547400", id="facts.md:107 Feb 2026"),
        pytest.param(date(2026, 3, 1), None, id="facts.md:108 Mar 2026 UNCONFIRMED"),
        pytest.param(date(2030, 1, 1), None, id="facts.md:108 later years unknown"),
    ],
)
def test_jp_wage_cap(on: date, cap: str | None) -> None:
    assert jp_wage_cap(on) == (None if cap is None else D(cap))


@pytest.mark.parametrize(
    ("wage", "on", "worker", "employer", "note"),
    [
        pytest.param(
            10_547_400,
            date(2025, 6, 1),
            "105474",
            "210948",
            None,
            id="facts.md:107 wage = 2025 cap",
        ),
        pytest.param(
            10_547_401,
            date(2025, 6, 1),
            "105474",
            "210948",
            Note.JP_WAGE_CAPPED,
            id="facts.md:107 wage = 2025 cap + 1",
        ),
        pytest.param(
            15_000_000,
            date(2025, 6, 1),
            "105474",
            "210948",
            Note.JP_WAGE_CAPPED,
            id="facts.md:107 Rp15 juta in 2025",
        ),
        pytest.param(
            15_000_000,
            date(2024, 6, 1),
            "100423",
            "200846",
            Note.JP_WAGE_CAPPED,
            id="facts.md:107 Rp15 juta in 2024",
        ),
        pytest.param(
            15_000_000,
            date(2023, 6, 1),
            "95596",
            "191192",
            Note.JP_WAGE_CAPPED,
            id="faq.md:362 Rp15 juta in 2023",
        ),
    ],
)
def test_jp_cap_in_payslip(
    wage: int, on: date, worker: str, employer: str, note: Note | None
) -> None:
    quote = wage_earner(wage, RiskClass.LOW, on)
    assert amount(quote.lines, Program.JP, Payer.WORKER) == D(worker)
    assert amount(quote.lines, Program.JP, Payer.EMPLOYER) == D(employer)
    assert (note in quote.notes) if note else Note.JP_WAGE_CAPPED not in quote.notes
    assert not quote.uncertain


def test_jp_with_unknown_cap() -> None:  # facts.md:108, facts.md:310
    low = wage_earner(5_000_000, RiskClass.LOW, date(2026, 6, 1))
    assert low.uncertain and Note.JP_CAP_UNKNOWN in low.notes
    assert amount(low.lines, Program.JP, Payer.WORKER) == D(50000)  # below any known cap
    high = wage_earner(12_000_000, RiskClass.LOW, date(2026, 6, 1))
    assert amount(high.lines, Program.JP, Payer.WORKER) is None
    assert high.total(Payer.WORKER) is None
    assert amount(high.lines, Program.JHT, Payer.WORKER) == D(240000)
    old = wage_earner(5_000_000, RiskClass.LOW, date(2022, 6, 1))
    assert amount(old.lines, Program.JP, Payer.WORKER) is None


def test_small_employer_without_jp() -> None:  # facts.md:89
    quote = wage_earner(5_000_000, RiskClass.LOW, date(2026, 6, 1), jp_enrolled=False)
    assert quote.total(Payer.WORKER) == D(100000)
    assert Note.JP_NOT_ENROLLED in quote.notes and not quote.uncertain


# --- migrant workers (faq.md:335, facts.md:131-132) -------------------------------------
@pytest.mark.parametrize(
    ("months", "pre", "total"),
    [
        pytest.param(24, True, "370000", id="facts.md:131 24 months"),
        pytest.param(24, False, "332500", id="faq.md:335 24 months placement only"),
        pytest.param(12, True, "226500", id="faq.md:335 12 months"),
        pytest.param(6, True, "145500", id="faq.md:335 6 months"),
        pytest.param(36, True, None, id="faq.md:335 36-month contract: no figure"),
    ],
)
def test_migrant(months: int, pre: bool, total: str | None) -> None:
    quote = migrant(months, pre_placement=pre)
    assert quote.total() == (None if total is None else D(total))
    assert quote.uncertain is (total is None)


def test_migrant_jht_choices() -> None:  # faq.md:335, facts.md:319
    assert (
        tuple(D(n) for n in (50000, 100000, 200000, 300000, 400000, 500000, 600000))
        == PMI_JHT_CHOICES
    )


# --- input checks ---------------------------------------------------------------------
def test_money_must_be_exact() -> None:
    with pytest.raises(TypeError):
        bpu_monthly(1e6, PLAIN)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wage_earner(True, RiskClass.LOW, PLAIN)
    with pytest.raises(ValueError):
        wage_earner(-1, RiskClass.LOW, PLAIN)
    assert bpu_monthly(D("1000000.00"), PLAIN).total() == D(16800)


def test_regulation_on_every_line() -> None:
    quotes = [
        bpu_monthly(1_000_000, PLAIN, with_jht=True),
        wage_earner(5_000_000, RiskClass.LOW, PLAIN),
        migrant(24),
    ]
    assert all(line.regulation for quote in quotes for line in quote.lines)


@given(st.integers(1_000_000, 20_700_000), st.integers(1_000_000, 20_700_000))
def test_bpu_never_cheaper_for_higher_income(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert bpu_monthly(low, PLAIN).total() <= bpu_monthly(high, PLAIN).total()  # type: ignore[operator]


@given(st.integers(1_000_000, 20_700_000), st.dates(date(2026, 4, 1), date(2026, 12, 31)))
def test_discount_is_half_of_jkk_and_jkm(income: int, month: date) -> None:
    full, cut = bpu_monthly(income, PLAIN), bpu_monthly(income, month)
    assert cut.total() * 2 == full.total()  # type: ignore[operator]
    assert cut.discount == cut.total()


@pytest.mark.parametrize(
    ("funding", "first", "months", "expected"),
    [
        # March 2026 is before PP 50/2025's window for non-transport BPU: full price for all.
        (Funding.SD, date(2026, 3, 1), 1, 100 * 16_800),
        (Funding.SL, date(2026, 3, 1), 1, 100 * 16_800),
        # Inside the window: village, regional and government money pays in full, others half.
        (Funding.SD, date(2026, 4, 1), 1, 100 * 16_800),
        (Funding.SA, date(2026, 4, 1), 1, 100 * 16_800),
        (Funding.SG, date(2026, 4, 1), 1, 100 * 16_800),
        (Funding.SL, date(2026, 4, 1), 1, 100 * 8_400),
        # Bantul's 8 months of 2026 for 2.682 workers, from APBD (facts.md §8.5).
        (Funding.SG, date(2026, 1, 1), 8, 2_682 * 8 * 16_800),
        # Across the end of the window: Dec 2026 at 8.400, Jan 2027 at 16.800 for SL.
        (Funding.SL, date(2026, 12, 1), 2, 8_400 + 16_800),
    ],
)
def test_programme_budget_has_no_discount_for_state_funding(
    funding: Funding, first: date, months: int, expected: int
) -> None:
    quota = 1 if months == 2 else 2_682 if months == 8 else 100
    assert programme_budget(quota, first, months, funding) == Decimal(expected)


def test_programme_budget_with_jht_adds_the_undiscounted_jht() -> None:
    # JHT is 2 % of Rp1.000.000 and never discounted: 36.800 for the state, 28.400 for SL.
    assert programme_budget(1, date(2026, 5, 1), 1, Funding.SD, with_jht=True) == 36_800
    assert programme_budget(1, date(2026, 5, 1), 1, Funding.SL, with_jht=True) == 28_400


def test_only_sl_is_not_state_funded() -> None:
    assert [f.value for f in Funding if f.state_funded] == ["SD", "SA", "SG"]
