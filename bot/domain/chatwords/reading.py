"""How every reader of chat words sees a message, and where its tables come from.

Shared by the readers of this package so that yes/no, questions, commands and typed values
fold a drawn-out "iyaaa", drop invisible marks and split words one way; the step tables of
``steps.toml`` are looked up here because most readers match their phrases.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from bot.domain.validation import clean_input

_DATA = Path(__file__).parents[1] / "data" / "chatwords"
_MAX_CHARS = 300  # longer messages are never a yes/no answer or a command
_TOKEN = re.compile(r"(?:^/)?[^\W_]+")
_REPEAT = re.compile(r"([^\W\d_])\1+")  # letters only: "11 bulan" stays eleven


def _load(name: str) -> dict[str, Any]:
    with (_DATA / name).open("rb") as f:
        return tomllib.load(f)


def _fold(word: str) -> str:
    """One spelling for drawn-out words: "iyaaa" → "iya", "siiip" → "sip", "nggak" → "ngak"."""
    return _REPEAT.sub(r"\1", word)


def _clean(text: str) -> str:
    """Case-folded ``clean_input``: NFKC, invisible marks (zero-width, LRM) dropped."""
    return clean_input(text).casefold()


def _words(text: str) -> tuple[str, ...]:
    """The words of a message as the tables compare them, repeated letters folded.

    Lower case, no punctuation or emoji, apostrophes joined ("don't" → "dont"); a leading "/"
    is kept for commands such as "/start".

    >>> _words("Iyaaa, BETUL pak! 👍"), _words("/start")
    (('iya', 'betul', 'pak'), ('/start',))
    """
    t = _clean(text).replace("'", "").replace("\u2019", "")
    return tuple(_fold(_single(w)) for w in _TOKEN.findall(t))


def _single(word: str) -> str:
    """A word said twice the chat way is the word: "iya2" → "iya", "ok2" → "ok"."""
    return word[:-1] if len(word) > 2 and word[-1] == "2" and word[:-1].isalpha() else word


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_fold(w) for w in text.casefold().split())


def _alternatives(items: list[str]) -> str:
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))
    return "|".join(escaped)


_CLAUSE_END = re.compile(r"[,.;!]+\s*")


_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+")  # emoji and pictographs


@cache
def _steps() -> dict[str, Any]:
    return _load("steps.toml")


def _node(table: str) -> Any:
    node: Any = _steps()
    for part in table.split("."):
        node = node[part]
    return node


@lru_cache(maxsize=64)
def _step_phrases(table: str) -> tuple[tuple[str, ...], ...]:
    node = _node(table)
    return tuple(_phrase(p) for p in (node["words"] if isinstance(node, dict) else node))


def _at(ws: tuple[str, ...], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of the longest phrase that starts at word ``i``, else 0."""
    return max((len(p) for p in phrases if ws[i : i + len(p)] == p), default=0)
