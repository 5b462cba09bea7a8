"""One-time codes typed in chat (officers' and staff's account links, workers' consent).

Six digits are not to be guessed. Wrong tries are counted in the database
(bot/storage/attempts.py), outside the chat's data, so neither a new web chat nor
"hapus data saya" starts the count again: a person (a hash of their platform account) gets
a few wrong tries an hour for every kind of code together, and a code stops working after a
few wrong tries of its kind by anyone. A wrong, used, expired or stopped code gets the same
reply, so the reply tells a guesser nothing.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.conversation import Choice, Reply
from bot.routing import Turn
from bot.storage import attempts
from bot.storage import officers as store
from bot.storage.models import OfficerCode
from handlers.menu import main_menu

#: A six-digit code as typed: spaces, dots or dashes between its digits ("482-913", "48 29 13").
SIX_DIGITS = r"\d(?:[\s.\-]*\d){5}"


def digits(typed: str) -> str:
    """The code's digits alone."""
    return re.sub(r"\D", "", typed)


def _who(turn: Turn) -> str:
    incoming = turn.incoming
    return attempts.subject(turn.crypto, incoming.channel.value, incoming.user_id)


def too_many_wrong_codes(turn: Turn) -> bool:
    """Whether this account used up its wrong tries of the last hour."""
    hour_ago = turn.now - timedelta(hours=1)
    tried = attempts.count(turn.session, attempts.CODE_KINDS, hour_ago, _who(turn))
    return tried >= attempts.MAX_WRONG_PER_PERSON


def wrong_code(turn: Turn, purpose: str) -> list[Reply]:
    """Count a wrong try of a `purpose` code and say so (the same words for any bad code)."""
    attempts.record(turn.session, attempts.code_kind(purpose), _who(turn), turn.now)
    text = turn._(
        "This code is not valid. It may have expired or been used already. "
        "Check it, or ask for a new one."
    )
    return [Reply(text, (Choice("menu", turn._("Main menu")),))]


def too_many_codes(turn: Turn) -> list[Reply]:
    """The answer once the tries are used up."""
    return main_menu(turn, turn._("Too many wrong codes. Please try again in an hour."))


def own_account_code(
    turn: Turn, purpose: str, typed: str, elsewhere: str
) -> OfficerCode | list[Reply]:
    """The live `purpose` code `typed`, or the reply refusing it.

    An officer's link and a worker's consent come from the person's own WhatsApp or Telegram:
    any other channel gets `elsewhere` before a lookup, so the web chat learns nothing.
    """
    if turn.incoming.channel.value not in store.IDENTITY_CHANNELS:
        return main_menu(turn, elsewhere)
    if too_many_wrong_codes(turn):
        return too_many_codes(turn)
    found = store.live_code(turn.session, purpose, typed, turn.now)
    return wrong_code(turn, purpose) if found is None else found
