"""Conditions a question states that change its answer (arrears, sick before joining …).

Not at work, arrears, sick before joining, property, misstating facts, a sudden death from
illness, not a member, resigned, still working, too old to join.

Why: ranking by words alone answered "meninggal bukan akibat kecelakaan kerja" with the
work-accident death benefit, and "iuran tidak dibayar 10 bulan lalu meninggal, bisa klaim?"
with "Ya". Each condition found becomes a token ("@lapsed") of the message and of every
phrasing that states it, so the matcher learns from the phrasings which entries it belongs
to; a condition that disqualifies also keeps a yes-answer from an entry that does not state
it (bot.domain.faq). The patterns are data (data/conditions.toml). Pure.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "conditions.toml"
_NOT_WORD = re.compile(r"[^\w]+")
PREFIX = "@"  # condition tokens never collide with words (tokenizers keep letters and digits)


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition: its patterns, whether its words leave the text, whether it disqualifies.

    `unless`: words that, anywhere in the message, say it is about something else (a stall
    that burned down with its owner hurt is a question about the owner's treatment).
    """

    name: str
    pattern: re.Pattern[str]
    consume: bool
    disqualifies: bool
    unless: re.Pattern[str] | None = None  # words that make the pattern mean something else


@dataclass(frozen=True, slots=True)
class Conditions:
    """All conditions, and the first words of an answer that say yes."""

    items: tuple[Condition, ...]
    affirmative: re.Pattern[str]

    def read(self, text: str) -> tuple[str, frozenset[str]]:
        """`text` without the consumed words, and the tokens of the conditions it states.

        >>> conditions().read("meninggal bukan akibat kecelakaan kerja, dapat apa")
        ('meninggal dapat apa', frozenset({'@notwork'}))
        """
        plain = plain_text(text)
        found = set()
        for c in self.items:
            if c.pattern.search(plain) and not (c.unless and c.unless.search(plain)):
                found.add(PREFIX + c.name)
                if c.consume:
                    plain = " ".join(c.pattern.sub(" ", plain).split())
        return (plain if found else text), frozenset(found)

    @property
    def disqualifying(self) -> frozenset[str]:
        """Tokens of the conditions that rule out a plain yes."""
        return frozenset(PREFIX + c.name for c in self.items if c.disqualifies)

    def affirms(self, answer: str) -> bool:
        """Whether an answer opens with a yes ("Ya, ditanggung.", "Bisa.")."""
        return bool(self.affirmative.match(plain_text(answer)))


def plain_text(text: str) -> str:
    """Lower case, no punctuation, single spaces: what the patterns are written against."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


@cache
def conditions() -> Conditions:
    """The conditions of data/conditions.toml, compiled once."""
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    items = tuple(
        Condition(
            name,
            re.compile(r"\b(?:" + "|".join(spec["patterns"]) + r")\b"),
            bool(spec["consume"]),
            bool(spec["disqualifies"]),
            re.compile(r"\b(?:" + "|".join(spec["unless"]) + r")\b") if "unless" in spec else None,
        )
        for name, spec in table["conditions"].items()
    )
    words = "|".join(map(re.escape, table["affirmative"]))
    return Conditions(items, re.compile(rf"(?:{words})\b"))
