"""The reranker's entry classifier: trained offline, shipped compact, read only when current."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from bench.rerank import KEEP, train_classifier
from bot.domain import real_questions
from bot.domain.faq import NO_MARGIN, FaqIndex, build_index
from bot.domain.faq_model import EntryClassifier, TextVectors, load_classifier, shipped_classifier
from bot.domain.rerank import FEATURES
from bot.knowledge import load_knowledge

MARGIN = FEATURES.index("margin")


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    answer: str
    questions: tuple[str, ...]
    topic: str = "jht"


ENTRIES = [
    _Entry("jht.when", "Kapan JHT cair", "JHT cair setelah berhenti bekerja.", ("kapan jht cair",)),
    _Entry("jht.docs", "Syarat klaim JHT", "Bawa KTP dan kartu peserta.", ("syarat klaim jht",)),
    _Entry("jkm.amount", "Santunan JKM", "Santunan kematian Rp42 juta.", ("berapa santunan jkm",)),
]


def test_the_shipped_classifier_was_trained_on_the_bots_own_index() -> None:
    # A warning here: the phrasings or dev changed since; run `python -m bench.rerank` again.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        index = build_index(load_knowledge()["id"].entries, examples=real_questions.dev_examples())
    rows = index.features("iuran bpu berapa sebulan", 5)
    assert all(x[MARGIN] != NO_MARGIN for _, x in rows)


def test_the_shipped_classifier_keeps_each_entrys_largest_weights_only() -> None:
    classifier = load_classifier()
    entries = {e.id for e in load_knowledge()["id"].entries}
    assert set(classifier.ids) == entries and len(classifier.ids) == len(entries)
    assert classifier.weights.shape[0] == len(classifier.bias) == len(entries)
    assert np.diff(classifier.weights.indptr).max() <= KEEP


def test_a_classifier_trained_on_other_texts_is_ignored_with_a_warning() -> None:
    with pytest.warns(UserWarning, match="stale"):
        index = FaqIndex(ENTRIES, rerank=False, classifier=shipped_classifier)
    assert all(x[MARGIN] == NO_MARGIN for _, x in index.features("kapan jht cair", 2))


def test_a_saved_classifier_reads_back_the_same_margins(tmp_path: Path) -> None:
    trained: list[tuple[TextVectors, EntryClassifier]] = []

    def train(vectors: TextVectors) -> EntryClassifier:
        trained.append((vectors, train_classifier(vectors)))
        return trained[-1][1]

    index = FaqIndex(ENTRIES, rerank=False, classifier=train)
    vectors, classifier = trained[0]
    classifier.save(tmp_path / "svm.npz")
    loaded = load_classifier(tmp_path / "svm.npz")
    ids = [e.id for e in ENTRIES]
    vector = vectors.of("syarat klaim jht apa")
    assert loaded.trained_on == vectors.fingerprint() == classifier.trained_on
    assert loaded.margins(vector, ids) == pytest.approx(classifier.margins(vector, ids))
    # and the index reads its signal: the entry asked about has the largest margin
    rows = dict(index.features("syarat klaim jht apa", 3))
    assert max(rows, key=lambda eid: rows[eid][MARGIN]) == "jht.docs"
