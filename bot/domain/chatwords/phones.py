"""A mobile number as typed, as E.164: the one reader of phone numbers in chat.

The number is checked by ``bot.domain.validation.parse_phone``; what chat adds around it (an
emoji) is set aside here.
"""

from __future__ import annotations

from bot.domain.chatwords.reading import _EMOJI
from bot.domain.validation import parse_phone as validated_phone
from bot.errors import ValidationError


def parse_phone(text: str) -> str | None:
    """A mobile number as E.164 ("+62…"), or None (a landline, a foreign number, two numbers).

    Reads "0812 3456 7890", "0812-3456-7890", "+62 812…" and "62812…" through
    ``bot.domain.validation.parse_phone``, which checks the number against lokal's plan.

    >>> parse_phone("0812-3456-7890"), parse_phone("(021) 555-1234"), parse_phone("081234567890 📱")
    ('+6281234567890', None, '+6281234567890')
    """
    try:
        return validated_phone(_EMOJI.sub("", text))  # "081234567890 📱"
    except ValidationError:
        return None
