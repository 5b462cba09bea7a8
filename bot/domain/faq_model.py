"""Entry centroids over TF-IDF word and character n-grams: a similarity learned from the data.

Why: BM25 over whole words misses formal wording ("persyaratan pendaftaran", "tanda bukti
kepesertaan") that shares only stems or parts of words with the chatty phrasings. Each entry
is a weighted mean of the TF-IDF vectors of its phrasings, its title and the sentences of its
answer (a nearest-centroid, or Rocchio, classifier); its phrasings include the real questions
labelled with it (bot.domain.real_questions). Each group of an entry's texts (hand phrasings
and title, real questions, answer sentences) weighs the square root of its size, not its
size: an entry asked often keeps more weight on its real questions, but their many words no
longer drown its phrasings and answer. Dev cross-validated top-1, fold seeds 0/1 (3058
questions): 2662/2644 -> 2665/2655 (formal +5.5, letter +2, numbers +2, news -2.5); the
fourth root 2667/2653; not adopted, seed 0: real questions weighted 0.5 2647, 2 2665, a
centroid of diverse texts shrunk (cosine x |mean| / (|mean| + 0.3)) 2646.
A question scores every entry by cosine similarity. Trained when the index is built (about
0.3 s for 4,000 phrasings); nothing is downloaded. A linear SVM over the same features was
measured on dev: no better, and seven times slower to train.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as unit_rows

from bot.domain.tfidf import TfidfRow, row_times

_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")
MIN_SENTENCE = 20  # characters; shorter pieces of an answer ("- JKK", "Dasarnya …") say little


def sentences(answer: str) -> list[str]:
    """The sentences and list items of an answer that are long enough to learn from."""
    return [s.strip() for s in _SENTENCE.split(answer) if len(s.strip()) >= MIN_SENTENCE]


class CentroidModel:
    """Cosine similarity of a question with each entry's weighted mean TF-IDF vector."""

    TOP = 10  # entries scored relative to the tenth best
    GROUP_POWER = 0.5  # each text of a group of n weighs n ** -GROUP_POWER (see the module)

    def __init__(
        self,
        samples: Sequence[tuple[str, str, str]],
        tokens: Callable[[str], tuple[str, ...]],
        normalize: Callable[[str], str],
        read: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        """`samples` are (entry id, group, text); `group` tells an entry's kinds of text apart.

        `tokens` reads a question; `read`, when given, reads the samples (the same tokens,
        from the caller's memo of texts it has already read).
        """
        self._tokens, self._normalize = tokens, normalize
        self.ids = sorted({eid for eid, _, _ in samples})
        row = {eid: i for i, eid in enumerate(self.ids)}
        self._words = TfidfVectorizer(analyzer=_words_and_pairs, sublinear_tf=True)
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        texts = [text for _, _, text in samples]
        features = hstack(
            [
                self._words.fit_transform([(read or tokens)(t) for t in texts]),
                self._chars.fit_transform([normalize(t) for t in texts]),
            ]
        ).tocsr()
        size = Counter((eid, group) for eid, group, _ in samples)
        weight = [size[eid, group] ** -self.GROUP_POWER for eid, group, _ in samples]
        owner = csr_matrix(
            (weight, ([row[eid] for eid, _, _ in samples], range(len(samples)))),
            shape=(len(self.ids), len(samples)),
        )
        self._centroids = unit_rows(owner @ features).T.tocsr()
        self._word_row, self._char_row = TfidfRow(self._words), TfidfRow(self._chars)

    def scores(self, text: str) -> dict[str, float]:
        """The TOP entries most like `text`, scored in [0, 1] between the TOP-th and the best."""
        similarity = row_times(
            [self._word_row(self._tokens(text)), self._char_row(self._normalize(text))],
            [self._word_row.width, self._char_row.width],
            self._centroids,
        )
        if len(similarity) == 0 or not similarity.any():
            return {}
        top = np.argpartition(-similarity, min(self.TOP, len(similarity) - 1))[: self.TOP]
        best, floor = similarity[top].max(), similarity[top].min()
        span = (best - floor) or 1.0
        return {self.ids[i]: float((similarity[i] - floor) / span) for i in top}


def _words_and_pairs(tokens: tuple[str, ...]) -> list[str]:
    """Each token and each pair of neighbours ("iur bpu", "bpu minimal")."""
    return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]
