"""Self-registration: consent, identity, contact, domicile, work and programs, then a lead.

Answers live in `turn.data["registration"]` until "Kirim"; the lead row is written only
then, in that turn's transaction, so a chat left anywhere (or a crashed process) leaves no
half lead and resumes where it stopped. `advance` asks the first field still missing, which
is also how eligibility's answers, a resumed attempt and "change from the summary" avoid
asking anything twice. The NIK is kept only encrypted, also in the conversation data.
The flow is drawn in registration.mmd.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from lokal import PROVINCES, add_working_days

from bot.conversation import Channel, Choice, Kind, Reply
from bot.crypto import Crypto
from bot.domain import regions
from bot.domain.validation import (
    check_monthly_income,
    mask_phone,
    parse_money,
    parse_name,
    parse_nik,
    parse_phone,
)
from bot.errors import ValidationError
from bot.i18n import N_
from bot.routing import IDLE, Router, Turn, action_argument, simplify
from bot.storage.branches import branch_for_regency
from bot.storage.events import Step, record_event
from bot.storage.leads import DuplicateLead, LeadData, create_lead, find_open_lead
from bot.storage.officers import finish_assisted
from bot.storage.models import Branch, Lead
from handlers.menu import CALL_CENTER, main_menu
from handlers.registration_text import (
    ERRORS,
    OCCUPATIONS,
    PERIODS,
    UNREADABLE,
    consent_text,
    lead_summary,
    next_steps_text,
    regency_label,
)

router = Router()
log = logging.getLogger(__name__)

FLOW = "registration"
CONSENT_VERSION = "2026-11"
CONTACT_WITHIN_WORKING_DAYS = 3  # the bot's promise to the person; branches work to it
BASE_PROGRAMS = ["jkk", "jkm"]
_QUESTION = re.compile(
    r"\?|^(apa|apakah|berapa|bagaimana|gimana|gmn|kapan|kenapa|mengapa|knp|siapa|dimana|di mana|"
    r"kemana|bisakah|bolehkah|how|what|why|when|where|who|can|is|do|does)\b", re.IGNORECASE
)
_YES = {"ya", "iya", "y", "yes", "ok", "oke", "setuju", "benar", "betul", "bener", "sudah", "yup"}
_NO = {"tidak", "tdk", "ga", "gak", "nggak", "no", "n", "bukan", "salah", "belum", "enggak"}


def _reg(turn: Turn) -> dict[str, Any]:
    flow: dict[str, Any] = turn.data.setdefault(FLOW, {})
    return flow


def _crypto(turn: Turn) -> Crypto:
    if turn.crypto is None:
        raise RuntimeError("the engine has no Crypto: build it with build_services")
    return turn.crypto


def _is_question(text: str) -> bool:
    """A question typed instead of an answer: the free-text handler answers it, the form waits."""
    return bool(_QUESTION.search(text)) and len(text.split()) >= 2


def _yes_no(turn: Turn) -> bool | None:
    word = simplify(turn.text)
    return True if word in _YES else False if word in _NO else None


def _error(turn: Turn, error: ValidationError) -> str:
    return turn._(ERRORS.get(error.code, UNREADABLE))


# ---------------------------------------------------------------- order of the questions

def _eligibility_prefill(turn: Turn, reg: dict[str, Any]) -> None:
    """Take over what the eligibility check asked (keys: handlers/eligibility.py docstring).

    Only for the chat's own person: a family member answers for themselves.
    """
    answers = turn.data.get("eligibility")
    if reg.get("family") or not isinstance(answers, dict) or reg.get("prefilled"):
        return
    reg["prefilled"] = True
    income = answers.get("monthly_income")
    if income and answers.get("work") in (None, "self_employed"):
        reg.setdefault("income", str(income))
    occupation, label = answers.get("occupation"), answers.get("occupation_label")
    if occupation in OCCUPATIONS:
        reg.setdefault("occupation", occupation)
    elif occupation == "other_self_employed" and label:
        reg.setdefault("occupation", str(label)[:80])
    chosen = answers.get("programs")
    if answers.get("checked") and isinstance(chosen, list):  # the programs the answer showed
        reg.setdefault("programs", BASE_PROGRAMS + (["jht"] if "jht" in chosen else []))


_ORDER: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
    ("consent", lambda r: not r.get("consent_at")),
    ("name", lambda r: "name" not in r),
    ("nik", lambda r: "nik" not in r),
    ("nik_confirm", lambda r: not r.get("nik_ok")),
    ("phone", lambda r: "phone" not in r),
    ("regency", lambda r: "regency" not in r and not r.get("regency_typing")),
    ("regency_search", lambda r: "regency" not in r),
    ("district", lambda r: "district" not in r),
    ("village", lambda r: "village" not in r),
    ("occupation", lambda r: "occupation" not in r and not r.get("occupation_typing")),
    ("occupation_other", lambda r: "occupation" not in r),
    ("income", lambda r: "income" not in r),
    ("programs", lambda r: "programs" not in r),
    ("period", lambda r: "period" not in r),
    ("sponsored", lambda r: "sponsored" not in r),
    ("summary", lambda r: True),
]
_PROMPTS: dict[str, Callable[[Turn], list[Reply]]] = {}


def advance(turn: Turn, *before: Reply) -> list[Reply]:
    """Ask the first question whose answer is still missing (the summary when none is)."""
    reg = _reg(turn)
    _eligibility_prefill(turn, reg)
    name = next(state for state, missing in _ORDER if missing(reg))
    turn.state = f"{FLOW}.{name}"
    return [*before, *_PROMPTS[name](turn)]


def step(name: str) -> Callable[[Callable[[Turn], list[Reply] | None]], Any]:
    """Register the answer handler of `registration.<name>`; its prompt is `_PROMPTS[name]`."""
    return router.step(f"{FLOW}.{name}", prompt=lambda turn: _PROMPTS[name](turn))


def prompt(name: str) -> Callable[[Callable[[Turn], list[Reply]]], Callable[[Turn], list[Reply]]]:
    def register(fn: Callable[[Turn], list[Reply]]) -> Callable[[Turn], list[Reply]]:
        _PROMPTS[name] = fn
        return fn

    return register


# ---------------------------------------------------------------- entry, resume, family

@router.action("register")
def register(turn: Turn) -> list[Reply]:
    """"Daftar": a new registration, or the offer to continue the one left unfinished."""
    reg = turn.data.get(FLOW)
    if reg and reg.get("consent_at"):
        turn.state = IDLE
        text = turn._("You have an unfinished registration. Continue the registration?")
        choices = (Choice("reg_resume", turn._("Continue registration")),
                   Choice("reg_restart", turn._("Start over")))
        return [Reply(text, choices)]
    turn.data[FLOW] = {}
    return advance(turn)


@router.action("reg_resume")
def resume(turn: Turn) -> list[Reply]:
    if not turn.data.get(FLOW):
        return register(turn)
    return advance(turn, Reply(turn._("Welcome back. We continue where you stopped.")))


@router.action("reg_restart")
def restart(turn: Turn) -> list[Reply]:
    family = bool((turn.data.get(FLOW) or {}).get("family"))
    turn.data[FLOW] = {"family": True} if family else {}
    return advance(turn)


@router.action("reg_family")
def family(turn: Turn) -> list[Reply]:
    """Register another person from the same chat: their own consent, NIK and lead."""
    turn.data[FLOW] = {"family": True}
    intro = turn._("Good. Have the family member's KTP ready. They must agree to the next "
                   "message themselves, so please show it to them.")
    return advance(turn, Reply(intro))


def ask_current(turn: Turn) -> list[Reply]:
    """The question the registration waits on now (for interruptions such as privacy)."""
    return advance(turn) if turn.state.startswith(f"{FLOW}.") else main_menu(turn)


# ---------------------------------------------------------------- consent

@prompt("consent")
def ask_consent(turn: Turn) -> list[Reply]:
    choices = (Choice("agree", turn._("I agree")), Choice("disagree", turn._("I do not agree")))
    return [Reply(consent_text(turn, CONSENT_VERSION, bool(_reg(turn).get("family"))), choices)]


@step("consent")
def on_consent(turn: Turn) -> list[Reply] | None:
    answer = {"agree": True, "disagree": False}.get(turn.choice or "", _yes_no(turn))
    if answer is None:
        return None
    if not answer:
        turn.data.pop(FLOW, None)
        text = turn._(
            "Understood. Nothing was saved. You can still register in the JMO (Jamsostek Mobile) "
            "app, at a BPJS Ketenagakerjaan branch office, or through call center {phone}."
        ).format(phone=CALL_CENTER)
        return main_menu(turn, text)
    reg = _reg(turn)
    reg["consent_at"], reg["consent_version"] = turn.now.isoformat(), CONSENT_VERSION
    if not reg.get("family"):
        turn.contact.consent_at, turn.contact.consent_version = turn.now, CONSENT_VERSION
    record_event(turn.session, turn.contact, Step.REGISTRATION_STARTED, turn.now)
    return advance(turn, Reply(turn._("Thank you. Type batal at any time to stop.")))


# ---------------------------------------------------------------- name and NIK

@prompt("name")
def ask_name(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type your full name as written on your KTP. Example: Ni Wayan Sari"))]


@step("name")
def on_name(turn: Turn) -> list[Reply] | None:
    if turn.incoming.kind is not Kind.TEXT or _is_question(turn.text):
        return None
    try:
        _reg(turn)["name"] = parse_name(turn.text)
    except ValidationError as error:
        return [Reply(_error(turn, error)), *ask_name(turn)]
    return advance(turn)


@prompt("nik")
def ask_nik(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type your NIK: the 16 digits on your KTP. Example: 5103061508950001"))]


@step("nik")
def on_nik(turn: Turn) -> list[Reply] | None:
    if turn.incoming.kind is not Kind.TEXT or _is_question(turn.text):
        return None
    try:
        nik = parse_nik(turn.text, turn.now.date())
    except ValidationError as error:
        return [Reply(_error(turn, error)), *ask_nik(turn)]
    crypto = _crypto(turn)
    digest = crypto.hash(nik.nik)
    if existing := find_open_lead(turn.session, digest):
        turn.data.pop(FLOW, None)
        return main_menu(turn, _already_registered(turn, existing))
    _reg(turn).update(
        nik=crypto.encrypt(nik.nik).decode("ascii"), nik_hash=digest, gender=nik.gender,
        birth_date=nik.birth_date.isoformat(), nik_regency=nik.regency_code,
    )
    return advance(turn)


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@prompt("nik_confirm")
def ask_nik_confirm(turn: Turn) -> list[Reply]:
    reg = _reg(turn)
    born = date.fromisoformat(reg["birth_date"])
    where = regency_label(reg["nik_regency"])
    gender = turn._("female") if reg["gender"] == "P" else turn._("male")
    text = turn._("Your NIK says: {place}, born {date}, {gender}. Is that right?").format(
        place=where, date=turn.t.date(born), gender=gender)
    given = (turn.data.get("eligibility") or {}).get("age")
    age = _age(born, turn.now.date())
    if not reg.get("family") and isinstance(given, int) and abs(given - age) > 1:
        text += "\n\n" + turn._(
            "Earlier you said you are {given}, but by this NIK you are {age}. Please check the NIK."
        ).format(given=given, age=age)
    choices = (Choice("nik_yes", turn._("Yes, that is right")),
               Choice("nik_no", turn._("No, type it again")))
    return [Reply(text, choices)]


@step("nik_confirm")
def on_nik_confirm(turn: Turn) -> list[Reply] | None:
    answer = {"nik_yes": True, "nik_no": False}.get(turn.choice or "", _yes_no(turn))
    if answer is None:
        return None
    reg = _reg(turn)
    if answer:
        reg["nik_ok"] = True
    else:
        for key in ("nik", "nik_hash", "gender", "birth_date", "nik_regency"):
            reg.pop(key, None)
    return advance(turn)


def _already_registered(turn: Turn, lead: Lead) -> str:
    branch = turn.session.get(Branch, lead.branch_id)
    return turn._(
        "This NIK is already registered, reference {reference}, registered on {date}. "
        "{branch} will contact you; there is no need to register again."
    ).format(reference=lead.reference, date=turn.t.date(lead.created_at.date()),
             branch=branch.name if branch else "")


# ---------------------------------------------------------------- phone

def _sender_phone(turn: Turn) -> str | None:
    """On WhatsApp the sender's number is known: offer it instead of asking to type it."""
    if turn.incoming.channel is not Channel.WHATSAPP:
        return None
    try:
        return parse_phone("+" + turn.incoming.user_id.lstrip("+"))
    except ValidationError:
        return None


@prompt("phone")
def ask_phone(turn: Turn) -> list[Reply]:
    example = turn._("Example: 081234567890")
    # In an assisted registration the sender is the officer: their number is not the worker's.
    if not _reg(turn).get("assisted_code") and (sender := _sender_phone(turn)):
        text = turn._("Can the branch office contact you on this WhatsApp number, {phone}? "
                      "Or type another mobile number.").format(phone=mask_phone(sender))
        return [Reply(f"{text} {example}", (Choice("phone_sender", turn._("Use this number")),))]
    text = turn._("Type your mobile phone number (WhatsApp or SMS) for the branch office.")
    if turn.incoming.channel is Channel.TELEGRAM:
        text = turn._("Press the button below to send your number, or type your mobile number.")
        share = (Choice("phone_share", turn._("Send my phone number")),)
        return [Reply(f"{text} {example}", share, request_phone=True)]
    return [Reply(f"{text} {example}")]


@step("phone")
def on_phone(turn: Turn) -> list[Reply] | None:
    if turn.choice == "phone_sender" and (sender := _sender_phone(turn)):
        _reg(turn)["phone"] = sender
        return advance(turn)
    if turn.choice == "phone_share":
        return ask_phone(turn)
    if turn.incoming.kind is Kind.CONTACT:
        raw = turn.incoming.payload
    elif turn.incoming.kind is Kind.TEXT and not _is_question(turn.text):
        raw = turn.text
    else:
        return None
    try:
        _reg(turn)["phone"] = parse_phone(raw)
    except ValidationError as error:
        return [Reply(_error(turn, error)), *ask_phone(turn)]
    return advance(turn)


# ---------------------------------------------------------------- domicile

@prompt("regency")
def ask_regency(turn: Turn) -> list[Reply]:
    reg = _reg(turn)
    text = turn._("Do you live in {place}?").format(place=regency_label(reg["nik_regency"]))
    choices = (Choice("regency_yes", turn._("Yes, I live there")),
               Choice("regency_no", turn._("No, somewhere else")))
    return [Reply(text, choices)]


@step("regency")
def on_regency(turn: Turn) -> list[Reply] | None:
    answer = {"regency_yes": True, "regency_no": False}.get(turn.choice or "", _yes_no(turn))
    if answer is None:
        return None
    reg = _reg(turn)
    if answer:
        reg["regency"] = reg["nik_regency"]
    else:
        reg["regency_typing"] = True
    return advance(turn)


@prompt("regency_search")
def ask_regency_search(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type the name of the regency or city where you live. Example: Gianyar"))]


def _search_regencies(query: str) -> regions.SearchResult:
    """Regencies of every province (people move for work); "kab"/"kota" typed decides a tie."""
    matches: list[regions.Match] = []
    for province in PROVINCES:
        matches += regions.search_regencies(province, query).matches
    good = [m for m in matches if m.score >= regions.GOOD_SCORE]
    ranked = sorted(good or matches, key=lambda m: (-m.score, m.region.code))
    kind = re.match(r"\s*(kota|kab)", query, re.IGNORECASE)
    if kind:
        prefix = "Kota" if kind.group(1).lower() == "kota" else "Kabupaten"
        exact = [m for m in ranked if m.score >= 100 and m.region.name.startswith(prefix)]
        if len(exact) == 1:
            return regions.SearchResult((exact[0],))
    return regions.SearchResult(tuple(ranked[: regions.MAX_MATCHES]),
                                too_many=len(good) > regions.MAX_MATCHES, no_good_match=not good)


def _place_step(turn: Turn, key: str, search: Callable[[str], regions.SearchResult],
                example: str) -> list[Reply] | None:
    """Shared by regency, kecamatan and desa: a pressed match, else a fuzzy search of the text."""
    reg = _reg(turn)
    if turn.choice and turn.choice.startswith("place:"):
        reg[key] = action_argument(turn.choice)
        return advance(turn)
    if turn.incoming.kind is not Kind.TEXT or _is_question(turn.text):
        return None
    result = search(turn.text)
    if result.best is not None:
        reg[key] = result.best.region.code
        return advance(turn)
    if result.too_many:
        text = turn._(
            "Many places match \"{typed}\". Type the name more completely. Example: {example}")
        return [Reply(text.format(typed=turn.text[:40], example=example))]
    if not result.matches:
        text = turn._("I found no place called \"{typed}\". Check the spelling and type it again. "
                      "Example: {example}")
        return [Reply(text.format(typed=turn.text[:40], example=example))]
    text = turn._("Which one do you mean? Choose, or type the name again.")
    choices = tuple(
        Choice(f"place:{m.region.code}", re.sub(r"^Kabupaten ", "Kab. ", m.region.label))
        for m in result.matches
    )
    return [Reply(text, choices)]


@step("regency_search")
def on_regency_search(turn: Turn) -> list[Reply] | None:
    replies = _place_step(turn, "regency", _search_regencies, "Gianyar")
    if "regency" in _reg(turn):
        _reg(turn).pop("regency_typing", None)
    return replies


def _example(children: list[regions.Region], fallback: str) -> str:
    return children[len(children) // 2].name if children else fallback


@prompt("district")
def ask_district(turn: Turn) -> list[Reply]:
    example = _example(regions.districts(_reg(turn)["regency"]), "Kuta Utara")
    text = turn._("Type the name of your kecamatan (district). Example: {example}").format(
        example=example)
    return [Reply(text, (Choice("district_unknown", turn._("I do not know my kecamatan")),))]


@step("district")
def on_district(turn: Turn) -> list[Reply] | None:
    reg = _reg(turn)
    if turn.choice == "district_unknown":
        reg["district"] = None
        return advance(turn)
    example = _example(regions.districts(reg["regency"]), "Kuta Utara")
    return _place_step(
        turn, "district", lambda q: regions.search_districts(reg["regency"], q), example)


@prompt("village")
def ask_village(turn: Turn) -> list[Reply]:
    reg = _reg(turn)
    parent = reg["district"] or reg["regency"]
    example = _example(regions.villages(parent) if reg["district"] else [], "Dalung")
    text = turn._("Type the name of your desa or kelurahan (village). Example: {example}")
    return [Reply(text.format(example=example))]


@step("village")
def on_village(turn: Turn) -> list[Reply] | None:
    reg = _reg(turn)
    parent = reg["district"] or reg["regency"]
    example = _example(regions.villages(parent) if reg["district"] else [], "Dalung")
    replies = _place_step(turn, "village", lambda q: regions.search_villages(parent, q), example)
    if reg.get("village") and not reg.get("district"):
        reg["district"] = reg["village"].rsplit(".", 1)[0]
    return replies


# ---------------------------------------------------------------- work, income, programs

@prompt("occupation")
def ask_occupation(turn: Turn) -> list[Reply]:
    text = turn._("What is your main work? Choose one, or choose Other and type it.")
    choices = tuple(Choice(f"occ:{key}", turn._(label)) for key, label in OCCUPATIONS.items())
    return [Reply(text, choices)]


@step("occupation")
def on_occupation(turn: Turn) -> list[Reply] | None:
    key = action_argument(turn.choice) if (turn.choice or "").startswith("occ:") else None
    if key not in OCCUPATIONS:
        return None
    reg = _reg(turn)
    if key == "other":
        reg["occupation_typing"] = True
    else:
        reg["occupation"] = key
    return advance(turn)


@prompt("occupation_other")
def ask_occupation_other(turn: Turn) -> list[Reply]:
    return [Reply(turn._("Type your work in a few words. Example: tukang cukur"))]


@step("occupation_other")
def on_occupation_other(turn: Turn) -> list[Reply] | None:
    text = " ".join(turn.text.split())
    if turn.incoming.kind is not Kind.TEXT or _is_question(text):
        return None
    if not 2 <= len(text) <= 80 or not any(ch.isalpha() for ch in text):
        again = Reply(turn._("Please describe your work in 2 to 80 characters."))
        return [again, *ask_occupation_other(turn)]
    reg = _reg(turn)
    reg["occupation"], reg["occupation_typing"] = text, False
    return advance(turn)


@prompt("income")
def ask_income(turn: Turn) -> list[Reply]:
    return [Reply(turn._("About how much do you earn in a month? Example: 2 juta"))]


@step("income")
def on_income(turn: Turn) -> list[Reply] | None:
    if turn.incoming.kind is not Kind.TEXT or _is_question(turn.text):
        return None
    try:
        _reg(turn)["income"] = str(check_monthly_income(parse_money(turn.text)))
    except ValidationError as error:
        return [Reply(_error(turn, error)), *ask_income(turn)]
    return advance(turn)


@prompt("programs")
def ask_programs(turn: Turn) -> list[Reply]:
    text = turn._("Which programs? JKK (Jaminan Kecelakaan Kerja) and JKM (Jaminan Kematian) are "
                  "the minimum. JHT (Jaminan Hari Tua) is an optional savings for old age.")
    choices = (Choice("prog:base", turn._("JKK + JKM")),
               Choice("prog:jht", turn._("JKK + JKM + JHT")))
    return [Reply(text, choices)]


@step("programs")
def on_programs(turn: Turn) -> list[Reply] | None:
    if turn.choice not in ("prog:base", "prog:jht"):
        return None
    _reg(turn)["programs"] = BASE_PROGRAMS + (["jht"] if turn.choice == "prog:jht" else [])
    return advance(turn)


@prompt("period")
def ask_period(turn: Turn) -> list[Reply]:
    text = turn._("How often do you want to pay the contribution?")
    choices = tuple(Choice(f"period:{m}", turn._(label)) for m, label in PERIODS.items())
    return [Reply(text, choices)]


@step("period")
def on_period(turn: Turn) -> list[Reply] | None:
    months = action_argument(turn.choice) if (turn.choice or "").startswith("period:") else ""
    if not months.isdigit() or int(months) not in PERIODS:
        return None
    _reg(turn)["period"] = int(months)
    return advance(turn)


@prompt("sponsored")
def ask_sponsored(turn: Turn) -> list[Reply]:
    text = turn._(
        "Are you a vulnerable worker (pekerja rentan), or would you like to be registered through "
        "a village or regional government program? Some villages and regions pay JKK and JKM for "
        "vulnerable workers such as farmers, fishers and day labourers."
    )
    choices = (Choice("sponsored_yes", turn._("Yes, I am interested")),
               Choice("sponsored_no", turn._("No, I will pay myself")))
    return [Reply(text, choices)]


@step("sponsored")
def on_sponsored(turn: Turn) -> list[Reply] | None:
    answer = {"sponsored_yes": True, "sponsored_no": False}.get(turn.choice or "", _yes_no(turn))
    if answer is None:
        return None
    _reg(turn)["sponsored"] = answer
    return advance(turn)


# ---------------------------------------------------------------- summary, changes, Kirim

def _nik(turn: Turn) -> str:
    return _crypto(turn).decrypt(_reg(turn)["nik"])


@prompt("summary")
def ask_summary(turn: Turn) -> list[Reply]:
    choices = (Choice("reg_submit", turn._("Send")), Choice("reg_change", turn._("Change data")),
               Choice("cancel", turn._("Cancel")))
    return [Reply(lead_summary(turn, _reg(turn), _nik(turn)), choices)]


@step("summary")
def on_summary(turn: Turn) -> list[Reply] | None:
    return None  # the buttons are actions; typed text is a question for the free-text handler


_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": (N_("Name"), ("name",)),
    "nik": (N_("NIK"), ("nik", "nik_hash", "gender", "birth_date", "nik_regency", "nik_ok")),
    "phone": (N_("Phone number"), ("phone",)),
    "address": (N_("Address"), ("regency", "regency_typing", "district", "village")),
    "occupation": (N_("Work"), ("occupation", "occupation_typing")),
    "income": (N_("Income"), ("income",)),
    "programs": (N_("Programs"), ("programs",)),
    "period": (N_("Payment period"), ("period",)),
    "sponsored": (N_("Government program"), ("sponsored",)),
}


def _in_summary(turn: Turn) -> bool:
    return turn.state == f"{FLOW}.summary" and bool(turn.data.get(FLOW))


@router.action("reg_change")
def change(turn: Turn) -> list[Reply]:
    if not _in_summary(turn):
        return _not_now(turn)
    choices = tuple(Choice(f"reg_edit:{key}", turn._(label)) for key, (label, _) in _FIELDS.items())
    back = Choice("reg_summary", turn._("Back to summary"))
    return [Reply(turn._("Which data do you want to change?"), (*choices, back))]


@router.action("reg_summary")
def back_to_summary(turn: Turn) -> list[Reply]:
    return ask_summary(turn) if _in_summary(turn) else _not_now(turn)


@router.action("reg_edit")
def edit(turn: Turn) -> list[Reply]:
    field = _FIELDS.get(action_argument(turn.choice))
    if not _in_summary(turn) or field is None:
        return _not_now(turn)
    reg = _reg(turn)
    for key in field[1]:
        reg.pop(key, None)
    return advance(turn)


def _not_now(turn: Turn) -> list[Reply]:
    sent = turn.data.get("registration_sent")
    if sent and not turn.data.get(FLOW):
        text = turn._("Your registration was already sent. Your reference number is {reference}.")
        return main_menu(turn, text.format(reference=sent))
    stale = Reply(turn._("That button belongs to an earlier message. Here is where we are now."))
    return [stale, *ask_current(turn)]


def _create(turn: Turn, reg: dict[str, Any], branch_id: int, flagged: bool) -> Lead:
    """Write the lead from the form's answers (raises DuplicateLead: see create_lead)."""
    return create_lead(
        turn.session,
        LeadData(
            name=reg["name"], nik_encrypted=reg["nik"].encode("ascii"), nik_hash=reg["nik_hash"],
            birth_date=date.fromisoformat(reg["birth_date"]), gender=reg["gender"],
            phone=reg["phone"], regency_code=reg["regency"], district_code=reg.get("district"),
            village_code=reg.get("village"), occupation=reg["occupation"][:100],
            monthly_income=Decimal(reg["income"]), programs=reg["programs"],
            payment_period=reg["period"], sponsored_interest=reg["sponsored"],
            consent_version=reg["consent_version"],
            consent_at=datetime.fromisoformat(reg["consent_at"]),
        ),
        contact=turn.contact, branch_id=branch_id, branch_flagged=flagged, now=turn.now,
    )


@router.action("reg_submit")
def submit(turn: Turn) -> list[Reply]:
    """"Kirim": write the lead in this turn's transaction; a second press finds the state gone."""
    if not _in_summary(turn):
        return _not_now(turn)
    reg = _reg(turn)
    if next(name for name, missing in _ORDER if missing(reg)) != "summary":
        return advance(turn)  # an answer went missing (an old data shape): ask it
    if existing := find_open_lead(turn.session, reg["nik_hash"]):
        turn.data.pop(FLOW, None)
        return main_menu(turn, _already_registered(turn, existing))
    branch, flagged = branch_for_regency(turn.session, reg["regency"])
    try:
        lead = _create(turn, reg, branch.id, flagged)
    except DuplicateLead as duplicate:
        turn.data.pop(FLOW, None)
        return main_menu(turn, _already_registered(turn, duplicate.existing))
    finish_assisted(turn.session, lead, reg.get("assisted_code"))  # an officer filled it in
    log.info("lead %s for branch %s%s via %s", lead.reference, branch.code,
             " (flagged: regency not served)" if flagged else "", lead.channel)
    turn.data.pop(FLOW, None)
    turn.data["registration_sent"] = lead.reference
    by = add_working_days(turn.now.date(), CONTACT_WITHIN_WORKING_DAYS)
    done = Reply(next_steps_text(turn, lead, branch, flagged, by))
    turn.state = IDLE
    more = Reply(
        turn._("Register another family member from this phone? Each person needs their own KTP."),
        (Choice("reg_family", turn._("Register a family member")),
         Choice("menu", turn._("Main menu"))),
    )
    return [done, more]
