"""Labelled real questions: the sets bench.realsets scores, and the examples the index learns.

Why: phrasings written by us after reading misses flattered cross-validation but not the
blind sets; the questions real users asked, labelled with the entries that answer them, are
what the matcher should learn from. `data/real_questions/dev.tsv` (columns question,
expected (`a|b`: any is right), kind, source) is read at index build time (see `examples`);
the held-out and fresh sets stay in tests/data/real/, never learned from.

Each question is one more phrasing of the entry it expects first, in every part of the index
(BM25 per entry and per phrasing, the centroid model, the closest phrasing, the phrasing
count), but for its place names, which are the asker's (see FaqIndex).
Measured by cross-validation (bench.rerank, whose docstring holds the variants tried):
top-1 of 1432 reranked 1216.3 -> 1232.7. Cost (1,489 examples from 1,927 questions; 2 cores at
load 2): bench.answers at 21:53 built the index in 3.0 s, 28.9 MB (peak 53.5 MB), median 2.9 ms
and p99 6.2 ms a question (at 20:25, without them: 3.9 s, 20.6 MB, 3.2 ms, 6.5 ms); side by
side in one process, CPU time without -> with them: build 1.36 -> 2.35 s, 18.2 -> 25.1 MB,
median 2.50 -> 2.72 ms, p99 4.96 -> 5.50 ms (the least of three runs of each question).
Only the Indonesian index learns them (see bot.knowledge.load_index).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

DEV = Path(__file__).parent / "data" / "real_questions" / "dev.tsv"
COLUMNS = ("question", "expected", "kind", "source")
OUT_OF_SCOPE = "out_of_scope"
TWO_QUESTIONS = "two_questions"


@dataclass(frozen=True, slots=True)
class Question:
    """One labelled question: any of `expected` is a right first answer."""

    text: str
    expected: tuple[str, ...]
    kind: str
    source: str


def load_set(path: Path) -> list[Question]:
    """The questions of one TSV file (header `question expected kind source`)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ValueError(f"{path}: header must be {'/'.join(COLUMNS)}")
    return [
        Question(text=r[0], expected=tuple(r[1].split("|")), kind=r[2], source=r[3])
        for r in rows[1:]
        if r and r[0].strip()
    ]


def examples(questions: Iterable[Question]) -> Mapping[str, tuple[str, ...]]:
    """Entry id -> the questions that are examples of it.

    Each question is an example of the first entry it expects, the best answer (a redirect's
    too); one labelled `out_of_scope` names no entry, and a message asking two things is an
    example of neither: whole, "Ojol kecelakaan ditanggung ga, iurannya berapa?" taught the
    ojol accident entry "iurannya berapa", and "saya ojol, iurannya berapa?" got it. Of every
    entry it expects, it drew messages to an entry the labels merely accept ("Saya nelayan,
    daftarnya di mana" to whether a fisher may join, not where to register).
    """
    found: dict[str, list[str]] = defaultdict(list)
    for q in questions:
        if q.expected[0] != OUT_OF_SCOPE and q.kind != TWO_QUESTIONS:
            found[q.expected[0]].append(q.text)
    return {eid: tuple(texts) for eid, texts in found.items()}


@cache
def dev_examples() -> Mapping[str, tuple[str, ...]]:
    """The examples of every question of DEV, read once."""
    return MappingProxyType(examples(load_set(DEV)))
