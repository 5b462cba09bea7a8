"""Self-registration on the form engine: the order of the fields and the ways in.

Ways in: "Daftar" (button, or typed in any state: `daftar`, `mau daftar`, `ok daftar`, or a
sentence such as "Dengan hormat, saya ingin mendaftar"), resume ("lanjut"), family member.
The form asks the first field still missing, which is also how eligibility's answers, a
resumed attempt and a change from the summary avoid asking anything twice. Eligibility's
answers are taken over only for the chat's own first registration: a family member, or anyone
registering after a lead was sent from this chat, answers for themselves.
"""

from __future__ import annotations

from typing import Any

from bot.conversation import Choice, Reply
from bot.domain import chatwords
from bot.domain.faq import Decision
from bot.domain.intent import states_the_rule_for
from bot.domain.occupations import find_occupation
from bot.forms import Field, Form, Leave, Offer, Outcome
from bot.i18n import N_
from bot.routing import IDLE, Router, Turn
from handlers import faq
from handlers.menu import main_menu
from handlers.registration import domicile, identity, paste, relative, summary, work
from handlers.registration.common import BASE_PROGRAMS, FLOW
from handlers.registration.text import OCCUPATIONS, by_officer


def kept_ahead(turn: Turn, reg: dict[str, Any]) -> str | None:
    """What a message says for later steps, kept (`Form.ahead`): a paste, work, income, a street.

    Nothing before the consent (UU PDP): not even in the conversation state, which is stored
    too; the consent step says so and the data is sent again after the yes. An officer's form
    records the worker's consent before its first field.
    """
    if not (reg.get("consent_at") or by_officer(reg)):
        return None
    paste.place_told(turn, reg)
    facts = paste.kept_ahead(turn, reg)
    if facts is None:
        facts = [*work.kept_ahead(turn, reg), *paste.later_choices(turn, reg, _later(turn))]
        facts += domicile.street_told(turn, reg)
    return turn._("I noted: {facts}.").format(facts="; ".join(facts)) if facts else None


def _later(turn: Turn) -> list[str]:
    """The form's steps after the one asked (all of them outside the form).

    An officer's form (handlers/assisted.py) asks the same steps under its own flow's name:
    "JKK dan JKM saja" at its programs step was noted as typed ahead of it.
    """
    names = list(FORM.fields)
    step = turn.state.partition(".")[2]
    return names[names.index(step) + 1 :] if step in names else names


router = Router()

FORM = Form(
    FLOW,
    [*identity.FIELDS, *domicile.FIELDS, *work.FIELDS, summary.SUMMARY_FIELD],
    brief_answer=faq.brief_answer,
    started=lambda r: bool(r.get("consent_at")),
    ahead=kept_ahead,
    settled=summary.settled_change,  # "ubah program" before the summary, a programme paying
    refused=N_(
        "Without this answer the registration cannot be sent: the branch office needs every "
        "answer asked here. The answers given so far stay saved. Type batal to stop and "
        "delete them, or nanti to continue another time."
    ),
)
FORM.install(router)
router.stale[summary.SUBMIT] = summary.sent_already


def _eligibility_prefill(turn: Turn, reg: dict[str, Any]) -> None:
    """Take over what the eligibility check asked (keys: handlers/eligibility.py docstring)."""
    found = turn.data.get("eligibility")
    if reg.get("family") or not isinstance(found, dict) or reg.get("prefilled"):
        return
    reg["prefilled"] = True
    income = found.get("monthly_income")
    if income and found.get("work") in (None, "self_employed"):
        reg.setdefault("income", str(income))
    occupation, label = found.get("occupation"), found.get("occupation_label")
    if occupation in OCCUPATIONS and "occupation" not in reg:
        named = find_occupation(str(label or ""))
        said = named if named and named[0].key == occupation else None
        reg.update(work.known_work(*said) if said else {"occupation": occupation})
    elif occupation == "other_self_employed" and label:
        reg.setdefault("occupation", str(label)[:80])
    chosen = found.get("programs")
    if found.get("checked") and isinstance(chosen, list):  # the programs the answer showed
        reg.setdefault("programs", BASE_PROGRAMS + (["jht"] if "jht" in chosen else []))


def _work_prefill(turn: Turn, reg: dict[str, Any]) -> None:
    """The writer's own work, named in the request or an earlier question, is not asked again.

    "gw ojol mau daftar": the summary shows it. A family member answers for himself.
    """
    own = faq.remembered_work(turn.data)
    if not reg.get("family") and "occupation" not in reg and own and own[0].key in OCCUPATIONS:
        reg.update(work.known_work(*own))


def advance(turn: Turn, *before: Reply) -> list[Reply]:
    """Ask the first field still missing (the summary when none is)."""
    reg = FORM.answers(turn)
    _eligibility_prefill(turn, reg)
    _work_prefill(turn, reg)
    return FORM.ask(turn, *before)


@router.action("register")
def register(turn: Turn) -> list[Reply]:
    """Start "Daftar": a new registration, or the offer to continue the one left unfinished.

    "iya daftarin" typed at the offer to register a relative registers the relative.
    """
    if turn.state == RELATIVE.state("register"):
        facts = str((turn.data.pop(RELATIVE_OFFER, None) or {}).get("facts", ""))
        return _relative(turn, facts) or family(turn)
    reg = turn.data.get(FLOW)
    if reg and reg.get("consent_at"):
        if not FORM.field_at(turn.state):  # in the form, an answer typed next still counts
            turn.state = IDLE
        text = turn._("You have an unfinished registration. Continue the registration?")
        choices = (
            Choice("resume", turn._("Continue registration")),
            Choice("reg_restart", turn._("Start over")),
        )
        return [Reply(text, choices)]
    if turn.data.get("registration_sent"):  # a lead went from this chat: another person now
        return family(turn)
    turn.data[FLOW] = {}
    return advance(turn)


@router.action("reg_restart")
def restart(turn: Turn) -> list[Reply]:
    family_ = bool((turn.data.get(FLOW) or {}).get("family"))
    turn.data[FLOW] = {"family": True} if family_ else {}
    return advance(turn)


def _relative(turn: Turn, facts: str) -> list[Reply] | None:
    """Register the relative the request names, keeping every fact it tells (`relative`)."""
    if relative.stops(turn, facts):
        return None
    replies = family(turn)
    relative.carry(turn, FORM.answers(turn), facts)
    return replies


@router.action("reg_family")
def family(turn: Turn) -> list[Reply]:
    """Register another person from the same chat: their own consent, NIK and lead."""
    turn.data[FLOW] = {"family": True}
    intro = turn._(
        "Good. Have the family member's KTP ready. They must agree to the next "
        "message themselves, so please show it to them."
    )
    return advance(turn, Reply(intro))


RELATIVE_OFFER = "relative_offer"  # {"facts": the question}; state "relative_offer.register"
_HOW = N_(
    "Type yes and I ask their data here, one by one: name, NIK, mobile number, desa, work and "
    "income. They read and agree to the data use themselves, so have their KTP ready."
)


def _offer_relative(turn: Turn, answers: dict[str, Any]) -> Reply:
    choices = (
        Choice("relative_yes", turn._("Yes, register them")),
        Choice("relative_no", turn._("Not now")),
    )
    return Reply(relative.may_join(turn, str(answers.get("facts", ""))), choices)


def _read_relative_offer(turn: Turn, answers: dict[str, Any]) -> Outcome | None:
    """Yes registers the relative with the facts of the question; no leaves it there.

    Another fact told instead ("umur 52") is the relative's: the answer is given again with
    it, or by the FAQ when it rules registration out ("umur 67").
    """
    said = {"relative_yes": True, "relative_no": False}.get(turn.choice or "")
    if said is None and turn.choice is None:
        said = chatwords.yes_no(turn.text)
        if said is None and chatwords.asks_to_register(turn.text):  # "daftarin aja"
            said = True
    if said is None and turn.choice is None and relative.tells(turn, turn.text):
        told = f"{answers.get('facts', '')}, {turn.text}"
        if not relative.asks(turn, told):
            turn.state = IDLE
            return Leave(faq.answer_question(paste.said(turn, told)) or [], close=True)
        answers["facts"] = told
        offered = _offer_relative(turn, answers)
        return Offer(offered.text, offered.choices)
    if said is None:
        return None
    if not said:
        text = turn._("All right. Type daftar whenever you want to register them.")
        return Leave(main_menu(turn, text), close=True)
    return Leave(_relative(turn, str(answers.get("facts", ""))) or [], close=True)


def _who_may_join(turn: Turn) -> list[Reply]:
    """The FAQ's entry on who may join, when it reads the question as one.

    The rule, with its figures and sources, comes before the relative's own case
    (`relative.may_join`).
    """
    found = faq.match(turn.text, turn.t.locale, faq.known_conditions(turn.data))
    if found.decision is not Decision.ANSWER or not found.entry_id:
        return []
    article = faq.entry(turn.t.locale, found.entry_id)
    if article is None or not states_the_rule_for(article.id):
        return []
    return [Reply(reply.text) for reply in faq.answer_replies(turn, article, found.caveat)]


RELATIVE = Form(
    RELATIVE_OFFER,
    [
        Field(
            "register",
            _offer_relative,
            _read_relative_offer,
            example=N_("Type yes or no."),
            short=N_("Shall I register them now? Type yes or no."),
            about=(("relative_how", _HOW),),  # "gimana caranya?", "perlu apa aja?"
        )
    ],
    brief_answer=faq.brief_answer,
    started=lambda a: False,
)
RELATIVE.install(router)


@router.text
def register_from_text(turn: Turn) -> list[Reply] | None:
    """A request to register in a sentence ("Dengan hormat, saya ingin mendaftar …").

    "saya mau daftarin bapak saya" registers the relative: their own consent and KTP. Asked
    as a question ("anak saya kerja bengkel umur 25, bisa ikut?"), it is answered, then
    offered (`relative.asks`); "bisa daftar di sini?" asks nothing but to register.
    """
    if turn.state != IDLE:
        return None
    here = chatwords.asks_to_register_here(turn.text)
    if chatwords.is_question(turn.text) and not here:
        if not relative.asks(turn, turn.text):
            return None
        turn.data[RELATIVE_OFFER] = {"facts": turn.text}
        return RELATIVE.ask(turn, *_who_may_join(turn))
    if (facts := chatwords.registers_relative(turn.text)) is not None:
        return _relative(turn, facts)
    if not (here or chatwords.asks_to_register(turn.text)):
        return None
    faq.note_own_work(turn)
    return register(turn)
