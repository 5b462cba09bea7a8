"""A person's name as typed, without "nama saya", "sy" or a closing "pak" (names.toml).

Spelled as on a KTP by ``bot.domain.validation.parse_name``; a yes, a command or a question
typed at the name step is never taken for the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.domain.chatwords.commands import command
from bot.domain.chatwords.questions import is_question
from bot.domain.chatwords.reading import _EMOJI, _MAX_CHARS, _alternatives, _fold, _load, _words
from bot.domain.chatwords.yesno import yes_no
from bot.domain.validation import clean_input
from bot.domain.validation import parse_name as validated_name
from bot.errors import ValidationError


@dataclass(frozen=True, slots=True)
class _NameWords:
    opener: re.Pattern[str]
    closer: re.Pattern[str]
    not_name: frozenset[str]


@cache
def _name_table() -> _NameWords:
    data = _load("names.toml")
    return _NameWords(
        opener=re.compile(
            rf"^(?:{_alternatives(data['openers']['words'])})(?![^\W\d_])[\s:,.\-]*",
            re.IGNORECASE,
        ),
        closer=re.compile(
            rf"(?<![^\W\d_])(?:{_alternatives(data['closers']['words'])})[\s.,!]*$",
            re.IGNORECASE,
        ),
        not_name=frozenset(_fold(w) for w in data["not_name"]["words"]),
    )


_EMOJI_ENDS = re.compile(rf"^(?:{_EMOJI.pattern}|\s)+|(?:{_EMOJI.pattern}|\s)+$")


_NAME_END = re.compile(r"(?<=[^\W\d_]{4})[.!]+$")


def parse_name(text: str) -> str | None:
    """A person's name without "nama saya", "sy" or a closing "pak", spelled as on a KTP.

    None when nothing is left, when it holds digits (a NIK or phone at the wrong step), or
    when the message is a yes/no, a command or a question rather than a name.

    >>> parse_name("nama saya sri wahyuni"), parse_name("sy Budi Santoso pak")
    ('Sri Wahyuni', 'Budi Santoso')
    >>> parse_name("Nama Sinaga"), parse_name("3201011508950001"), parse_name("ok")
    ('Nama Sinaga', None, None)
    >>> parse_name("Siti Aminah 🙏"), parse_name("Nama saya Siti Rahmawati."), parse_name("Ibu Sri")
    ('Siti Aminah', 'Siti Rahmawati', 'Sri')
    >>> parse_name("Benar, saya tinggal di Kabupaten Badung."), parse_name("sy tinggal di dalung")
    (None, None)
    """
    t = _EMOJI_ENDS.sub("", clean_input(text))  # "Siti Aminah 🙏": the name, not the emoji
    t = _NAME_END.sub("", t)  # "Nama saya Siti Rahmawati.": a sentence's end, not "S.Pd."
    if len(t) > _MAX_CHARS or is_question(t) or yes_no(t) is not None or command(t):
        return None
    table = _name_table()
    for _ in range(3):
        t = table.opener.sub("", t, count=1).strip()
        t = table.closer.sub("", t, count=1).strip()
    if any(w in table.not_name for w in _words(t)):  # "Tinggal di Dalung": a sentence
        return None
    try:
        return validated_name(t)
    except ValidationError:
        return None
