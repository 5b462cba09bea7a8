"""Entry centroids over TF-IDF word and character n-grams: a similarity learned from the data.

Why: BM25 over whole words misses formal wording ("persyaratan pendaftaran", "tanda bukti
kepesertaan") that shares only stems or parts of words with the chatty phrasings. Each entry
is the mean of the TF-IDF vectors of its phrasings, its title and the sentences of its answer
(a nearest-centroid, or Rocchio, classifier); its phrasings include the real questions
labelled with it (bot.domain.real_questions). A question scores every entry by cosine
similarity. Trained when the index is built (about 0.3 s for 4,000 phrasings); nothing is
downloaded. A linear SVM over the same features ranks worse alone, but as a reranker signal
beside the centroid it tells siblings apart (EntryClassifier); it is trained offline.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as unit_rows

_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")
MIN_SENTENCE = 20  # characters; shorter pieces of an answer ("- JKK", "Dasarnya …") say little
CLASSIFIER = Path(__file__).with_name("data") / "entry_svm.npz"


def sentences(answer: str) -> list[str]:
    """The sentences and list items of an answer that are long enough to learn from."""
    return [s.strip() for s in _SENTENCE.split(answer) if len(s.strip()) >= MIN_SENTENCE]


class TextVectors:
    """TF-IDF of word and word-pair tokens beside character n-grams, fitted on an index's texts.

    `owners` holds the entry of each text (row of `matrix`), `asked` the rows that are
    questions (phrasings, examples, titles), not answer sentences.
    """

    def __init__(
        self,
        samples: Sequence[tuple[str, str, bool]],
        tokens: Callable[[str], tuple[str, ...]],
        normalize: Callable[[str], str],
    ) -> None:
        """`samples`: (entry id, text, whether it is a question) triples."""
        self._tokens, self._normalize = tokens, normalize
        self._samples = samples
        self.owners = tuple(eid for eid, _, _ in samples)
        self.asked = tuple(i for i, (_, _, question) in enumerate(samples) if question)
        self._words = TfidfVectorizer(analyzer=_words_and_pairs, sublinear_tf=True)
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        texts = [text for _, text, _ in samples]
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

    def fingerprint(self) -> str:
        """A digest of the texts, their owners and the n-grams of the columns.

        A classifier trained on other texts, or on columns another tokenizer made, reads
        wrong numbers.
        """
        digest = hashlib.sha256()
        for eid, text, question in self._samples:
            digest.update(f"{eid}\t{int(question)}\t{text}\n".encode())
        for vectorizer in (self._words, self._chars):
            digest.update("\n".join(sorted(vectorizer.vocabulary_)).encode())
        return digest.hexdigest()


class CentroidModel:
    """Cosine similarity of a question with each entry's mean TF-IDF vector."""

    TOP = 10  # entries scored relative to the tenth best

    def __init__(self, vectors: TextVectors) -> None:
        """Each entry's centroid of the rows of `vectors` it owns."""
        self._vectors = vectors
        self.ids = sorted(set(vectors.owners))
        row = {eid: i for i, eid in enumerate(self.ids)}
        owner = csr_matrix(
            (
                np.ones(len(vectors.owners)),
                ([row[eid] for eid in vectors.owners], range(len(vectors.owners))),
            ),
            shape=(len(self.ids), len(vectors.owners)),
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


@dataclass(frozen=True, eq=False)
class EntryClassifier:
    """A linear SVM's weights (one entry against the rest) over an index's TextVectors.

    Why: a centroid weighs an n-gram by how often an entry's texts use it; the SVM weighs it
    by how well it tells that entry from the others, which is what separates siblings. It is
    trained by `python -m bench.rerank` (6 s of CPU, too slow for every start) on the
    phrasings, examples and titles, and kept to each entry's largest weights (data/entry_svm.npz).
    `weights` is entries x columns, `bias` one per entry, `trained_on` TextVectors.fingerprint.
    """

    ids: tuple[str, ...]
    weights: csr_matrix
    bias: np.ndarray
    trained_on: str

    def margins(self, vector: csr_matrix, entry_ids: Sequence[str]) -> dict[str, float]:
        """The decision value of each of `entry_ids` it knows for a text's `vector`."""
        row = {eid: i for i, eid in enumerate(self.ids)}
        known = [eid for eid in entry_ids if eid in row]
        cols = [row[eid] for eid in known]
        values = (self.weights[cols] @ vector.T).toarray()[:, 0] + self.bias[cols]
        return {eid: float(v) for eid, v in zip(known, values, strict=True)}

    def save(self, path: Path = CLASSIFIER) -> None:
        """Write the weights as float16, their columns as uint32 (no pickle: plain arrays)."""
        w = self.weights.tocsr()
        with path.open("wb") as out:
            np.savez_compressed(
                out,
                ids=np.array(self.ids),
                indptr=w.indptr.astype(np.uint32),
                indices=w.indices.astype(np.uint32),
                weights=w.data.astype(np.float16),
                bias=self.bias.astype(np.float32),
                columns=np.array(w.shape[1], dtype=np.uint32),
                trained_on=np.array(self.trained_on),
            )


def load_classifier(path: Path = CLASSIFIER) -> EntryClassifier:
    """The classifier `EntryClassifier.save` wrote."""
    with np.load(path, allow_pickle=False) as data:
        ids = tuple(str(eid) for eid in data["ids"])
        weights = csr_matrix(
            (
                data["weights"].astype(np.float32),
                data["indices"].astype(np.int32),
                data["indptr"].astype(np.int32),
            ),
            shape=(len(ids), int(data["columns"])),
        )
        return EntryClassifier(ids, weights, data["bias"], str(data["trained_on"]))


@cache
def _shipped() -> EntryClassifier | None:
    return load_classifier() if CLASSIFIER.exists() else None


def shipped_classifier(vectors: TextVectors) -> EntryClassifier | None:
    """data/entry_svm.npz if it was trained on exactly these vectors; else None, with a warning.

    Stale, the reranker reads no SVM signal and ranks worse, but the bot still answers.
    """
    found = _shipped()
    if found is not None and found.trained_on == vectors.fingerprint():
        return found
    warnings.warn(
        f"{CLASSIFIER.name} is {'stale' if found else 'missing'}: the phrasings, dev or the "
        "tokenizer changed since it was trained; run `python -m bench.rerank`",
        stacklevel=2,
    )
    return None


def _words_and_pairs(tokens: tuple[str, ...]) -> list[str]:
    """Each token and each pair of neighbours ("iur bpu", "bpu minimal")."""
    return [*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))]
