"""Every figure the rules use, once, with its regulation and the knowledge line it comes from.

Sources are `/work/shared/knowledge/facts.md` ("facts.md:N") and `official-faq.md`
("faq.md:N"). A figure the knowledge marks UNCONFIRMED carries `uncertain=True` (its value,
when kept at all, is only the single-source guess and must not be stated as fact). Dated
figures are `Dated` rows: half-open `[start, end)` ranges picked by the date the bot runs on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

D = Decimal


class Program(StrEnum):
    """The five BPJS Ketenagakerjaan programs (faq.md:23)."""

    JKK = "jkk"  # work accident
    JKM = "jkm"  # death
    JHT = "jht"  # old-age savings
    JP = "jp"  # pension
    JKP = "jkp"  # job loss


class RiskClass(StrEnum):
    """Workplace risk level that sets the wage earner's JKK rate (facts.md:104)."""

    VERY_LOW = "very_low"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure; rates are in percent (Decimal("0.24") means 0,24 %)."""

    value: Decimal
    regulation: str
    source: str
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class Dated:
    """A figure valid on `[start, end)`; `value` None means the knowledge has no figure."""

    start: date
    end: date | None
    value: Decimal | None
    regulation: str
    source: str

    def covers(self, on: date) -> bool:
        """Whether this row is in force on `on`."""
        return self.start <= on and (self.end is None or on < self.end)


def dated(rows: tuple[Dated, ...], on: date) -> Dated | None:
    """Return the row in force on `on`, or None when no row covers it (an unknown period)."""
    return next((row for row in rows if row.covers(on)), None)


# --- Wage earners (PU): percent of monthly wage (basic wage + fixed allowances) -----------
_PP44 = "PP 44/2015 Lampiran"
PU_JKK_RATE: dict[RiskClass, Fact] = {
    RiskClass.VERY_LOW: Fact(D("0.24"), _PP44, "facts.md:104"),
    RiskClass.LOW: Fact(D("0.54"), _PP44, "facts.md:104"),
    RiskClass.MEDIUM: Fact(D("0.89"), _PP44, "facts.md:104"),
    RiskClass.HIGH: Fact(D("1.27"), _PP44, "facts.md:104"),
    RiskClass.VERY_HIGH: Fact(D("1.74"), _PP44, "facts.md:104"),
}
PU_JKM_EMPLOYER_RATE = Fact(D("0.30"), "PP 44/2015", "facts.md:105")
PU_JHT_EMPLOYER_RATE = Fact(D("3.7"), "PP 46/2015", "facts.md:106")
PU_JHT_WORKER_RATE = Fact(D("2"), "PP 46/2015", "facts.md:106")
PU_JP_EMPLOYER_RATE = Fact(D("2"), "PP 45/2015 Pasal 28", "facts.md:107")
PU_JP_WORKER_RATE = Fact(D("1"), "PP 45/2015 Pasal 28", "facts.md:107")

# JP wage cap, adjusted every March. Earlier years' exact periods and the cap from March
# 2026 are not in the knowledge (facts.md:108, facts.md:310): no row, so callers see None.
_PP45_CAP = "PP 45/2015 Pasal 28-29"
JP_WAGE_CAP: tuple[Dated, ...] = (
    Dated(date(2023, 3, 1), date(2024, 3, 1), D("9559600"), _PP45_CAP, "faq.md:362"),
    Dated(date(2024, 3, 1), date(2025, 3, 1), D("10042300"), _PP45_CAP, "facts.md:107"),
    Dated(date(2025, 3, 1), date(2026, 3, 1), D("10547400"), _PP45_CAP, "facts.md:107"),
)

# JKP: funded by the government plus a share moved over from JKK (and, before PP 6/2025,
# from JKM); the worker and employer pay nothing extra (facts.md:109, faq.md:27).
JKP_GOVERNMENT_RATE = Fact(D("0.22"), "PP 6/2025 Pasal 11", "facts.md:109")
JKP_FROM_JKM_RATE: tuple[Dated, ...] = (  # HISTORICAL 0,10 % from JKM, dropped on 7 Feb 2025
    Dated(date(2022, 2, 1), date(2025, 2, 7), D("0.10"), "PP 37/2021", "facts.md:81,109"),
    Dated(date(2025, 2, 7), None, D("0"), "PP 6/2025 Pasal 11", "facts.md:109"),
)

# --- Self-employed (BPU) ----------------------------------------------------------------
_PP44_82 = "PP 44/2015 jo PP 82/2019"
BPU_JKK_RATE = Fact(D("1"), _PP44_82, "facts.md:113")
BPU_JKM_FLAT = Fact(D("6800"), _PP44_82, "facts.md:113")
BPU_JHT_RATE = Fact(D("2"), "PP 46/2015", "facts.md:113")
BPU_MIN_BASE = Fact(D("1000000"), _PP44_82, "faq.md:60")
# "maximum JKK Rp207.000" comes from one secondary source: UNCONFIRMED (facts.md:114-115).
BPU_MAX_BASE = Fact(D("20700000"), "PP 44/2015 Lampiran", "facts.md:114", uncertain=True)
BPU_PAYMENT_MONTHS: tuple[int, ...] = (1, 2, 3, 6, 12)  # faq.md:64, facts.md:195

# PP 50/2025: 50 % off JKK and JKM (not JHT) for contribution months in these windows
# (facts.md:118-122, conflicts facts.md:306-307). Not for APBN/APBD-funded BPU (facts.md:121).
BPU_DISCOUNT_RATE = Fact(D("50"), "PP 50/2025 Pasal 4 ayat (1)", "facts.md:118")
BPU_DISCOUNT_TRANSPORT = Dated(
    date(2026, 1, 1), date(2027, 4, 1), D("50"), "PP 50/2025", "facts.md:119"
)
BPU_DISCOUNT_OTHER = Dated(
    date(2026, 4, 1), date(2027, 1, 1), D("50"), "PP 50/2025", "facts.md:120"
)
# The Sep 2025 stimulus for transport BPU ran "about 6 months"; its dates are not known.
BPU_STIMULUS_2025_TRANSPORT = Dated(
    date(2025, 9, 1), date(2026, 1, 1), None, "2025 stimulus package", "facts.md:123"
)

# --- Migrant workers (PMI), flat amounts (facts.md:131-132, faq.md:335) -------------------
_PMI = "Permenaker 4/2023"
PMI_PRE_PLACEMENT = Fact(D("37500"), _PMI, "faq.md:335")
PMI_PLACEMENT: dict[int, Fact] = {  # contract months -> JKK+JKM during and after work
    6: Fact(D("108000"), _PMI, "faq.md:335"),
    12: Fact(D("189000"), _PMI, "faq.md:335"),
    24: Fact(D("332500"), _PMI, "faq.md:335"),
}
PMI_EXTENSION_MONTHLY = Fact(D("13500"), _PMI, "faq.md:335")
PMI_JHT_CHOICES: tuple[Decimal, ...] = tuple(
    D(n) for n in ("50000", "100000", "200000", "300000", "400000", "500000", "600000")
)

# --- Government-funded groups (wadah) ---------------------------------------------------------
# Active for the branch's targets after 6 paid months, pro-rated below (facts.md §8.5).
GROUP_ACTIVE_MONTHS = Fact(D("6"), "BPJS TK Probis Kepesertaan", "facts.md:286")

# --- Ages and nationality ----------------------------------------------------------------
BPU_FIRST_REGISTRATION_AGE_LIMIT = Fact(D("65"), "Perdir 22/PERDIR.02/072022", "faq.md:43")
JKP_REGISTRATION_AGE_LIMIT = Fact(D("54"), "PP 37/2021 Pasal 4", "facts.md:151")
FOREIGNER_MIN_MONTHS = Fact(D("6"), "UU 24/2011 Pasal 14", "facts.md:143")
# No minimum age is confirmed (facts.md:149); below the usual e-KTP age we say "uncertain".
PRACTICAL_MIN_AGE = Fact(D("17"), "no regulation found", "facts.md:149", uncertain=True)
JP_ENROL_MONTHS_BEFORE_PENSION_AGE = Fact(D("1"), "PP 45/2015", "faq.md:198")

# Pension age (PP 45/2015 Pasal 15, facts.md:154-155): 56; 57 from 1 Jan 2019; +1 every
# 3 years; at most 65.
PENSION_AGE_FIRST = 56
PENSION_AGE_2019 = 57
PENSION_AGE_STEP_YEARS = 3
PENSION_AGE_MAX = 65
PENSION_AGE_REGULATION = "PP 45/2015 Pasal 15"
