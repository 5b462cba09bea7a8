"""One question's TF-IDF row from a fitted TfidfVectorizer, without sklearn's per-call checks.

Why: `TfidfVectorizer.transform` validates its input, wraps it for dataframe libraries and
builds several sparse matrices on every call: for a one-line question that was 1.5 ms of the
matcher's 4-5 ms (cProfile over bench.answers' questions). The row here is the same numbers
computed the same way (counts of the vectorizer's own analyzer, sorted by column, 1 + log of
each, times the idf, divided by the row's L2 norm summed in column order), so every score is
the same to the last bit. Only sublinear tf with an L2 norm is supported: the vectorizers of
bot.domain.faq_model and scope_model.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer


class TfidfRow:
    """The transform of one document by a fitted vectorizer, as sorted (columns, values)."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not vectorizer.sublinear_tf or vectorizer.norm != "l2" or not vectorizer.use_idf:
            raise ValueError("TfidfRow reads sublinear, idf-weighted, L2-normed vectorizers")
        self._analyze: Callable[[Any], list[str]] = vectorizer.build_analyzer()
        self._columns: dict[str, int] = vectorizer.vocabulary_
        self._idf: NDArray[np.float64] = vectorizer.idf_
        self.width = len(self._columns)

    def __call__(self, document: Any) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
        """The document's nonzero columns, ascending, and their TF-IDF values."""
        columns = self._columns
        # Counted by feature first (Counter counts in C), then each distinct one looked up.
        counts = {
            columns[feature]: n
            for feature, n in Counter(self._analyze(document)).items()
            if feature in columns
        }
        order = sorted(counts)
        indices = np.array(order, dtype=np.int32)
        values = np.array([counts[c] for c in order], dtype=np.float64)
        np.log(values, out=values)
        values += 1.0
        values *= self._idf[indices]
        total = 0.0
        for v in values.tolist():  # in column order, as sklearn's normalize sums
            total += v * v
        if total != 0.0:
            values /= math.sqrt(total)
        return indices, values


def one_row(
    parts: list[tuple[NDArray[np.int32], NDArray[np.float64]]], widths: list[int]
) -> csr_matrix:
    """A 1-row sparse matrix of `parts` side by side (each `widths` wide), as hstack lays them."""
    offsets = np.cumsum([0, *widths[:-1]])
    indices = np.concatenate([cols + off for (cols, _), off in zip(parts, offsets, strict=True)])
    values = np.concatenate([vals for _, vals in parts])
    return csr_matrix(
        (values, indices.astype(np.int32), np.array([0, len(values)], dtype=np.int32)),
        shape=(1, sum(widths)),
    )


def row_times(
    parts: list[tuple[NDArray[np.int32], NDArray[np.float64]]],
    widths: list[int],
    matrix: csr_matrix,
) -> NDArray[np.float64]:
    """`(one_row(parts, widths) @ matrix).toarray()[0]`, without building sparse matrices.

    Why: scipy's checks and its two passes over a sparse product were a third of the centroid
    model's time per question, paid again for each part of a two-question message. The sums
    are scipy's to the last bit: each column adds the row's products in the row's column
    order, starting from zero (csr_matmat's order; bincount adds its weights in order too).
    """
    offsets = np.cumsum([0, *widths[:-1]])
    columns = np.concatenate([cols + off for (cols, _), off in zip(parts, offsets, strict=True)])
    values = np.concatenate([vals for _, vals in parts])
    starts = matrix.indptr[columns]
    lengths = matrix.indptr[columns + 1] - starts
    ends = np.cumsum(lengths)
    # The positions in `matrix.data` of the rows named by `columns`, row after row.
    at = np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - lengths), lengths)
    products = np.repeat(values, lengths) * matrix.data[at]
    sums = np.bincount(matrix.indices[at], weights=products, minlength=matrix.shape[1])
    return sums.astype(np.float64, copy=False)  # already float64 (weighted): typed for mypy
