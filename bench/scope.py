"""How well the FAQ matcher tells out-of-scope questions from ours, cross-validated on dev.

Run from the repository root: `python -m bench.scope` (about a minute). Dev alone flatters:
many phrasings, the redirects' among them, were written after dev's questions. So, as in
bench.rerank, dev is split by source into folds, and each fold's questions are matched by an
index built without the phrasings close to any of them: the decision then meets wording it
never saw, as it does on a new set. It counts, in scope, the right entry answered and the
questions sent to a redirect; out of scope, the questions redirected. The matcher alone is
scored (no eligibility check, no second language), so the figures sit a little apart from
bench.realsets'; they are for comparing variants of the scope decision.
`--sweep NAME=V1,V2,…` scores each value of one threshold (bot.domain.faq.Thresholds), and
calibrates it by cross-validation: each fold is scored with the value that does best (right
answers plus redirects; ties to the value set now) on the other folds.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace

from bench import realsets
from bench.rerank import FOLDS, _folds, _without_near_copies
from bot.domain.faq import REDIRECT_PREFIX, Decision, FaqIndex, Thresholds
from bot.knowledge import load_knowledge


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


def split(questions: Sequence[realsets.Question], near_copies: bool) -> Split:
    """Indexes and the questions each scores: one for all, or one per fold without its copies."""
    entries = load_knowledge()["id"].entries
    if near_copies:
        return [(FaqIndex(entries), list(questions))]
    folds = _folds(questions)
    out: Split = []
    for f in range(FOLDS):
        mine = [questions[i] for i, g in enumerate(folds) if g == f]
        out.append((FaqIndex(_without_near_copies(entries, mine)), mine))
    return out


def tally(parts: Split, thresholds: Thresholds, show: bool = False) -> Tally:
    """Match every question with its index under `thresholds`."""
    counts = [0, 0, 0, 0, 0]
    for index, mine in parts:
        index.thresholds = thresholds
        for q in mine:
            m = index.match(q.text)
            redirect = m.decision is Decision.REDIRECT
            if q.kind == realsets.OUT_OF_SCOPE:
                counts[3] += redirect
                counts[4] += 1
                if show and not redirect:
                    print(f"  oos miss: {q.text!r} -> {m.decision} {m.entry_id} {m.score}")
            else:
                counts[0] += m.decision is Decision.ANSWER and m.entry_id in q.expected
                wrong = redirect and not any(e.startswith(REDIRECT_PREFIX) for e in q.expected)
                counts[1] += wrong
                counts[2] += 1
                if show and wrong:
                    print(f"  redirected: {q.text!r} -> {m.entry_id} {m.score}")
    return Tally(*counts)


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
    return f"probes: out of scope redirected {counts[0]}, ours not {counts[1]}"


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
    args = parser.parse_args(argv)
    questions = realsets.load_set(realsets.SETS["dev"])
    variants = [("", Thresholds())]
    if args.sweep:
        name, values = args.sweep.split("=")
        variants = [
            (f" {name}={v}", replace(Thresholds(), **{name: float(v)})) for v in values.split(",")
        ]
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


if __name__ == "__main__":
    raise SystemExit(main())
