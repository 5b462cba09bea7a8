"""An age as the old chat steps read it, on top of ``bot.domain.chatwords``.

Raises ``ValidationError`` with the ``age.*`` codes listed in ``bot.domain.validation.CODES``.
New code reads ages with ``chatwords.parse_age``, which also says when to confirm.
"""

from __future__ import annotations

from datetime import date

from bot.domain.chatwords import MAX_AGE, read_age
from bot.errors import ValidationError

__all__ = ["MAX_AGE", "parse_age"]


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
    answer = read_age(text, today)
    if isinstance(answer, str):
        raise ValidationError(f"age.{answer}")
    if answer.age > MAX_AGE:
        raise ValidationError("age.too_high", value=answer.age)
    return answer.age
