"""What the FAQ matcher takes and gives: the entries it indexes, its verdict, its cut-offs.

A module of its own because handlers and benches read these without the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

REDIRECT_PREFIX = "redirect."


class EntryLike(Protocol):
    """What the index needs from a knowledge entry (bot.knowledge.Entry fits)."""

    @property
    def id(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def questions(self) -> Sequence[str]: ...
    @property
    def answer(self) -> str: ...


class Decision(StrEnum):
    """What the handler should do with a match."""

    ANSWER = "answer"  # send the entry's answer (and offer `options` when they were close)
    REDIRECT = "redirect"  # out of scope: send the redirect entry's answer
    NONE = "none"  # nothing fits: say so, point to 175 / menu


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ranked entry; `score` is the fused ranking score (about 1.0 for a clear best)."""

    entry_id: str
    topic: str
    score: float


@dataclass(frozen=True, slots=True)
class Match:
    """The matcher's verdict: best entry, confidence in [0, 1] and ranked alternatives."""

    decision: Decision
    entry_id: str | None
    topic: str | None
    score: float
    alternatives: tuple[Candidate, ...]
    options: tuple[Candidate, ...] = ()  # other entries to offer after the answer, best first
    # The message states a condition the answer does not address, and no entry that does
    # ranked: the answer holds only without it, so it must not be sent as a bare yes.
    caveat: bool = False
    # A message asking several things, each clearly answered by a different entry: those
    # entries in the order asked (the best one among them), each to be answered. Else empty.
    asked: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Confidence cut-offs, tuned on tests/data/faq_devset.tsv (see bench/answers.py)."""

    answer: float = 0.62  # from here the best entry is clearly it: nothing else offered …
    margin: float = 0.08  # … unless another entry is within this much of it
    clarify: float = 0.55  # answer (offering the others) above this …
    clarify_anchored: float = 0.35  # … or above this when the message names the domain
    redirect: float = 0.45
    redirect_unanchored: float = 0.3  # … or this, for a message without any of our words
    outside: float = 0.6  # the scope model's P(out of scope) from which an answer redirects …
    outside_unsure: float = 0.2  # … and from which a question we cannot answer does
    outside_word: float = 0.2  # … and from which a word only redirects use redirects anyway
    offer_gap: float = 0.25  # entries within this of the best may be offered
    # A question of several read alone this surely is answered though the whole message ranks
    # its entry low ("Berapa iurannya dan kalau telat bayar gimana?"); a reading less sure is
    # more often a guess on a clause that asks little ("yg berkala brp": JP's amount).
    alone: float = 0.9
