"""Days and months typed in the dashboard's text fields, and what the fields show."""

from __future__ import annotations

from datetime import date

import pytest

from bot.web.dashboard.dates import day_field, month_field, parse_day, parse_month, unread_days


@pytest.mark.parametrize(
    "text",
    [
        "21/11/2026",  # what a day field shows, sent back as it is
        "21/11/26",
        "21-11-2026",
        "21.11.2026",
        " 21/11/2026 ",
        "21 November 2026",
        "21 nov 2026",
        "21 Nov. 2026",
        "November 21, 2026",
        "2026-11-21",  # a link or bookmark made before the fields were text
    ],
)
def test_a_day_is_read_as_staff_write_it(text: str) -> None:
    assert parse_day(text) == date(2026, 11, 21)


def test_indonesian_and_english_month_names_and_their_starts() -> None:
    assert parse_day("17 Agustus 2026") == parse_day("17 agu 2026") == date(2026, 8, 17)
    assert parse_day("17 August 2026") == parse_day("17 aug 2026") == date(2026, 8, 17)
    assert parse_day("1 Mei 2026") == parse_day("1 May 2026") == date(2026, 5, 1)
    assert parse_day("5 Okt 2026") == parse_day("5 oct 2026") == date(2026, 10, 5)


@pytest.mark.parametrize("text", ["", "nonsense", "31/02/2026", "21/13/2026", "21 ju 2026", "2026"])
def test_what_is_no_day_is_none(text: str) -> None:
    assert parse_day(text) is None


@pytest.mark.parametrize(
    "text", ["November 2026", "Nov 2026", "11/2026", "11-2026", "2026-11", "21/11/2026"]
)
def test_a_month_is_read_as_staff_write_it(text: str) -> None:
    assert parse_month(text) == date(2026, 11, 1)


def test_a_month_field_shows_the_month_by_name_and_reads_it_back() -> None:
    for month in range(1, 13):
        first = date(2027, month, 1)
        assert parse_month(month_field(first)) == first  # Indonesian, as the page shows it
        assert parse_month(month_field(first, "en")) == first
    assert month_field(date(2026, 8, 1)) == "Agustus 2026"
    assert parse_month("13/2026") is None and parse_month("") is None


def test_a_day_field_shows_dd_mm_yyyy_and_reads_it_back() -> None:
    assert day_field(date(2026, 5, 1)) == "01/05/2026" and day_field(None) == ""
    assert parse_day(day_field(date(2026, 5, 1))) == date(2026, 5, 1)


def test_text_that_is_no_day_is_said_back() -> None:
    assert unread_days({"since": "31/02/2026", "until": "21/11/2026"}) == ["31/02/2026"]
    assert unread_days({"since": " ", "q": "x"}) == []
