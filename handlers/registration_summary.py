"""The end of registration: the summary, changing one answer, and "Kirim", which writes the lead.

The summary's buttons are actions, valid in any state, so each checks that the chat is still
at the summary: an old message's button, or a second "Kirim", gets the current question instead.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from lokal import add_working_days

from bot.conversation import Choice, Reply
from bot.i18n import N_
from bot.routing import IDLE, Router, Turn, action_argument
from bot.storage.branches import branch_for_regency
from bot.storage.leads import DuplicateLead, LeadData, create_lead, find_open_lead
from bot.storage.models import Lead
from bot.storage.officers import finish_assisted
from handlers.menu import main_menu
from handlers.registration import (
    FLOW,
    advance,
    answers,
    ask_current,
    crypto,
    first_missing,
    prompt,
)
from handlers.registration_text import already_registered, lead_summary, next_steps_text

router = Router()
log = logging.getLogger(__name__)

CONTACT_WITHIN_WORKING_DAYS = 3  # the bot's promise to the person; branches work to it

#: The summary's fields, and the answers a change drops so `advance` asks them again.
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


@prompt("summary")
def ask_summary(turn: Turn) -> list[Reply]:
    choices = (
        Choice("reg_submit", turn._("Send")),
        Choice("reg_change", turn._("Change data")),
        Choice("cancel", turn._("Cancel")),
    )
    nik = crypto(turn).decrypt(answers(turn)["nik"])
    return [Reply(lead_summary(turn, answers(turn), nik), choices)]


@router.step(f"{FLOW}.summary", prompt=ask_summary)
def on_summary(turn: Turn) -> list[Reply] | None:
    return None  # the buttons are actions; typed text is a question for the free-text handler


def _in_summary(turn: Turn) -> bool:
    return turn.state == f"{FLOW}.summary" and bool(turn.data.get(FLOW))


def _not_now(turn: Turn) -> list[Reply]:
    sent = turn.data.get("registration_sent")
    if sent and not turn.data.get(FLOW):
        text = turn._("Your registration was already sent. Your reference number is {reference}.")
        return main_menu(turn, text.format(reference=sent))
    stale = Reply(turn._("That button belongs to an earlier message. Here is where we are now."))
    return [stale, *ask_current(turn)]


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
    reg = answers(turn)
    for key in field[1]:
        reg.pop(key, None)
    return advance(turn)


def _create(turn: Turn, reg: dict[str, Any], branch_id: int, flagged: bool) -> Lead:
    """Write the lead from the form's answers (raises DuplicateLead: see create_lead)."""
    return create_lead(
        turn.session,
        LeadData(
            name=reg["name"],
            nik_encrypted=reg["nik"].encode("ascii"),
            nik_hash=reg["nik_hash"],
            birth_date=date.fromisoformat(reg["birth_date"]),
            gender=reg["gender"],
            phone=reg["phone"],
            regency_code=reg["regency"],
            district_code=reg.get("district"),
            village_code=reg.get("village"),
            occupation=reg["occupation"][:100],
            monthly_income=Decimal(reg["income"]),
            programs=reg["programs"],
            payment_period=reg["period"],
            sponsored_interest=reg["sponsored"],
            consent_version=reg["consent_version"],
            consent_at=datetime.fromisoformat(reg["consent_at"]),
        ),
        contact=turn.contact,
        branch_id=branch_id,
        branch_flagged=flagged,
        now=turn.now,
    )


@router.action("reg_submit")
def submit(turn: Turn) -> list[Reply]:
    """Take "Kirim": write the lead in this turn's transaction; a second press finds it gone."""
    if not _in_summary(turn):
        return _not_now(turn)
    reg = answers(turn)
    if first_missing(reg) != "summary":
        return advance(turn)  # an answer went missing (an old data shape): ask it
    if existing := find_open_lead(turn.session, reg["nik_hash"]):
        turn.data.pop(FLOW, None)
        return main_menu(turn, already_registered(turn, existing))
    branch, flagged = branch_for_regency(turn.session, reg["regency"])
    try:
        lead = _create(turn, reg, branch.id, flagged)
    except DuplicateLead as duplicate:
        turn.data.pop(FLOW, None)
        return main_menu(turn, already_registered(turn, duplicate.existing))
    finish_assisted(turn.session, lead, reg.get("assisted_code"))  # an officer filled it in
    log.info(
        "lead %s for branch %s%s via %s",
        lead.reference,
        branch.code,
        " (flagged: regency not served)" if flagged else "",
        lead.channel,
    )
    turn.data.pop(FLOW, None)
    turn.data["registration_sent"] = lead.reference
    by = add_working_days(turn.now.date(), CONTACT_WITHIN_WORKING_DAYS)
    done = Reply(next_steps_text(turn, lead, branch, flagged, by))
    turn.state = IDLE
    more = Reply(
        turn._("Register another family member from this phone? Each person needs their own KTP."),
        (
            Choice("reg_family", turn._("Register a family member")),
            Choice("menu", turn._("Main menu")),
        ),
    )
    return [done, more]
