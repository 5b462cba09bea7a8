"""Conditions a question states that change its answer (arrears, sick before joining …).

Not at work, not from an illness, hurt off work, arrears, sick before joining, property,
misstating facts, a sudden death from illness, not a member, resigned, still working, too old
to join, already an employee, an everyday illness, JKP asked by the self-employed, late or
after a new job or too soon, the JHT within the month of waiting, a scholarship after fewer
than 3 years paid, not an employee asking the rates, the self-employed asking the monthly
pension, a registration after the death, a suicide or a killing. A condition may narrow
another (`when`: "a lapse, and an accident"; a misstatement said to be false, "seolah
resign", which the refusal answers), so that the entry for the narrower one answers. Words
saying a condition does not hold ("selalu bayar tepat waktu") leave the text the matcher
ranks on, as consumed conditions' words do.

Why: ranking by words alone answered "meninggal bukan akibat kecelakaan kerja" with the
work-accident death benefit, and "iuran tidak dibayar 10 bulan lalu meninggal, bisa klaim?"
with "Ya". Each condition found becomes a token ("@lapsed") of the message and of every
phrasing that states it, so the matcher learns from the phrasings which entries it belongs
to; a condition that disqualifies also keeps a yes-answer from an entry that does not state
it (bot.domain.faq). Each condition names the entries that answer it (`entries`): a question
stating it is answered by one of them rather than by a yes that ignores it. The patterns are
data (data/conditions.toml). Pure.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bot.domain import amounts

_DATA = Path(__file__).with_name("data") / "conditions.toml"
_NOT_WORD = re.compile(r"[^\w]+")
PREFIX = "@"  # condition tokens never collide with words (tokenizers keep letters and digits)


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition: its patterns, whether its words leave the text, whether it disqualifies.

    `unless`: words that, anywhere in the message, say it is about something else (a stall
    that burned down with its owner hurt is a question about the owner's treatment).
    `requires`: words that must be in the message too ("liburan" states an accident off work
    only in a message about an accident). `entries`: the entries whose answers address it.
    `decisive`: a request to misstate facts is refused even when it also states a resignation
    that another entry addresses with "Bisa". `when`: the condition this one narrows ("a lapse,
    and an accident"): it is stated only with that one, and its entries answer both.
    `months_apart`: a span given as two months ("PHK Januari … urus JKP Agustus"), stated only
    when they lie further apart than that; `months_under`: only when they lie closer ("ikut
    Desember 2025, di-PHK Juni 2026": 6 < 12). The years, when named, count too ("ikut JP sejak
    2016 … tahun 2026": 120 months), and so do the days in the same month ("jatuh 2 November …
    daftar 4 November"). A match naming no two dates states the condition as it is.
    """

    name: str
    pattern: re.Pattern[str]
    consume: bool
    disqualifies: bool
    unless: re.Pattern[str] | None = None  # words that make the pattern mean something else
    requires: re.Pattern[str] | None = None  # words that must be there too
    entries: tuple[str, ...] = ()
    decisive: bool = False  # when stated, only its own entries answer, whatever else is stated
    when: str | None = None  # the broader condition this one narrows
    # Stated only when the month named `later` comes more than this many months after the
    # month named `first` ("PHK bulan Januari … urus JKP bulan Agustus": 7 > 6) …
    months_apart: int | None = None
    months_under: int | None = None  # … or fewer than this many months after it


@dataclass(frozen=True, slots=True)
class Conditions:
    """All conditions, and the first words of an answer that say yes."""

    items: tuple[Condition, ...]
    affirmative: re.Pattern[str]
    # Words saying a condition does not hold ("tidak pernah telat bayar", "tanpa luka"):
    # taken out before any condition is read.
    neutral: re.Pattern[str] | None = None
    month_numbers: Mapping[str, int] = field(default_factory=dict)  # "agustus", "agt" -> 8

    def read(self, text: str) -> tuple[str, frozenset[str]]:
        """`text` without the consumed words, and the tokens of the conditions it states.

        >>> conditions().read("meninggal bukan akibat kecelakaan kerja, dapat apa")
        ('meninggal dapat apa', frozenset({'@notwork'}))
        """
        plain = as_typed = plain_text(text)
        if self.neutral is not None:
            plain = " ".join(self.neutral.sub(" ", plain).split())
        # "selalu bayar tepat waktu, jatuh pas antar pesanan": words saying a condition does not
        # hold are no more a clue to the entry than to the condition.
        neutral_said = plain != as_typed
        found = set()
        for c in self.items:
            if (
                (c.when is None or PREFIX + c.when in found)
                and self._said(c, plain)
                and not (c.unless and c.unless.search(plain))
                and (c.requires is None or c.requires.search(plain))
            ):
                found.add(PREFIX + c.name)
                if c.consume:
                    plain = " ".join(c.pattern.sub(" ", plain).split())
        return (plain if found or neutral_said else text), frozenset(found)

    def _said(self, c: Condition, plain: str) -> bool:
        """Whether `plain` states `c`: its pattern, and its dates far or near enough if it asks."""
        if c.months_apart is None and c.months_under is None:
            return bool(c.pattern.search(plain))
        for m in c.pattern.finditer(plain):
            span = self._span(m)
            if (
                span is None
                or (c.months_apart is not None and span > c.months_apart)
                or (c.months_under is not None and 0 <= span < c.months_under)
            ):
                return True
        return False

    def _span(self, m: re.Match[str]) -> int | None:
        """Months from the date a match names `first` to the one it names `later`, if any.

        Months alone count round the year ("Oktober … Maret": 5); with the years named the
        span is whole ("Desember 2025 … Juni 2026": 6); years alone count 12 months each.
        With the days named too (in digits or words), months are whole: "20 November … 3
        Desember" is 0, and an earlier day of the same month is -1 ("4 November … 2 November"),
        so a registration dated before an accident is not read as after it.
        """
        named = m.groupdict()
        first, later = named.get("first"), named.get("later")
        first_year, later_year = named.get("first_year"), named.get("later_year")
        months = self.month_numbers
        shift = months[later] - months[first] if first and later else None
        if first_year and later_year:
            span = (int(later_year) - int(first_year)) * 12 + (shift or 0)
        elif shift is None:
            return None
        else:
            span = shift % 12
        first_day, later_day = _day(named.get("first_day")), _day(named.get("later_day"))
        if first_day and later_day and later_day < first_day:
            return span - 1  # "20 November … 3 Desember": not yet a whole month
        return span

    @property
    def disqualifying(self) -> frozenset[str]:
        """Tokens of the conditions that rule out a plain yes."""
        return frozenset(PREFIX + c.name for c in self.items if c.disqualifies)

    @property
    def narrowing(self) -> frozenset[str]:
        """Tokens of the conditions that narrow another ("a lapse, and an accident")."""
        return frozenset(PREFIX + c.name for c in self.items if c.when is not None)

    @property
    def decisive(self) -> frozenset[str]:
        """Tokens of the conditions that, when stated, alone decide which entries may answer."""
        return frozenset(PREFIX + c.name for c in self.items if c.decisive)

    def affirms(self, answer: str) -> bool:
        """Whether an answer opens with a yes ("Ya, ditanggung.", "Bisa.", "Tetap bisa.").

        As a user reads it: a yes word after words that keep it one ("tetap", "masih"), so
        "Tetap bisa" says yes and "Tetap tidak" does not.
        """
        return bool(self.affirmative.match(plain_text(answer)))


def plain_text(text: str) -> str:
    """Lower case, no punctuation, single spaces: what the patterns are written against."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


def _compile(patterns: list[str], words: Mapping[str, str]) -> re.Pattern[str]:
    """Any of `patterns` as whole words; `<name>` stands for the word group `name` of the data."""
    return re.compile(r"\b(?:" + _compile_text("|".join(patterns), words) + r")\b")


def _expanded(words: dict[str, str]) -> dict[str, str]:
    """The word groups with the groups they name (`<no>` in `unpaid`) written out."""
    for _ in range(len(words) + 1):
        done = {name: _compile_text(group, words) for name, group in words.items()}
        if done == words:
            return done
        words = done
    raise ValueError("word groups name each other in a cycle")


def _compile_text(pattern: str, words: Mapping[str, str]) -> str:
    """`pattern` with each `<name>` replaced by the word group `name`."""
    for name, group in words.items():
        pattern = pattern.replace(f"<{name}>", f"(?:{group})")
    return pattern


@cache
def conditions() -> Conditions:
    """The conditions of data/conditions.toml, compiled once."""
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    words = _expanded({name: "|".join(group) for name, group in table["words"].items()})
    items = tuple(
        Condition(
            name,
            _compile(spec["patterns"], words),
            bool(spec["consume"]),
            bool(spec["disqualifies"]),
            _compile(spec["unless"], words) if "unless" in spec else None,
            _compile(spec["requires"], words) if "requires" in spec else None,
            tuple(spec.get("entries", ())),
            bool(spec.get("decisive", False)),
            spec.get("when"),
            spec.get("months_apart"),
            spec.get("months_under"),
        )
        for name, spec in table["conditions"].items()
    )
    months = {name: int(n) for n, names in table["month_numbers"].items() for name in names}
    for i, c in enumerate(items):
        dated = c.months_apart is not None or c.months_under is not None
        groups = set(c.pattern.groupindex)
        if dated and not ({"first", "later"} <= groups or {"first_year", "later_year"} <= groups):
            raise ValueError(f"{c.name}: a span needs the months or years named first and later")
        if c.when is not None and c.when not in {b.name for b in items[:i]}:
            raise ValueError(f"{c.name}: `when` must name a condition listed before it")
    yes = "|".join(map(re.escape, table["affirmative"]))
    lead = "|".join(map(re.escape, table["affirmative_lead"]))
    neutral = _compile(table["neutral"], words) if table.get("neutral") else None
    return Conditions(items, re.compile(rf"(?:(?:{lead}) )*(?:{yes})\b"), neutral, months)


def _day(said: str | None) -> int | None:
    """A day of the month as said ("20", "dua puluh"), if one was."""
    if not said:
        return None
    digits = amounts.in_digits(said).strip()
    return int(digits) if digits.isdigit() else None
