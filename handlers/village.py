"""A worker asks whether their village (or Pemda) enrolled them: "saya sudah didaftarkan desa?".

The answer is the status of their own place only: the leads registered from this chat, and
on WhatsApp the leads whose number is the sender's (a village list carries the number, not
the chat). A NIK or name typed here never looks anyone up, so nobody learns another
person's place.
"""

from __future__ import annotations

from bot.conversation import Channel, Reply
from bot.domain import chatwords
from bot.domain.programmes import asks_own_place
from bot.programme_files import sponsor
from bot.routing import Router, Turn
from bot.storage.models import Enrolment, Programme
from bot.storage.programmes import ENROLLED, places_for

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
