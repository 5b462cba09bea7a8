"""Entry centroids over TF-IDF word and character n-grams: a similarity learned from the data.

Why: BM25 over whole words misses formal wording ("persyaratan pendaftaran", "tanda bukti
kepesertaan") that shares only stems or parts of words with the chatty phrasings. Each entry
is the mean of the TF-IDF vectors of its phrasings, its title and the sentences of its answer
(a nearest-centroid, or Rocchio, classifier); its phrasings include the real questions
labelled with it (bot.domain.real_questions). A question scores every entry by cosine
similarity. Trained when the index is built (about 0.3 s for 4,000 phrasings); nothing is
downloaded. A linear SVM over the same features ranks worse alone, but as a reranker signal
beside the centroid it tells siblings apart (see EntryClassifier).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as unit_rows
from sklearn.svm import LinearSVC

_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")
MIN_SENTENCE = 20  # characters; shorter pieces of an answer ("- JKK", "Dasarnya …") say little


def sentences(answer: str) -> list[str]:
    """The sentences and list items of an answer that are long enough to learn from."""
    return [s.strip() for s in _SENTENCE.split(answer) if len(s.strip()) >= MIN_SENTENCE]


class TextVectors:
    """TF-IDF of word and word-pair tokens beside character n-grams, fitted on the index's texts."""

    def __init__(
        self,
        texts: Sequence[str],
        tokens: Callable[[str], tuple[str, ...]],
        normalize: Callable[[str], str],
    ) -> None:
        self._tokens, self._normalize = tokens, normalize
        self._words = TfidfVectorizer(analyzer=_words_and_pairs, sublinear_tf=True)
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        self.matrix = hstack(
            [
                self._words.fit_transform([tokens(t) for t in texts]),
                self._chars.fit_transform([normalize(t) for t in texts]),
            ]
        ).tocsr()

    def of(self, text: str) -> csr_matrix:
        """The one-row vector of `text`."""
        return hstack(
            [
                self._words.transform([self._tokens(text)]),
                self._chars.transform([self._normalize(text)]),
            ]
        ).tocsr()


class CentroidModel:
    """Cosine similarity of a question with each entry's mean TF-IDF vector."""

    TOP = 10  # entries scored relative to the tenth best

    def __init__(self, owners: Sequence[str], vectors: TextVectors) -> None:
        """`owners`: the entry id of each row of `vectors` (phrasings, titles, answer sentences)."""
        self._vectors = vectors
        self.ids = sorted(set(owners))
        row = {eid: i for i, eid in enumerate(self.ids)}
        owner = csr_matrix(
            (np.ones(len(owners)), ([row[eid] for eid in owners], range(len(owners)))),
            shape=(len(self.ids), len(owners)),
        )
        self._centroids = unit_rows(owner @ vectors.matrix).T.tocsr()

    def scores(self, text: str) -> dict[str, float]:
        """The TOP entries most like `text`, scored in [0, 1] between the TOP-th and the best."""
        similarity = (self._vectors.of(text) @ self._centroids).toarray()[0]
        if len(similarity) == 0 or not similarity.any():
            return {}
        top = np.argpartition(-similarity, min(self.TOP, len(similarity) - 1))[: self.TOP]
        best, floor = similarity[top].max(), similarity[top].min()
        span = (best - floor) or 1.0
        return {self.ids[i]: float((similarity[i] - floor) / span) for i in top}


class EntryClassifier:
    """A linear SVM (one entry against the rest) over the same vectors: a discriminative score.

    Why: a centroid weighs an n-gram by how often an entry's texts use it; the SVM weighs it by
    how well it tells that entry from the others, which is what separates siblings ("berkas"
    of a claim's documents against when it pays). Alone it ranks dev worse than the fusion
    (cross-validated top-1 1293 against 1382 of 1637, fold seed 0), but as the reranker's
    `margin` signal it raises it (see bot.domain.rerank). Trained on the phrasings, examples
    and titles only: answer sentences are no questions.
    """

    C = 0.5  # inverse regularisation
    ZERO = 1e-6  # a weight this small changes no margin: not kept

    def __init__(self, owners: Sequence[str], rows: Sequence[int], vectors: TextVectors) -> None:
        """Learn from `rows` of `vectors` (phrasings and titles), owned by `owners`."""
        self._vectors = vectors
        svm = LinearSVC(C=self.C).fit(vectors.matrix[list(rows)], list(owners))
        self.ids: dict[str, int] = {str(eid): i for i, eid in enumerate(svm.classes_)}
        weights, bias = svm.coef_.astype(np.float32), svm.intercept_.astype(np.float32)
        if len(svm.classes_) == 2:  # one row, for the second entry: the first's is its negative
            weights, bias = np.vstack([-weights, weights]), np.concatenate([-bias, bias])
        weights[np.abs(weights) < self.ZERO] = 0.0  # about a third are zero but for rounding
        self._weights = csr_matrix(weights)
        self._bias = bias

    def margins(self, text: str, entry_ids: Sequence[str]) -> dict[str, float]:
        """The SVM's decision value of each of `entry_ids` it knows for `text`."""
        known = [eid for eid in entry_ids if eid in self.ids]
        cols = [self.ids[eid] for eid in known]
        values = (self._weights[cols] @ self._vectors.of(text).T).toarray()[:, 0] + self._bias[cols]
        return {eid: float(v) for eid, v in zip(known, values, strict=True)}


def _words_and_pairs(tokens: tuple[str, ...]) -> list[str]:
    """Each token and each pair of neighbours ("iur bpu", "bpu minimal")."""
    return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]
