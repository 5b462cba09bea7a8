"""`cek status` or a typed reference (`JMS-7K3Q-9D2M`, `jms 7k3q9d2m`): where a registration stands.

Only the chat that sent the registration learns anything about it. Any other chat gets one
neutral answer, the same whether the reference exists or not, so that references cannot be
tried out one after another.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.branch_contact import office_card
from bot.conversation import Choice, Reply
from bot.exports import STATUS_LABELS
from bot.forms import form_of
from bot.i18n import N_
from bot.routing import Router, Turn
from bot.storage.leads import ALPHABET, leads_of_contact
from bot.storage.models import Branch, Lead
from handlers.menu import CALL_CENTER

router = Router()


# A reference as typed: any case, dashes or spaces or nothing between its parts; 0/O, 1/I/L
# are not in the alphabet, so a look-alike typed for one of them simply does not match.
_REFERENCE = re.compile(
    rf"\bjms[\s\-]*([{ALPHABET}]{{4}})[\s\-]*([{ALPHABET}]{{4}})\b", re.IGNORECASE
)
#: What the worker can do next, by lead status (the statuses of bot/exports.py STATUS_LABELS).
NEXT_STEP = {
    "baru": N_(
        "The branch office has your registration and will contact you by phone. Keep your "
        "phone on; there is nothing else you need to do now."
    ),
    "dihubungi": N_(
        "The branch office has contacted you. Follow the steps the officer gave you; if you "
        "missed them, call the office."
    ),
    "terdaftar": N_(
        "You are registered. For your membership card and paying your contributions, ask the "
        "branch office or call {phone}."
    ),
    "tidak_berminat": N_(
        "The branch office noted that you do not want to continue. If you change your mind, "
        "type daftar or contact the office."
    ),
    "tidak_dapat_dihubungi": N_(
        "The branch office could not reach you by phone. Please call the office, or type "
        "bicara dengan petugas."
    ),
    "duplikat": N_(
        "This registration repeats another one with the same NIK; the office goes on with the "
        "other one. For questions, call the office."
    ),
}


def find_reference(text: str) -> str | None:
    """`JMS-7K3Q-9D2M` for any typed form of a reference in `text`, else None.

    >>> find_reference("jms 7k3q9d2m"), find_reference("status JMS-7K3Q-9D2M ya")
    ('JMS-7K3Q-9D2M', 'JMS-7K3Q-9D2M')
    """
    found = _REFERENCE.search(text)
    return f"JMS-{found[1]}-{found[2]}".upper() if found else None


def status_replies(turn: Turn, lead: Lead) -> list[Reply]:
    """The lead's status in plain words, what to do next, and its branch office."""
    _ = turn._
    status = _(STATUS_LABELS.get(lead.status, lead.status))
    text = _("Registration {reference}: {status}.").format(reference=lead.reference, status=status)
    if step := NEXT_STEP.get(lead.status):
        text += "\n" + _(step).format(phone=CALL_CENTER)
    branch = turn.session.get(Branch, lead.branch_id)
    if branch is not None:
        text += "\n\n" + _("Your branch office:") + "\n" + office_card(turn.session, turn.t, branch)
    return [Reply(text, (Choice("menu", _("Main menu")),))]


def own_status(turn: Turn) -> list[Reply] | None:
    """The newest registration sent from this chat, or None when it sent none.

    Also the answer to the status question asked in one's own words ("kapan saya
    dihubungi?"), through handlers/faq.py.
    """
    leads = leads_of_contact(turn.session, turn.contact)
    return status_replies(turn, leads[-1]) if leads else None


@router.action("status")
def check_status(turn: Turn) -> list[Reply]:
    """`cek status`: the newest registration sent from this chat.

    Asked in the middle of a form ("udh diproses blm?" during the check), the form's step
    follows: the status is an aside, the form goes on where it was.
    """
    if (replies := own_status(turn)) is None:
        text = turn._(
            "No registration was sent from this chat. If you registered from another phone or "
            "chat, ask there. To register now, type daftar."
        )
        replies = [Reply(text, (Choice("menu", turn._("Main menu")),))]
    form = form_of(turn.state)
    if form is not None and form.field_at(turn.state):
        return [*(Reply(r.text) for r in replies), *form.reask(turn)]
    return replies


@router.text
def reference_typed(turn: Turn) -> list[Reply] | None:
    """A message naming a reference: its status for its own chat, a neutral answer elsewhere."""
    reference = find_reference(turn.text)
    if reference is None:
        return None
    lead = turn.session.scalars(select(Lead).where(Lead.reference == reference)).first()
    if lead is not None and lead.contact_id == turn.contact.id:
        return status_replies(turn, lead)
    text = turn._(
        "For your privacy, I can show a registration's status only in the chat it was sent "
        "from. If you registered from another phone or chat, type cek status there, or call "
        "the BPJS Ketenagakerjaan call center on {phone}."
    ).format(phone=CALL_CENTER)
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]
