"""Punctuation that voice typing wrote out as a word ("titik", "koma"), as the mark.

Voice messages typed by a phone's dictation reach every step this way (voice.toml).
"""

from __future__ import annotations

import re
from functools import cache

from bot.domain.chatwords.reading import _load


@cache
def _voice_marks() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    data = _load("voice.toml")
    end, between = data["end"], data["between"]

    def words(table: dict[str, str]) -> str:
        return "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))

    return (
        re.compile(rf"\s+({words(end)})[\s.]*$", re.IGNORECASE),
        end,
        re.compile(rf"(?<=\w)\s+({words(between)})\s+(?=\w)", re.IGNORECASE),
        between,
    )


def spoken_marks(text: str) -> str:
    """Punctuation voice typing wrote out as a word, as the mark (data/chatwords/voice.toml).

    >>> spoken_marks("nama saya budi santoso titik"), spoken_marks("dalung koma kuta utara")
    ('nama saya budi santoso.', 'dalung, kuta utara')
    >>> spoken_marks("Titik Suryani")
    'Titik Suryani'
    """
    end_re, end, between_re, between = _voice_marks()
    text = end_re.sub(lambda m: end[m.group(1).casefold()], text)
    return between_re.sub(lambda m: between[m.group(1).casefold()] + " ", text)
