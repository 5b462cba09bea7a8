"""A regency named with "kab"/"kota" is that one of the namesakes; without, both are offered.

The namesakes (Kab. Bogor and Kota Bogor …) come from the region data, never a hand list.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from lokal import PROVINCES

from bot.domain import regions
from handlers.registration.domicile import search_regencies, stated_regency


def _namesakes() -> dict[str, list[regions.Region]]:
    named: dict[str, list[regions.Region]] = defaultdict(list)
    for province in PROVINCES:
        for regency in regions.regencies(province):
            named[regency.name.removeprefix("Kabupaten ").removeprefix("Kota ")].append(regency)
    return {name: found for name, found in named.items() if len(found) > 1}


NAMESAKES = _namesakes()


def test_the_namesakes_are_the_kabupaten_and_kota_of_one_name() -> None:
    assert {"Bogor", "Bandung", "Malang", "Jayapura", "Kupang", "Bima"} <= set(NAMESAKES)
    assert all(len(found) == 2 for found in NAMESAKES.values())


@pytest.mark.parametrize("name", sorted(NAMESAKES))
def test_kab_or_kota_picks_one_and_neither_offers_both(name: str) -> None:
    typed = name.lower()
    for kind, words in (("Kabupaten", ("kab", "kabupaten")), ("Kota", ("kota",))):
        (wanted,) = [r for r in NAMESAKES[name] if r.name.startswith(kind)]
        for word in words:
            found = search_regencies(f"di {word} {typed}").matches
            assert [m.region for m in found] == [wanted], (word, typed)
            assert stated_regency(f"desa sukamaju {word} {typed}") == ("desa sukamaju", wanted)
    both = {m.region for m in search_regencies(typed).matches if m.score >= 100}
    assert both == set(NAMESAKES[name])
