"""Reading a monthly income as people type it ("2jtan", "1,5 jt per bulan", "2-3 juta").

Raises ``ValidationError`` with the ``money.*`` codes listed in ``bot.domain.validation.CODES``;
a daily, weekly or yearly amount is refused so the chat can ask for the monthly total.
"""

from __future__ import annotations

import re
from decimal import Decimal

import lokal

from bot.domain.validation import clean_input
from bot.errors import ValidationError

__all__ = [
    "MAX_MONTHLY_INCOME",
    "MIN_MONTHLY_INCOME",
    "check_monthly_income",
    "parse_money",
    "plausible_monthly_income",
]

MIN_MONTHLY_INCOME = Decimal(100_000)
MAX_MONTHLY_INCOME = Decimal(500_000_000)

_UNKNOWN = re.compile(
    r"\b(?:um[rkp]|(?:tidak|tdk|tak|ga|gak|gk|g|nggak|ngga|enggak|engga|nda|ndak)\s*"
    r"(?:tau|tahu|taw|tentu|pasti|menentu|jelas|ngerti)|bervariasi|variasi|tergantung|"
    r"kadang|lupa|entah|random|belum\s+tahu|belum\s+tau|rahasia)\b"
)
_PERIODS = (
    ("money.per_day", r"(?:per|/|tiap|setiap)\s*(?:hari|hr)|\bsehari|\bharian"),
    (
        "money.per_week",
        r"(?:per|/|tiap|setiap)\s*(?:minggu|mg|pekan)|\bseminggu|\bmingguan|\bsepekan",
    ),
    ("money.per_year", r"(?:per|/|tiap|setiap)\s*(?:tahun|thn|th)|\bsetahun|\btahunan"),
)
_MONTHLY = re.compile(
    r"(?:per|/|tiap|setiap)\s*(?:bulan|bln|bl)\b|\bsebulan\b|\bbulanan\b|"
    r"\b(?:gaji|penghasilan|pendapatan|income|kira-kira|kira2)\b"
)
_RANGE = re.compile(
    r"^(.+?)\s*(?:-|–|—|s/d|s\.d\.?|\bsampai\b|\bsampe\b|\bhingga\b|\batau\b)\s*(.+)$"
)
_SCALE_WORD = re.compile(r"(rb|ribu|rebu|k|jt|juta|jeti|m|miliar|milyar)(?:an)?$")
_JT_TAIL = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(jt|juta)\s*(\d{1,3})$")


def _rupiah(text: str) -> Decimal | None:
    """lokal.parse_rupiah reads the everyday forms; float overflow on absurd input means 'no'."""
    m = _JT_TAIL.match(text)  # "1jt 500" means 1,5 juta, not 1.000.500
    if m:
        text = f"{m.group(1)} {m.group(2)} {m.group(3)} rb"
    try:
        parsed = lokal.parse_rupiah(text)
        if parsed is None:
            return None
        amount = Decimal(str(parsed.amount))
    except (ArithmeticError, ValueError, OverflowError):
        return None
    return amount if amount.is_finite() else None


def parse_money(text: str) -> Decimal:
    """Read a monthly income as typed; a range gives its middle ("2-3 juta" → 2.500.000).

    Implausible amounts ("0", "seribu") are returned: check them with ``plausible_monthly_income``.

    >>> parse_money("2jtan"), parse_money("Rp 1.500.000"), parse_money("sejuta setengah")
    (Decimal('2000000'), Decimal('1500000'), Decimal('1500000'))
    >>> parse_money("1,5 jt per bulan"), parse_money("500 ribu"), parse_money("2-3 juta")
    (Decimal('1500000'), Decimal('500000'), Decimal('2500000'))
    >>> parse_money("ga tau")
    Traceback (most recent call last):
    bot.errors.ValidationError: money.unknown
    >>> parse_money("100rb sehari")
    Traceback (most recent call last):
    bot.errors.ValidationError: money.per_day
    """
    t = clean_input(text).lower()
    if not t or len(t) > 80:
        raise ValidationError("money.format")
    for code, pattern in _PERIODS:
        if re.search(pattern, t):
            raise ValidationError(code)
    t = re.sub(r"\s+", " ", _MONTHLY.sub(" ", t)).strip(" ,.?!")
    if re.match(r"^(?:minus\s*|-\s*)(?:rp\.?\s*)?\d", t):
        raise ValidationError("money.negative")
    amount: Decimal | None = None
    if m := _RANGE.match(t):  # before the whole text: lokal reads "2-3 juta" as 2 + 3 juta
        low, high = m.group(1), m.group(2)
        unit = _SCALE_WORD.search(high.replace(" ", ""))
        if unit and not _SCALE_WORD.search(low.replace(" ", "")):
            low = f"{low} {unit.group(1)}"
        a, b = _rupiah(low), _rupiah(high)
        if a is not None and b is not None:
            amount = (a + b) / 2
    if amount is None:
        amount = _rupiah(t)
    if amount is None:
        raise ValidationError("money.unknown" if _UNKNOWN.search(t) else "money.format")
    return amount.to_integral_value() if amount == amount.to_integral_value() else amount


def plausible_monthly_income(amount: Decimal) -> bool:
    """Tell whether a person could earn this in a month; if not, the chat should double-check.

    >>> plausible_monthly_income(Decimal(2_000_000)), plausible_monthly_income(Decimal(1000))
    (True, False)
    >>> plausible_monthly_income(Decimal(10) ** 12)
    False
    """
    return MIN_MONTHLY_INCOME <= amount <= MAX_MONTHLY_INCOME


def check_monthly_income(amount: Decimal) -> Decimal:
    """Return ``amount`` if plausible, else raise "money.too_low"/"money.too_high" (value=amount).

    >>> check_monthly_income(parse_money("dua juta"))
    Decimal('2000000')
    >>> check_monthly_income(parse_money("seribu"))
    Traceback (most recent call last):
    bot.errors.ValidationError: money.too_low
    >>> check_monthly_income(parse_money("1 triliun"))
    Traceback (most recent call last):
    bot.errors.ValidationError: money.too_high
    """
    if amount < MIN_MONTHLY_INCOME:
        raise ValidationError("money.too_low", value=amount)
    if amount > MAX_MONTHLY_INCOME:
        raise ValidationError("money.too_high", value=amount)
    return amount
