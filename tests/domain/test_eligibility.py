"""Eligibility rules, row by row from /work/shared/knowledge.

Ids and comments cite facts.md:N and faq.md:N (official-faq.md line N).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.eligibility import (
    Access,
    Applicant,
    Citizenship,
    EmployerSize,
    Reason,
    WorkKind,
    age_on,
    check,
    jp_enrolment_deadline,
    pension_age,
)
from bot.domain.facts import Program

Y, OPT, N, U = Access.YES, Access.OPTIONAL, Access.NO, Access.UNCERTAIN
PU, BPU, JAKON, PMI = (
    WorkKind.WAGE_EARNER,
    WorkKind.SELF_EMPLOYED,
    WorkKind.CONSTRUCTION,
    WorkKind.MIGRANT,
)
BIG, SMALL = EmployerSize.MEDIUM_LARGE, EmployerSize.SMALL_MICRO
DAY = date(2026, 6, 15)
PROGRAMS = (Program.JKK, Program.JKM, Program.JHT, Program.JP, Program.JKP)


def accesses(applicant: Applicant, today: date = DAY) -> tuple[Access, ...]:
    result = check(applicant, today)
    return tuple(result[p].access for p in PROGRAMS)


# --- which programs each segment joins ------------------------------------------------
@pytest.mark.parametrize(
    ("applicant", "expected"),
    [
        pytest.param(Applicant(BPU, age=40), (Y, Y, OPT, N, N), id="facts.md:93 faq.md:42 BPU"),
        pytest.param(
            Applicant(PU, age=30, employer_size=BIG), (Y, Y, Y, Y, Y), id="facts.md:89 PU big"
        ),
        pytest.param(
            Applicant(PU, age=30, employer_size=SMALL), (Y, Y, Y, OPT, Y), id="facts.md:89 PU small"
        ),
        pytest.param(Applicant(PU, age=30), (Y, Y, Y, OPT, Y), id="facts.md:89 PU size unknown"),
        pytest.param(Applicant(JAKON, age=30), (Y, Y, N, N, N), id="facts.md:94 faq.md:214 Jakon"),
        pytest.param(Applicant(PMI, age=30), (Y, Y, OPT, N, N), id="facts.md:95 faq.md:332 PMI"),
    ],
)
def test_segment_programs(applicant: Applicant, expected: tuple[Access, ...]) -> None:
    assert accesses(applicant) == expected


@pytest.mark.parametrize(
    ("applicant", "program", "reason"),
    [
        pytest.param(
            Applicant(BPU, age=40), Program.JP, Reason.JP_NOT_OPEN_TO_BPU, id="facts.md:93 BPU JP"
        ),
        pytest.param(
            Applicant(BPU, age=40),
            Program.JKP,
            Reason.JKP_WAGE_EARNERS_ONLY,
            id="facts.md:93 BPU JKP",
        ),
        pytest.param(
            Applicant(BPU, age=40), Program.JHT, Reason.BPU_JHT_VOLUNTARY, id="faq.md:42 BPU JHT"
        ),
        pytest.param(
            Applicant(PU, age=30, employer_size=BIG),
            Program.JP,
            Reason.JP_REQUIRED_MEDIUM_LARGE,
            id="facts.md:89 JP big",
        ),
        pytest.param(
            Applicant(PU, age=30, employer_size=SMALL),
            Program.JP,
            Reason.JP_VOLUNTARY_SMALL_MICRO,
            id="facts.md:89 JP small",
        ),
        pytest.param(
            Applicant(PU, age=30),
            Program.JP,
            Reason.JP_DEPENDS_ON_EMPLOYER_SIZE,
            id="facts.md:89 JP ?",
        ),
        pytest.param(
            Applicant(JAKON, age=30),
            Program.JHT,
            Reason.CONSTRUCTION_JKK_JKM_ONLY,
            id="facts.md:94",
        ),
        pytest.param(
            Applicant(PMI, age=30), Program.JP, Reason.MIGRANT_NO_JP, id="faq.md:332 PMI JP"
        ),
        pytest.param(
            Applicant(PMI, age=30),
            Program.JKP,
            Reason.JKP_WAGE_EARNERS_ONLY,
            id="faq.md:214 PMI JKP",
        ),
    ],
)
def test_segment_reasons(applicant: Applicant, program: Program, reason: Reason) -> None:
    assert check(applicant, DAY)[program].reason is reason


def test_regulation_is_named_for_every_program() -> None:
    for work in WorkKind:
        for rule in check(Applicant(work, age=30), DAY).programs:
            assert rule.regulation


# --- BPU age limit: under 65 at first registration (faq.md:43, faq.md:346) -------------
@pytest.mark.parametrize(
    ("applicant", "today", "access", "reason"),
    [
        pytest.param(Applicant(BPU, age=64), DAY, Y, Reason.BPU_MANDATORY, id="faq.md:43 age 64"),
        pytest.param(Applicant(BPU, age=65), DAY, N, Reason.BPU_AGE_LIMIT, id="faq.md:43 age 65"),
        pytest.param(
            Applicant(BPU, birth_date=date(1961, 6, 16)),
            DAY,
            Y,
            Reason.BPU_MANDATORY,
            id="faq.md:43 day before 65th birthday",
        ),
        pytest.param(
            Applicant(BPU, birth_date=date(1961, 6, 15)),
            DAY,
            N,
            Reason.BPU_AGE_LIMIT,
            id="faq.md:43 on 65th birthday",
        ),
        pytest.param(
            Applicant(BPU, age=70, already_participant=True),
            DAY,
            Y,
            Reason.BPU_CONTINUES_PAST_AGE_LIMIT,
            id="facts.md:147 registered may continue",
        ),
        pytest.param(Applicant(BPU), DAY, U, Reason.AGE_UNKNOWN, id="faq.md:43 age unknown"),
        pytest.param(
            Applicant(BPU, already_participant=True),
            DAY,
            Y,
            Reason.BPU_MANDATORY,
            id="facts.md:147 registered, age unknown",
        ),
    ],
)
def test_bpu_age_limit(applicant: Applicant, today: date, access: Access, reason: Reason) -> None:
    result = check(applicant, today)
    assert (result[Program.JKK].access, result[Program.JKK].reason) == (access, reason)
    assert result[Program.JKM].access is access


def test_bpu_over_limit_cannot_take_jht_either() -> None:
    assert check(Applicant(BPU, age=65), DAY)[Program.JHT].access is N  # faq.md:43


# --- minimum age: not confirmed (facts.md:149) ------------------------------------------
@pytest.mark.parametrize(
    ("age", "access"),
    [pytest.param(16, U, id="facts.md:149 age 16"), pytest.param(17, Y, id="facts.md:149 age 17")],
)
def test_minimum_age_unconfirmed(age: int, access: Access) -> None:
    for work in (PU, BPU, JAKON, PMI):
        rule = check(Applicant(work, age=age), DAY)[Program.JKK]
        assert rule.access is access
        if access is U:
            assert rule.reason is Reason.MINIMUM_AGE_UNCONFIRMED


# --- JKP: WNI, under 54 at first registration (facts.md:151, facts.md:173, faq.md:228) ---
@pytest.mark.parametrize(
    ("applicant", "access", "reason"),
    [
        pytest.param(Applicant(PU, age=53), Y, Reason.JKP_WAGE_EARNER, id="facts.md:151 age 53"),
        pytest.param(Applicant(PU, age=54), N, Reason.JKP_AGE_LIMIT, id="facts.md:151 age 54"),
        pytest.param(
            Applicant(PU, birth_date=date(1972, 6, 16)),
            Y,
            Reason.JKP_WAGE_EARNER,
            id="facts.md:151 day before 54th birthday",
        ),
        pytest.param(
            Applicant(PU, birth_date=date(1972, 6, 15)),
            N,
            Reason.JKP_AGE_LIMIT,
            id="facts.md:151 on 54th birthday",
        ),
        pytest.param(
            Applicant(PU, age=55, already_participant=True),
            U,
            Reason.JKP_REGISTRATION_AGE_UNKNOWN,
            id="facts.md:173 age at registration unknown",
        ),
        pytest.param(Applicant(PU), U, Reason.AGE_UNKNOWN, id="facts.md:151 age unknown"),
        pytest.param(
            Applicant(PU, age=30, citizenship=Citizenship.WNA, months_working_in_indonesia=24),
            N,
            Reason.JKP_CITIZENS_ONLY,
            id="facts.md:144 WNA",
        ),
    ],
)
def test_jkp(applicant: Applicant, access: Access, reason: Reason) -> None:
    rule = check(applicant, DAY)[Program.JKP]
    assert (rule.access, rule.reason) == (access, reason)


# --- JP pension-age schedule (facts.md:154-156, faq.md:199) -----------------------------
@pytest.mark.parametrize(
    ("on", "age"),
    [
        pytest.param(date(2015, 7, 1), 56, id="facts.md:155 2015"),
        pytest.param(date(2018, 12, 31), 56, id="facts.md:155 2018"),
        pytest.param(date(2019, 1, 1), 57, id="facts.md:154 from 1 Jan 2019"),
        pytest.param(date(2021, 12, 31), 57, id="facts.md:155 2021"),
        pytest.param(date(2022, 1, 1), 58, id="faq.md:199 2022"),
        pytest.param(date(2024, 12, 31), 58, id="facts.md:155 2024"),
        pytest.param(date(2025, 1, 1), 59, id="facts.md:155 2025"),
        pytest.param(date(2026, 6, 15), 59, id="facts.md:156 2026"),
        pytest.param(date(2027, 12, 31), 59, id="facts.md:155 2027"),
        pytest.param(date(2028, 1, 1), 60, id="facts.md:155 2028"),
        pytest.param(date(2030, 6, 1), 60, id="facts.md:155 2030"),
        pytest.param(date(2031, 1, 1), 61, id="facts.md:155 2031"),
        pytest.param(date(2034, 1, 1), 62, id="facts.md:155 2034"),
        pytest.param(date(2037, 1, 1), 63, id="facts.md:155 2037"),
        pytest.param(date(2040, 1, 1), 64, id="facts.md:155 2040"),
        pytest.param(date(2042, 12, 31), 64, id="facts.md:155 2042"),
        pytest.param(date(2043, 1, 1), 65, id="facts.md:155 2043"),
        pytest.param(date(2060, 1, 1), 65, id="facts.md:154 never above 65"),
    ],
)
def test_pension_age_schedule(on: date, age: int) -> None:
    assert pension_age(on) == age
    assert check(Applicant(PU, age=30), on).pension_age == age


# --- JP enrolment up to 1 month before pension age (facts.md:150, faq.md:198) -----------
@pytest.mark.parametrize(
    ("birth", "today", "access"),
    [
        pytest.param(
            date(1967, 7, 15), date(2026, 6, 15), Y, id="faq.md:198 2026 exactly 1 month before 59"
        ),
        pytest.param(date(1967, 7, 14), date(2026, 6, 15), N, id="faq.md:198 2026 one day late"),
        pytest.param(
            date(1968, 2, 1), date(2027, 12, 1), N, id="facts.md:155 2027 pension age 59: too late"
        ),
        pytest.param(
            date(1968, 2, 1), date(2028, 1, 1), Y, id="facts.md:155 2028 pension age 60: in time"
        ),
        pytest.param(date(1970, 9, 1), date(2030, 8, 1), Y, id="facts.md:155 2030 month before 60"),
        pytest.param(date(1970, 9, 1), date(2030, 8, 2), N, id="facts.md:155 2030 day after"),
        pytest.param(
            date(1978, 6, 10), date(2043, 5, 10), Y, id="facts.md:155 2043 month before 65"
        ),
        pytest.param(date(1978, 6, 10), date(2043, 5, 11), N, id="facts.md:155 2043 day after"),
        pytest.param(
            date(1967, 1, 20), date(2025, 12, 20), Y, id="facts.md:155 2025 month before 59"
        ),
        pytest.param(date(1967, 1, 20), date(2025, 12, 21), N, id="facts.md:155 2025 day after"),
    ],
)
def test_jp_enrolment_by_birth_date(birth: date, today: date, access: Access) -> None:
    rule = check(Applicant(PU, birth_date=birth, employer_size=BIG), today)[Program.JP]
    assert rule.access is access
    if access is N:
        assert rule.reason is Reason.JP_PAST_ENROLMENT_AGE


def test_jp_deadline_clamps_to_month_end() -> None:
    assert jp_enrolment_deadline(date(1968, 3, 31), date(2026, 1, 5)) == date(2027, 2, 28)
    assert check(Applicant(PU, birth_date=date(1970, 1, 1)), DAY).jp_enrolment_deadline == date(
        2028, 12, 1
    )
    assert check(Applicant(PU, age=30), DAY).jp_enrolment_deadline is None


@pytest.mark.parametrize(
    ("age", "today", "access", "reason"),
    [
        pytest.param(57, DAY, Y, Reason.JP_REQUIRED_MEDIUM_LARGE, id="facts.md:156 2026 age 57"),
        pytest.param(
            58, DAY, U, Reason.JP_NEEDS_BIRTH_DATE, id="faq.md:198 2026 age 58 needs month"
        ),
        pytest.param(59, DAY, N, Reason.JP_PAST_ENROLMENT_AGE, id="faq.md:198 2026 age 59"),
        pytest.param(
            58, date(2028, 6, 1), Y, Reason.JP_REQUIRED_MEDIUM_LARGE, id="facts.md:155 2028 age 58"
        ),
        pytest.param(
            59, date(2028, 6, 1), U, Reason.JP_NEEDS_BIRTH_DATE, id="facts.md:155 2028 age 59"
        ),
        pytest.param(
            60, date(2028, 6, 1), N, Reason.JP_PAST_ENROLMENT_AGE, id="facts.md:155 2028 age 60"
        ),
        pytest.param(
            63, date(2043, 6, 1), Y, Reason.JP_REQUIRED_MEDIUM_LARGE, id="facts.md:155 2043 age 63"
        ),
        pytest.param(
            65, date(2043, 6, 1), N, Reason.JP_PAST_ENROLMENT_AGE, id="facts.md:155 2043 age 65"
        ),
    ],
)
def test_jp_enrolment_by_whole_years(age: int, today: date, access: Access, reason: Reason) -> None:
    rule = check(Applicant(PU, age=age, employer_size=BIG), today)[Program.JP]
    assert (rule.access, rule.reason) == (access, reason)


@pytest.mark.parametrize(
    ("applicant", "access", "reason"),
    [
        pytest.param(
            Applicant(PU, age=40, receives_jp_pension=True),
            N,
            Reason.JP_ALREADY_PENSIONER,
            id="faq.md:210 pensioner cannot re-join",
        ),
        pytest.param(
            Applicant(PU, age=58, already_participant=True, employer_size=BIG),
            Y,
            Reason.JP_REQUIRED_MEDIUM_LARGE,
            id="faq.md:210 member continues",
        ),
        pytest.param(
            Applicant(PU, age=60, already_participant=True),
            U,
            Reason.JP_AT_PENSION_AGE,
            id="facts.md:75 member at pension age",
        ),
        pytest.param(Applicant(PU), U, Reason.AGE_UNKNOWN, id="faq.md:198 age unknown"),
    ],
)
def test_jp_other_cases(applicant: Applicant, access: Access, reason: Reason) -> None:
    rule = check(applicant, DAY)[Program.JP]
    assert (rule.access, rule.reason) == (access, reason)


# --- foreigners: compulsory after 6 months in Indonesia (facts.md:143, faq.md:25-26) -----
WNA = Citizenship.WNA


@pytest.mark.parametrize(
    ("applicant", "expected", "reason"),
    [
        pytest.param(
            Applicant(PU, age=35, citizenship=WNA, months_working_in_indonesia=6),
            (Y, Y, Y, U, N),
            Reason.FOREIGNER_JP_UNCONFIRMED,
            id="facts.md:143 WNA 6 months",
        ),
        pytest.param(
            Applicant(PU, age=35, citizenship=WNA, months_working_in_indonesia=5),
            (U, U, U, U, N),
            Reason.FOREIGNER_UNDER_6_MONTHS,
            id="facts.md:143 WNA 5 months",
        ),
        pytest.param(
            Applicant(PU, age=35, citizenship=WNA),
            (U, U, U, U, N),
            Reason.FOREIGNER_MONTHS_UNKNOWN,
            id="facts.md:143 WNA months unknown",
        ),
        pytest.param(
            Applicant(BPU, age=35, citizenship=WNA, months_working_in_indonesia=12),
            (U, U, U, N, N),
            Reason.FOREIGNER_BPU_UNCONFIRMED,
            id="faq.md:43 BPU needs NIK",
        ),
        pytest.param(
            Applicant(PMI, age=35, citizenship=WNA, months_working_in_indonesia=12),
            (N, N, N, N, N),
            Reason.MIGRANT_CITIZENS_ONLY,
            id="faq.md:26 PMI are WNI",
        ),
        pytest.param(
            Applicant(JAKON, age=35, citizenship=WNA, months_working_in_indonesia=12),
            (Y, Y, N, N, N),
            Reason.CONSTRUCTION_PROJECT,
            id="facts.md:143 Jakon WNA 12 months",
        ),
    ],
)
def test_foreigners(applicant: Applicant, expected: tuple[Access, ...], reason: Reason) -> None:
    assert accesses(applicant) == expected
    first = next(
        p for p, a in zip(PROGRAMS, expected, strict=True) if a is not N or p is Program.JKK
    )
    target = Program.JP if reason is Reason.FOREIGNER_JP_UNCONFIRMED else first
    assert check(applicant, DAY)[target].reason is reason


def test_uncertain_flag() -> None:
    assert not check(Applicant(BPU, age=40), DAY).uncertain
    assert check(Applicant(BPU), DAY).uncertain


@pytest.mark.parametrize(
    ("birth", "today", "age"),
    [
        (date(1961, 11, 22), date(2026, 11, 21), 64),
        (date(1961, 11, 21), date(2026, 11, 21), 65),
        (date(2000, 2, 29), date(2026, 2, 28), 25),
        (date(2000, 2, 29), date(2026, 3, 1), 26),
    ],
)
def test_age_on(birth: date, today: date, age: int) -> None:
    assert age_on(birth, today) == age


def test_bad_input() -> None:
    with pytest.raises(ValueError):
        check(Applicant(BPU, birth_date=date(2030, 1, 1)), DAY)
    with pytest.raises(ValueError):
        check(Applicant(BPU, age=-1), DAY)


def test_birth_date_wins_over_age() -> None:
    assert check(Applicant(BPU, birth_date=date(1990, 1, 1), age=80), DAY).age == 36


@given(
    birth=st.dates(date(1930, 1, 1), date(2012, 12, 31)),
    today=st.dates(date(2015, 1, 1), date(2060, 12, 31)),
    work=st.sampled_from(WorkKind),
    participant=st.booleans(),
)
def test_never_crashes_and_segment_limits_hold(
    birth: date, today: date, work: WorkKind, participant: bool
) -> None:
    result = check(Applicant(work, birth_date=birth, already_participant=participant), today)
    assert tuple(r.program for r in result.programs) == PROGRAMS
    if work is not PU:  # JP and JKP are for wage earners only (facts.md:93-95, faq.md:214)
        assert result[Program.JP].access is N
        assert result[Program.JKP].access is N


@given(
    st.dates(date(2015, 1, 1), date(2070, 12, 31)), st.dates(date(2015, 1, 1), date(2070, 12, 31))
)
def test_pension_age_never_falls(a: date, b: date) -> None:
    early, late = sorted((a, b))
    assert 56 <= pension_age(early) <= pension_age(late) <= 65
