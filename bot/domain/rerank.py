"""The FAQ matcher's few best entries put in order by a model learned from real questions.

Why: on questions worded in ways the phrasings never saw, the hand-weighted fusion of
bot.domain.faq puts the right entry first about 79 % of the time but in its top three about
93 %: the loss is the order among close candidates. A logistic regression over a few generic
signals of each candidate (its fused score and gap to the best, whole-entry BM25, the
entry-centroid score, how much of its closest phrasing the question holds and how much of
the question it holds, whether the question names a program the entry is not about …)
orders them better. It is trained by `python -m bench.rerank` on the labelled real
questions of tests/data/real/dev.tsv, each read by an index from which the phrasings close
to it were removed, so that it learns how unseen wording ranks, not how near copies do.
The weights are data (data/rerank.toml). Pure; no I/O after the first read.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "rerank.toml"

# The signals of one candidate, in the order of its feature row (see FaqIndex.features).
FEATURES = (
    "fused",  # the fused ranking score
    "gap",  # the best fused score minus this one
    "rank",  # 0 for the best
    "whole",  # whole-entry BM25, relative to the best entry's
    "learned",  # the entry-centroid model's score (bot.domain.faq_model)
    "recall",  # share of its best-matching phrasing's word weight the question holds …
    "precision",  # … and share of the question's word weight that phrasing holds
    "about",  # share of the question's word weight in the entry's phrasings or answer
    "mismatch",  # 1 when the question names a program the entry is not about
    "contained",  # fuzzy token-set ratio of the question with its closest phrasing
    "same_kind",  # how far its phrasings ask what the question asks (who, when, how much …)
)


@dataclass(frozen=True, slots=True)
class Reranker:
    """A linear score over FEATURES; the `top` best-ranked entries are put in its order."""

    language: str
    top: int
    weights: tuple[float, ...]
    intercept: float

    def score(self, row: Sequence[float]) -> float:
        """P(right entry) of one candidate, from its feature row."""
        z = self.intercept + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def order(self, rows: Sequence[tuple[str, Sequence[float]]]) -> list[str]:
        """Entry ids of `rows` (id, feature row), most likely right first; ties keep the order."""
        scored = sorted(enumerate(rows), key=lambda ir: (-self.score(ir[1][1]), ir[0]))
        return [eid for _, (eid, _) in scored]


@cache
def load_reranker() -> Reranker | None:
    """The trained reranker of data/rerank.toml, or None when there is none."""
    if not _DATA.exists():
        return None
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    weights = table["weights"]
    if set(weights) != set(FEATURES):
        raise ValueError(f"{_DATA.name}: weights must be exactly {', '.join(FEATURES)}")
    return Reranker(
        language=str(table["language"]),
        top=int(table["top"]),
        weights=tuple(float(weights[name]) for name in FEATURES),
        intercept=float(table["intercept"]),
    )
