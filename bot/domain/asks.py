"""What a question asks for (who, when, how much, an age, where, how, what is needed …).

Why: siblings on one topic ("beasiswa: how much" and "beasiswa: up to what age") share their
topic words, and the question's deciding word ("umur brp") weighs little against them in word
matching, since question words are everywhere. The reranker (bot.domain.rerank) compares the
kinds a question asks for with those its candidates' phrasings ask for. The cue words are
data (data/question_types.toml), read by the matcher's own tokenizer. Pure; no I/O after
the first read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "question_types.toml"

Tokenizer = Callable[[str], tuple[str, ...]]


@cache
def _table(language: str) -> dict[str, tuple[str, ...]]:
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))[language]
    return {kind: tuple(cues) for kind, cues in table.items()}


class QuestionKinds:
    """The kinds a text asks for, by the cue words of data/question_types.toml."""

    def __init__(self, tokens: Tokenizer, language: str) -> None:
        """`tokens`: the matcher's tokenizer of `language`, which reads the cues too."""
        cues: list[tuple[frozenset[str], str]] = []
        for kind, words in _table(language).items():
            for cue in words:
                toks = frozenset(tokens(cue))
                if toks:
                    cues.append((toks, kind))
        self._cues = tuple(cues)

    def of(self, tokens: Iterable[str]) -> frozenset[str]:
        """The kinds asked by a text given as its tokens."""
        held = set(tokens)
        return frozenset(kind for cue, kind in self._cues if cue <= held)
