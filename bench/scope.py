"""How well the FAQ matcher tells out-of-scope questions from ours, cross-validated on dev.

Run from the repository root: `python -m bench.scope` (about a minute). Dev alone flatters:
many phrasings, the redirects' among them, were written after dev's questions. So, as in
bench.rerank, dev is split by source into folds, and each fold's questions are matched by an
index built without the phrasings close to any of them: the decision then meets wording it
never saw, as it does on a new set. It counts, in scope, the right entry answered and the
questions sent to a redirect; out of scope, the questions redirected. The matcher alone is
scored (no eligibility check, no second language), so the figures sit a little apart from
bench.realsets'; they are for comparing variants of the scope decision.
Dev's out-of-scope questions also met the redirects' phrasings that were written after them
(their near copies go only from a ratio of 70): so a second split also leaves out the
redirect phrasings close to a fold's questions from REDIRECT_NEAR_COPY. There the rules alone
redirect 104 of 137 (76 %), as on the blind sets (73-75 %), where dev's own folds say 132.
`--train` fits the learned scope decision (bot.domain.scope_decision) on every question of
both splits, as read by the rules alone, prints it cross-validated by fold (each fold decided
by a model trained on the others), and writes bot/domain/data/scope.toml.
`--sweep NAME=V1,V2,…` scores each value of one threshold (bot.domain.faq.Thresholds), and
calibrates it by cross-validation: each fold is scored with the value that does best (right
answers plus redirects; ties to the value set now) on the other folds.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from bench import realsets
from bench.rerank import FOLDS, _folds, _without_near_copies, fingerprint, unseen_examples
from bot.domain import logistic, real_questions
from bot.domain.faq import REDIRECT_PREFIX, Decision, FaqIndex, Match, Thresholds
from bot.domain.scope_decision import _DATA, SIGNALS, ScopeDecision, names_other, names_ours
from bot.knowledge import load_knowledge

REDIRECT_NEAR_COPY = 55  # token sort ratio from which a redirect phrasing is left out too
C = 1.0  # inverse regularisation of the learned scope decision (of standardised signals)
# What an in-scope question sent away costs against an out-of-scope one redirected, when the
# threshold is chosen on the training questions.
WRONG_REDIRECT_COST = 3
# … and what an answer of ours overturned costs: more than any number of other bodies'
# questions gained, so no answer of ours among the training questions is overturned.
WRONG_OVERTURN_COST = 1000
THRESHOLD_MARGIN = 0.05


@dataclass(frozen=True, slots=True)
class Tally:
    """In scope: right answers and wrong redirects; out of scope: redirects; and totals."""

    answered: int
    redirected_ours: int
    in_scope: int
    redirected: int
    out_of_scope: int

    def __str__(self) -> str:
        return (
            f"in scope {self.answered}/{self.in_scope} (redirected {self.redirected_ours}), "
            f"out of scope redirected {self.redirected}/{self.out_of_scope}"
        )


Split = list[tuple[FaqIndex, list[realsets.Question]]]


def split(
    questions: Sequence[realsets.Question],
    near_copies: bool,
    unseen_redirects: bool = False,
    learned: bool = True,
) -> Split:
    """Indexes and the questions each scores: one for all, or one per fold without its copies.

    `unseen_redirects`: the redirects' phrasings close to a fold's questions are left out
    from REDIRECT_NEAR_COPY; `learned`: the indexes decide with the learned scope decision.
    """
    entries = load_knowledge()["id"].entries
    if near_copies:
        examples = real_questions.dev_examples()  # the bot's own
        return [(FaqIndex(entries, learned_scope=learned, examples=examples), list(questions))]
    folds = _folds(questions)
    out: Split = []
    for f in range(FOLDS):
        mine = [questions[i] for i, g in enumerate(folds) if g == f]
        kept = _without_near_copies(entries, mine)
        if unseen_redirects:
            kept = _without_near_copies(kept, mine, REDIRECT_NEAR_COPY, REDIRECT_PREFIX)
        examples = unseen_examples(questions, mine)
        out.append((FaqIndex(kept, learned_scope=learned, examples=examples), mine))
    return out


def tally(parts: Split, thresholds: Thresholds, show: bool = False) -> Tally:
    """Match every question with its index under `thresholds`."""
    outcomes: list[tuple[realsets.Question, Match, bool]] = []
    for index, mine in parts:
        index.thresholds = thresholds
        for q in mine:
            m = index.match(q.text)
            outcomes.append((q, m, m.decision is Decision.REDIRECT))
    return _counted(outcomes, show)


def _counted(outcomes: Sequence[tuple[realsets.Question, Match, bool]], show: bool) -> Tally:
    """The tally of (question, match, redirected) outcomes."""
    counts = [0, 0, 0, 0, 0]
    for q, m, redirect in outcomes:
        if q.kind == realsets.OUT_OF_SCOPE:
            counts[3] += redirect
            counts[4] += 1
            if show and not redirect:
                print(f"  oos miss: {q.text!r} -> {m.decision} {m.entry_id} {m.score}")
        else:
            answered = m.decision is Decision.ANSWER and not redirect
            counts[0] += answered and m.entry_id in q.expected
            wrong = redirect and not any(e.startswith(REDIRECT_PREFIX) for e in q.expected)
            counts[1] += wrong
            counts[2] += 1
            if show and wrong:
                print(f"  redirected: {q.text!r} -> {m.entry_id} {m.score}")
    return Tally(*counts)


@dataclass(frozen=True, slots=True)
class Reading:
    """One question as its fold's index reads it: the rules' match and the scope signals."""

    question: realsets.Question
    fold: int
    match: Match
    row: tuple[float, ...] | None  # None: too short to judge

    @property
    def judged(self) -> tuple[float, ...] | None:
        """Its row when the learned decision may redirect it (the rules neither did nor found
        nothing), else None."""
        left = self.match.decision is not Decision.REDIRECT and self.match.entry_id is not None
        return self.row if left else None

    @property
    def answered(self) -> tuple[float, ...] | None:
        """Its row when the learned decision may overturn its answer (the rules answered, and
        it names another body and nothing of ours), else None."""
        row = self.row
        if self.match.decision is not Decision.ANSWER or row is None:
            return None
        return row if names_other(row) and not names_ours(row) else None

    @property
    def out(self) -> bool:
        return self.question.kind == realsets.OUT_OF_SCOPE


def readings(parts: Split) -> list[Reading]:
    """Every question of a fold split as the rules alone read it (indexes built unlearned)."""
    return [
        Reading(q, f, index.match(q.text), index.scope_signals(q.text))
        for f, (index, mine) in enumerate(parts)
        for q in mine
    ]


def fit(reads: Sequence[Reading]) -> ScopeDecision:
    """A logistic regression over the signals, out of scope against ours, and its threshold.

    The signals are standardised while fitting (one regularisation fits them all), and the
    scaling folded into the weights written. The threshold is the P from which the training
    questions the rules left open gain most (out-of-scope ones redirected, minus
    WRONG_REDIRECT_COST for each of ours sent away), raised by THRESHOLD_MARGIN: a held-out
    fold's questions of ours can fall a little above the training folds' (on three fold
    splits, C 0.1-1 and no margin sent 0-2 of them away; C 1 with this margin none). The
    overturn threshold is chosen the same way on the questions the rules answered that name
    another body and nothing of ours (Reading.answered).
    """
    rows = [r for r in reads if r.row is not None]
    xs = np.array([r.row for r in rows])
    ys = np.array([r.out for r in rows])
    scaler = StandardScaler().fit(xs)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    model.fit(scaler.transform(xs), ys)
    weights = model.coef_[0] / scaler.scale_
    intercept = float(model.intercept_[0] - weights @ scaler.mean_)
    decision = ScopeDecision("id", tuple(map(float, weights)), intercept, 1.0, 1.0)
    left_open = [
        (decision.outside(row), r.out)
        for r in reads
        if (row := r.judged) is not None and not names_ours(row)
    ]
    answered = [(decision.outside(row), r.out) for r in reads if (row := r.answered) is not None]
    overturn = _threshold(answered, WRONG_OVERTURN_COST)
    return replace(
        decision, threshold=_threshold(left_open, WRONG_REDIRECT_COST), overturn=overturn
    )


def _threshold(scored: Sequence[tuple[float, bool]], cost: float) -> float:
    """The P from which redirecting (P, out of scope) questions gains most, plus the margin:
    each out-of-scope one redirected gains 1, each of ours costs `cost`."""

    def gain(threshold: float) -> float:
        sent = [out for p, out in scored if p >= threshold]
        return sum(sent) - cost * (len(sent) - sum(sent))

    best = max(sorted({round(p, 4) for p, _ in scored}), key=gain, default=1.0)
    return min(best + THRESHOLD_MARGIN, 1.0)


def decided(
    reads: Sequence[Reading], decision: ScopeDecision | None
) -> list[tuple[realsets.Question, Match, bool]]:
    """Each reading's outcome: redirected by the rules, or by `decision` when they left it open."""
    return [
        (
            r.question,
            r.match,
            r.match.decision is Decision.REDIRECT
            or (decision is not None and (row := r.judged) is not None and decision.redirects(row))
            or (
                decision is not None and (row := r.answered) is not None and decision.overturns(row)
            ),
        )
        for r in reads
    ]


def cross_validated(splits: Sequence[Sequence[Reading]], show: bool = False) -> list[Tally]:
    """Each split's questions decided fold by fold by a model trained on the other folds."""
    outcomes: list[list[tuple[realsets.Question, Match, bool]]] = [[] for _ in splits]
    for f in range(FOLDS):
        model = fit([r for reads in splits for r in reads if r.fold != f])
        for i, reads in enumerate(splits):
            outcomes[i] += decided([r for r in reads if r.fold == f], model)
    return [_counted(o, show) for o in outcomes]


def write(
    decision: ScopeDecision, questions: Sequence[realsets.Question], path: Path = _DATA
) -> None:
    """The weights file read by bot.domain.scope_decision."""
    comment = (
        "Weights of the learned scope decision (bot/domain/scope_decision.py). Generated by\n"
        "`python -m bench.scope --train` from\n"
        "bot/domain/data/real_questions/dev.tsv\n"
        f"({len(questions)} questions, each read without its near-copy phrasings); do not\n"
        "edit by hand, run it again after changing the knowledge or dev (a test checks dev).\n"
        "Source: learned from bot/domain/data/real_questions/dev.tsv.\n"
        "Licence: the project's own."
    )
    fields = {
        "language": decision.language,
        "intercept": decision.intercept,
        "threshold": decision.threshold,
        "overturn": decision.overturn,
        "trained_on": fingerprint(questions),
    }
    path.write_text(logistic.text(comment, fields, SIGNALS, decision.weights), encoding="utf-8")


PROBES = realsets.ROOT / "tests" / "data" / "scope"


def probes(index: FaqIndex, thresholds: Thresholds, show: bool = False) -> str:
    """The written look-alikes (tests/data/scope): other bodies' redirected, ours not."""
    index.thresholds = thresholds
    counts: list[str] = []
    for name, want in (("probe_out.txt", True), ("probe_in.txt", False)):
        lines = [q for q in map(str.strip, (PROBES / name).read_text("utf-8").splitlines()) if q]
        good = 0
        for q in lines:
            m = index.match(q)
            ok = (m.decision is Decision.REDIRECT) is want
            good += ok
            if show and not ok:
                print(f"  probe miss: {q!r} -> {m.decision} {m.entry_id} {m.score}")
        counts.append(f"{good}/{len(lines)}")
    stories = _stories(index, show)
    return f"probes: out of scope redirected {counts[0]}, ours not {counts[1]}; {stories}"


def _stories(index: FaqIndex, show: bool) -> str:
    """The workers' stories (tests/data/scope/probes_stories.tsv, real-question columns): other
    bodies' business redirected to that body (`out_of_scope` in the labels: to any), ours not."""
    right = kept = out = 0
    questions = realsets.load_set(PROBES / "probes_stories.tsv")
    for q in questions:
        m = index.match(q.text)
        redirect = m.decision is Decision.REDIRECT
        if q.kind == realsets.OUT_OF_SCOPE:
            out += 1
            ok = redirect and bool({m.entry_id, realsets.OUT_OF_SCOPE} & set(q.expected))
            right += ok
        else:
            ok = not redirect
            kept += ok
        if show and not ok:
            print(f"  story miss: {q.text!r} -> {m.decision} {m.entry_id} {m.score}")
    return f"stories: to the right body {right}/{out}, ours not {kept}/{len(questions) - out}"


def calibrated(parts: Split, variants: Sequence[tuple[str, Thresholds]]) -> str:
    """Each fold scored under the variant best on the other folds; the variants chosen."""
    scores = [[tally([part], th) for _, th in variants] for part in parts]
    default = next((i for i, (_, th) in enumerate(variants) if th == Thresholds()), 0)
    totals = [0, 0, 0, 0, 0]
    chosen: list[str] = []
    for f, _ in enumerate(parts):

        def gain(v: int, held: int = f) -> tuple[int, bool]:
            others = [scores[g][v] for g in range(len(parts)) if g != held]
            return sum(t.answered + t.redirected for t in others), v == default

        best = max(range(len(variants)), key=gain)
        chosen.append(variants[best][0].strip())
        for i, n in enumerate(astuple(scores[f][best])):
            totals[i] += n
    return f"{Tally(*totals)}, chosen {', '.join(chosen)}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the misses")
    parser.add_argument("--sweep", default="", help="NAME=V1,V2,… : score each value")
    parser.add_argument("--train", action="store_true", help="write data/scope.toml")
    args = parser.parse_args(argv)
    questions = realsets.load_set(realsets.SETS["dev"])
    variants = [("", Thresholds())]
    if args.sweep:
        name, values = args.sweep.split("=")
        variants = [
            (f" {name}={v}", replace(Thresholds(), **{name: float(v)})) for v in values.split(",")
        ]
    if args.train:  # first: what follows reads the weights it writes
        train(questions, args.show)
    whole = split([], True)[0][0]
    for value, th in variants:
        print(f"{value.strip() or 'as set'}: {probes(whole, th, args.show)}")
    for label, near in (("as is", True), (f"{FOLDS} folds without near copies", False)):
        parts = split(questions, near)
        for value, th in variants:
            print(f"dev, {label}{value}: {tally(parts, th, args.show)}")
        if args.sweep and not near:
            print(f"dev, {label}, calibrated on the other folds: {calibrated(parts, variants)}")
    return 0


def train(questions: Sequence[realsets.Question], show: bool) -> None:
    """Fit the learned decision on both fold splits, print it cross-validated, write it."""
    splits = [readings(split(questions, False, unseen, learned=False)) for unseen in (False, True)]
    labels = (f"{FOLDS} folds", f"{FOLDS} folds, redirects unseen")
    for label, reads in zip(labels, splits, strict=True):
        print(f"dev, {label}, rules alone: {_counted(decided(reads, None), False)}")
    for label, t in zip(labels, cross_validated(splits, show), strict=True):
        print(f"dev, {label}, learned (cross-validated): {t}")
    write(fit([r for reads in splits for r in reads]), questions)
    print(f"wrote {_DATA}")


if __name__ == "__main__":
    raise SystemExit(main())
