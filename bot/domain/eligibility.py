"""Who may join which BPJS Ketenagakerjaan program: pure rules, no I/O, no translated text.

The result gives, per program, an `Access` and a `Reason` code (the chat flow translates
codes) plus the regulation. Where the knowledge files say UNCONFIRMED the access is
UNCERTAIN, so the bot says what it knows and points to call center 175.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain import facts as F
from bot.domain.facts import Program


class WorkKind(StrEnum):
    """The participant segment (faq.md:26)."""

    WAGE_EARNER = "wage_earner"  # PU: works for an employer
    SELF_EMPLOYED = "self_employed"  # BPU: ojol, trader, farmer, fisher, household worker …
    CONSTRUCTION = "construction"  # Jasa Konstruksi project worker
    MIGRANT = "migrant"  # Pekerja Migran Indonesia


class Citizenship(StrEnum):
    """Indonesian citizen (WNI) or foreigner (WNA)."""

    WNI = "wni"
    WNA = "wna"


class EmployerSize(StrEnum):
    """Decides whether JP is compulsory for a wage earner (facts.md:89)."""

    SMALL_MICRO = "small_micro"
    MEDIUM_LARGE = "medium_large"


class Access(StrEnum):
    """YES: joins (compulsory for the segment); OPTIONAL: may choose to; UNCERTAIN: ask 175."""

    YES = "yes"
    OPTIONAL = "optional"
    NO = "no"
    UNCERTAIN = "uncertain"


class Reason(StrEnum):
    """Why; one code per program, translated by the chat flow."""

    PU_MANDATORY = "pu_mandatory"
    JP_REQUIRED_MEDIUM_LARGE = "jp_required_medium_large"
    JP_VOLUNTARY_SMALL_MICRO = "jp_voluntary_small_micro"
    JP_DEPENDS_ON_EMPLOYER_SIZE = "jp_depends_on_employer_size"
    JKP_WAGE_EARNER = "jkp_wage_earner"
    BPU_MANDATORY = "bpu_mandatory"
    BPU_JHT_VOLUNTARY = "bpu_jht_voluntary"
    JP_NOT_OPEN_TO_BPU = "jp_not_open_to_bpu"
    JKP_WAGE_EARNERS_ONLY = "jkp_wage_earners_only"
    CONSTRUCTION_PROJECT = "construction_project"
    CONSTRUCTION_JKK_JKM_ONLY = "construction_jkk_jkm_only"
    MIGRANT_MANDATORY = "migrant_mandatory"
    MIGRANT_JHT_VOLUNTARY = "migrant_jht_voluntary"
    MIGRANT_NO_JP = "migrant_no_jp"
    MIGRANT_CITIZENS_ONLY = "migrant_citizens_only"
    JKP_CITIZENS_ONLY = "jkp_citizens_only"
    FOREIGNER_MONTHS_UNKNOWN = "foreigner_months_unknown"
    FOREIGNER_UNDER_6_MONTHS = "foreigner_under_6_months"
    FOREIGNER_BPU_UNCONFIRMED = "foreigner_bpu_unconfirmed"
    FOREIGNER_JP_UNCONFIRMED = "foreigner_jp_unconfirmed"
    AGE_UNKNOWN = "age_unknown"
    MINIMUM_AGE_UNCONFIRMED = "minimum_age_unconfirmed"
    BPU_AGE_LIMIT = "bpu_age_limit"
    BPU_CONTINUES_PAST_AGE_LIMIT = "bpu_continues_past_age_limit"
    JP_PAST_ENROLMENT_AGE = "jp_past_enrolment_age"
    JP_NEEDS_BIRTH_DATE = "jp_needs_birth_date"
    JP_ALREADY_PENSIONER = "jp_already_pensioner"
    JP_AT_PENSION_AGE = "jp_at_pension_age"
    JKP_AGE_LIMIT = "jkp_age_limit"
    JKP_REGISTRATION_AGE_UNKNOWN = "jkp_registration_age_unknown"


@dataclass(frozen=True, slots=True)
class Applicant:
    """What the chat flow learned; `birth_date` wins over `age` (whole years) when both are set.

    `already_participant` means already registered in this kind of work, so first-registration
    age limits no longer apply to them.
    """

    work: WorkKind
    birth_date: date | None = None
    age: int | None = None
    citizenship: Citizenship = Citizenship.WNI
    months_working_in_indonesia: int | None = None  # foreigners only
    already_participant: bool = False
    employer_size: EmployerSize | None = None  # wage earners only
    receives_jp_pension: bool = False


@dataclass(frozen=True, slots=True)
class ProgramRule:
    """One program's answer."""

    program: Program
    access: Access
    reason: Reason
    regulation: str


@dataclass(frozen=True, slots=True)
class Eligibility:
    """All five programs for one applicant on one day."""

    today: date
    age: int | None
    pension_age: int
    jp_enrolment_deadline: date | None  # last day to enrol in JP; None without a birth date
    programs: tuple[ProgramRule, ...]

    def __getitem__(self, program: Program) -> ProgramRule:
        """Return the rule for `program`."""
        return next(rule for rule in self.programs if rule.program is program)

    @property
    def uncertain(self) -> bool:
        """True when any program needs the "ask 175" answer."""
        return any(rule.access is Access.UNCERTAIN for rule in self.programs)


def pension_age(on: date) -> int:
    """Return the JP pension age in force on `on`: 56, 57 from 2019, +1 every 3 years, 65 from 2043.

    PP 45/2015 Pasal 15 (facts.md:154-155).

    >>> [pension_age(date(y, 6, 1)) for y in (2018, 2019, 2025, 2026, 2028, 2043, 2060)]
    [56, 57, 59, 59, 60, 65, 65]
    """
    if on.year < 2019:
        return F.PENSION_AGE_FIRST
    steps = (on.year - 2019) // F.PENSION_AGE_STEP_YEARS
    return min(F.PENSION_AGE_MAX, F.PENSION_AGE_2019 + steps)


def age_on(birth_date: date, today: date) -> int:
    """Count whole years on `today`; someone born on 29 February turns a year older on 1 March.

    >>> today = date(2026, 11, 21)
    >>> age_on(date(1961, 11, 22), today), age_on(date(1961, 11, 21), today)
    (64, 65)
    """
    if birth_date > today:
        raise ValueError("birth date is after today")
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def _add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's end (31 Mar - 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    return date(year, month + 1, day.day)


def jp_enrolment_deadline(birth_date: date, today: date) -> date:
    """Return the last day to enrol in JP: 1 month before the pension age in force.

    PP 45/2015 (faq.md:198, facts.md:150; article number unconfirmed).

    >>> jp_enrolment_deadline(date(1968, 3, 31), date(2026, 1, 5))
    datetime.date(2027, 2, 28)
    """
    months = pension_age(today) * 12 - int(F.JP_ENROL_MONTHS_BEFORE_PENSION_AGE.value)
    return _add_months(birth_date, months)


def _rule(program: Program, access: Access, reason: Reason, regulation: str) -> ProgramRule:
    return ProgramRule(program, access, reason, regulation)


_PERMENAKER_5 = "Permenaker 5/2021"
_JKP_REG = "PP 37/2021 Pasal 4 jo PP 6/2025"
_SEGMENT: dict[WorkKind, dict[Program, tuple[Access, Reason, str]]] = {
    WorkKind.WAGE_EARNER: {  # facts.md:89-90
        Program.JKK: (Access.YES, Reason.PU_MANDATORY, "Perpres 109/2013"),
        Program.JKM: (Access.YES, Reason.PU_MANDATORY, "Perpres 109/2013"),
        Program.JHT: (Access.YES, Reason.PU_MANDATORY, "Perpres 109/2013"),
        Program.JP: (Access.OPTIONAL, Reason.JP_DEPENDS_ON_EMPLOYER_SIZE, "PP 45/2015"),
        Program.JKP: (Access.YES, Reason.JKP_WAGE_EARNER, _JKP_REG),
    },
    WorkKind.SELF_EMPLOYED: {  # facts.md:93, faq.md:42
        Program.JKK: (Access.YES, Reason.BPU_MANDATORY, _PERMENAKER_5),
        Program.JKM: (Access.YES, Reason.BPU_MANDATORY, _PERMENAKER_5),
        Program.JHT: (Access.OPTIONAL, Reason.BPU_JHT_VOLUNTARY, _PERMENAKER_5),
        Program.JP: (Access.NO, Reason.JP_NOT_OPEN_TO_BPU, "PP 45/2015"),
        Program.JKP: (Access.NO, Reason.JKP_WAGE_EARNERS_ONLY, _JKP_REG),
    },
    WorkKind.CONSTRUCTION: {  # facts.md:94, faq.md:214
        Program.JKK: (Access.YES, Reason.CONSTRUCTION_PROJECT, _PERMENAKER_5),
        Program.JKM: (Access.YES, Reason.CONSTRUCTION_PROJECT, _PERMENAKER_5),
        Program.JHT: (Access.NO, Reason.CONSTRUCTION_JKK_JKM_ONLY, _PERMENAKER_5),
        Program.JP: (Access.NO, Reason.CONSTRUCTION_JKK_JKM_ONLY, _PERMENAKER_5),
        Program.JKP: (Access.NO, Reason.JKP_WAGE_EARNERS_ONLY, _JKP_REG),
    },
    WorkKind.MIGRANT: {  # facts.md:95, faq.md:332, faq.md:214
        Program.JKK: (Access.YES, Reason.MIGRANT_MANDATORY, "Permenaker 4/2023"),
        Program.JKM: (Access.YES, Reason.MIGRANT_MANDATORY, "Permenaker 4/2023"),
        Program.JHT: (Access.OPTIONAL, Reason.MIGRANT_JHT_VOLUNTARY, "Permenaker 4/2023"),
        Program.JP: (Access.NO, Reason.MIGRANT_NO_JP, "Permenaker 4/2023"),
        Program.JKP: (Access.NO, Reason.JKP_WAGE_EARNERS_ONLY, _JKP_REG),
    },
}
_JP_BY_SIZE = {
    EmployerSize.MEDIUM_LARGE: (Access.YES, Reason.JP_REQUIRED_MEDIUM_LARGE),
    EmployerSize.SMALL_MICRO: (Access.OPTIONAL, Reason.JP_VOLUNTARY_SMALL_MICRO),
}


def segment_access(work: WorkKind, program: Program) -> Access:
    """A program's access for a kind of work before age and citizenship are known."""
    return _SEGMENT[work][program][0]


def _segment(a: Applicant, program: Program) -> ProgramRule:
    access, reason, regulation = _SEGMENT[a.work][program]
    if program is Program.JP and a.work is WorkKind.WAGE_EARNER and a.employer_size:
        access, reason = _JP_BY_SIZE[a.employer_size]
    return _rule(program, access, reason, regulation)


def _nationality(a: Applicant, program: Program) -> ProgramRule | None:
    """Foreigners: compulsory after 6 months in Indonesia (UU 24/2011 Pasal 14); JKP is WNI only."""
    if a.citizenship is Citizenship.WNI:
        return None
    unc, reg = Access.UNCERTAIN, str(F.FOREIGNER_MIN_MONTHS.regulation)
    if a.work is WorkKind.MIGRANT:
        return _rule(program, Access.NO, Reason.MIGRANT_CITIZENS_ONLY, "Permenaker 4/2023")
    if program is Program.JKP:
        return _rule(
            program, Access.NO, Reason.JKP_CITIZENS_ONLY, F.JKP_REGISTRATION_AGE_LIMIT.regulation
        )
    if a.months_working_in_indonesia is None:
        return _rule(program, unc, Reason.FOREIGNER_MONTHS_UNKNOWN, reg)
    if a.months_working_in_indonesia < F.FOREIGNER_MIN_MONTHS.value:
        return _rule(program, unc, Reason.FOREIGNER_UNDER_6_MONTHS, reg)
    if a.work is WorkKind.SELF_EMPLOYED:  # BPU registration asks for an NIK/KTP (faq.md:43)
        return _rule(program, unc, Reason.FOREIGNER_BPU_UNCONFIRMED, reg)
    if program is Program.JP:
        return _rule(program, unc, Reason.FOREIGNER_JP_UNCONFIRMED, "PP 45/2015")
    return None


def _bpu_age(a: Applicant, base: ProgramRule, age: int | None) -> ProgramRule:
    """Under 65 at first registration (faq.md:43); registered members may go on (facts.md:147)."""
    limit = F.BPU_FIRST_REGISTRATION_AGE_LIMIT
    if a.already_participant:
        if age is not None and age >= limit.value:
            return _rule(
                base.program, base.access, Reason.BPU_CONTINUES_PAST_AGE_LIMIT, limit.regulation
            )
        return base
    if age is None:
        return _rule(base.program, Access.UNCERTAIN, Reason.AGE_UNKNOWN, limit.regulation)
    if age >= limit.value:
        return _rule(base.program, Access.NO, Reason.BPU_AGE_LIMIT, limit.regulation)
    return base


def _jp_age(a: Applicant, base: ProgramRule, age: int | None, today: date) -> ProgramRule:
    """Enrolment up to 1 month before pension age; pensioners cannot re-join (faq.md:198, 210)."""
    reg, pa = F.PENSION_AGE_REGULATION, pension_age(today)
    if a.receives_jp_pension:
        return _rule(Program.JP, Access.NO, Reason.JP_ALREADY_PENSIONER, "PP 45/2015")
    if a.already_participant:
        if age is not None and age >= pa:
            return _rule(Program.JP, Access.UNCERTAIN, Reason.JP_AT_PENSION_AGE, reg)
        return base
    if a.birth_date is not None:
        if today > jp_enrolment_deadline(a.birth_date, today):
            return _rule(Program.JP, Access.NO, Reason.JP_PAST_ENROLMENT_AGE, reg)
        return base
    if age is None:
        return _rule(Program.JP, Access.UNCERTAIN, Reason.AGE_UNKNOWN, reg)
    if age >= pa:
        return _rule(Program.JP, Access.NO, Reason.JP_PAST_ENROLMENT_AGE, reg)
    if age == pa - 1:  # the last year: depends on the month of birth
        return _rule(Program.JP, Access.UNCERTAIN, Reason.JP_NEEDS_BIRTH_DATE, reg)
    return base


def _jkp_age(a: Applicant, base: ProgramRule, age: int | None) -> ProgramRule:
    """Under 54 at first registration (facts.md:151, faq.md:228)."""
    limit = F.JKP_REGISTRATION_AGE_LIMIT
    if age is None:
        if a.already_participant:
            return base
        return _rule(Program.JKP, Access.UNCERTAIN, Reason.AGE_UNKNOWN, limit.regulation)
    if age < limit.value:
        return base
    if a.already_participant:
        return _rule(
            Program.JKP, Access.UNCERTAIN, Reason.JKP_REGISTRATION_AGE_UNKNOWN, limit.regulation
        )
    return _rule(Program.JKP, Access.NO, Reason.JKP_AGE_LIMIT, limit.regulation)


def _program(a: Applicant, program: Program, age: int | None, today: date) -> ProgramRule:
    base = _segment(a, program)
    if base.access is Access.NO:
        return base
    gate = _nationality(a, program)
    if gate is not None:
        return gate
    if age is not None and age < F.PRACTICAL_MIN_AGE.value:
        return _rule(
            program,
            Access.UNCERTAIN,
            Reason.MINIMUM_AGE_UNCONFIRMED,
            F.PRACTICAL_MIN_AGE.regulation,
        )
    if a.work is WorkKind.SELF_EMPLOYED:
        return _bpu_age(a, base, age)
    if a.work is WorkKind.WAGE_EARNER and program is Program.JP:
        return _jp_age(a, base, age, today)
    if a.work is WorkKind.WAGE_EARNER and program is Program.JKP:
        return _jkp_age(a, base, age)
    return base


def check(applicant: Applicant, today: date) -> Eligibility:
    """Decide each program's access on `today` (the pension age moves with the year).

    Segments: Permenaker 5/2021, Perpres 109/2013, Permenaker 4/2023; ages: PP 45/2015,
    PP 37/2021, Perdir 22/PERDIR.02/072022; foreigners: UU 24/2011 Pasal 14.

    >>> e = check(Applicant(WorkKind.SELF_EMPLOYED, age=40), date(2026, 5, 1))
    >>> [(r.program.value, r.access.value) for r in e.programs]
    [('jkk', 'yes'), ('jkm', 'yes'), ('jht', 'optional'), ('jp', 'no'), ('jkp', 'no')]
    """
    if applicant.age is not None and applicant.age < 0:
        raise ValueError("age must not be negative")
    if applicant.birth_date is not None:
        age: int | None = age_on(applicant.birth_date, today)
        deadline: date | None = jp_enrolment_deadline(applicant.birth_date, today)
    else:
        age, deadline = applicant.age, None
    rules = tuple(_program(applicant, p, age, today) for p in Program)
    return Eligibility(today, age, pension_age(today), deadline, rules)
