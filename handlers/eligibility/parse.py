"""Readers of the eligibility answers that are the check's own: citizenship and months.

Pure functions over strings; yes/no, amounts and ages are read by the shared parsers
(`bot.domain.chatwords`, `bot.domain.money`).
"""

from __future__ import annotations

from bot.domain import chatwords


def citizenship(text: str, *, asked: bool = True) -> str | None:
    """Return "wni" or "wna" from what was typed, else None.

    A bare "bukan" is foreign only when the citizenship was `asked`; typed at another step
    it says nothing about it.
    """
    if chatwords.mentions(text, "citizenship.wna") or (
        asked and chatwords.mentions(text, "citizenship.not_wni")
    ):
        return "wna"
    return "wni" if chatwords.mentions(text, "citizenship.wni") else None


def months(text: str) -> int | None:
    """Whole months from "8", "8 bulan", "2 tahun" (24), else None.

    The units are chatwords' ``duration`` tables (steps.toml); a number alone is months.
    """
    said = chatwords.quantity(text, "duration")
    if said is None:
        return None
    number, unit = said
    return number * 12 if unit == "years" else number
