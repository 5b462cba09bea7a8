"""Ranking: the entries for a text, best first, and how sure each one is.

BM25 per entry and per phrasing fused with answer words and the learned model, a story's
question part, and the reranker's features and order: what every decision starts from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from bot.domain.chatwords import without_courtesies
from bot.domain.conditions import PREFIX
from bot.domain.faq.building import Index
from bot.domain.faq.clauses import question_part
from bot.domain.faq.programmes import (
    HEALTH,
    OURS,
    PROGRAM_MISMATCH,
    PROGRAM_TERMS,
    REDIRECT_NAMED,
    names_health_only,
)
from bot.domain.faq.shapes import REDIRECT_PREFIX, Candidate


@dataclass(frozen=True, slots=True)
class Reading:
    """One message as ranked: read once, then weighed by every rule that decides on it."""

    text: str
    terms: list[str]  # its known (typo-fixed) terms
    unknown: float  # the weight of the words that stayed unknown
    ranked: list[tuple[str, float]]  # entries, best first
    confidence: Callable[[str], float]  # how sure an entry is


class Scoring(Index):
    """Entries ranked for a text, and how sure each is (`_ranked_reading`)."""

    def _ranked_reading(self, text: str, context: frozenset[str] = frozenset()) -> Reading:
        """`text`'s terms and its entries ranked, with `context`'s condition tokens."""
        terms, unknown = self._query(text, context)
        ranked, confidence = self._ranked(text, terms, unknown)
        return Reading(text, terms, unknown, ranked, confidence)

    def _rank(self, terms: list[str], text: str = "") -> list[tuple[str, float]]:
        """Entries by their whole-entry and best-phrasing BM25, answer BM25 and learned score."""
        return self._score(terms, text)[0]

    def _score(
        self, terms: list[str], text: str = ""
    ) -> tuple[list[tuple[str, float]], dict[str, tuple[float, float]]]:
        """`_rank`'s ranking, and per entry its whole-entry and learned score (the reranker's).

        The learned score is the entry-centroid model's for the raw `text`.

        Phrasings are scored only inside the CANDIDATES best entries by whole-entry score:
        an entry outside them has no phrasing that could win, and this keeps a question
        well under a millisecond with thousands of phrasings.
        """
        idf = {t: self._idf.get(t, 0.0) for t in terms}
        e_score = np.zeros(len(self._eids))
        touched = []  # the entries each word scores, in order: the first scored wins a tie
        for t in terms:
            if (post := self._e_post.get(t)) is not None:
                e_score[post[0]] += idf[t] * post[1]
                touched.append(post[0])
        if not touched:
            return [], {}
        scored = np.concatenate(touched)
        scored = scored[np.sort(np.unique(scored, return_index=True)[1])]
        best = scored[np.argsort(-e_score[scored], kind="stable")[: self.CANDIDATES]]
        top = list(zip([self._eids[i] for i in best.tolist()], e_score[best].tolist(), strict=True))
        q_score = np.zeros(len(self._q_weight))
        for t in terms:
            if (phrasings := self._q_post.get(t)) is not None:
                q_score[phrasings] += idf[t]
        # Each entry's best phrasing (a phrasing without the message's words scores 0).
        q_max = np.maximum.reduceat(q_score * self._q_weight, self._q_starts).tolist()
        q_best = {eid: q_max[self._q_slot[eid]] for eid, _ in top}
        top_e = top[0][1] or 1.0
        top_q = max(q_best.values(), default=0.0) or 1.0
        a = self.ALPHA
        named = [t for t in terms if t in PROGRAM_TERMS]
        ours = OURS in terms or any(t != HEALTH for t in named)
        health_only = names_health_only(terms)
        combined = {
            eid: (a * e / top_e + (1 - a) * q_best[eid] / top_q)
            * (PROGRAM_MISMATCH if any(t not in self._about[eid] for t in named) else 1.0)
            * (REDIRECT_NAMED if ours and eid.startswith(REDIRECT_PREFIX) else 1.0)
            * (REDIRECT_NAMED if health_only and not eid.startswith(REDIRECT_PREFIX) else 1.0)
            for eid, e in top
        }
        answer_score = np.zeros(len(self._eids))
        for t in terms:
            if (post := self._a_post.get(t)) is not None:
                answer_score[post[0]] += self._a_idf[t] * post[1]
        in_answer = dict(zip(self._eids, answer_score.tolist(), strict=True))
        top_a = max(in_answer.values(), default=0.0) or 1.0
        learned = self._model.scores(text) if self._model and text else {}
        scale = 1 + self.ANSWER_WEIGHT + self.MODEL_WEIGHT
        fused = {
            eid: (
                score
                + self.ANSWER_WEIGHT * in_answer[eid] / top_a
                + self.MODEL_WEIGHT
                * learned.get(eid, 0.0)
                * (REDIRECT_NAMED if ours and eid.startswith(REDIRECT_PREFIX) else 1.0)
            )
            / scale
            for eid, score in combined.items()
        }
        exact = self._exact.get(frozenset(terms))
        if exact in fused:
            fused[exact] += self.EXACT_BONUS
        stated = {t for t in terms if t.startswith(PREFIX)}
        for eid in fused:
            if stated & self._entry_vocab[eid]:
                fused[eid] += self.CONDITION_BONUS
        evidence = {eid: (e / top_e, learned.get(eid, 0.0)) for eid, e in top}
        return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])), evidence

    def _confidence(self, eid: str, terms: list[str], unknown: float, text_key: str) -> float:
        vocab = self._entry_vocab[eid]
        # Long rambling messages: judge on their most informative words only.
        weak = self._lang.weak
        weight = {
            t: self._idf.get(t, 0.0) * (self.WEAK_WEIGHT if t in weak else 1.0) for t in terms
        }
        weights = sorted([*weight.values(), unknown * self._idf_unknown], reverse=True)
        total = sum(weights[: self.MAX_TERMS])
        if total <= 0:
            return 0.0
        covered = min(sum(w for t, w in weight.items() if t in vocab), total) / total
        choices = self._choices.get(eid, [])
        best = process.extractOne(text_key, choices, scorer=fuzz.token_sort_ratio)
        fz = (best[1] / 100.0) if best else 0.0
        conf = 0.6 * covered + 0.4 * fz
        if len(terms) >= self.LONG_MESSAGE:
            # A story that holds one of the entry's phrasings word for word ("… kaki retak,
            # biaya rs ditanggung ga") is about it, however much else it tells.
            held = process.extractOne(text_key, choices, scorer=fuzz.token_set_ratio)
            conf += self.CONTAINED_WEIGHT * (held[1] / 100.0 if held else 0.0)
        return conf

    def search(self, text: str, limit: int = 5) -> list[Candidate]:
        """Ranked candidates (distinct entries), best first."""
        terms, _ = self._query(text)
        ranked = self._rank(terms, text)[:limit]
        return [Candidate(eid, self._topic[eid], round(s, 4)) for eid, s in ranked]

    def _ranked(
        self, text: str, terms: list[str], unknown: float
    ) -> tuple[list[tuple[str, float]], Callable[[str], float]]:
        """Entries ranked for `text` (the best few reranked), and an entry's confidence.

        The reranker (bot.domain.rerank) orders our entries among themselves and leaves every
        redirect where it is: it learned from in-scope questions only, so it knows which of our
        entries answers, not whether a question is ours ("jkp itu uang pesangon?" is). Nor
        does it move an entry with a phrasing of exactly the message's words ("bpu itu apa"):
        it learned from questions read without such phrasings.
        """
        ranked, confidence, evidence = self._fused(text, terms, unknown)
        rr = self._reranker
        if (
            rr is None
            or not ranked
            or ranked[0][0].startswith(REDIRECT_PREFIX)
            or self._exact.get(frozenset(terms)) == ranked[0][0]
        ):
            return ranked, confidence
        head = dict(ranked[: rr.top])
        order = iter(
            eid
            for eid in rr.order(self._features(text, terms, ranked[: rr.top], evidence))
            if not eid.startswith(REDIRECT_PREFIX)
        )
        placed = [eid if eid.startswith(REDIRECT_PREFIX) else next(order) for eid in head]
        return [(eid, head[eid]) for eid in placed] + ranked[rr.top :], confidence

    def features(self, text: str, top: int) -> list[tuple[str, tuple[float, ...]]]:
        """The `top` best entries for `text` by the fused ranking, with their reranker features.

        The features are bot.domain.rerank.FEATURES: what `python -m bench.rerank` learns from.
        """
        text = without_courtesies(text)
        terms, unknown = self._query(text)
        ranked, _, evidence = self._fused(text, terms, unknown)
        return self._features(text, terms, ranked[:top], evidence)

    def _features(
        self,
        text: str,
        terms: list[str],
        ranked: Sequence[tuple[str, float]],
        evidence: Mapping[str, tuple[float, float]],
    ) -> list[tuple[str, tuple[float, ...]]]:
        """Each ranked entry's row of bot.domain.rerank.FEATURES."""
        idf = {t: self._idf.get(t, 0.0) for t in terms}
        asked = sum(idf.values()) or 1.0
        named = [t for t in terms if t in PROGRAM_TERMS]
        key = " ".join(sorted(terms))
        best = ranked[0][1] if ranked else 0.0
        kinds = self._asked_kinds(text, terms)
        asking = self._asking(text, terms)
        recalls, precisions, harmonics = self._closeness(idf, asked)
        on_question = self._question_closeness(text)
        rows: list[tuple[str, tuple[float, ...]]] = []
        for rank, (eid, score) in enumerate(ranked):
            recall = precision = 0.0
            closest: frozenset[str] = frozenset()  # what its closest phrasing asks
            lo, hi = self._q_run.get(eid, (0, 0))
            if hi > lo:
                qi = lo + int(np.argmax(harmonics[lo:hi]))  # the first of the closest
                if harmonics[qi] > 0:
                    recall, precision = float(recalls[qi]), float(precisions[qi])
                    closest = self._q_kinds[qi]
            whole, learned = evidence.get(eid, (0.0, 0.0))
            answer = self._answer_vocab[eid]
            sentence = max(
                (sum(w for t, w in idf.items() if t in words) for words in self._sentences[eid]),
                default=0.0,
            )
            held = process.extractOne(key, self._choices.get(eid, []), scorer=fuzz.token_set_ratio)
            others = [self._entry_vocab[o] for o, _ in ranked if o != eid]
            only = [t for t in asking if not any(t in vocab for vocab in others)]
            rows.append(
                (
                    eid,
                    (
                        score,
                        best - score,
                        float(rank),
                        whole,
                        learned,
                        recall,
                        precision,
                        sum(w for t, w in idf.items() if t in self._about[eid]) / asked,
                        float(any(t not in self._about[eid] for t in named)),
                        held[1] / 100.0 if held else 0.0,
                        _same_kind(kinds, closest),
                        sum(w for t, w in idf.items() if t in answer) / asked,
                        sentence / asked,
                        math.log1p(self._phrasings[eid]),
                        _share(idf, [t for t in only if t in self._entry_vocab[eid]], asking),
                        float(bool(named) and not any(t in self._entry_vocab[eid] for t in named)),
                        self._asked_alike(on_question, kinds, lo, hi),
                    ),
                )
            )
        return rows

    def _closeness(
        self, idf: Mapping[str, float], asked: float
    ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
        """Per phrasing: recall and precision of the weight it shares with the question, and F1.

        Recall is the shared share of the phrasing's weight, precision of the question's; F1 is
        0 when they share nothing. Why arrays: a loop over every phrasing of every candidate was
        most of the reranker's time on long and two-question messages, whose parts are ranked
        again. Each phrasing's shared weight adds its words' weights in the order its set holds
        them (bincount adds in array order, sorted here by place), as the loop's `sum` did: the
        same to the bit.
        """
        held = [(self._q_post[t], self._q_place[t], w) for t, w in idf.items() if t in self._q_post]
        phrasings = np.concatenate([qis for qis, _, _ in held]) if held else np.zeros(0, np.intp)
        places = np.concatenate([at for _, at, _ in held]) if held else np.zeros(0, np.int16)
        weights = np.concatenate([np.full(len(qis), w) for qis, _, w in held]) if held else None
        order = np.argsort(places, kind="stable")
        shared = np.bincount(
            phrasings[order],
            weights=None if weights is None else weights[order],
            minlength=len(self._q_idf),
        ).astype(np.float64, copy=False)
        recall = shared / self._q_idf
        precision = shared / asked
        both = recall + precision
        harmonic = np.zeros_like(shared)
        np.divide(2 * recall * precision, both, out=harmonic, where=both > 0)
        return recall, precision, harmonic

    def _question_closeness(self, text: str) -> NDArray[np.float64]:
        """Per phrasing: the F1 of the weight it shares with a story's question sentence(s).

        Empty for a message that is no story (`question_part`).
        """
        part = question_part(text, self.STORY_WORDS)
        if part is None:
            return np.zeros(0)
        idf = {t: self._idf.get(t, 0.0) for t in self._query(part)[0]}
        return self._closeness(idf, sum(idf.values()) or 1.0)[2]

    def _asked_alike(
        self, on_question: NDArray[np.float64], kinds: frozenset[str], lo: int, hi: int
    ) -> float:
        """How close a story's question comes to an entry's phrasing that asks what it asks.

        The best F1 (`on_question`) among the entry's phrasings (`lo`:`hi`) that ask a kind the
        question asks (bot.domain.asks); 0 for no story, no kind or no such phrasing. "Istri
        saya meninggal karena sakit. Kapan santunannya cair?": the preamble is the entry on a
        death by illness's, the question ("kapan … cair") that of the one on payment time.
        """
        if not len(on_question) or not kinds:
            return 0.0
        alike = [on_question[qi] for qi in range(lo, hi) if self._q_kinds[qi] & kinds]
        return float(max(alike, default=0.0))

    def _asked_kinds(self, text: str, terms: Sequence[str]) -> frozenset[str]:
        """What `text` asks for (who, when, how much …), read in a story's question sentence.

        A story's preamble says "umurnya 25 tahun" or "berkas sudah lengkap" without asking an
        age or the documents; its question sentence says what is asked. "kabarnya" is read by
        its token: no phrasing holds the word.
        """
        part = question_part(text, self.STORY_WORDS)
        if part is not None:
            return self._kinds.of({*self._query(part)[0], *self._tokens(part)})
        return self._kinds.of({*terms, *self._tokens(text)})

    def _asking(self, text: str, terms: Sequence[str]) -> list[str]:
        """The `terms` of a story's question sentence(s) (`question_part`); none for a question.

        "Bapak meninggal karena stroke. Kami urus klaimnya ke mana?": the preamble names the
        cause, the question what is wanted of it.
        """
        part = question_part(text, self.STORY_WORDS)
        if part is None:
            return []
        asked = set(self._query(part)[0])
        return [t for t in terms if t in asked]

    def _fused(
        self, text: str, terms: list[str], unknown: float
    ) -> tuple[list[tuple[str, float]], Callable[[str], float], dict[str, tuple[float, float]]]:
        """Entries by fused score, an entry's confidence, and the whole text's evidence.

        A story is ranked on the whole and on its question part (`question_part`); an entry
        is as sure as the better of the two readings makes it.
        """
        key = " ".join(sorted(terms))
        ranked, evidence = self._score(terms, text)

        @cache  # the steps of one match ask the same entries' confidence again
        def whole(eid: str) -> float:
            return self._confidence(eid, terms, unknown, key)

        part = question_part(text, self.STORY_WORDS)
        if part is None or not ranked:
            return ranked, whole, evidence
        stated = [t for t in terms if t.startswith(PREFIX)]
        q_terms, q_unknown = self._query(part)
        q_terms = [*q_terms, *(t for t in stated if t not in q_terms)]
        on_question = dict(self._rank(q_terms, part))
        if not on_question:
            return ranked, whole, evidence
        fused = {
            eid: (score + self.QUESTION_WEIGHT * on_question.get(eid, 0.0))
            / (1 + self.QUESTION_WEIGHT)
            for eid, score in ranked
        }
        for eid, score in on_question.items():
            fused.setdefault(eid, self.QUESTION_WEIGHT * score / (1 + self.QUESTION_WEIGHT))
        q_key = " ".join(sorted(q_terms))

        @cache
        def either(eid: str) -> float:
            return max(whole(eid), self._confidence(eid, q_terms, q_unknown, q_key))

        return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])), either, evidence


def _share(weight: Mapping[str, float], held: Iterable[str], of: Iterable[str]) -> float:
    """The share of the word weight of `of` that `held` holds (0 when `of` weighs nothing)."""
    return sum(weight.get(t, 0.0) for t in held) / (sum(weight.get(t, 0.0) for t in of) or 1.0)


def _same_kind(asked: frozenset[str], closest: frozenset[str]) -> float:
    """Whether an entry's closest phrasing asks what the question asks (bot.domain.asks).

    1 when they share a kind, -1 when it asks only something else ("siapa" against
    "bagaimana caranya"), 0 when either asks no kind. Cross-validated by bench.rerank: top-1
    of dev's unseen wording 393 -> 397 of 488 (seeds 1-3: +2, +1, +1).
    """
    if not asked or not closest:
        return 0.0
    return 1.0 if asked & closest else -1.0
