"""Word tables read from data files under bot/domain/data/: reviewed and extended without code.

Two formats: a map (``typed<TAB>read as`` a line) and a word list (words separated by spaces
or new lines). In both, a line starting with ``#`` is a comment, and so is a third column.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).with_name("data")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_map(name: str) -> dict[str, str]:
    """``typed -> read as`` from a TSV file; a key given twice is an error in the data."""
    table: dict[str, str] = {}
    for number, line in enumerate(_lines(name), 1):
        key, value, *_ = [*line.split("\t"), ""]
        if not key or not value or key in table:
            raise ValueError(f"{name}: bad or repeated rule {line!r} (row {number})")
        table[key] = value
    return table


def read_words(name: str) -> frozenset[str]:
    """The words of a word-list file."""
    return frozenset(word for line in _lines(name) for word in line.split())


def read_phrases(name: str) -> tuple[str, ...]:
    """The phrases of a phrase-list file, one a line."""
    return tuple(line.strip() for line in _lines(name))
