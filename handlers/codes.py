"""One-time codes typed in chat (officers' and staff's account links, workers' consent).

Six digits are not to be guessed: a chat gets a few wrong tries an hour, for all kinds of
code together.
"""

from __future__ import annotations

from datetime import timedelta

from bot.conversation import Choice, Reply
from bot.routing import Turn
from handlers.menu import main_menu

MAX_WRONG_CODES = 5  # per chat per hour


def too_many_wrong_codes(turn: Turn) -> bool:
    """Whether this chat used up its wrong tries of the last hour."""
    hour_ago = (turn.now - timedelta(hours=1)).isoformat()
    wrong = [at for at in turn.data.get("_wrong_codes", []) if at > hour_ago]
    turn.data["_wrong_codes"] = wrong
    return len(wrong) >= MAX_WRONG_CODES


def wrong_code(turn: Turn) -> list[Reply]:
    """Count a wrong try and say so."""
    turn.data.setdefault("_wrong_codes", []).append(turn.now.isoformat())
    text = turn._(
        "This code is not valid. It may have expired or been used already. "
        "Check it, or ask for a new one."
    )
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


def too_many_codes(turn: Turn) -> list[Reply]:
    """The answer once the tries are used up."""
    return main_menu(turn, turn._("Too many wrong codes. Please try again in an hour."))
