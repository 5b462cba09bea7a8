"""The first reply a worker reads, for the tests of questions cross-validation on dev missed.

Each question is sent as a new chat's first message, through what `python -m bot ask` runs
(bench.realsets.all_replies): the reply must carry the expected entry's answer, and the fact
the question needs must be in that reply, not only in the knowledge files.
"""

from __future__ import annotations

from functools import cache

from bench.realsets import _answers, all_replies, replied_entry
from bot.knowledge import load_knowledge


@cache
def _known() -> list[tuple[str, str]]:
    return _answers(load_knowledge().values())


def assert_first_reply(question: str, entry: str, says: str) -> None:
    """The first reply to `question` is `entry`'s answer and says `says`."""
    sent = all_replies([question])[0]
    reply = sent[0] if sent else ""
    assert replied_entry(reply, _known()) == entry, (question, reply[:300])
    assert says in reply, (question, reply[:300])
