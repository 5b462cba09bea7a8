"""FaqIndex, the matcher handlers and benches build, and `build_index`.

Its steps are layered classes, each module one concern: building (tables, reading a
text), scoring, condition_step, deciding, several; `match` runs them in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from bot.domain.chatwords import without_courtesies
from bot.domain.faq.languages import DEFAULT_LANGUAGE
from bot.domain.faq.several import Several
from bot.domain.faq.shapes import Decision, EntryLike, Match, Thresholds


class FaqIndex(Several):
    """A search index over entries' questions (phrasings and labelled examples) and titles.

    Built once, then read-only (apart from a bounded typo memo), so one instance can serve
    every conversation.
    """

    def match(self, text: str, context: frozenset[str] = frozenset()) -> Match:
        """Rank the entries for `text` and decide what to do.

        `context`: condition tokens the conversation knows (bot.domain.conditions), for
        instance "@notmember" after a check found that the person cannot join.
        """
        text = without_courtesies(text)
        reading = self._ranked_reading(text, context)
        found = self._judged(reading, self._decide(reading, context))
        if found.decision is Decision.ANSWER:
            return self._several(text, context, found)
        return found


def build_index(
    entries: Iterable[EntryLike],
    thresholds: Thresholds | None = None,
    language: str = DEFAULT_LANGUAGE,
    examples: Mapping[str, Sequence[str]] | None = None,
) -> FaqIndex:
    """Build the matcher for one language's entries (and labelled real questions).

    For example `build_index(load_knowledge()["en"].entries, language="en")`.
    """
    return FaqIndex(entries, thresholds, language, examples=examples)
