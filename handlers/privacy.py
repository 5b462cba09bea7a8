"""The person's rights over their data (UU PDP 27/2022): see it, and delete it.

"lihat data saya" and "hapus data saya" are global words (bot/routing.py), so they work in
every state. Deletion asks first, in a state of its own (a typed "ya" there never answers a
form's question); the confirmation only works right after the question, so an old button
pressed days later deletes nothing, and "tidak" goes back to where the chat was.
"""

from __future__ import annotations

from typing import Any

from bot.conversation import Choice, Reply
from bot.domain import chatwords, regions
from bot.domain.validation import mask_nik, mask_phone
from bot.forms import then_reasked
from bot.routing import IDLE, Router, Turn
from bot.storage.leads import erase_contact, leads_of_contact
from bot.storage.models import Branch, Lead
from handlers.menu import main_menu
from handlers.registration import FLOW as REGISTRATION
from handlers.registration.text import occupation_label, programs_label

router = Router()

_CONFIRM = "_erase_asked"  # the state the chat was in when deletion was asked
ERASING = "privacy.erase"


def _lead_lines(turn: Turn, lead: Lead) -> str:
    _ = turn._
    nik = turn.crypto.decrypt(lead.nik_encrypted) if turn.crypto else ""
    branch = turn.session.get(Branch, lead.branch_id)
    place = regions.region(lead.village_code or lead.district_code or lead.regency_code)
    return "\n".join(
        [
            _("Registration {reference} ({status}), {date}:").format(
                reference=lead.reference,
                status=lead.status,
                date=turn.t.date(lead.created_at.date()),
            ),
            _("Name: {value}").format(value=lead.name),
            _("NIK: {value}").format(value=mask_nik(nik)),
            _("Date of birth: {value}").format(value=turn.t.date(lead.birth_date)),
            _("Mobile number: {value}").format(value=mask_phone(lead.phone)),
            _("Address: {value}").format(value=place.label if place else lead.regency_code),
            _("Work: {value}").format(value=occupation_label(turn, lead.occupation)),
            _("Programs: {value}").format(value=programs_label(lead.programs)),
            _("Branch office: {value}").format(value=branch.name if branch else "-"),
        ]
    )


@router.action("my_data")
def my_data(turn: Turn) -> list[Reply]:
    """Everything stored about this chat's person, NIK and phone masked."""
    _ = turn._
    parts = [_("This is the data stored about you in this chat:")]
    contact = turn.contact
    if contact.consent_at:
        parts.append(
            _("Consent given on {date} (version {version}).").format(
                date=turn.t.date(contact.consent_at.date()), version=contact.consent_version or "-"
            )
        )
    leads = leads_of_contact(turn.session, contact)
    parts += [_lead_lines(turn, lead) for lead in leads]
    unfinished: dict[str, Any] = turn.data.get(REGISTRATION) or {}
    if unfinished.get("consent_at"):
        parts.append(
            _("A registration not sent yet, for: {name}.").format(
                name=unfinished.get("name") or "-"
            )
        )
    if not leads and not unfinished.get("consent_at"):
        parts.append(
            _("No registration. Only your language choice and this conversation are stored.")
        )
    parts.append(_("Type hapus data saya to delete all of it."))
    if (reasked := then_reasked(turn, Reply("\n\n".join(parts)))) is not None:
        return reasked  # asked in the middle of a form
    choices = (Choice("erase", _("Delete my data")), Choice("menu", _("Main menu")))
    return [Reply("\n\n".join(parts), choices)]


def _erase_prompt(turn: Turn) -> list[Reply]:
    _ = turn._
    text = _(
        "Delete all your data? This removes your registrations (also the ones already sent to the "
        "branch office), your contact data and this conversation. It cannot be undone."
    )
    choices = (
        Choice("erase_yes", _("Yes, delete everything")),
        Choice("erase_no", _("No, keep my data")),
    )
    return [Reply(text, choices)]


@router.action("erase")
def ask_erase(turn: Turn) -> list[Reply]:
    """Ask before deleting: it cannot be undone.

    The chat waits in ERASING for the answer, so a typed "ya" is read here, never as an
    answer to a form's question.
    """
    if turn.state != ERASING:
        turn.data[_CONFIRM] = turn.state  # where to go back to if nothing is deleted
        turn.state = ERASING
    return _erase_prompt(turn)


@router.step(ERASING, prompt=_erase_prompt)
def on_erase_answer(turn: Turn) -> list[Reply] | None:
    """A typed yes or no to "Delete all your data?"."""
    if turn.choice is not None:
        return None
    said = chatwords.yes_no(turn.text)
    if said is None and (typed := chatwords.phrase_value(turn.text, "erase_answer")):
        said = typed == "yes"  # "ya hapus", "jangan dihapus"
    if said is None:
        return None
    return erase(turn) if said else keep(turn)


@router.action("erase_no")
def keep(turn: Turn) -> list[Reply]:
    """Nothing deleted: back to where the chat was, its form's question asked again."""
    before = turn.data.pop(_CONFIRM, None)
    turn.state = before if isinstance(before, str) and before != ERASING else IDLE
    if (reasked := then_reasked(turn, Reply(turn._("Nothing was deleted.")))) is not None:
        return reasked
    return main_menu(turn, turn._("Nothing was deleted."))


@router.action("erase_yes")
def erase(turn: Turn) -> list[Reply]:
    """Delete leads, contact and conversation data; keep an anonymous audit event per lead."""
    _ = turn._
    if turn.state != ERASING:  # an old button: ask again
        return ask_erase(turn)
    count = erase_contact(turn.session, turn.contact, now=turn.now)
    turn.forget = True  # the conversation row goes too: its key is the chat id
    text = _(
        "Done. I deleted {count} registration(s), your contact data and this conversation. "
        "Only an anonymous note that a deletion took place is kept, "
        "without your name, NIK or number."
    ).format(count=count)
    return main_menu(turn, text)
