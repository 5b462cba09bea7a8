"""The texts of the eligibility chat that are tables: buttons, reasons, benefits, input errors.

msgids are marked with `N_` here and translated where they are shown
(`handlers.eligibility`, `handlers.eligibility.answer`).
"""

from __future__ import annotations

from bot.domain.eligibility import Reason
from bot.domain.facts import Program, RiskClass
from bot.domain.money import NO_INCOME
from bot.i18n import N_

WORK_CHOICES = {
    "transport": N_("Ojol / ojek / driver / courier"),
    "trader": N_("Trader / own business"),
    "farmer_fisher": N_("Farmer / fisher"),
    "other_self_employed": N_("Other own-account work (day labourer, household worker …)"),
    "wage_earner": N_("Employee (paid wages by an employer)"),
    "construction": N_("Construction project worker"),
    "migrant": N_("Migrant worker abroad"),
}

# The periods people know; 2 months also exists (faq.md:64).
PAYMENT_PERIODS = {1: N_("1 month"), 3: N_("3 months"), 6: N_("6 months"), 12: N_("12 months")}

NAMES = {
    Program.JKK: N_("JKK (Work Accident Protection)"),
    Program.JKM: N_("JKM (Death Benefit)"),
    Program.JHT: N_("JHT (Old-Age Savings)"),
    Program.JP: N_("JP (Pension)"),
    Program.JKP: N_("JKP (Job Loss Benefit)"),
}
REASONS = {
    Reason.PU_MANDATORY: N_("your employer must register you"),
    Reason.JP_REQUIRED_MEDIUM_LARGE: N_("compulsory at medium and large businesses"),
    Reason.JP_VOLUNTARY_SMALL_MICRO: N_("voluntary at small and micro businesses"),
    Reason.JP_DEPENDS_ON_EMPLOYER_SIZE: N_(
        "compulsory at medium and large businesses, voluntary at small and micro ones"
    ),
    Reason.JKP_WAGE_EARNER: N_("for employees, at no extra cost"),
    Reason.BPU_MANDATORY: N_("compulsory for self-employed workers"),
    Reason.BPU_JHT_VOLUNTARY: N_("voluntary for self-employed workers"),
    Reason.JP_NOT_OPEN_TO_BPU: N_("only for employees, through their employer"),
    Reason.JKP_WAGE_EARNERS_ONLY: N_("only for employees, through their employer"),
    Reason.CONSTRUCTION_PROJECT: N_("the contractor registers the project and pays"),
    Reason.CONSTRUCTION_JKK_JKM_ONLY: N_("a construction project covers JKK and JKM only"),
    Reason.MIGRANT_MANDATORY: N_("compulsory for migrant workers"),
    Reason.MIGRANT_JHT_VOLUNTARY: N_("voluntary for migrant workers"),
    Reason.MIGRANT_NO_JP: N_("not part of the migrant worker scheme"),
    Reason.MIGRANT_CITIZENS_ONLY: N_("the migrant worker scheme is for Indonesian citizens"),
    Reason.JKP_CITIZENS_ONLY: N_("only for Indonesian citizens"),
    Reason.FOREIGNER_MONTHS_UNKNOWN: N_(
        "foreigners must join after working {months} months in Indonesia"
    ),
    Reason.FOREIGNER_UNDER_6_MONTHS: N_(
        "foreigners must join after working {months} months in Indonesia; before that it is not "
        "confirmed"
    ),
    Reason.FOREIGNER_BPU_UNCONFIRMED: N_(
        "self-employed registration asks for an Indonesian NIK; it is not confirmed that "
        "foreigners can join"
    ),
    Reason.FOREIGNER_JP_UNCONFIRMED: N_("the JP rules for foreigners are not confirmed"),
    Reason.AGE_UNKNOWN: N_("it depends on your age"),
    Reason.MINIMUM_AGE_UNCONFIRMED: N_(
        "no minimum age is confirmed; registering usually needs an e-KTP"
    ),
    Reason.BPU_AGE_LIMIT: N_("a first registration must be before age {bpu_age}"),
    Reason.BPU_CONTINUES_PAST_AGE_LIMIT: N_(
        "you registered before age {bpu_age}, so you may keep paying"
    ),
    Reason.JP_PAST_ENROLMENT_AGE: N_(
        "enrolment closes 1 month before the pension age ({pension_age} in {year})"
    ),
    Reason.JP_NEEDS_BIRTH_DATE: N_(
        "enrolment closes 1 month before the pension age ({pension_age}); it depends on your "
        "birth date"
    ),
    Reason.JP_ALREADY_PENSIONER: N_("you already receive a JP pension"),
    Reason.JP_AT_PENSION_AGE: N_("you have reached the pension age ({pension_age})"),
    Reason.JKP_AGE_LIMIT: N_("a first registration must be before age {jkp_age}"),
    Reason.JKP_REGISTRATION_AGE_UNKNOWN: N_("only if you were registered before age {jkp_age}"),
}
BENEFITS = {
    Program.JKK: N_(
        "JKK: care for a work accident with no cost limit, income while you cannot work, and "
        "compensation for disability or death (PP 82/2019)."
    ),
    Program.JKM: N_(
        "JKM: {amount} for your family if you die of other causes, and a scholarship for 2 "
        "children after 3 years of contributions (PP 82/2019)."
    ),
    Program.JHT: N_(
        "JHT: savings of all contributions plus returns, paid at 56 or earlier when you stop "
        "working (PP 46/2015, Permenaker 4/2022)."
    ),
    Program.JP: N_(
        "JP: a monthly pension from the pension age ({pension_age} in {year}) after {years} "
        "years of contributions, else a lump sum (PP 45/2015)."
    ),
    Program.JKP: N_(
        "JKP: after a layoff (PHK), {share} of your wage (counted up to {cap}) for up to 6 months, "
        "plus job information and training (PP 6/2025)."
    ),
}
RISK_LABELS = {
    RiskClass.VERY_LOW: N_("Very low"),
    RiskClass.LOW: N_("Low"),
    RiskClass.MEDIUM: N_("Medium"),
    RiskClass.HIGH: N_("High"),
    RiskClass.VERY_HIGH: N_("Very high"),
}

# Replies to ages and amounts the form refuses, by reason (bot.domain.chatwords.read_age's, and
# bot.domain.money.check_monthly_income's codes).
AGE_ERRORS = {
    "age.format": N_(
        "Please type your age in numbers, or your birth date. Example: 35 or 17-08-1990"
    ),
    "age.negative": N_("An age cannot be below zero. Type your age in numbers. Example: 35"),
    "age.date": N_(
        "That date does not exist. Type your birth date as day-month-year. Example: 17-08-1990"
    ),
    "age.future": N_(
        "That date is after today. Type your birth date or your age. Example: 17-08-1990 or 35"
    ),
    "age.too_high": N_("{age} years seems too old. Type your age in numbers. Example: 35"),
}
MONEY_ERRORS = {
    "money.format": N_("Please type an amount of money a month. Example: 2 juta or 1.500.000"),
    "money.unknown": N_(
        "An estimate is fine. Type your average income a month in rupiah. Example: 2 juta"
    ),
    "money.none": NO_INCOME,
    "money.too_low": N_(
        "{amount} a month seems too low. Did you mean millions? Type the monthly amount. Example: "
        "1,5 juta"
    ),
    "money.too_high": N_(
        "{amount} a month seems too high. Type the monthly amount again. Example: 5 juta"
    ),
}
WAGE_UNKNOWN = N_("Please type the amount on your payslip, not UMR. Example: 4.500.000")
