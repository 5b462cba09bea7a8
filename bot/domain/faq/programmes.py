"""The programmes and other bodies a message names, and what naming them does to ranking.

Why apart: ranking, the scope judgement and the clause reader all ask these questions.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.domain import textnorm
from bot.domain.wordtables import read_words

# Naming a program or segment is a strong constraint: "jkp cair berapa hari" is about JKP
# even if a JKM entry shares more words. Entries that never mention it are ranked down.
PROGRAM_TERMS = read_words("textnorm/programs.txt")
PROGRAM_MISMATCH = 0.8
# … and a message naming one of our programs is not out of scope ("jkp itu pesangon?");
# one naming BPJS Kesehatan and nothing of ours is ("apa visi bpjs kesehatan?").
REDIRECT_NAMED = 0.6
HEALTH = "bpjskes"
OURS = "bpjstk"
# Program words others use too: a civil servant's "pensiun", a school's "beasiswa".
_SHARED = read_words("textnorm/programs_shared.txt")
with (Path(__file__).parents[1] / "data" / "other_bodies.toml").open("rb") as _f:
    _BODIES_DATA = tomllib.load(_f)
# Other bodies' names ("prakerja", "kur", "asabri"), by the redirect that answers for them …
OTHER_BODIES: Mapping[str, Sequence[str]] = _BODIES_DATA["names"]
# … and their products ("dplk", "taspen"), named even beside a kind of worker of ours.
OTHER_PRODUCTS: Mapping[str, Sequence[str]] = _BODIES_DATA["products"]
# Our programmes named by the kind of worker they are for: "pekerja mandiri" reads as "bpu".
WORKER_PROGRAMS = frozenset(_BODIES_DATA["worker_programs"])
# Bodies that run programmes named as ours (Taspen's JKK, Kemenag's BSU): each group's
# "bodies" (their names) and "programs" (the names that are their own beside them).
NAMESAKES: Sequence[Mapping[str, Sequence[str]]] = _BODIES_DATA["namesakes"]
# The redirect sent when the scope model finds a question out of scope but no redirect ranks:
# "I only help with BPJS Ketenagakerjaan" fits any topic.
ANY_TOPIC = "redirect.chitchat"


def is_program_word(word: str) -> bool:
    """Whether a word as typed names one of our programs ("JHT-nya")."""
    return word.casefold().strip("?.,!").removesuffix("nya").strip("-") in PROGRAM_TERMS


def names_health_only(terms: Sequence[str]) -> bool:
    """The message names BPJS Kesehatan and nothing of ours: the health redirect fits."""
    return (
        HEALTH in terms
        and OURS not in terms
        and not any(t in PROGRAM_TERMS and t != HEALTH for t in terms)
    )


def programmes_named(text: str) -> tuple[str, ...]:
    """The programmes a message names (textnorm/programs.txt), in order: "bisa ikut JP?" JP.

    "jaminan kematian" reads as "jkm", as the matcher reads it.
    """
    return tuple(dict.fromkeys(t for t in textnorm.tokens(text) if t in PROGRAM_TERMS))


def names_ours(terms: Sequence[str]) -> bool:
    """The message names BPJS Ketenagakerjaan, or a program of ours by a word no one else uses.

    "jkp" is ours alone, "pensiun" a civil servant's too.
    """
    return OURS in terms or any(t in PROGRAM_TERMS and t not in _SHARED for t in terms)
