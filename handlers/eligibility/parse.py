"""Readers of the eligibility answers that are the check's own: citizenship and months.

Pure functions over strings; yes/no, amounts and ages are read by the shared parsers
(`bot.domain.chatwords`, `bot.domain.money`).
"""

from __future__ import annotations

import re

from bot.domain import chatwords
from bot.routing import simplify


def citizenship(text: str) -> str | None:
    """Return "wni" or "wna" from what was typed, else None."""
    if chatwords.mentions(text, "citizenship.wna"):
        return "wna"
    return "wni" if chatwords.mentions(text, "citizenship.wni") else None


def months(text: str) -> int | None:
    """Whole months from "8", "8 bulan", "2 tahun" (24), else None.

    The units are chatwords' ``duration`` tables (steps.toml); a number alone is months.
    """
    m = re.fullmatch(r"(\d{1,3})\s*([^\W\d_]*)", simplify(text))
    if not m:
        return None
    if not m[2] or chatwords.mentions(m[2], "duration.months"):
        return int(m[1])
    return int(m[1]) * 12 if chatwords.mentions(m[2], "duration.years") else None
