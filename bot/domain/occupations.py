"""Kinds of work and the words people type for them, read from `data/occupations.toml`.

The table is data so that someone who knows how workers talk can extend it without code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.domain.contributions import BpuSector
from bot.domain.eligibility import WorkKind
from bot.domain.textnorm import normalize

DATA = Path(__file__).parent / "data" / "occupations.toml"


@dataclass(frozen=True, slots=True)
class Occupation:
    """A kind of work: its segment and, for a self-employed worker, its PP 50/2025 sector."""

    key: str
    work: WorkKind
    sector: BpuSector = BpuSector.OTHER


@cache
def _table() -> tuple[tuple[Occupation, re.Pattern[str]], ...]:
    with DATA.open("rb") as fh:
        kinds = tomllib.load(fh)["kind"]
    return tuple(
        (
            Occupation(k["key"], WorkKind(k["work"]), BpuSector(k.get("sector", "other"))),
            re.compile(r"\b(?:" + "|".join(k["words"]) + r")\b"),
        )
        for k in kinds
    )


def occupations() -> dict[str, Occupation]:
    """Every kind of work by key, in the table's order."""
    return {occupation.key: occupation for occupation, _ in _table()}


def find_occupation(text: str) -> tuple[Occupation, str] | None:
    """The kind of work named in `text`, with the words that named it ("petani").

    >>> occupation, word = find_occupation("saya petani umur 57")
    >>> occupation.key, word
    ('farmer_fisher', 'petani')
    >>> find_occupation("kuli bangunan")[0].key, find_occupation("buruh pabrik")[0].key
    ('construction', 'wage_earner')
    """
    plain = " ".join(text.casefold().split())
    for candidate in (plain, normalize(text)):
        for occupation, pattern in _table():
            if m := pattern.search(candidate):
                return occupation, m.group(0)
    return None
