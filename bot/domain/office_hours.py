"""A branch office's opening hours: parsed from the branches CSV, read out to a worker.

The CSV writes them `Mon-Fri 08:00-15:30` (days in English abbreviations, a range or a
comma list, then the opening and closing time). Offices without hours of their own keep the
national ones (official-faq.md, KANAL LAYANAN / KANTOR LAYANAN: Monday to Friday,
08.00–15.30). Times are the office's own zone (WIB, WITA or WIT). Public holidays are not
known here: the texts say "except public holidays".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import get_day_names

DEFAULT = "Mon-Fri 08:00-15:30"
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SHAPE = re.compile(
    r"^\s*(?P<days>[a-z]{3}(?:\s*[-,]\s*[a-z]{3})*)\s+"
    r"(?P<open>\d{1,2})[:.](?P<om>\d{2})\s*-\s*(?P<close>\d{1,2})[:.](?P<cm>\d{2})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OfficeHours:
    """Days of the week (0 = Monday) and one opening span on each of them."""

    days: frozenset[int]
    opens: time
    closes: time

    @classmethod
    def parse(cls, text: str | None) -> OfficeHours:
        """`Mon-Fri 08:00-15:30` or `Mon,Wed,Fri 08.00-12.00`; empty: the national hours.

        >>> OfficeHours.parse("Mon-Fri 08:00-15:30").days == frozenset(range(5))
        True
        """
        found = _SHAPE.match(text or DEFAULT)
        if found is None:
            raise ValueError(f"hours {text!r} are not like {DEFAULT!r}")
        days: set[int] = set()
        for part in found["days"].lower().replace(" ", "").split(","):
            first, _, last = part.partition("-")
            if first not in _DAYS or (last and last not in _DAYS):
                raise ValueError(f"unknown day in {text!r}: use {', '.join(_DAYS)}")
            start, end = _DAYS.index(first), _DAYS.index(last or first)
            days.update(range(start, end + 1) if start <= end else (start,))
        opens = time(int(found["open"]), int(found["om"]))
        closes = time(int(found["close"]), int(found["cm"]))
        if opens >= closes:
            raise ValueError(f"hours {text!r}: the office must open before it closes")
        return cls(frozenset(days), opens, closes)

    def is_open(self, now: datetime, zone: ZoneInfo) -> bool:
        """Whether the office is open at `now` (an aware time), in its zone."""
        local = now.astimezone(zone)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, now: datetime, zone: ZoneInfo) -> datetime:
        """When the office next opens after `now`, in its zone (today, if it has not opened)."""
        local = now.astimezone(zone)
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            opening = datetime.combine(day, self.opens, tzinfo=zone)
            if day.weekday() in self.days and opening > local:
                return opening
        raise ValueError("office hours without any day")  # parse() never makes one

    def describe(self, locale: str) -> str:
        """`Senin–Jumat 08.00–15.30`: consecutive days as a range, in the reader's language."""
        names = get_day_names("wide", locale=locale)
        ordered = sorted(self.days)
        if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
            days = f"{names[ordered[0]]}–{names[ordered[-1]]}"
        else:
            days = ", ".join(names[day] for day in ordered)
        return f"{days} {clock(self.opens)}–{clock(self.closes)}"


def clock(at: time) -> str:
    """`08.00`: how Indonesian writes a time of day (also fine in English texts here)."""
    return at.strftime("%H.%M")


def weekday(day: date, locale: str) -> str:
    """`Senin`: the day of the week in the reader's language."""
    return str(get_day_names("wide", locale=locale)[day.weekday()])
