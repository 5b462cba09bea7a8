"""The longer texts of the registration flow: consent, error messages, summary, next steps.

Kept apart from the flow's logic (the other modules of this package) so the steps read as steps.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bot.domain import regions
from bot.domain.followup import CALL_WITHIN_DAYS
from bot.domain.money import NO_INCOME
from bot.domain.programmes import Area, admits
from bot.domain.validation import mask_phone
from bot.i18n import N_
from bot.programme_files import sponsor
from bot.routing import Turn
from bot.storage.models import Branch, Lead, Officer, Programme
from bot.storage.programmes import refusal_of
from handlers.menu import CALL_CENTER

UNREADABLE = N_("Sorry, I could not read that.")

#: Validation codes (bot/domain/validation.py CODES) as messages; each says what to do.
ERRORS: dict[str, str] = {
    "name.empty": N_("Please type your name."),
    "name.too_long": N_(
        "That name is too long. Type your name as on the KTP, at most 100 letters."
    ),
    "name.too_short": N_("That name is too short. Type your full name as on the KTP."),
    "name.digits": N_("A name has no digits. Type your name as on the KTP, without numbers."),
    "name.url": N_("A name has no links or @. Type your name as on the KTP."),
    "name.invalid_chars": N_(
        "Please type your name in letters only, as on the KTP, without emoji or symbols."
    ),
    "nik.format": N_("A NIK has digits only. Please type the 16 digits of your NIK."),
    "nik.length": N_("A NIK has exactly 16 digits. Please check it and type it again."),
    "nik.region": N_(
        "The first 6 digits of this NIK are not a known region code. Please check the "
        "NIK on your KTP."
    ),
    "nik.birth_date": N_(
        "Digits 7 to 12 of this NIK are not a valid birth date. Please check the NIK on your KTP."
    ),
    "nik.serial": N_(
        "The last 4 digits of a NIK cannot be 0000. Please check the NIK on your KTP."
    ),
    "phone.format": N_("That is not a phone number. Please type a mobile number."),
    "phone.length": N_("A mobile number has 10 to 13 digits. Please check it."),
    "phone.landline": N_(
        "That looks like a landline or service number. Please type a mobile number that "
        "gets WhatsApp or SMS."
    ),
    "phone.foreign": N_("Please use an Indonesian mobile number (+62 or 08)."),
    "money.format": N_("I could not read that amount."),
    "money.unknown": N_(
        "An estimate is fine: the usual amount in a month. The cheapest contribution does not "
        "depend on it; your income only sets your contribution bracket, which you choose (the "
        "lowest is Rp1.000.000 a month)."
    ),
    "money.none": NO_INCOME,
    "money.too_low": N_("That amount seems too small for a month. Please check it."),
    "money.too_high": N_("That amount seems too large for a month. Please check it."),
}

#: The answers' key of the person's word for a kind of work (`occupations.said_label`).
SAID = "occupation_said"

#: Kinds of work (the keys match the eligibility flow's where they overlap).
OCCUPATIONS: dict[str, str] = {
    "transport": N_("Ojol, ojek, driver or courier"),
    "trader": N_("Trader or stall owner"),
    "farmer_fisher": N_("Farmer, breeder or fisher"),
    "day_labourer": N_("Day labourer"),
    "household": N_("Household worker"),
    "other": N_("Other"),
}

#: Payment periods a BPU may choose (bot.domain.facts.BPU_PAYMENT_MONTHS).
PERIODS: dict[int, str] = {
    1: N_("Every month"),
    2: N_("Every 2 months"),
    3: N_("Every 3 months"),
    6: N_("Every 6 months"),
    12: N_("Every 12 months"),
}

PROGRAM_NAMES = {"jkk": "JKK", "jkm": "JKM", "jht": "JHT"}


def consent_text(turn: Turn, version: str, family: bool) -> str:
    """What is collected, why, who sees it, how long, how to delete (UU PDP 27/2022)."""
    _ = turn._
    text = _(
        "Before you register, please read this (consent version {version}).\n"
        "- What I record: name, NIK, date of birth, mobile number, regency, kecamatan and desa, "
        "work, income, and the programs you choose.\n"
        "- Why: so the BPJS Ketenagakerjaan branch office can contact you and finish your "
        "registration.\n"
        "- Who sees it: staff of the branch office for your area, and the officer who shared this "
        "link with you, if any. Your NIK is stored encrypted.\n"
        "- When: the branch office contacts you within {days} working days after you send it.\n"
        "- How long: until your registration is finished, at most {months} months.\n"
        "- Type lihat data saya to see your data, and hapus data saya to delete it, "
        "at any time.\n\n"
        "Do you agree?"
    ).format(
        version=version,
        days=_call_within(turn),
        months=turn.settings.leads_retention_months if turn.settings else 12,
    )
    if family:
        other = _("This registration is for another person. That person must read and agree.")
        text = f"{other}\n\n{text}"
    return text


def _call_within(turn: Turn) -> int:
    """The working days the branch promises, before the person has said where they live.

    The referring officer's branch's setting, else the default.
    """
    officer = (
        turn.session.get(Officer, turn.contact.officer_id) if turn.contact.officer_id else None
    )
    branch = turn.session.get(Branch, officer.branch_id) if officer else None
    return branch.call_within_days if branch else CALL_WITHIN_DAYS


CONSENT_SHORT = N_("Do you agree to the data use described above? Type yes or no.")


def _place(code: str | None) -> str:
    found = regions.region(code) if code else None
    return found.label if found else "-"


def occupation_label(turn: Turn, occupation: str) -> str:
    return turn._(OCCUPATIONS[occupation]) if occupation in OCCUPATIONS else occupation


def work_label(turn: Turn, reg: dict[str, Any]) -> str:
    """The work as shown back: the person's own word for it ("Pedagang"), else its label."""
    return str(reg.get(SAID) or occupation_label(turn, reg["occupation"]))


def period_label(turn: Turn, months: int) -> str:
    label = PERIODS[months]
    return turn._(label)


def regency_label(code: str) -> str:
    """Name a regency the way people do: "Kab. Badung, Bali"."""
    return f"{regions.region_name(code, short=True) or code}, {regions.province_name(code) or ''}"


def programs_label(programs: list[str]) -> str:
    return " + ".join(PROGRAM_NAMES.get(p, p.upper()) for p in programs)


def mask_all_but_last4(nik: str) -> str:
    """The NIK as the summary shows it: only its last 4 digits (a shared phone or warnet)."""
    return "•" * (len(nik) - 4) + nik[-4:]


#: Answers a programme place settles (it pays its programs monthly): not asked, not changed.
PAID_BY_PROGRAMME = ("income", "programs", "period", "sponsored")


def by_officer(reg: dict[str, Any]) -> bool:
    """Whether an officer fills the form in for a worker: their form records how she agreed."""
    return "consent" in reg


def programme_pays(reg: dict[str, Any]) -> bool:
    """Whether a village officer's programme will give this worker a place.

    Judged by the answers so far: not when their desa or work is not the programme's.
    """
    if not reg.get("programme"):
        return False
    problem = refusal_of(
        reg["programme_area"],
        reg["programme_categories"],
        reg.get("village"),
        reg.get("regency"),
        reg.get("occupation") or "",
    )
    return problem is None


def programme_may_pay(reg: dict[str, Any]) -> bool:
    """Whether the officer's programme pays for this worker unless a later answer rules it out.

    Before the summary the desa or work may not be typed yet: those count as the programme's.
    """
    if not reg.get("programme"):
        return False
    area = Area(reg["programme_area"])
    regency, village, occupation = reg.get("regency"), reg.get("village"), reg.get("occupation")
    return (
        regency in (None, area.regency_code)
        and (not area.is_village or village in (None, area.code))
        and (not occupation or admits(reg["programme_categories"], occupation))
    )


def paid_by(turn: Turn, reg: dict[str, Any]) -> Programme | None:
    """The programme that pays for this worker (a village officer's form), if any."""
    return turn.session.get(Programme, reg["programme"]) if programme_pays(reg) else None


def _payment_lines(turn: Turn, reg: dict[str, Any]) -> list[str]:
    _ = turn._
    programme = paid_by(turn, reg)
    if programme is not None:
        return [
            _(
                "Paid by the programme of {sponsor}: {programs}, for {months} months from "
                "{start}. The worker pays nothing for them."
            ).format(
                sponsor=sponsor(programme),
                programs=programs_label(list(programme.programs)),
                months=programme.months,
                start=turn.t.date(programme.start_month),
            )
        ]
    return [
        _("Monthly income: {value}").format(value=turn.t.rupiah(Decimal(reg["income"]))),
        _("Programs: {value}").format(value=programs_label(reg["programs"])),
        _("Payment: {value}").format(value=period_label(turn, reg["period"])),
        _("Village or regional government program: {value}").format(
            value=_("Yes") if reg["sponsored"] else _("No")
        ),
    ]


STREET = "address"  # the street and house, typed at any step (the form asks no street)


def lead_summary(turn: Turn, reg: dict[str, Any], nik: str, *, again: bool = False) -> str:
    """Every field, for the person to check before "Kirim"; the NIK masked but its end.

    An officer checks the worker's data, not his own; a programme's payment replaces the
    income, programs and period it makes moot. `again`: shown again before sending, it asks
    whether it is right.
    """
    _ = turn._
    where = reg.get("village") or reg.get("district") or reg["regency"]
    lines = [
        _("Please check the worker's data:") if by_officer(reg) else _("Please check your data:"),
        _("Name: {value}").format(value=reg["name"]),
        _("NIK: {value}").format(value=mask_all_but_last4(nik)),
        _("Date of birth: {value}").format(
            value=turn.t.date(date.fromisoformat(reg["birth_date"]))
        ),
        _("Mobile number: {value}").format(value="0" + reg["phone"][3:]),
        _("Address: {value}").format(
            value=", ".join(part for part in (reg.get(STREET), _place(where)) if part)
        ),
        _("Work: {value}").format(value=work_label(turn, reg)),
        *_payment_lines(turn, reg),
        "",
        _("Is it right? Type send to send it, or change to change something.")
        if again
        else _("Type send if everything is right, or change to change something."),
    ]
    return "\n".join(lines)


def already_registered(turn: Turn, lead: Lead) -> str:
    """Why the form ends: this NIK has an open lead, which branch will call.

    Its reference, date and branch only in the chat that registered it; anyone else typing
    the NIK learns nothing about it (issue 15 item 8).
    """
    if lead.contact_id is None or lead.contact_id != turn.contact.id:
        return turn._(
            "This NIK cannot be registered again here. If you registered before, the branch "
            "office will contact you. Questions: call center {phone}."
        ).format(phone=CALL_CENTER)
    branch = turn.session.get(Branch, lead.branch_id)
    return turn._(
        "This NIK is already registered, reference {reference}, registered on {date}. "
        "{branch} will contact you; there is no need to register again."
    ).format(
        reference=lead.reference,
        date=turn.t.date(lead.created_at.date()),
        branch=branch.name if branch else "",
    )


def next_steps_text(turn: Turn, lead: Lead, branch: Branch, flagged: bool, by: date) -> str:
    """The reference, who calls and when, what to prepare, and the safety reminder."""
    _ = turn._
    parts = [
        _(
            "✅ Your registration has been sent. Your reference number: {reference}. Keep it."
        ).format(reference=lead.reference),
        _("{branch} will contact you on {phone} by {date}.").format(
            branch=branch.name, phone=mask_phone(lead.phone), date=turn.t.date(by)
        ),
    ]
    if flagged:
        parts.append(
            _(
                "No branch office in our list serves your regency yet, so {branch} will "
                "pass your data to the right office."
            ).format(branch=branch.name)
        )
    parts.append(
        _(
            "Please prepare: your KTP, an active email address, and your phone to receive an OTP "
            "code. "
            "Protection starts once the first contribution is paid through an official channel. "
            "Never give your OTP or PIN to anyone, and never transfer money to a personal account. "
            "Questions: call center {phone}."
        ).format(phone=CALL_CENTER)
    )
    return "\n\n".join(parts)
