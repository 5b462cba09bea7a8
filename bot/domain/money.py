"""A monthly income as the old chat steps read it, on top of ``bot.domain.chatwords``.

Raises ``ValidationError`` with the ``money.*`` codes listed in ``bot.domain.validation.CODES``;
a daily, weekly or yearly amount is refused so the chat can ask for the monthly total. New code
reads amounts with ``chatwords.parse_amount``, which estimates and asks to confirm instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.domain.chatwords import dont_know, parse_amount
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

_NEGATIVE = re.compile(r"^(?:minus\s*|-\s*)(?:rp\.?\s*)?\d")


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
    if _NEGATIVE.match(t):
        raise ValidationError("money.negative")
    amount = parse_amount(t)
    if amount is None or (not amount.certain and dont_know(t)):
        raise ValidationError("money.unknown" if dont_know(t) else "money.format")
    if amount.per != "month":
        raise ValidationError(f"money.per_{amount.per}")
    return Decimal(amount.figure)


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
