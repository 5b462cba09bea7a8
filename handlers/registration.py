"""Self-registration: consent, identity, contact, domicile, work and programs, then a lead.

Answers live in `turn.data["registration"]` until "Kirim"; the lead row is written only
then, in that turn's transaction, so a chat left anywhere (or a crashed process) leaves no
half lead and resumes where it stopped. `advance` asks the first field still missing, which
is also how eligibility's answers, a resumed attempt and "change from the summary" avoid
asking anything twice. The NIK is kept only encrypted, also in the conversation data.

This module holds the order of the questions, the way in (Daftar, resume, family) and the
consent; the questions are in registration_identity, registration_domicile and
registration_work, the summary and "Kirim" in registration_summary. The flow is drawn in
registration.mmd.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.conversation import Choice, Reply
from bot.crypto import Crypto
from bot.errors import ValidationError
from bot.routing import IDLE, Router, Turn, simplify
from bot.storage.events import Step, record_event
from handlers.menu import CALL_CENTER, main_menu
from handlers.registration_text import ERRORS, OCCUPATIONS, UNREADABLE, consent_text

router = Router()

FLOW = "registration"
CONSENT_VERSION = "2026-11"
BASE_PROGRAMS = ["jkk", "jkm"]
_QUESTION = re.compile(
    r"\?|^(apa|apakah|berapa|bagaimana|gimana|gmn|kapan|kenapa|mengapa|knp|siapa|dimana|di mana|"
    r"kemana|bisakah|bolehkah|how|what|why|when|where|who|can|is|do|does)\b",
    re.IGNORECASE,
)
_YES = {"ya", "iya", "y", "yes", "ok", "oke", "setuju", "benar", "betul", "bener", "sudah", "yup"}
_NO = {"tidak", "tdk", "ga", "gak", "nggak", "no", "n", "bukan", "salah", "belum", "enggak"}


def answers(turn: Turn) -> dict[str, Any]:
    """The form's answers so far, `turn.data["registration"]`."""
    flow: dict[str, Any] = turn.data.setdefault(FLOW, {})
    return flow


def crypto(turn: Turn) -> Crypto:
    if turn.crypto is None:
        raise RuntimeError("the engine has no Crypto: build it with build_services")
    return turn.crypto


def is_question(text: str) -> bool:
    """A question typed instead of an answer: the free-text handler answers it, the form waits."""
    return bool(_QUESTION.search(text)) and len(text.split()) >= 2


def yes_no(turn: Turn) -> bool | None:
    word = simplify(turn.text)
    return True if word in _YES else False if word in _NO else None


def error_text(turn: Turn, error: ValidationError) -> str:
    return turn._(ERRORS.get(error.code, UNREADABLE))


# ---------------------------------------------------------------- order of the questions


def _eligibility_prefill(turn: Turn, reg: dict[str, Any]) -> None:
    """Take over what the eligibility check asked (keys: handlers/eligibility.py docstring).

    Only for the chat's own person: a family member answers for themselves.
    """
    found = turn.data.get("eligibility")
    if reg.get("family") or not isinstance(found, dict) or reg.get("prefilled"):
        return
    reg["prefilled"] = True
    income = found.get("monthly_income")
    if income and found.get("work") in (None, "self_employed"):
        reg.setdefault("income", str(income))
    occupation, label = found.get("occupation"), found.get("occupation_label")
    if occupation in OCCUPATIONS:
        reg.setdefault("occupation", occupation)
    elif occupation == "other_self_employed" and label:
        reg.setdefault("occupation", str(label)[:80])
    chosen = found.get("programs")
    if found.get("checked") and isinstance(chosen, list):  # the programs the answer showed
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


def first_missing(reg: dict[str, Any]) -> str:
    """The first question without an answer; "summary" when all are answered."""
    return next(name for name, missing in _ORDER if missing(reg))


def advance(turn: Turn, *before: Reply) -> list[Reply]:
    """Ask the first question whose answer is still missing (the summary when none is)."""
    reg = answers(turn)
    _eligibility_prefill(turn, reg)
    name = first_missing(reg)
    turn.state = f"{FLOW}.{name}"
    return [*before, *_PROMPTS[name](turn)]


def prompt(name: str) -> Callable[[Callable[[Turn], list[Reply]]], Callable[[Turn], list[Reply]]]:
    """Register the question of `registration.<name>`, which `advance` asks."""

    def register(fn: Callable[[Turn], list[Reply]]) -> Callable[[Turn], list[Reply]]:
        _PROMPTS[name] = fn
        return fn

    return register


def ask_current(turn: Turn) -> list[Reply]:
    """The question the registration waits on now (for interruptions such as privacy)."""
    return advance(turn) if turn.state.startswith(f"{FLOW}.") else main_menu(turn)


# ---------------------------------------------------------------- entry, resume, family


@router.action("register")
def register(turn: Turn) -> list[Reply]:
    """Start "Daftar": a new registration, or the offer to continue the one left unfinished."""
    reg = turn.data.get(FLOW)
    if reg and reg.get("consent_at"):
        turn.state = IDLE
        text = turn._("You have an unfinished registration. Continue the registration?")
        choices = (
            Choice("reg_resume", turn._("Continue registration")),
            Choice("reg_restart", turn._("Start over")),
        )
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
    intro = turn._(
        "Good. Have the family member's KTP ready. They must agree to the next "
        "message themselves, so please show it to them."
    )
    return advance(turn, Reply(intro))


# ---------------------------------------------------------------- consent


@prompt("consent")
def ask_consent(turn: Turn) -> list[Reply]:
    choices = (Choice("agree", turn._("I agree")), Choice("disagree", turn._("I do not agree")))
    return [Reply(consent_text(turn, CONSENT_VERSION, bool(answers(turn).get("family"))), choices)]


@router.step(f"{FLOW}.consent", prompt=ask_consent)
def on_consent(turn: Turn) -> list[Reply] | None:
    answer = {"agree": True, "disagree": False}.get(turn.choice or "", yes_no(turn))
    if answer is None:
        return None
    if not answer:
        turn.data.pop(FLOW, None)
        text = turn._(
            "Understood. Nothing was saved. You can still register in the JMO (Jamsostek Mobile) "
            "app, at a BPJS Ketenagakerjaan branch office, or through call center {phone}."
        ).format(phone=CALL_CENTER)
        return main_menu(turn, text)
    reg = answers(turn)
    reg["consent_at"], reg["consent_version"] = turn.now.isoformat(), CONSENT_VERSION
    if not reg.get("family"):
        turn.contact.consent_at, turn.contact.consent_version = turn.now, CONSENT_VERSION
    record_event(turn.session, turn.contact, Step.REGISTRATION_STARTED, turn.now)
    return advance(turn, Reply(turn._("Thank you. Type batal at any time to stop.")))
