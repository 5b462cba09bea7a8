"""Whether a monthly income read by ``bot.domain.amounts.parse_amount`` can be believed.

Amounts are read in one place, ``amounts.parse_amount``; this module holds only what the forms
do with text it cannot read and with amounts no one earns in a month. Raises ``ValidationError``
with the ``money.*`` codes listed in ``bot.domain.validation.CODES``.
"""

from __future__ import annotations

from decimal import Decimal

from bot.domain.amounts import no_income
from bot.domain.chatwords import dont_know
from bot.errors import ValidationError
from bot.i18n import N_

__all__ = [
    "INCOME_ABOUT",
    "MAX_MONTHLY_INCOME",
    "MIN_MONTHLY_INCOME",
    "NO_INCOME",
    "check_monthly_income",
    "plausible_monthly_income",
    "unread_amount",
]

MIN_MONTHLY_INCOME = Decimal(100_000)
MAX_MONTHLY_INCOME = Decimal(500_000_000)
#: The reply to "ga ada penghasilan" at an income step, for every form (code "money.none").
#: Sourced: knowledge/facts.md §3.2 (BPU choose their income bracket) and official-faq.md §C
#: (the lowest declared income is Rp1.000.000).
NO_INCOME = N_(
    "That is all right: the cheapest contribution does not depend on your income. Your income "
    "only sets your contribution bracket, which you choose; the lowest is Rp1.000.000 a month. "
    "Without a steady income yet, type an estimate, or 1 juta."
)

#: The answer to a question on the income typed at an income step ("kalo ga tentu gimana?"),
#: for every form (bot.forms Field.about), whether the person works for himself or for a
#: wage. Sourced: facts.md §3.2 (contributions are a share of the income; the JKK cash benefits
#: are multiples of it) and the entry iuran.income_choice (a self-employed worker declares at
#: least Rp1.000.000).
INCOME_ABOUT = N_(
    "Report your average monthly income. When it varies, type about what you earn in an "
    "ordinary month: the contribution is worked out from it, and so are the JKK cash "
    "benefits. A self-employed worker reports at least Rp1 juta."
)


def unread_amount(text: str) -> str:
    """The code for text ``parse_amount`` found no amount in: unsure, none, or not an amount.

    Unsure: "ga tau", "ga tentu"; none: "ga ada penghasilan", "belum ada".

    >>> unread_amount("ga tau"), unread_amount("tergantung musim"), unread_amount("abc")
    ('money.unknown', 'money.unknown', 'money.format')
    >>> unread_amount("belum ada penghasilan"), unread_amount("ga ada penghasilan tetap")
    ('money.none', 'money.unknown')
    """
    if dont_know(text):
        return "money.unknown"
    return "money.none" if no_income(text) else "money.format"


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
