"""The work as shown back to the person (`occupations.said_label`, data/occupations.toml)."""

from __future__ import annotations

import pytest

from bot.domain.occupations import _data, find_occupation, said_label
from bot.domain.textnorm import normalize


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("berdagang", "Pedagang"),
        ("sy jualan sayur di pasar", "Pedagang"),
        ("dagang canang", "Pedagang"),
        ("bapak saya melaut", "Nelayan"),
        ("ngojek", "Ojek"),  # read "ojol" by textnorm; was shown "Ojol", yet not online
        ("abah saya ngojek pangkalan", "Ojek"),
        ("saya ngojol", "Ojol"),
        ("suami nderes karet tiap subuh", "Penyadap karet"),  # Javanese/Sumatran "deres"
        ("sy penderes karet", "Penyadap karet"),
        ("buka warung", None),
        ("punya toko bangunan", None),
    ],
)
def test_the_work_is_shown_as_the_person_said_it(typed: str, shown: str | None) -> None:
    found = find_occupation(typed)
    assert found is not None
    assert said_label(*found) == shown


def test_every_said_word_is_a_word_of_its_kind() -> None:
    """A label for a word its kind does not read would never be shown ("ngojek" is read as
    the kind's "ojol" by textnorm)."""
    for kind in _data()["kind"]:
        for label, words in kind.get("said", {}).items():
            read = {w if w in kind["words"] else normalize(w) for w in words}
            assert read <= set(kind["words"]), (kind["key"], label)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("toko besi", "trader"),
        ("grosir sembako di pasar", "trader"),
        ("jaga toko roti", "trader"),
        ("penjahit di toko sebelah", "other_self_employed"),  # was a trader: "toko sebelah"
        ("montir, kadang bantu di toko teman", "other_self_employed"),
        ("toko masih buka", None),  # a shop open, no work named
    ],
)
def test_a_shop_word_names_a_trader_only_with_goods_after_it(typed: str, key: str | None) -> None:
    """The shop word took any next word as its goods: a tailor at the shop next door was a
    trader (data/occupations.toml [shop] wares)."""
    found = find_occupation(typed)
    assert (found[0].key if found else None) == key
