"""The end of registration: the summary, changing one answer, and "kirim", which writes the lead.

The summary's buttons are choices of the summary's state only: pressed later (a second
"Kirim", an old message) the router calls `sent_already` instead.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bot.conversation import Choice, Kind, Reply
from bot.domain import chatwords
from bot.domain.faq import programmes_named
from bot.forms import Accept, Field, Leave, Offer, Outcome
from bot.i18n import N_
from bot.programme_files import sponsor
from bot.routing import IDLE, Turn, action_argument
from bot.storage.branches import branch_for_regency
from bot.storage.leads import DuplicateLead, LeadData, create_lead, find_open_lead
from bot.storage.models import Lead, Programme
from bot.storage.officers import finish_assisted
from handlers import village
from handlers.menu import family_question, main_menu
from handlers.registration import work
from handlers.registration.common import FLOW, crypto
from handlers.registration.identity import NIK_KEYS, from_nik
from handlers.registration.text import (
    PAID_BY_PROGRAMME,
    SAID,
    STREET,
    already_registered,
    by_officer,
    lead_summary,
    next_steps_text,
    paid_by,
    programme_may_pay,
    programme_pays,
    programs_label,
)

log = logging.getLogger(__name__)

SUBMIT = "reg_submit"
CHANGE = "reg_change"
EDIT = "reg_edit"
SUMMARY = "reg_summary"

#: The summary's fields, and the answers a change drops so the form asks them again.
EDITABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": (N_("Name"), ("name",)),
    "nik": (N_("NIK"), NIK_KEYS),
    "phone": (N_("Phone number"), ("phone",)),
    "address": (N_("Address"), ("regency", "regency_typing", "district", "village", STREET)),
    "occupation": (N_("Work"), ("occupation", "occupation_typing", SAID)),
    "income": (N_("Income"), ("income",)),
    "programs": (N_("Programs"), ("programs",)),
    "period": (N_("Payment period"), ("period",)),
    "sponsored": (N_("Government program"), ("sponsored",)),
}


#: How long after the chat's last message a send at the summary shows it again first: a pause
#: between two orders sends, the next morning (or the reminder's "lanjut") does not.
SEEN_FOR = timedelta(hours=6)


def ask_summary(turn: Turn, reg: dict[str, Any], *, again: bool = False) -> Reply:
    """The summary and its buttons; `again`: shown again before sending, asking "Is it right?"."""
    choices = (
        Choice(SUBMIT, turn._("Send")),
        Choice(CHANGE, turn._("Change data")),
        Choice("cancel", turn._("Cancel")),
    )
    nik = crypto(turn).decrypt(reg["nik"])
    return Reply(lead_summary(turn, reg, nik, again=again), choices)


def _send(turn: Turn, reg: dict[str, Any]) -> Leave:
    """A send at the summary: the lead is written, unless the chat was quiet `SEEN_FOR`.

    Then the person has not seen the data for hours ("lanjut" the next day): it is shown again
    with "Is it right?", and the next yes sends it.
    """
    if turn.last_at is not None and turn.now - turn.last_at > SEEN_FOR:
        note = Reply(turn._("Your registration is not sent yet."))
        return Leave([note, ask_summary(turn, reg, again=True)])
    return Leave(submit(turn, reg), close=True)


def _changeable(reg: dict[str, Any]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The summary's fields the person may change: a programme's payment is not theirs."""
    if not programme_pays(reg):
        return EDITABLE
    return {key: field for key, field in EDITABLE.items() if key not in PAID_BY_PROGRAMME}


def _change_offer(turn: Turn, reg: dict[str, Any]) -> Offer:
    choices = tuple(
        Choice(f"{EDIT}:{key}", turn._(label)) for key, (label, _) in _changeable(reg).items()
    )
    back = Choice(SUMMARY, turn._("Back to summary"))
    example = turn._("Example: phone number")  # asked again after a sticker or a miss
    return Offer(turn._("Which data do you want to change?"), (*choices, back), example)


def read_summary(turn: Turn, reg: dict[str, Any]) -> Outcome | None:
    choice = turn.choice or ""
    if choice == SUBMIT:
        return _send(turn, reg)
    if choice == CHANGE:
        return _change_offer(turn, reg)
    if choice == SUMMARY:
        return Leave([ask_summary(turn, reg)])
    if choice.startswith(f"{EDIT}:") and (field := _changeable(reg).get(action_argument(choice))):
        return Accept(drop=field[1])
    if turn.incoming.kind is not Kind.TEXT or choice:
        return None
    text = turn.text
    said = chatwords.yes_no(text, send=True)  # "kirim" is a yes here only
    if said:  # before the change words: "ga ada yg salah" is a yes, not "salah"
        return _send(turn, reg)
    named = chatwords.named(text, "summary.fields")
    if (programme := paid_by(turn, reg)) is not None and _names_payment(text, named):
        # "ubah program", "tambah jht", "bayar 3 bulan": the programme's, not the person's
        return _settled_by(turn, reg, programme)
    if named == "address" and (typed := chatwords.street(text)):  # "alamat jadi Jl. Melati 12"
        return Accept({STREET: typed}, note=turn._("I changed your earlier answer."))
    if named in (None, *_CHOICES) and (chosen := _choice_named(turn, reg)) is not None:
        if all(reg.get(k) == v for k, v in chosen.items()):  # as it stands: "tiap bulan"
            return Leave([ask_summary(turn, reg)])
        return Accept(chosen, note=turn._("I changed your earlier answer."))  # "tambah jht"
    asked_which = any(choice.id.startswith(f"{EDIT}:") for choice in turn.offered)
    if chatwords.mentions(text, "summary.change") or said is False or (named and asked_which):
        # "hp" after "Which data do you want to change?" names the one to change
        if named == "birth":  # age, birth date and gender are the NIK's
            return Accept(drop=NIK_KEYS, note=from_nik(turn, reg))
        if named is not None and named in _changeable(reg):
            return Accept(drop=EDITABLE[named][1])
        return _change_offer(turn, reg)
    if chatwords.mentions(text, "summary.send"):
        return _send(turn, reg)
    return None


def _names_payment(text: str, named: str | None) -> bool:
    """Whether the message names what a programme settles: programs, payment, income.

    With a change word or without ("ubah program", "tambah jht"); not a send ("kirim").
    """
    if chatwords.mentions(text, "summary.send"):
        return False
    if named is not None:  # "ubah alamat" names another field, "ubah program" this one
        return named in PAID_BY_PROGRAMME
    words = ("programs.base", "programs.jht", "programs.all", "period.monthly", "period.yearly")
    return any(chatwords.mentions(text, w) for w in words)


def _settled_by(turn: Turn, reg: dict[str, Any], programme: Programme) -> Offer:
    """A change of what the programme pays, refused: what it settles, and what may change.

    The refusal names the programme's own programs and months (not the form's answers, which
    a programme place never asks), then asks which of the fields the person may change.
    """
    offer = _change_offer(turn, reg)
    return Offer(f"{_settled_note(turn, programme)}\n{offer.text}", offer.choices, offer.example)


def _settled_note(turn: Turn, programme: Programme) -> str:
    return turn._(
        "The programme of {sponsor} pays {programs} for {months} months: the programs, the "
        "payment and the income cannot be changed."
    ).format(
        sponsor=sponsor(programme),
        programs=programs_label(list(programme.programs)),
        months=programme.months,
    )


def settled_change(turn: Turn, reg: dict[str, Any]) -> str | None:
    """A change of what the programme pays typed at a step before the summary: why not.

    "ubah program" at the work step: the same refusal as at the summary (`_settled_by`), then
    that step asked again. Only with a change word: "nelayan, jkk jkm" answers the work.
    """
    text = turn.text
    if not chatwords.mentions(text, "summary.change"):
        return None
    if not programme_may_pay(reg) or not _names_payment(
        text, chatwords.named(text, "summary.fields")
    ):
        return None
    return _settled_note(turn, turn.session.get_one(Programme, reg["programme"]))


#: The summary's fields whose choice may be typed at it ("tambah jht", "ganti jadi 3 bulan").
_CHOICES = {"programs": work.PROGRAMS, "period": work.PERIOD}


def _choice_named(turn: Turn, reg: dict[str, Any]) -> dict[str, Any] | None:
    """The programs or payment period typed at the summary, read by that step's parser.

    Only those two: their words say which field they answer ("jht", "3 bulan"), while a name
    or a number typed here could be anything, so those ask which field first. A choice that
    differs from the answer comes first ("jkk jkm aja" while JHT is chosen).
    """
    named: list[dict[str, Any]] = []
    for field in _CHOICES.values():
        outcome = field.parse(turn, reg) if field.name in _changeable(reg) else None
        if isinstance(outcome, Accept):
            named.append(dict(outcome.values))
    named.sort(key=lambda values: all(reg.get(k) == v for k, v in values.items()))
    return named[0] if named else None


def _includes(turn: Turn, reg: dict[str, Any]) -> str | None:
    """Whether the programmes asked about are among those of the summary, from its own facts.

    "sudah termasuk jkm kan?" asks about this registration, not when JKM pays out.
    """
    programme = paid_by(turn, reg)
    chosen = list(programme.programs) if programme is not None else reg.get("programs")
    named = programmes_named(turn.text)
    if not (chosen and named):
        return None
    programs = programs_label(list(chosen))
    missing = [p for p in named if p not in chosen]
    if not missing:
        text = turn._("Yes. {named} is among the programs chosen: {programs}.")
        return text.format(named=programs_label(list(named)), programs=programs)
    text = turn._("No. {named} is not among the programs chosen: {programs}.")
    return text.format(named=programs_label(missing), programs=programs)


def _sends_asked_back(answer: str) -> bool:
    """Whether an answer asked back sends: "kirim?", "udah, kirim?"; not a bare "udah?".

    A bare yes asked back asks whether it is sent (the field's `about`).
    """
    return chatwords.yes_no(answer) is None


SUMMARY_FIELD = Field(
    "summary",
    ask_summary,
    read_summary,
    example=N_("Type send to send it, or change to change something."),
    about=(
        ("includes", _includes),  # "sudah termasuk jkm kan?"
        ("summary", N_("Not sent yet: your data is sent once you type send.")),  # "udah?"
    ),
    answered=lambda r: False,
    hedged=_sends_asked_back,
    shows_answers=True,
    sends=True,
)


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
            address=reg.get(STREET),
            occupation=reg["occupation"][:100],
            monthly_income=Decimal(reg["income"]) if "income" in reg else None,
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


def submit(turn: Turn, reg: dict[str, Any]) -> list[Reply]:
    """Take "kirim": write the lead in this turn's transaction (the form then closes)."""
    if existing := find_open_lead(turn.session, reg["nik_hash"]):
        return main_menu(turn, already_registered(turn, existing))
    branch, flagged = branch_for_regency(turn.session, reg["regency"])
    try:
        lead = _create(turn, reg, branch.id, flagged)
    except DuplicateLead as duplicate:
        return main_menu(turn, already_registered(turn, duplicate.existing))
    finish_assisted(turn.session, lead, reg.get("assisted_code"))  # an officer filled it in
    log.info(
        "lead %s for branch %s%s via %s",
        lead.reference,
        branch.code,
        " (flagged: regency not served)" if flagged else "",
        lead.channel,
    )
    if reg.get("prefilled") and not reg.get("family"):  # the check's answers are now used
        turn.data.pop("eligibility", None)
    turn.data.pop("_back", None)
    turn.data["registration_sent"] = lead.reference
    assert lead.call_by is not None, "create_lead sets it"
    done = Reply(next_steps_text(turn, lead, branch, flagged, lead.call_by))
    turn.state = IDLE
    if not by_officer(reg) and (place := village.offer(turn, lead)) is not None:
        return [done, *place]  # registering alone; the family question follows the offer
    return [done, family_question(turn)]


def sent_already(turn: Turn) -> list[Reply] | None:
    """An old summary button: say the registration was sent, if it was; else None."""
    sent = turn.data.get("registration_sent")
    if sent and not turn.data.get(FLOW):
        text = turn._("Your registration was already sent. Your reference number is {reference}.")
        return main_menu(turn, text.format(reference=sent))
    return None
