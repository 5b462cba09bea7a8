"""The condition step's decision (bot.domain.heeding) and the programmes a question binds."""

from __future__ import annotations

import tomllib

import pytest

from bench.realsets import ROOT, SETS, load_set
from bench.rerank import fingerprint
from bot.domain.faq import FaqIndex
from bot.domain.heeding import _DATA, SIGNALS, HeedingDecision, load_heeding_decision
from handlers.faq import load_index


@pytest.fixture(scope="module")
def index() -> FaqIndex:
    return load_index("id")


def test_the_shipped_decision_weighs_every_signal_and_the_bot_reads_it(index: FaqIndex) -> None:
    """data/heeding.toml exists, names each of SIGNALS, and the Indonesian index uses it."""
    decision = load_heeding_decision()
    assert decision is not None and decision.language == "id"
    assert len(decision.weights) == len(SIGNALS) and 0.0 < decision.threshold < 1.0
    assert index._heeding_decision == decision


def test_the_decision_was_learned_from_todays_dev() -> None:
    # dev changed since the weights were written: run `python -m bench.heeding --train` again
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    assert table["trained_on"] == fingerprint(load_set(SETS["dev"]))


def test_a_bare_yes_gives_way_whatever_the_decision(
    index: FaqIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decision that never reorders still cannot keep a yes that ignores a stated condition."""
    never = HeedingDecision("id", (0.0,) * len(SIGNALS), -100.0, 0.5)
    monkeypatch.setattr(index, "_heeding_decision", never)
    questions = [
        q.text for n in ("", "3", "8") for q in load_set(ROOT / f"tests/data/conditions{n}.tsv")
    ]
    forced = [(q, h) for q in questions if (h := index.heeding_signals(q)) and h.forced]
    assert forced
    assert [q for q, h in forced if index.match(q).entry_id != h.chosen] == []


def test_a_free_choice_follows_the_decision(
    index: FaqIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the best entry says no bare yes, a decision that never reorders keeps it first."""
    never = HeedingDecision("id", (0.0,) * len(SIGNALS), -100.0, 0.5)
    monkeypatch.setattr(index, "_heeding_decision", never)
    questions = [q.text for q in load_set(ROOT / "tests/data/conditions3.tsv")]
    free = [(q, h) for q in questions if (h := index.heeding_signals(q)) and not h.forced]
    assert free
    assert [q for q, h in free if index.match(q).alternatives[0].entry_id != h.best] == []
