"""One normaliser of place names: the region search and the chat's pick read a name alike."""

from __future__ import annotations

import pytest

from bot.domain import chatwords, regions


@pytest.mark.parametrize(
    ("parent", "typed", "code"),
    [
        ("73.05", "pabatangang", "73.05.01.2010"),  # Pa'batangang, typed without the apostrophe
        ("18.13", "kampung jawa", "18.13.01.2003"),  # not Kota Jawa beside it
        ("51.03", "tinggal di desa dalung", "51.03.06.2006"),
        ("51.03", "Dalung village", "51.03.06.2006"),
    ],
)
def test_search_and_pick_agree_on_a_typed_name(parent: str, typed: str, code: str) -> None:
    found = regions.search_villages(parent, typed)
    assert found.best is not None and found.best.region.code == code
    names = [m.region.name for m in found.matches]
    pick = chatwords.pick_place(typed, names)
    assert pick is not None and found.matches[pick.index].region.code == code
    assert pick.score == 100, "the name the search found is the one the chat reads as exact"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("kec. kuta utr", "51.03.06"),  # Kuta Utara: a short form written out
        ("kec. kota ternate selatan", "82.71.02"),  # Kota Ternate Selatan: two kind words
    ],
)
def test_kind_words_and_short_forms_in_the_search(typed: str, code: str) -> None:
    found = regions.search_districts(code[:5], typed)
    assert found.best is not None and found.best.region.code == code
    pick = chatwords.pick_place(typed, [m.region.name for m in found.matches])
    assert pick is not None and pick.index == 0 and pick.score == 100
