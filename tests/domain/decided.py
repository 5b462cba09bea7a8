"""What the FAQ index decides for a question, as one comparable pair for the scope tests."""

from __future__ import annotations

from bot.domain.faq import Decision, FaqIndex


def decided(index: FaqIndex, question: str) -> tuple[Decision, str | None]:
    """The decision the index takes for `question` and the entry it sends (a redirect's too)."""
    match = index.match(question)
    return match.decision, match.entry_id
