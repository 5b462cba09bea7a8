"""The reranker of the matcher's best few entries, and answers it puts first."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from bench import realsets
from bench.rerank import fingerprint, write
from bot.domain.faq import Decision, FaqIndex, build_index
from bot.domain.rerank import FEATURES, Reranker, load_reranker
from bot.knowledge import load_knowledge


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return build_index(load_knowledge()["id"].entries)


def test_the_trained_weights_are_for_every_feature() -> None:
    reranker = load_reranker()
    assert reranker is not None and reranker.language == "id"
    assert len(reranker.weights) == len(FEATURES) and reranker.top >= 2


def test_order_puts_the_likeliest_first_and_keeps_ties_in_order() -> None:
    only_fused = Reranker("id", 3, (1.0, *([0.0] * (len(FEATURES) - 1))), 0.0)
    zeros = [0.0] * (len(FEATURES) - 1)
    rows = [("a", (0.5, *zeros)), ("b", (0.9, *zeros)), ("c", (0.5, *zeros))]
    assert only_fused.order(rows) == ["b", "a", "c"]


def test_features_are_one_row_per_candidate(index: FaqIndex) -> None:
    rows = index.features("iuran bpu berapa sebulan", 5)
    assert len(rows) == 5 and all(len(x) == len(FEATURES) for _, x in rows)
    assert rows[0][1][FEATURES.index("rank")] == 0.0


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # the fused ranking put "resigning loses JKP" first; a self-employed worker asks
        ("Pekerja mandiri yang berhenti karena proyeknya selesai dapat JKP?", "jkp.bpu"),
    ],
)
def test_the_reranked_entry_is_answered(index: FaqIndex, question: str, entry: str) -> None:
    match = index.match(question)
    assert match.decision is Decision.ANSWER and match.entry_id == entry


def test_the_organisation_itself_is_not_answered_with_a_guess(index: FaqIndex) -> None:
    # "bpjs tk" alone does not make a question one we answer: the head office's building
    # got the branch-finder entry; the bot now says it cannot answer and points to 175.
    match = index.match("dimana gedung kantor pusat bpjs ketenagakerjaan")
    assert match.decision is not Decision.ANSWER


def test_a_letter_is_answered_on_its_body_not_its_thanks(index: FaqIndex) -> None:
    # "Terima kasih." closing a letter pulled it to the "you're welcome" redirect
    letter = (
        "Kepada Yth. BPJS Ketenagakerjaan, dengan hormat, suami saya nelayan meninggal akibat "
        "kecelakaan laut saat melaut. Mohon informasi dokumen yang perlu kami siapkan untuk "
        "klaim. Terima kasih."
    )
    match = index.match(letter)
    assert match.decision is Decision.ANSWER and not (match.entry_id or "").startswith("redirect.")
    assert index.match("terima kasih banyak ya kak").entry_id == "redirect.thanks"


@pytest.mark.parametrize(
    "question",
    [
        "Syarat dokumen pencairan BPNT di kantor pos apa saja?",  # food aid, not JHT
        "Batas usia pensiun PPPK berapa?",  # civil servants, not JP
    ],
)
def test_another_bodys_word_redirects_even_a_confident_match(
    index: FaqIndex, question: str
) -> None:
    match = index.match(question)
    assert match.decision is Decision.REDIRECT


def test_the_trainer_writes_weights_the_matcher_reads(tmp_path: Path) -> None:
    rows = np.random.default_rng(0).random((40, len(FEATURES)))
    model = LogisticRegression().fit(rows, rows[:, 0] > 0.5)
    path = tmp_path / "rerank.toml"
    questions = realsets.load_set(realsets.SETS["dev"])[:40]
    write(model, questions, path)
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    assert list(table["weights"]) == list(FEATURES) and table["top"] >= 2
    assert table["trained_on"] == fingerprint(questions)


def test_the_weights_were_learned_from_todays_dev() -> None:
    # dev changed since the weights were written: run `python -m bench.rerank` again
    shipped = Path(__file__).parents[2] / "bot" / "domain" / "data" / "rerank.toml"
    table = tomllib.loads(shipped.read_text(encoding="utf-8"))
    dev = realsets.load_set(realsets.SETS["dev"])
    assert table["trained_on"] == fingerprint([q for q in dev if q.kind != realsets.OUT_OF_SCOPE])
