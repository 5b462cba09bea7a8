"""Whether the entry that addresses a message's stated condition replaces the best-ranked one.

Why: bot.domain.faq puts first the entry that addresses a disqualifying condition the message
states (a lapse, never joined, a request to misstate facts, property not people …), so that
"Ya, ditanggung" never meets one. That must hold whenever the best-ranked entry's answer
opens with a yes that ignores the condition (a bare yes): then the step always reorders. But a
story's condition is often its background, not its question: "bapak sy meninggal krn sakit
jantung, ahli warisnya siapa aja?" asks for the heirs, and the entry on a death by illness
that addresses the condition is the wrong answer. When the best-ranked entry is no bare yes,
a logistic regression over SIGNALS decides, trained by `python -m bench.heeding --train` on
dev's questions (each read by an index without the phrasings close to it) and the condition
sets of tests/data (conditions*.tsv, condition_lookalikes*.tsv): for each message whose two
entries differ and exactly one of them is right, whether the addressing one is. The weights
are data (data/heeding.toml). Pure; no I/O after the first read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.domain import logistic

_DATA = Path(__file__).with_name("data") / "heeding.toml"

# The signals of one message, in the order of its row (see FaqIndex.heeding_signals). "best":
# the entry ranked first; "chosen": the entry that addresses the stated conditions best.
SIGNALS = (
    "best_affirms",  # 1 when the best entry's answer opens with a yes (one that heeds them all)
    "chosen_affirms",  # … and the chosen entry's
    "best_named",  # 1 when the condition data name the best entry for a stated condition …
    "chosen_named",  # … and the chosen one
    "best_addresses",  # 1 when the best entry's answer or the data address a stated condition
    "chosen_narrows",  # how many narrowing conditions the data name the chosen entry for
    "best_phrased",  # 1 when the best entry's phrasings state a stated condition …
    "chosen_phrased",  # … and the chosen entry's
    "gap",  # the best entry's fused score minus the chosen one's
    "confidence_gap",  # how much more of the message the best entry explains than the chosen
    "chosen_unranked",  # 1 when the chosen entry did not rank among the best (named by the data)
    "in_question",  # share of the stated conditions read in the message's own question words
    "story",  # 1 when the message states something before its question
    "decisive",  # 1 when a decisive condition is stated (a request to misstate facts)
    "narrowing",  # 1 when a narrowing condition is stated ("a lapse, and an accident")
)


@dataclass(frozen=True, slots=True)
class HeedingDecision:
    """A linear score over SIGNALS; from `threshold` the chosen entry replaces the best."""

    language: str  # of the questions it learned from
    weights: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, row: Sequence[float]) -> float:
        """P(the entry addressing the conditions is the right answer), from a row of SIGNALS."""
        return logistic.probability(self.weights, self.intercept, row)

    def reorders(self, row: Sequence[float]) -> bool:
        """Whether the entry addressing the conditions is put first, from a row of SIGNALS."""
        return self.probability(row) >= self.threshold


@cache
def load_heeding_decision() -> HeedingDecision | None:
    """The trained decision of data/heeding.toml, or None when there is none."""
    found = logistic.read(_DATA, SIGNALS)
    return None if found is None else HeedingDecision(**found)
