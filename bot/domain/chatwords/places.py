"""Place names as compared, and the place a typed name most likely means (places.toml).

The one normaliser of place names ("Kec. Kuta Utr") and the fuzzy pick every place step of a
form uses among the names it offers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from bot.domain.chatwords.questions import _question_table
from bot.domain.chatwords.reading import _MAX_CHARS, _TOKEN, _clean, _fold, _load
from bot.domain.chatwords.yesno import _yes_no_table


@dataclass(frozen=True)
class Pick:
    """The place a typed name most likely means, and whether to ask before taking it.

    ``confirm`` is False only when the text matched one name exactly and no other name is
    close; ``alternatives`` are the other close names, best first, for buttons.
    """

    index: int
    score: float
    confirm: bool
    alternatives: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Places:
    prefixes: tuple[tuple[str, ...], ...]  # longest first
    suffixes: tuple[tuple[str, ...], ...]  # longest first
    abbreviations: dict[str, str]
    min_score: float
    close_score: float


@cache
def _place_table() -> _Places:
    data = _load("places.toml")
    prefixes = {tuple(_TOKEN.findall(w.casefold())) for w in data["prefixes"]["words"]}
    suffixes = {tuple(_TOKEN.findall(w.casefold())) for w in data["suffixes"]["words"]}
    return _Places(
        prefixes=tuple(sorted(prefixes, key=len, reverse=True)),
        suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        abbreviations=dict(data["abbreviations"]),
        min_score=float(data["min_score"]),
        close_score=float(data["close_score"]),
    )


@cache
def _street_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _load("places.toml")["street"]["words"])


_STREET_ENDS = " \t\n,.;:!?"


def street(text: str) -> str | None:
    """The street of a message, as typed from its first street word on (places.toml [street]).

    >>> street("ganti alamat jadi Jl. Melati 12 RT 03"), street("alamat sy gg mawar no 5.")
    ('Jl. Melati 12 RT 03', 'gg mawar no 5')
    >>> street("alamat saya salah"), street("desa dalung")
    (None, None)
    """
    if len(text) > _MAX_CHARS:
        return None
    words = _street_words()
    found = next((m for m in _TOKEN.finditer(text) if m[0].casefold() in words), None)
    return (text[found.start() :].strip(_STREET_ENDS) or None) if found else None


def _unaccented(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def place_key(text: str) -> str:
    """A place name as compared, typed or official: the one normaliser of place names.

    Lower case, no accents or punctuation, no "kec."/"desa" in front nor "village" after it
    ("Dalung village", as English chats write it), short forms written out ("utr" → "utara").

    >>> place_key("Kec. Kuta Utr"), place_key("tinggal di Desa Dalung"), place_key("Kota")
    ('kuta utara', 'dalung', 'kota')
    """
    ws = _TOKEN.findall(_unaccented(_clean(text)).replace("'", ""))
    table = _place_table()
    stripped = True
    while stripped:
        stripped = False
        for p in table.prefixes:
            if len(ws) > len(p) and tuple(ws[: len(p)]) == p:
                ws, stripped = ws[len(p) :], True
                break
        for p in table.suffixes:
            if len(ws) > len(p) and tuple(ws[-len(p) :]) == p:
                ws, stripped = ws[: -len(p)], True
                break
    return " ".join(table.abbreviations.get(w, w) for w in (w.lstrip("/") for w in ws))


@cache
def _address_words() -> frozenset[str]:
    """Words that address the reader or soften a reply.

    yes_no.toml [filler] ("kak", "pak", "dong", "aja") and questions.toml tail_fillers ("ya",
    "min", "gan").
    """
    return _yes_no_table().filler | _question_table().tail_fillers


def addresses_only(text: str) -> bool:
    """Whether a stretch of a message only addresses the reader ("bang" in "bang, dalung").

    >>> addresses_only("bang"), addresses_only("ya kak"), addresses_only("dalung")
    (True, True, False)
    """
    words = _TOKEN.findall(_clean(text))
    return bool(words) and all(_fold(w) in _address_words() for w in words)


def typed_keys(typed: str) -> tuple[str, ...]:
    """The keys a typed place may be compared by: as typed, then without address words.

    The words around it that only address the reader ("kelurahan dalung kak", "pak, dalung
    ya") are no part of the name. Official names end in such words too ("Alur Mas", "Air
    Bang"), so the searches take the key that matches better, as typed when both match as well.

    >>> typed_keys("kelurahan dalung kak"), typed_keys("pak, di dalung ya"), typed_keys("Alur Mas")
    (('dalung kak', 'dalung'), ('pak di dalung ya', 'dalung'), ('alur mas', 'alur'))
    """
    key = place_key(typed)
    words, around = key.split(), _address_words()
    while len(words) > 1 and _fold(words[-1]) in around:
        words.pop()
    while len(words) > 1 and _fold(words[0]) in around:
        words.pop(0)
    bare = place_key(" ".join(words))
    return (key,) if bare == key else (key, bare)


def names_place(text: str) -> bool:
    """Whether `text` names a place, beyond the words before a name ("tinggal di", "desa").

    >>> names_place("desa cibinong"), names_place("saya tinggal di"), names_place("di")
    (True, False, False)
    """
    return place_key(f"{text} {_NAMELESS}") != _NAMELESS


_NAMELESS = "zzz"  # a word no prefix is: what place_key leaves of the prefixes alone


@lru_cache(maxsize=64)
def _place_keys(names: tuple[str, ...]) -> list[str]:
    """The keys of a list of names; forms offer the same few lists again and again."""
    return [place_key(name) for name in names]


_MAX_ALTERNATIVES = 4


def pick_place(typed: str, names: Sequence[str]) -> Pick | None:
    """The name in ``names`` that ``typed`` means (rapidfuzz WRatio), or None if none is near.

    >>> names = ["Kotabaru Hulu", "Kotabaru Hilir"]
    >>> pick = pick_place("kec. kotabaru hilr", names)
    >>> pick.index, pick.confirm, pick.alternatives
    (1, True, (0,))
    >>> pick_place("Kotabaru Hilir", names).confirm
    False
    >>> pick_place("Jakarta", names) is None
    True

    An exact name that is part of a longer one is confirmed, the longer one offered: "benoa"
    is how Tanjung Benoa is called too, "kerobokan" Kerobokan Kaja.

    >>> pick = pick_place("benoa", ["Benoa", "Tanjung Benoa", "Jimbaran"])
    >>> pick.index, pick.confirm, pick.alternatives
    (0, True, (1,))
    """
    if len(typed) > _MAX_CHARS or not names:
        return None
    picks = [pick for key in typed_keys(typed) if (pick := _pick(key, names))]
    # a sure pick first, then the closest; as typed when both are as close ("Alur Mas")
    return min(picks, key=lambda p: (p.confirm, -p.score), default=None)


def _pick(key: str, names: Sequence[str]) -> Pick | None:
    """`pick_place` for one key of the typed name."""
    if sum(ch.isalpha() for ch in key) < 3:
        return None
    table = _place_table()
    keys = _place_keys(tuple(names))
    scored = process.extract(
        key, keys, scorer=fuzz.WRatio, score_cutoff=table.min_score, limit=_MAX_ALTERNATIVES + 2
    )
    exact = [i for i, k in enumerate(keys) if k == key]
    ranked = exact + [i for _, _, i in scored if i not in exact]
    score = {i: s for _, s, i in scored} | dict.fromkeys(exact, 100.0)
    if not ranked:
        return None
    best = ranked[0]
    near = max(table.close_score, score[best] - 5) if not exact else table.close_score
    alternatives = tuple(i for i in ranked[1:] if score[i] >= min(near, table.close_score))
    longer = tuple(i for i, k in enumerate(keys) if exact and _within(key, k))
    alternatives = longer + tuple(i for i in alternatives if i not in longer)
    # The exact name is taken though a neighbour's is close ("Kotabaru Hilir" beside "Kotabaru
    # Hulu"), unless it is part of the neighbour's; a near one is confirmed; two of the same
    # name are a choice.
    confirm = not exact or len(exact) > 1 or bool(longer)
    return Pick(best, score[best], confirm, alternatives[:_MAX_ALTERNATIVES])


def _within(key: str, other: str) -> bool:
    """Whether the words of `key` stand in the longer name `other` ("benoa", "tanjung benoa")."""
    return key != other and f" {key} " in f" {other} "
