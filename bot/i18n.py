"""Catalogs and formatting: every user-facing text and number passes through here.

Messages are English msgids translated by `locales/<lang>/LC_MESSAGES/messages.po`; the
catalogs are compiled in memory at start-up, so no build step can leave a stale `.mo`.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

from bot.config import LOCALES_DIR, SUPPORTED_LOCALES


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid for extraction where it is defined; translate it where it is shown."""
    return message


@cache
def _translations(locale: str, locales_dir: Path = LOCALES_DIR) -> gettext.NullTranslations:
    po = locales_dir / locale / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Translator:
    """The texts and formats of one language, handed to a handler for one turn."""

    def __init__(self, locale: str) -> None:
        self.locale = locale if locale in SUPPORTED_LOCALES else SUPPORTED_LOCALES[0]
        self._t = _translations(self.locale)

    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def rupiah(self, amount: Decimal | int) -> str:
        return format_rupiah(amount)

    def date(self, day: date) -> str:
        return format_date(day, self.locale)

    def number(self, value: Decimal | int | float) -> str:
        return format_decimal(value, locale=self.locale)


class Reworded(Translator):
    """`base`'s catalog, saying some msgids in other words (`words`: msgid -> msgid).

    One flow may reuse another's code for someone else: the officer's form runs
    registration's steps, whose texts speak to "you", about the worker.
    """

    def __init__(self, base: Translator, words: Mapping[str, str]) -> None:
        self.locale = base.locale
        self._t = base._t
        self._words = words

    def gettext(self, message: str) -> str:
        return self._t.gettext(self._words.get(message, message))


def format_rupiah(amount: Decimal | int) -> str:
    """Rupiah the way Indonesians write it, without cents, in every language.

    >>> format_rupiah(16800)
    'Rp16.800'
    >>> format_rupiah(Decimal("42000000"))
    'Rp42.000.000'
    """
    return format_currency(amount, "IDR", format="¤#,##0", currency_digits=False, locale="id")


def format_date(day: date, locale: str = "id") -> str:
    """A long date: '21 November 2026' in Indonesian, 'November 21, 2026' in English.

    >>> format_date(date(2026, 11, 21))
    '21 November 2026'
    """
    return _babel_date(day, format="long", locale=locale)


def format_month(day: date, locale: str = "id") -> str:
    """A month: 'Desember 2026' in Indonesian, 'December 2026' in English (its day unsaid).

    >>> format_month(date(2026, 12, 1))
    'Desember 2026'
    """
    return _babel_date(day, format="LLLL y", locale=locale)


def short_date(day: date, locale: str = "id") -> str:
    """A chart axis's date: '21 Nov' (Indonesian and English alike), the year said elsewhere.

    >>> short_date(date(2026, 8, 17))
    '17 Agu'
    """
    return _babel_date(day, format="d MMM", locale=locale)
