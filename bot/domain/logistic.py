"""A logistic regression's weights, read from a data file, and its probability for one row.

Why: the learned decisions (bot.domain.scope_decision, bot.domain.heeding) are each a linear
score over named signals, trained by a bench command and written to a toml file beside the
code's data; one reader and one formula keep them alike, and a file whose signals differ from
the code's is refused rather than read in the wrong order.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def probability(weights: Sequence[float], intercept: float, row: Sequence[float]) -> float:
    """The logistic of the linear score of `row` (in the order of `weights`)."""
    z = intercept + sum(w * x for w, x in zip(weights, row, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def read(path: Path, signals: Sequence[str], extra: Sequence[str] = ()) -> dict[str, Any] | None:
    """A trained decision's fields, ready for its dataclass.

    Language, weights (in the order of `signals`), intercept, threshold, and the numbers
    named in `extra` (the scope's `overturn`).

    None when the file does not exist (not trained: the rules decide alone).
    """
    if not path.exists():
        return None
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    weights = table["weights"]
    if set(weights) != set(signals):
        raise ValueError(f"{path.name}: weights must be exactly {', '.join(signals)}")
    return {
        "language": str(table["language"]),
        "weights": tuple(float(weights[name]) for name in signals),
        **{name: float(table[name]) for name in ("intercept", "threshold", *extra)},
    }


def text(
    comment: str,
    fields: Mapping[str, str | float],
    signals: Sequence[str],
    weights: Sequence[float],
) -> str:
    """The data file of a trained decision, as `read` reads it.

    `comment` becomes comment lines, then come its `fields` (text quoted, numbers to four
    places) and its weights by signal.
    """
    head = "".join(f"# {line}\n" for line in comment.splitlines())
    body = "".join(
        f'{name} = "{value}"\n' if isinstance(value, str) else f"{name} = {value:.4f}\n"
        for name, value in fields.items()
    )
    rows = "".join(f"{name} = {w:.4f}\n" for name, w in zip(signals, weights, strict=True))
    return f"{head}{body}\n[weights]\n{rows}"
