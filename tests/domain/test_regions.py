"""Region names, children and fuzzy search through lokal's Kemendagri data."""

from __future__ import annotations

import time

import pytest

from bot.domain.regions import (
    GOOD_SCORE,
    MAX_MATCHES,
    districts,
    province_name,
    regencies,
    region,
    region_name,
    search_all_districts,
    search_districts,
    search_regencies,
    search_villages,
    villages,
)


@pytest.mark.parametrize(
    ("code", "short", "name"),
    [
        ("51", False, "Bali"),
        ("51.03", False, "Kabupaten Badung"),
        ("51.03", True, "Kab. Badung"),
        ("5103", True, "Kab. Badung"),
        ("51.71", True, "Kota Denpasar"),
        ("51.03.06", False, "Kuta Utara"),
        ("51.03.06.2006", False, "Dalung"),
        ("51.99", False, None),
        ("", False, None),
    ],
)
def test_region_name(code: str, short: bool, name: str | None) -> None:
    assert region_name(code, short=short) == name


def test_province_and_parents() -> None:
    assert province_name("51.03.06") == "Bali"
    assert province_name("63.72") == "Kalimantan Selatan"
    dalung = region("5103062006")
    assert dalung is not None
    assert dalung.code == "51.03.06.2006"
    assert dalung.parents == ("Kuta Utara", "Kabupaten Badung", "Bali")
    assert dalung.label == "Dalung, Kuta Utara, Kab. Badung, Bali"
    assert region("51.03.99") is None


def test_children() -> None:
    bali = regencies("51")
    assert len(bali) == 9 and bali[2].name == "Kabupaten Badung" and bali[2].parents == ("Bali",)
    assert [d.name for d in districts("51.03")] == [
        "Kuta",
        "Mengwi",
        "Abiansemal",
        "Petang",
        "Kuta Selatan",
        "Kuta Utara",
    ]
    assert "Dalung" in [v.name for v in villages("51.03.06")]
    assert regencies("99") == [] and districts("51.99") == []


@pytest.mark.parametrize(
    ("parent", "query", "code"),
    [
        ("51.03", "kuta utr", "51.03.06"),
        ("51.03", "Kuta Utara", "51.03.06"),
        ("51.03", "kec. kuta selatan", "51.03.05"),
        ("51.03", "kuta", "51.03.01"),  # exact beats the longer names
        ("51.03", "mngwi", "51.03.02"),
        ("51.03", "abian semal", "51.03.03"),
        ("51.71", "dps barat", "51.71.03"),
        ("32.73", "cicendo", "32.73.06"),
        ("32.01", "cibnong", "32.01.01"),
    ],
)
def test_search_districts(parent: str, query: str, code: str) -> None:
    result = search_districts(parent, query)
    assert result.best is not None, result
    assert result.best.region.code == code
    assert not result.no_good_match and not result.too_many


@pytest.mark.parametrize(
    ("parent", "query", "code"),
    [
        ("51.03.06", "dalung", "51.03.06.2006"),
        ("51.03.06", "Desa Dalung", "51.03.06.2006"),
        ("51.03.06", "dalong", "51.03.06.2006"),
        ("51.03.06", "krobokan kaja", "51.03.06.1003"),
        ("51.03.06", "canggu", "51.03.06.2005"),
        ("51.03", "dalung", "51.03.06.2006"),  # whole regency when the kecamatan is unknown
    ],
)
def test_search_villages(parent: str, query: str, code: str) -> None:
    result = search_villages(parent, query)
    assert result.best is not None, result
    assert result.best.region.code == code
    assert result.matches[0].score >= GOOD_SCORE


def test_names_that_look_like_prefixes() -> None:
    from lokal.wilayah import search_wilayah

    banjar = search_wilayah("banjar", level=3, within="51.08")[0]  # kecamatan Banjar, Buleleng
    best = search_districts("51.08", "banjar").best
    assert best is not None and best.region.code == banjar.code
    best = search_regencies("63", "kab banjar").best
    assert best is not None and best.region.code == "63.03"


def test_search_regencies() -> None:
    best = search_regencies("51", "badung").best
    assert best is not None and best.region.code == "51.03"
    best = search_regencies("63", "hulu sungai tgh").best
    assert best is not None and best.region.code == "63.07"


def test_a_kecamatan_searched_in_every_province() -> None:
    """Namesakes all come back exact; a near name is no exact hit."""
    exact = [m.region.code for m in search_all_districts("cibinong").matches if m.score >= 100]
    assert exact == ["32.01.01"]
    cibitung = [m.region.label for m in search_all_districts("cibitung").matches if m.score >= 100]
    assert cibitung == [
        "Cibitung, Kab. Sukabumi, Jawa Barat",
        "Cibitung, Kab. Bekasi, Jawa Barat",
        "Cibitung, Kab. Pandeglang, Banten",
    ]
    assert all(m.score < 100 for m in search_all_districts("cibinog").matches)


def test_several_matches_are_ranked_without_a_best() -> None:
    result = search_villages("51.03.06", "kerobokan")
    # Exact first, then the longer names by length: Kerobokan, Kerobokan Kaja, Kerobokan Kelod.
    assert [m.region.code for m in result.matches[:3]] == [
        "51.03.06.1002",
        "51.03.06.1003",
        "51.03.06.1001",
    ]
    assert result.best is not None and result.best.region.name == "Kerobokan"
    ku = search_districts("51.03", "ku")
    assert ku.best is None and len(ku.matches) == 3


def test_no_good_match() -> None:
    result = search_districts("51.03", "xyz")
    assert result.no_good_match and result.best is None
    near = search_villages("11.08", "lamreh")
    assert near.no_good_match and all(m.score < GOOD_SCORE for m in near.matches)


def test_too_many_and_cap() -> None:
    result = search_districts("32.01", "ci")
    assert result.too_many and len(result.matches) == MAX_MATCHES and result.best is None
    short = search_districts("51.03", "a")
    assert short.too_many and short.matches == ()
    assert len(search_districts("32.01", "ci", limit=3).matches) == 3


def test_unknown_parent_is_empty() -> None:
    result = search_districts("51.99", "kuta")
    assert result.matches == () and result.no_good_match
    with pytest.raises(ValueError):
        search_villages("51", "dalung")  # a whole province is not a search scope


def test_search_is_fast() -> None:
    search_villages("11.08", "warm up")  # largest regency (852 villages)
    search_districts("51.03", "warm up")
    cases = [
        (search_districts, "51.03", "kuta utr"),
        (search_villages, "51.03.06", "dalung"),
        (search_villages, "11.08", "lamreh"),
        (search_villages, "11.08", "meunasah blang"),
    ]
    for fn, parent, query in cases:
        batches = []
        for _ in range(5):  # best of 5 batches: robust to a busy CI machine
            start = time.perf_counter()
            for _ in range(10):
                fn(parent, query)
            batches.append((time.perf_counter() - start) / 10)
        assert min(batches) < 0.005, (fn.__name__, parent, batches)
