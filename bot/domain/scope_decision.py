"""Out of scope or not, learned from how the matcher's signals fell on labelled real questions.

Why: the hand rules of bot.domain.faq (the scope model's P(out) against fixed cut-offs, other
bodies' names, words only redirects use) redirected 132 of dev's 137 out-of-scope questions
but about three in four of the blind sets'. Each rule looks at one signal; a question worded
unlike the redirects' phrasings ("Denda rawat inap 45 hari setelah kepesertaan aktif kembali")
falls under every cut-off while several signals lean out together. A logistic regression over
those signals (SIGNALS), trained by `python -m bench.scope --train` on dev's questions each
read by an index without the phrasings close to it, redirects a question the rules left open
(no entry clear enough to answer) when it finds it out of scope with P >= its threshold
(chosen so that the training folds' in-scope questions are kept). It overturns an answer
only when the message names another body or its own terms (data/other_bodies.toml: "KIS PBI",
"faskes", "Jasa Raharja", "DPLK") and nothing of ours, with P >= `overturn`, a threshold of
its own chosen likewise on the answered questions that name one: BPJS Kesehatan's fines and
classes, Jasa Raharja's claims and DPLK are worded like ours ("turun kelas rawat inap harus
lunasin tunggakan dulu?") and were answered with our entries. Other answers it leaves alone:
short slang questions lean out on every signal ("emang ada batas umur?", P 0.96, had gone to
the loans redirect at the age step of the check). Cross-validated by bench.scope on
dev's 922 questions, with the redirects' phrasings close to each fold's questions left out too
(as on a blind set): out of scope redirected 183 -> 186 of 214 (184 when it also
overturned answers; on the 624 questions before fresh8 and fresh9 joined dev, 104 -> 122 of
137). The weights are data (data/scope.toml). Pure; no I/O after the first read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.domain import logistic

_DATA = Path(__file__).with_name("data") / "scope.toml"

# The signals of one question, in the order of its row (see FaqIndex.scope_signals).
SIGNALS = (
    "p_out",  # the scope model's P(out of scope) (bot.domain.scope_model)
    "confidence",  # how much of the question the best entry of ours explains …
    "redirect_confidence",  # … and the best redirect
    "redirect_first",  # 1 when a redirect ranks first
    "redirect_gap",  # the best redirect's fused score minus the best entry of ours'
    "anchored",  # 1 when the question holds a word only our domain uses
    "names_ours",  # 1 when it names BPJS Ketenagakerjaan or a programme of ours
    "health_only",  # 1 when it names BPJS Kesehatan and nothing of ours
    "other_body",  # 1 when it names another body (data/other_bodies.toml) …
    "other_body_unnamed",  # … and one the best entry of ours never names ("pajak jht": jht.tax)
    "outside_words",  # share of its word weight in words only the redirects use
    "unknown",  # share of its word weight in words no entry uses
    "about",  # share of its word weight in the best entry of ours' phrasings or answer
    "work_named",  # 1 when it names a kind of work (data/occupations.toml): "petani umur 50"
)


@dataclass(frozen=True, slots=True)
class ScopeDecision:
    """A linear score over SIGNALS; from `threshold` a question is out of scope.

    From `overturn`, also one the rules answered, when it names another body and nothing of ours.
    """

    language: str  # of the questions it learned from
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    overturn: float

    def outside(self, row: Sequence[float]) -> float:
        """P(out of scope) of a question, from its row of SIGNALS."""
        return logistic.probability(self.weights, self.intercept, row)

    def redirects(self, row: Sequence[float]) -> bool:
        """Whether a question with this row of SIGNALS is out of scope.

        Never one that names us or a programme of ours ("koordinasi manfaat antara BPJS
        Ketenagakerjaan dengan BPJS Kesehatan"): like the rules, the model sends away only
        what names nothing of ours.
        """
        return not names_ours(row) and self.outside(row) >= self.threshold

    def overturns(self, row: Sequence[float]) -> bool:
        """Whether an answered question with this row of SIGNALS is out of scope after all.

        Only one that names another body or its terms and nothing of ours ("KIS PBI saya
        nonaktif", "klaim Jasa Raharja korban tabrak lari"), never "kecelakaan kerja di jalan,
        bisa klaim Jasa Raharja juga?".
        """
        return names_other(row) and not names_ours(row) and self.outside(row) >= self.overturn


def names_other(row: Sequence[float]) -> bool:
    """Whether the question of this row of SIGNALS names another body (data/other_bodies.toml)."""
    return row[SIGNALS.index("other_body")] > 0


def names_ours(row: Sequence[float]) -> bool:
    """Whether the question of this row of SIGNALS names BPJS Ketenagakerjaan or a programme."""
    return row[SIGNALS.index("names_ours")] > 0


@cache
def load_scope_decision() -> ScopeDecision | None:
    """The trained decision of data/scope.toml, or None when there is none."""
    found = logistic.read(_DATA, SIGNALS, extra=("overturn",))
    return None if found is None else ScopeDecision(**found)
