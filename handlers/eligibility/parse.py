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
    """Whole months from "8", "8 bulan", "2 tahun" (24), else None."""
    m = re.fullmatch(r"(\d{1,3})\s*(bulan|bln|bl|tahun|thn|th)?", simplify(text))
    if not m:
        return None
    return int(m[1]) * (12 if m[2] in ("tahun", "thn", "th") else 1)
