"""Indonesia's three time zones, by Kemendagri province code (the first two digits of a region).

A branch office counts its days in its own zone: Bali and Kalimantan Selatan are WITA, an hour
ahead of Jakarta. Indonesia has no daylight saving time, so a zone is a fixed UTC offset.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")  # UTC+7: Sumatra, Java, Kalimantan Barat and Tengah
WITA = ZoneInfo("Asia/Makassar")  # UTC+8: Bali, Nusa Tenggara, Kalimantan S/E/N, Sulawesi
WIT = ZoneInfo("Asia/Jayapura")  # UTC+9: Maluku and Papua

# Kemendagri province codes as lokal.provinces lists them (Papua's six are 91 to 96).
_WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}
_LABELS = {WIB.key: "WIB", WITA.key: "WITA", WIT.key: "WIT"}


def province_zone(region_code: str) -> ZoneInfo:
    """The zone of a region's province ("51.03" → WITA); unknown codes count as WIB."""
    province = region_code[:2]
    return WITA if province in _WITA else WIT if province in _WIT else WIB


def label(zone: ZoneInfo) -> str:
    """WIB, WITA or WIT: what Indonesians write after a time."""
    return _LABELS.get(zone.key, zone.key)


def utc_hours(zone: ZoneInfo) -> int:
    """The zone's fixed offset from UTC in hours (7, 8 or 9)."""
    offset = datetime(2026, 1, 1, tzinfo=zone).utcoffset() or timedelta()
    return int(offset.total_seconds() // 3600)
