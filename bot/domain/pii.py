"""Personal numbers out of free text before it is kept (unanswered questions).

`lokal.mask_pii` reads text as typed, so a NIK written with dots ("3201.0101.0101.0001"),
zero-width spaces or full-width digits slips past it. Here the text is normalised first
(NFKC, format characters dropped, every kind of digit made ASCII), then any run of digits
with separators between them is read as its digits alone: 15 or more are a NIK (16 digits,
give or take a slip), and 9 or more starting 08 or 62 a mobile number. Other numbers
("Rp2.000.000", "umur 45") are left as written.
"""

from __future__ import annotations

import re
import unicodedata

from lokal import mask_pii

NIK_PLACEHOLDER = "[NIK]"
PHONE_PLACEHOLDER = "[PHONE]"
MIN_NIK_DIGITS = 15
MIN_PHONE_DIGITS = 9
# digits with spaces, dots, dashes, slashes or brackets between them (a "+" may lead)
_DIGIT_RUN = re.compile(r"\+?\d(?:[\s.\-/()]*\d)*")


def normalize(text: str) -> str:
    """NFKC, without format characters (zero-width spaces, joiners, BOM), ASCII digits."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(char)) if char.isdecimal() else char
        for char in text
        if unicodedata.category(char) != "Cf"
    )


def _kind(run: str) -> tuple[str, str | None]:
    """The run's digits, and the placeholder they call for (None: an ordinary number)."""
    digits = "".join(char for char in run if char.isdigit())
    if len(digits) >= MIN_NIK_DIGITS:
        return digits, NIK_PLACEHOLDER
    if len(digits) >= MIN_PHONE_DIGITS and digits.startswith(("08", "62")):
        return digits, PHONE_PLACEHOLDER
    return digits, None


def _collapse(match: re.Match[str]) -> str:
    digits, placeholder = _kind(match[0])
    return digits if placeholder else match[0]


def _mask(match: re.Match[str]) -> str:
    return _kind(match[0])[1] or match[0]


def mask_personal(text: str) -> str:
    """`text` normalised, NIKs and mobile numbers (any spelling), names and e-mails masked.

    NIKs and phone numbers are written as plain digits first, for `mask_pii` to replace
    as it does ("[NIK_1]"); any it does not recognise (a 15-digit slip) are replaced here.
    """
    masked = mask_pii(_DIGIT_RUN.sub(_collapse, normalize(text))).text
    return _DIGIT_RUN.sub(_mask, masked)
