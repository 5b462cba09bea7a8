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


def _mask_run(match: re.Match[str]) -> str:
    digits = "".join(char for char in match[0] if char.isdigit())
    if len(digits) >= MIN_NIK_DIGITS:
        return NIK_PLACEHOLDER
    if len(digits) >= MIN_PHONE_DIGITS and digits.startswith(("08", "62")):
        return PHONE_PLACEHOLDER
    return match[0]


def mask_personal(text: str) -> str:
    """`text` normalised, NIKs and mobile numbers (any spelling), names and e-mails masked."""
    return mask_pii(_DIGIT_RUN.sub(_mask_run, normalize(text))).text
