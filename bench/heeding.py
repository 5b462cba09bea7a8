"""When the entry addressing a stated condition replaces the best-ranked one, learned and measured.

Run from the repository root: `python -m bench.heeding` (a few minutes). It reads, for every
message whose condition step has a choice (bot.domain.faq `FaqIndex.heeding_signals`: another
entry addresses the stated conditions better than the best-ranked one), the two entries and
the signals (bot.domain.heeding.SIGNALS). Training rows are those where the best-ranked entry
says no bare yes (a bare yes always gives way) and exactly one of the two is right: dev's
questions, each read by an index without the phrasings close to it (as bench.scope splits dev
by source), and the condition sets (tests/data/conditions*.tsv and condition_lookalikes*.tsv,
read by the bot's own index). It prints, cross-validated (dev by its source folds, each
condition set with its look-alikes in a fold of its own number), how many rows each decision
gets right: always reorder (the step before it learned), never, and the learned one; and on
dev as the bot reads it (in-sample) how many right answers the step replaces. `--train` fits
on every row and writes bot/domain/data/heeding.toml.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from bench import realsets
from bench.rerank import FOLDS, _folds, fingerprint
from bench.scope import split
from bot.domain import logistic, real_questions
from bot.domain.faq import FaqIndex, Heeding
from bot.domain.heeding import _DATA, SIGNALS, HeedingDecision
from bot.domain.real_questions import Question
from bot.knowledge import load_knowledge

C = 1.0  # inverse regularisation (of standardised signals)
# What a condition set's row decided wrongly costs against a dev row: the condition sets are
# the bot's promise that a stated condition is heeded (tests/test_condition_questions.py), so
# every one of them must be decided right when trained on all (at 3 "Sapi saya mati tersambar
# petir" kept the death benefit; 8 is the least that decides all, 20 the cost that keeps them
# furthest from the threshold and replaces fewest of dev's right answers).
CONDITION_COST = 20.0
SETS = realsets.ROOT / "tests" / "data"
_NUMBER = re.compile(r"(\d*)\.tsv$")


@dataclass(frozen=True, slots=True)
class Reading:
    """One message the condition step has a choice on: where from, its fold, what it weighs."""

    question: Question
    dev: bool  # from dev (else a condition set)
    fold: int
    heeding: Heeding

    @property
    def best_right(self) -> bool:
        return self.heeding.best in self.question.expected

    @property
    def chosen_right(self) -> bool:
        return self.heeding.chosen in self.question.expected

    @property
    def usable(self) -> bool:
        """A row to learn from: the decision is free and decides which is right."""
        return not self.heeding.forced and self.best_right != self.chosen_right

    @property
    def cost(self) -> float:
        return 1.0 if self.dev else CONDITION_COST


def condition_sets() -> list[tuple[Path, int]]:
    """Each condition set and look-alike set, with its fold: its number's (1 for none)."""
    paths = sorted([*SETS.glob("conditions*.tsv"), *SETS.glob("condition_lookalikes*.tsv")])
    return [(p, (_number(p) - 1) % FOLDS) for p in paths]


def _number(path: Path) -> int:
    """A set's number: "conditions3.tsv" is 3, "conditions.tsv" 1."""
    found = _NUMBER.search(path.name)
    return int(found[1]) if found and found[1] else 1


def readings(dev: Sequence[Question]) -> tuple[list[Reading], list[Reading]]:
    """The rows to learn from (dev by folds, the condition sets), and dev read in-sample."""
    rows: list[Reading] = []
    folds = _folds(dev)
    fold_of = {id(q): f for q, f in zip(dev, folds, strict=True)}
    for index, mine in split(dev, False):
        rows += _read(index, mine, True, [fold_of[id(q)] for q in mine])
    whole = FaqIndex(load_knowledge()["id"].entries, examples=real_questions.dev_examples())
    for path, fold in condition_sets():
        questions = realsets.load_set(path)
        rows += _read(whole, questions, False, [fold] * len(questions))
    return rows, _read(whole, dev, True, [0] * len(dev))


def _read(
    index: FaqIndex, questions: Sequence[Question], dev: bool, folds: Sequence[int]
) -> list[Reading]:
    """The questions (each in its fold) the condition step has a choice on, read by `index`."""
    out = []
    for q, fold in zip(questions, folds, strict=True):
        h = index.heeding_signals(q.text)
        if h is not None:
            out.append(Reading(q, dev, fold, h))
    return out


def fit(rows: Sequence[Reading]) -> HeedingDecision:
    """A logistic regression (the chosen entry right, against the best), and its threshold.

    Standardised while fitting, the scaling folded into the weights written. The threshold
    is the P (halfway between two rows') from which reordering gets the training rows most
    right, a condition set's row weighing CONDITION_COST.
    """
    used = [r for r in rows if r.usable]
    xs = np.array([r.heeding.row for r in used])
    ys = np.array([r.chosen_right for r in used])
    scaler = StandardScaler().fit(xs)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit((xs - scaler.mean_) / scale, ys, sample_weight=[r.cost for r in used])
    weights = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - weights @ scaler.mean_)
    decision = HeedingDecision("id", tuple(map(float, weights)), intercept, 0.5)
    scored = [(decision.probability(r.heeding.row), r) for r in used]

    def gain(threshold: float) -> float:
        return sum(r.cost * ((p >= threshold) == r.chosen_right) for p, r in scored)

    # Halfway between two rows' P, not on one: a row read a hair lower at run time (rounding,
    # another index) must not fall on the other side.
    ps = sorted({p for p, _ in scored})
    candidates = [(lo + hi) / 2 for lo, hi in itertools.pairwise(ps)] + [0.5]
    best = max(candidates, key=lambda t: (gain(t), -abs(t - 0.5)))
    return HeedingDecision("id", decision.weights, intercept, best)


def reorders(r: Reading, decision: HeedingDecision | None) -> bool:
    """Whether the step puts the chosen entry first: always when forced or without a model."""
    return r.heeding.forced or decision is None or decision.reorders(r.heeding.row)


@dataclass(frozen=True, slots=True)
class Tally:
    """Rows whose first entry is right, of those to learn from, for dev and the condition sets."""

    dev: int
    conditions: int
    dev_rows: int
    condition_rows: int

    def __str__(self) -> str:
        conditions = f"{self.conditions}/{self.condition_rows}"
        return f"dev {self.dev}/{self.dev_rows}, condition sets {conditions}"


def tally(rows: Sequence[Reading], decide: Callable[[Reading], bool]) -> Tally:
    """How many usable rows get a right first entry when `decide(row)` says whether to reorder."""
    used = [r for r in rows if r.usable]
    right = [(r.chosen_right if decide(r) else r.best_right) for r in used]
    return Tally(
        sum(ok for r, ok in zip(used, right, strict=True) if r.dev),
        sum(ok for r, ok in zip(used, right, strict=True) if not r.dev),
        sum(r.dev for r in used),
        sum(not r.dev for r in used),
    )


def cross_validated(rows: Sequence[Reading]) -> Tally:
    """Each fold's rows decided by a model trained on the other folds."""
    models = {f: fit([r for r in rows if r.fold != f]) for f in range(FOLDS)}
    return tally(rows, lambda r: reorders(r, models[r.fold]))


def replaced(rows: Sequence[Reading], decision: HeedingDecision | None) -> tuple[int, int, int]:
    """Of dev read in-sample: right answers the step replaces (a bare yes, and any other), and
    wrong answers it puts right."""
    moved = [r for r in rows if reorders(r, decision)]
    lost = [r for r in moved if r.best_right and not r.chosen_right]
    return (
        sum(r.heeding.forced for r in lost),
        sum(not r.heeding.forced for r in lost),
        sum(r.chosen_right and not r.best_right for r in moved),
    )


def write(decision: HeedingDecision, dev: Sequence[Question], n: int) -> None:
    """The weights file read by bot.domain.heeding."""
    comment = (
        "Weights of the learned condition-step decision (bot/domain/heeding.py). Generated by\n"
        "`python -m bench.heeding --train` from bot/domain/data/real_questions/dev.tsv (each\n"
        "question read without its near-copy phrasings) and tests/data/conditions*.tsv,\n"
        f"condition_lookalikes*.tsv ({n} rows); do not edit by hand, run it again after\n"
        "changing the knowledge, the conditions or dev.\n"
        "Source: learned from the files above. Licence: the project's own."
    )
    fields = {
        "language": decision.language,
        "intercept": decision.intercept,
        "threshold": decision.threshold,
        "trained_on": fingerprint(dev),
    }
    _DATA.write_text(logistic.text(comment, fields, SIGNALS, decision.weights), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="write data/heeding.toml")
    parser.add_argument("--show", action="store_true", help="print the rows decided wrongly")
    args = parser.parse_args(argv)
    dev = realsets.load_set(realsets.SETS["dev"])
    rows, in_sample = readings(dev)
    used = [r for r in rows if r.usable]
    forced = sum(r.heeding.forced for r in rows)
    right = sum(r.chosen_right for r in used)
    print(f"rows with a choice: {len(rows)} ({forced} forced: the best says a bare yes)")
    print(f"to learn from: {len(used)} (the chosen entry right in {right})")
    print(f"always reorder: {tally(rows, lambda r: True)}")
    print(f"never reorder:  {tally(rows, lambda r: r.heeding.forced)}")
    print(f"learned, cross-validated by fold: {cross_validated(rows)}")
    whole = fit(rows)
    print(f"learned, in-sample: {tally(rows, lambda r: reorders(r, whole))}")
    for label, decision in (("always reorder", None), ("learned", whole)):
        forced, lost, won = replaced(in_sample, decision)
        print(
            f"dev in-sample, {label}: replaces {forced + lost} right answers ({forced} bare"
            f" yes-answers, {lost} others), puts right {won}"
        )
    if args.show:
        for r in used:
            if reorders(r, whole) != r.chosen_right:
                print(f"  {r.question.text!r}: {r.heeding.best} -> {r.heeding.chosen}")
    if args.train:
        write(whole, dev, len(used))
        print(f"wrote {_DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
