"""Time zones by Kemendagri province: every province lokal knows falls in WIB, WITA or WIT."""

from __future__ import annotations

from datetime import UTC, datetime

from lokal.provinces import PROVINCES

from bot.domain.zones import WIB, WIT, WITA, label, province_zone, utc_hours

WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


def test_every_province_has_its_zone() -> None:
    zones = {code: province_zone(f"{code}.01") for code in PROVINCES}
    assert {c for c, z in zones.items() if z is WITA} == WITA_PROVINCES
    assert {c for c, z in zones.items() if z is WIT} == WIT_PROVINCES
    wib = {c for c, z in zones.items() if z is WIB}
    assert {"11", "31", "32", "33", "36", "61", "62"} <= wib and len(wib) == 18


def test_a_bali_evening_in_utc_is_the_next_day_in_wita() -> None:
    at = datetime(2026, 11, 20, 16, 30, tzinfo=UTC).astimezone(province_zone("51.03"))
    assert (at.day, at.hour, at.minute, label(province_zone("51.03"))) == (21, 0, 30, "WITA")
    assert [utc_hours(z) for z in (WIB, WITA, WIT)] == [7, 8, 9]
    assert label(province_zone("63.71")) == "WITA" and label(province_zone("94.01")) == "WIT"
