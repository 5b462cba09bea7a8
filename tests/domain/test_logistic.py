"""The learned decisions' shared reader and formula (bot.domain.logistic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain import logistic


def test_a_written_decision_reads_back_in_the_order_of_its_signals(tmp_path: Path) -> None:
    path = tmp_path / "decision.toml"
    fields = {"language": "id", "intercept": -1.25, "threshold": 0.6, "trained_on": "abc"}
    path.write_text(logistic.text("made by a test", fields, ("b", "a"), (2.0, -0.5)), "utf-8")
    assert logistic.read(path, ("a", "b")) == {
        "language": "id",
        "weights": (-0.5, 2.0),
        "intercept": -1.25,
        "threshold": 0.6,
    }
    assert path.read_text("utf-8").startswith("# made by a test\n")


def test_no_file_is_no_decision_and_other_signals_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "decision.toml"
    assert logistic.read(path, ("a",)) is None
    path.write_text(logistic.text("", {"intercept": 0.0}, ("a", "c"), (1.0, 1.0)), "utf-8")
    with pytest.raises(ValueError, match="weights must be exactly a, b"):
        logistic.read(path, ("a", "b"))


def test_the_probability_is_the_logistic_of_the_linear_score() -> None:
    assert logistic.probability((1.0, 2.0), 0.0, (0.0, 0.0)) == 0.5
    assert logistic.probability((1.0, 2.0), -3.0, (1.0, 1.0)) == 0.5
    assert logistic.probability((1.0,), 0.0, (10.0,)) > 0.9999
    with pytest.raises(ValueError):
        logistic.probability((1.0, 2.0), 0.0, (1.0,))
