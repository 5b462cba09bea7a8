"""Days and months in the dashboard's text fields: what a field shows, how a typed one is read.

A browser draws `<input type=date>` and `type=month` in its own language (`mm/dd/yyyy` on an
English phone, on an Indonesian page), so the fields are plain text: a day shows as
`21/11/2026`, a month as `November 2026`. Staff type either the way they write it: `21/11/2026`,
`21-11-26`, `21 Nov 2026`, `21 Agustus 2026`, `November 21, 2026`, `11/2026`, `agu 2026`; month
names in Indonesian or English (any three or more first letters, from Babel's CLDR names).
ISO (`2026-11-21`, `2026-11`) is read too: the links and bookmarks made before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cache

from babel.dates import get_month_names

from bot.config import SUPPORTED_LOCALES
from bot.i18n import format_month

_NUMERIC_DAY = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4}|\d{2})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED_DAY = re.compile(r"(\d{1,2}) ?([a-z]{3,})\.? ?(\d{4})")  # 21 November 2026
_NAMED_DAY_US = re.compile(r"([a-z]{3,})\.? ?(\d{1,2}),? (\d{4})")  # November 21, 2026
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[/.\- ](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NAMED_MONTH = re.compile(r"([a-z]{3,})\.? ?(\d{4})")


@cache
def _month_names() -> dict[str, int]:
    """Every month's full name, in every language the bot speaks, lower case."""
    return {
        name.lower(): number
        for locale in SUPPORTED_LOCALES
        for context in ("format", "stand-alone")
        for number, name in get_month_names("wide", context, locale).items()
    }


def _month_number(word: str) -> int | None:
    """The month a name or its start (three letters or more) names, if only one."""
    found = {n for name, n in _month_names().items() if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def _day(year: int, month: int | None, day: int) -> date | None:
    try:
        return date(year + 2000 if year < 100 else year, month, day) if month else None
    except ValueError:
        return None


def parse_day(text: object) -> date | None:
    """The day typed in a date field, or None when empty or not a day."""
    value = " ".join(str(text or "").lower().replace(",", ", ").split()).replace(" ,", ",")
    if found := _ISO_DAY.fullmatch(value):
        return _day(int(found[1]), int(found[2]), int(found[3]))
    if found := _NUMERIC_DAY.fullmatch(value):
        return _day(int(found[3]), int(found[2]), int(found[1]))
    if found := _NAMED_DAY.fullmatch(value):
        return _day(int(found[3]), _month_number(found[2]), int(found[1]))
    if found := _NAMED_DAY_US.fullmatch(value):
        return _day(int(found[3]), _month_number(found[1]), int(found[2]))
    return None


def parse_month(text: object) -> date | None:
    """The month typed in a month field, as its first day; a whole date names its month."""
    value = " ".join(str(text or "").lower().split())
    if found := _ISO_MONTH.fullmatch(value):
        return _day(int(found[1]), int(found[2]), 1)
    if found := _NUMERIC_MONTH.fullmatch(value):
        return _day(int(found[2]), int(found[1]), 1)
    if found := _NAMED_MONTH.fullmatch(value):
        return _day(int(found[2]), _month_number(found[1]), 1)
    day = parse_day(value)
    return day.replace(day=1) if day else None


def unread_days(params: Mapping[str, str], keys: tuple[str, ...] = ("since", "until")) -> list[str]:
    """What was typed in these date fields and is no day: said back on the page, not dropped."""
    return [text for key in keys if (text := params.get(key, "").strip()) and not parse_day(text)]


def day_field(value: date | None) -> str:
    """A day as its field shows it: `21/11/2026` (the hint beside it says dd/mm/yyyy)."""
    return f"{value:%d/%m/%Y}" if value else ""


def month_field(value: date | None, locale: str = "id") -> str:
    """A month as its field shows it: `November 2026`, in the page's language."""
    return format_month(value, locale) if value else ""
