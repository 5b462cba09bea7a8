"""`stop` / `berhenti`: no more messages the person did not ask for, confirmed.

Honoured by every message the bot sends unprompted (bot/notices.py): the form reminder, a
branch's status news. A form left half-way keeps its answers; `lanjut` still continues it.
"""

from __future__ import annotations

from bot.conversation import Choice, Reply
from bot.routing import IDLE, Router, Turn
from bot.storage import notices

router = Router()


@router.action("stop")
def stop(turn: Turn) -> list[Reply]:
    """Record the stop for this chat and say what it means."""
    notices.stop(turn.session, turn.incoming.channel.value, turn.incoming.chat_id, turn.now)
    turn.state = IDLE
    turn.data.pop("_back", None)
    text = turn._(
        "Done: we will not send you reminders or news about your registration any more. "
        "You can still write here at any time."
    )
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]
