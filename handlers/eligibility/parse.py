"""Readers of the eligibility answers that are the check's own: citizenship and months.

Pure functions over strings; yes/no, amounts and ages are read by the shared parsers
(`bot.domain.chatwords`, `bot.domain.money`).
"""

from __future__ import annotations

import re

from bot.routing import simplify

_WNI = re.compile(r"\b(?:wni|indonesia|indo|warga negara indonesia|orang indonesia)\b")
_WNA = re.compile(r"\b(?:wna|asing|warga negara asing|foreigner|foreign|expat|ekspat)\b")


def citizenship(text: str) -> str | None:
    """Return "wni" or "wna" from what was typed, else None."""
    words = simplify(text)
    if _WNA.search(words) or "bukan" in words.split():
        return "wna"
    if _WNI.search(words):
        return "wni"
    return None


def months(text: str) -> int | None:
    """Whole months from "8", "8 bulan", "2 tahun" (24), else None."""
    m = re.fullmatch(r"(\d{1,3})\s*(bulan|bln|bl|tahun|thn|th)?", simplify(text))
    if not m:
        return None
    return int(m[1]) * (12 if m[2] in ("tahun", "thn", "th") else 1)
