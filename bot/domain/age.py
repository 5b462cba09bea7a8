"""Reading an age as people type it: a number, words, a birth year or a birth date.

Raises ``ValidationError`` with the ``age.*`` codes listed in ``bot.domain.validation.CODES``.
"""

from __future__ import annotations

import re
from datetime import date

import lokal

from bot.domain.validation import clean_input
from bot.errors import ValidationError

__all__ = ["MAX_AGE", "parse_age"]

MAX_AGE = 120

_MONTHS = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agus": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "nop": 11,
    "november": 11,
    "nopember": 11,
    "des": 12,
    "dec": 12,
    "desember": 12,
    "december": 12,
}
_AGE_NOISE = re.compile(
    r"\b(?:umur|usia|saya|aku|sekarang|skrg|baru|sudah|udah|lahir|tgl|"
    r"tanggal|tahun|thn|th|taun|thun|yo|y/o|years?\s*old|pada)\b|[:,]"
)
_NUM_DATE = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORD_DATE = re.compile(r"^(\d{1,2})\s*([a-z]+)\.?\s*(\d{4})$")
_NUMBER_WORDS = {
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "seratus",
    "belas",
    "puluh",
    "ratus",
}


def _age_on(born: date, today: date) -> int:
    if born > today:
        raise ValidationError("age.future")
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _birth_date(y: int, m: int, d: int, today: date) -> date:
    if y < 100:  # "15-08-95": the same century rule as a NIK
        y += 2000 if y <= today.year % 100 else 1900
    try:
        return date(y, m, d)
    except ValueError:
        raise ValidationError("age.date") from None


def parse_age(text: str, today: date) -> int:
    """Age in whole years from an age, spelled age, birth year (approximate) or birth date.

    >>> today = date(2026, 11, 21)
    >>> parse_age("25th", today), parse_age("dua puluh lima tahun", today)
    (25, 25)
    >>> parse_age("1990", today), parse_age("15-08-1995", today)
    (36, 31)
    >>> parse_age("15 Agustus 1995", today)
    31
    >>> parse_age("200", today)
    Traceback (most recent call last):
    bot.errors.ValidationError: age.too_high
    >>> parse_age("-3", today)
    Traceback (most recent call last):
    bot.errors.ValidationError: age.negative
    """
    t = clean_input(text).lower()
    if len(t) > 60:
        raise ValidationError("age.format")
    t = re.sub(r"(\d)(th|thn|tahun|yo)\b", r"\1", t)
    t = re.sub(r"\s+", " ", _AGE_NOISE.sub(" ", t)).strip(" .?!")
    if re.fullmatch(r"(?:-|minus )\s*\d+", t):
        raise ValidationError("age.negative")
    age: int | None = None
    if m := _NUM_DATE.match(t):
        age = _age_on(_birth_date(int(m[3]), int(m[2]), int(m[1]), today), today)
    elif m := _ISO_DATE.match(t):
        age = _age_on(_birth_date(int(m[1]), int(m[2]), int(m[3]), today), today)
    elif (m := _WORD_DATE.match(t)) and m[2] in _MONTHS:
        age = _age_on(_birth_date(int(m[3]), _MONTHS[m[2]], int(m[1]), today), today)
    elif t.isascii() and t.isdigit() and len(t) <= 4:
        n = int(t)
        if len(t) == 4 and n >= 1800:  # a birth year: off by one before the birthday
            if n > today.year:
                raise ValidationError("age.future")
            n = today.year - n
        age = n
    elif t and set(t.split()) <= _NUMBER_WORDS:
        parsed = lokal.parse_rupiah(t)
        if parsed is not None and float(parsed.amount).is_integer():
            age = int(parsed.amount)
    if age is None:
        raise ValidationError("age.format")
    if age > MAX_AGE:
        raise ValidationError("age.too_high", value=age)
    return age
