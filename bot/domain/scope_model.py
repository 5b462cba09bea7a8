"""In scope or not: a classifier learned from the redirect entries' phrasings against all others.

Why: a question on another body's business ("bunga KUR BRI berapa", "umur berapa tarik EPF di
Malaysia") shares words with our entries ("bunga", "umur", "tarik") and was answered with the
JHT returns or the JHT age. Word overlap alone cannot tell; the way such questions are put,
learned from the redirects' phrasings (BPJS Kesehatan, loans, taxes, aid, jobs, chit-chat…)
against the phrasings of every entry we answer, can. A logistic regression over TF-IDF words
and word pairs, redirects against the rest; trained when the
index is built (well under a second), nothing downloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.domain.tfidf import TfidfRow, one_row


class ScopeModel:
    """P(out of scope) of a question."""

    C = 4.0  # inverse regularisation; tuned on bot/domain/data/real_questions/dev.tsv

    def __init__(
        self,
        samples: Sequence[tuple[str, tuple[str, ...]]],
        is_redirect: Callable[[str], bool],
    ) -> None:
        """`samples`: (entry id, tokens of one phrasing) of every entry, redirects included."""
        labels = [int(is_redirect(eid)) for eid, _ in samples]
        self._words = TfidfVectorizer(analyzer=_words_and_pairs, sublinear_tf=True)
        features = self._words.fit_transform([tokens for _, tokens in samples])
        model = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear")
        model.fit(features, labels)
        self._weights = model.coef_[0]
        self._bias = float(model.intercept_[0])
        self._row = TfidfRow(self._words)

    def outside(self, tokens: tuple[str, ...]) -> float:
        """P(out of scope) of a question, given as the index's tokens of it."""
        vector = one_row([self._row(tokens)], [self._row.width])
        z = float((vector @ self._weights)[0]) + self._bias
        return float(1.0 / (1.0 + np.exp(-z)))


def _words_and_pairs(tokens: tuple[str, ...]) -> list[str]:
    """Each token and each pair of neighbours ("bunga kur", "kur bri")."""
    return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]
