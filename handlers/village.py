"""Places in village and Pemda programmes, in chat.

- A worker asks whether their village (or Pemda) enrolled them: "saya sudah didaftarkan
  desa?". The answer is the status of their own place only: the leads registered from this
  chat, and on WhatsApp the leads whose number is the sender's (a village list carries the
  number, not the chat). A NIK or name typed here never looks anyone up, so nobody learns
  another person's place.
- A village officer's worker gets a place when the officer sends the form (handlers/assisted.py
  calls `enrol_by_officer`).
- A worker who registered alone, said yes to a government program and lives in a desa with an
  open programme is offered a place on its list (`offer`, then the form `OFFER`): they agree
  first, their work is checked against the programme's categories, a full one wait-lists.
"""

from __future__ import annotations

from collections import Counter

from bot.conversation import Channel, Choice, Reply
from bot.domain import chatwords
from bot.domain.programmes import CATEGORY_LABELS, asks_own_place
from bot.forms import Answers, Field, Form, Leave, Outcome
from bot.i18n import N_
from bot.programme_files import sponsor
from bot.routing import Router, Turn
from bot.storage.models import Enrolment, Lead, Programme
from bot.storage.programmes import (
    ENROLLED,
    WAITING,
    counts,
    enrol,
    open_programme,
    places_for,
    refusal,
)
from handlers.faq import brief_answer
from handlers.menu import family_question, main_menu

router = Router()


def _sender_phone(turn: Turn) -> str | None:
    if turn.incoming.channel is not Channel.WHATSAPP or not turn.incoming.phone:
        return None
    return chatwords.parse_phone("+" + turn.incoming.phone.lstrip("+"))


def _line(turn: Turn, place: Enrolment, programme: Programme) -> str:
    _ = turn._
    values = {
        "sponsor": sponsor(programme),
        "programs": "+".join(p.upper() for p in programme.programs),
        "months": programme.months,
        "start": turn.t.date(programme.start_month),
    }
    if place.status != ENROLLED:
        return _(
            "You are on the waiting list of the programme of {sponsor}: its places are full. "
            "The village office can tell you when a place frees up."
        ).format(**values)
    text = _(
        "Yes: you have a place in the programme of {sponsor}. It pays your {programs} "
        "contributions for {months} months from {start}; you pay nothing for them."
    ).format(**values)
    if programme.active_from is None:
        return (
            text
            + " "
            + _(
                "The branch office has not yet recorded the group's first payment. Until it is "
                "paid you are not yet protected."
            )
        )
    return (
        text
        + " "
        + _("Contributions are paid from {month}.").format(month=turn.t.date(programme.active_from))
    )


@router.text
def own_place(turn: Turn) -> list[Reply] | None:
    """Answer "saya sudah didaftarkan desa?" with this person's places, or say there is none."""
    if not asks_own_place(turn.text):
        return None
    _ = turn._
    places = places_for(turn.session, turn.contact.id, _sender_phone(turn))
    if not places:
        return [
            Reply(
                _(
                    "I find no place in a village or Pemda programme for this chat. Your village "
                    "office (kantor desa) knows whether you are on its list; or call 175."
                )
            )
        ]
    return [Reply("\n\n".join(_line(turn, place, programme) for place, programme in places))]


# ---------------------------------------------------------------- places given in chat


def _categories(turn: Turn, programme: Programme) -> str:
    return ", ".join(turn._(CATEGORY_LABELS[key]).lower() for key in programme.categories)


def _taken(turn: Turn, programme: Programme) -> Counter[str]:
    return counts(turn.session, [programme.id]).get(programme.id, Counter())


def enrol_by_officer(turn: Turn, programme: Programme, lead: Lead, consent: str) -> str:
    """Give the officer's worker a place, or say why not; the officer is told which."""
    values = {"name": lead.name, "sponsor": sponsor(programme), "quota": programme.quota}
    problem = refusal(programme, lead)
    if problem == "village.outside":
        return turn._(
            "{name} does not live in {sponsor}, so they get no place in its programme. The "
            "branch office has the registration all the same."
        ).format(**values)
    if problem is not None:
        return turn._(
            "The programme of {sponsor} admits {categories}; {name}'s work is not one of them, "
            "so they get no place in it. The branch office has the registration all the same."
        ).format(categories=_categories(turn, programme), **values)
    place = enrol(turn.session, programme, lead, source="officer", consent=consent, now=turn.now)
    taken = _taken(turn, programme)
    if place.status == WAITING:
        return turn._(
            "The programme of {sponsor} is full ({quota} places): {name} is number {position} "
            "on its waiting list."
        ).format(position=taken[WAITING], **values)
    return turn._(
        "{name} has a place in the programme of {sponsor}: {taken} of {quota} places taken."
    ).format(taken=taken[ENROLLED], **values)


OFFER_FLOW = "village_offer"  # {"lead", "programme"}; state "village_offer.join"


def offer(turn: Turn, lead: Lead) -> list[Reply] | None:
    """After a registration that said yes to a government program: offer a place.

    None when the desa (or kabupaten) has no open programme. Once the offer is answered (or
    when the work is not admitted) the registration's family question follows.
    """
    if not lead.sponsored_interest or not lead.village_code:
        return None
    programme = open_programme(turn.session, lead.village_code, turn.now.date())
    if programme is None:
        return None
    if refusal(programme, lead) is not None:
        text = turn._(
            "{sponsor} has a programme that pays contributions for some workers: it admits "
            "{categories}. Your work is not one of them, so your registration stays one you "
            "pay yourself."
        ).format(sponsor=sponsor(programme), categories=_categories(turn, programme))
        return [Reply(text), family_question(turn)]
    turn.data[OFFER_FLOW] = {"lead": lead.id, "programme": programme.id}
    return OFFER.ask(turn)


def _offered(turn: Turn) -> tuple[Lead, Programme] | None:
    found = turn.data.get(OFFER_FLOW) or {}
    lead = turn.session.get(Lead, found.get("lead") or 0)
    programme = turn.session.get(Programme, found.get("programme") or 0)
    if lead is None or programme is None or lead.contact_id != turn.contact.id:
        return None
    return lead, programme


def _prompt_offer(turn: Turn, answers: Answers) -> Reply:
    found = _offered(turn)
    if found is None:
        return main_menu(turn, turn._("This offer is no longer open."))[0]
    programme = found[1]
    text = turn._(
        "{sponsor} has a programme that pays {programs} contributions for {months} months from "
        "{start} for workers like you. Do you want a place on its list? The village office "
        "and the branch office will see your name, NIK, address and work."
    ).format(
        sponsor=sponsor(programme),
        programs="+".join(p.upper() for p in programme.programs),
        months=programme.months,
        start=turn.t.date(programme.start_month),
    )
    if _taken(turn, programme)[ENROLLED] >= programme.quota:
        text += " " + turn._(
            "Its {quota} places are taken: you would be on the waiting list."
        ).format(quota=programme.quota)
    choices = (
        Choice("offer_yes", turn._("Yes, put me on the list")),
        Choice("offer_no", turn._("No, thank you")),
    )
    return Reply(text, choices)


def _read_offer(turn: Turn, answers: Answers) -> Outcome | None:
    """Yes or no, pressed or typed; yes gives the place, or a place on the waiting list."""
    said = {"offer_yes": True, "offer_no": False}.get(turn.choice or "")
    if said is None and turn.choice is None:
        said = chatwords.yes_no(turn.text)
    if said is None:
        return None
    found = _offered(turn)
    if found is None:
        return Leave(main_menu(turn, turn._("This offer is no longer open.")), close=True)
    lead, programme = found
    values = {"sponsor": sponsor(programme)}
    if not said:
        text = turn._("Understood. Your registration stays one you pay yourself.")
        return Leave([Reply(text), family_question(turn)], close=True)
    place = enrol(turn.session, programme, lead, source="self", consent="phone", now=turn.now)
    if place.status == WAITING:
        text = turn._(
            "You are number {position} on the waiting list of the programme of {sponsor}: its "
            "places are full. Ask saya sudah didaftarkan desa? at any time for your place."
        ).format(position=_taken(turn, programme)[WAITING], **values)
    else:
        text = turn._(
            "✅ You have a place on the list of the programme of {sponsor}. The branch office "
            "registers the group; ask saya sudah didaftarkan desa? at any time for your place."
        ).format(**values)
    return Leave([Reply(text), family_question(turn)], close=True)


OFFER = Form(
    OFFER_FLOW,
    [Field("join", _prompt_offer, _read_offer, example=N_("Type yes or no."))],
    brief_answer=brief_answer,
    started=lambda a: False,
)
OFFER.install(router)
