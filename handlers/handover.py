"""A person, when the worker asks for one or the bot is stuck: the handover to branch staff.

`bicara dengan petugas`, `admin`, `cs` … (chatwords "human"), or two questions in a row the
FAQ could not answer, open a handover (bot/storage/handovers.py) for the worker's branch. The
worker is told who answers, in which office hours and zone, and that the bot keeps answering
meanwhile. Staff answer from the dashboard; their replies go out through the outbox.
Web chat and terminal cannot receive a message later, so there the worker gets the office's
contact instead of a promise nobody could keep.
"""

from __future__ import annotations

from dataclasses import replace

from bot.branch_contact import hours_text, office_card, when_open
from bot.conversation import Choice, Reply
from bot.engine import OUTBOX_CHANNELS
from bot.forms import unfinished
from bot.routing import Router, Turn
from bot.storage.handovers import ASKED, KEY, STUCK, WORKER, add_message, open_handover, route_of
from bot.storage.models import Branch
from handlers.menu import CALL_CENTER

router = Router()

STUCK_AFTER = 2  # unanswered questions in a row that open a handover
_UNANSWERED = "_unanswered"  # in the conversation's data: the questions not answered in a row


def hand_over(turn: Turn, reason: str, said: list[str]) -> list[Reply]:
    """Open (or find) the chat's handover and tell the worker honestly what happens next."""
    _ = turn._
    if turn.incoming.channel not in OUTBOX_CHANNELS:
        branch = turn.session.get_one(Branch, route_of(turn.session, turn.contact).branch_id)
        text = _(
            "Staff cannot write to this chat later. To talk to a person, contact your branch "
            "office or call the BPJS Ketenagakerjaan call center on {phone}."
        ).format(phone=CALL_CENTER)
        return [Reply(text + "\n\n" + office_card(turn.session, turn.t, branch))]
    handover, new = open_handover(
        turn.session, turn.contact, turn.incoming.chat_id, reason, turn.now
    )
    turn.data[KEY] = handover.id
    if new:
        for text in said:
            add_message(turn.session, handover, WORKER, text, turn.now)
    branch = turn.session.get_one(Branch, handover.branch_id)
    if new:
        first = _("I have passed your chat to the staff of {branch}.")
    else:
        first = _("Your chat is already with the staff of {branch}.")
    text = "\n".join(
        (
            first.format(branch=branch.name),
            _(
                "A staff member will answer you here, in this chat, during office hours: {hours}."
            ).format(hours=hours_text(turn.session, turn.t, branch)),
            when_open(turn.session, turn.t, branch, turn.now),
            "",
            _(
                "Until then I keep answering your questions: just type them. For something "
                "urgent, call the BPJS Ketenagakerjaan call center on {phone}."
            ).format(phone=CALL_CENTER),
        )
    )
    return [Reply(text)]


@router.action("human")
def human(turn: Turn) -> list[Reply]:
    """`bicara dengan petugas`: a handover to the worker's branch office."""
    said = [turn.text] if turn.text else []
    replies = hand_over(turn, ASKED, said)
    form = unfinished(turn)
    if form is not None and form.field_at(turn.state):
        return [*replies, *form.reask(turn)]
    return [replace(replies[0], choices=(Choice("menu", turn._("Main menu")),))]


def answered(turn: Turn) -> None:
    """The FAQ answered: the count of unanswered questions in a row starts again."""
    turn.data.pop(_UNANSWERED, None)


def stuck(turn: Turn) -> list[Reply]:
    """One more question the FAQ could not answer; at STUCK_AFTER in a row, a handover."""
    asked = [*turn.data.get(_UNANSWERED, []), turn.text][-STUCK_AFTER:]
    if len(asked) < STUCK_AFTER or KEY in turn.data:
        turn.data[_UNANSWERED] = asked
        return []
    turn.data.pop(_UNANSWERED, None)
    return hand_over(turn, STUCK, asked)
