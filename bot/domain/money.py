"""Whether a monthly income read by ``bot.domain.chatwords.parse_amount`` can be believed.

Amounts are read in one place, ``chatwords.parse_amount``; this module holds only what the forms
do with text it cannot read and with amounts no one earns in a month. Raises ``ValidationError``
with the ``money.*`` codes listed in ``bot.domain.validation.CODES``.
"""

from __future__ import annotations

from decimal import Decimal

from bot.domain.chatwords import dont_know
from bot.errors import ValidationError

__all__ = [
    "MAX_MONTHLY_INCOME",
    "MIN_MONTHLY_INCOME",
    "check_monthly_income",
    "plausible_monthly_income",
    "unread_amount",
]

MIN_MONTHLY_INCOME = Decimal(100_000)
MAX_MONTHLY_INCOME = Decimal(500_000_000)


def unread_amount(text: str) -> str:
    """The code for text ``parse_amount`` found no amount in: unsure ("ga tau") or not an amount.

    >>> unread_amount("ga tau"), unread_amount("tergantung musim"), unread_amount("abc")
    ('money.unknown', 'money.unknown', 'money.format')
    """
    return "money.unknown" if dont_know(text) else "money.format"


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

    >>> check_monthly_income(Decimal(2_000_000))
    Decimal('2000000')
    >>> check_monthly_income(Decimal(1000))
    Traceback (most recent call last):
    bot.errors.ValidationError: money.too_low
    >>> check_monthly_income(Decimal(10) ** 12)
    Traceback (most recent call last):
    bot.errors.ValidationError: money.too_high
    """
    if amount < MIN_MONTHLY_INCOME:
        raise ValidationError("money.too_low", value=amount)
    if amount > MAX_MONTHLY_INCOME:
        raise ValidationError("money.too_high", value=amount)
    return amount
