"""How the matcher reads each language: tokenizer, weak and anchor words.

Why apart: the index, its scoring and its decisions all read text through these.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.domain import textnorm, textnorm_en
from bot.domain.wordtables import read_words

# Question and function words: they steer ranking but say little about the topic, so they
# count less when judging how much of a message an entry explains.
_WEAK = textnorm.WEAK

with (Path(__file__).parents[1] / "data" / "fillers.toml").open("rb") as _f:
    # Feelings and times ("bingung", "kemarin"): with question words, nothing to answer.
    FILLERS = frozenset(tomllib.load(_f)["tokens"])


# Words (as matching tokens) that only come up when someone talks about this domain. A
# message holding one is worth a "Maksud Anda…?" even at lower confidence; one without
# any must be clearer before we guess, or it is most likely out of scope.
_ANCHORS = read_words("textnorm/id_anchors.txt")


@dataclass(frozen=True, slots=True)
class Language:
    """How the matcher reads one language: its tokenizer, and which tokens weigh less or more.

    Both tokenizers give the same tokens for the domain's words ("withdraw" and "cairin"
    are both "cair"), so the word lists are mostly shared.
    """

    tokens: Callable[[str], tuple[str, ...]]
    normalize: Callable[[str], str]  # the text as the tokenizer reads it, before stemming
    is_word: Callable[[str], bool]  # a real word is never taken for a typo of another
    weak: frozenset[str]
    anchors: frozenset[str]


LANGUAGES: Mapping[str, Language] = {
    "id": Language(
        textnorm.tokens,
        textnorm.normalize,
        textnorm.is_word,
        _WEAK,
        _ANCHORS,
    ),
    "en": Language(
        textnorm_en.tokens,
        textnorm_en.normalize,
        textnorm_en.is_word,
        textnorm_en.WEAK,
        _ANCHORS | read_words("textnorm/en_anchors.txt"),
    ),
}
DEFAULT_LANGUAGE = "id"
