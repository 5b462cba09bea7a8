"""A person's age from an age, a spelled age, a birth year or a birth date (ages.toml).

The eligibility check and registration both ask "how old are you?"; a birth date typed in a
paste is read here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from bot.domain import amounts
from bot.domain.chatwords.reading import _clean, _load

MAX_AGE = 120
# Longer than this, a message is no answer to "how old are you?" but a story (`age_in_message`).
_LONGEST_AGE_ANSWER = 100
_NUM_DATE = re.compile(
    r"(?<![0-9])([0-9]{1,2})[-/. ]([0-9]{1,2})[-/. ]([0-9]{4}|[0-9]{2})(?![0-9])"
)
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])")
_WORD_DATE = re.compile(r"(?<![0-9])([0-9]{1,2})\s*([^\W\d_]+)\.?\s*([0-9]{4})(?![0-9])")


@dataclass(frozen=True)
class AgeAnswer:
    """An age read from a message; ``certain`` is False when only a birth year was given."""

    age: int
    birth_date: date | None
    certain: bool


@dataclass(frozen=True, slots=True)
class _Ages:
    age: frozenset[tuple[str, ...]]
    born: frozenset[tuple[str, ...]]
    almost: frozenset[tuple[str, ...]]
    years: frozenset[str]
    not_age: frozenset[tuple[str, ...]]
    after: frozenset[str]
    before: frozenset[str]
    months: dict[str, int]


@cache
def _age_table() -> _Ages:
    data = _load("ages.toml")
    return _Ages(
        age=amounts.phrases(data["age"]["words"]),
        born=amounts.phrases(data["age"]["born"]),
        almost=amounts.phrases(data["age"]["almost"]),
        years=frozenset(data["years"]["words"]),
        not_age=amounts.phrases(data["not_age"]["words"]),
        after=frozenset(data["not_age"]["after"]),
        before=frozenset(data["not_age"]["before"]),
        months=dict(data["months"]),
    )


def _born_on(y: int, m: int, d: int, today: date) -> date | str:
    if y < 100:  # "15-08-95": the same century rule as a NIK
        y += 2000 if y <= today.year % 100 else 1900
    try:
        born = date(y, m, d)
    except ValueError:
        return "date"
    return "future" if born > today else born


def _birth_date(t: str, today: date) -> date | str | None:
    """A full birth date anywhere in the text, "date"/"future" if it cannot be one, or None."""
    if m := _ISO_DATE.search(t):
        return _born_on(int(m[1]), int(m[2]), int(m[3]), today)
    if m := _NUM_DATE.search(t):
        return _born_on(int(m[3]), int(m[2]), int(m[1]), today)
    if (m := _WORD_DATE.search(t)) and (month := _age_table().months.get(m[2])):
        return _born_on(int(m[3]), month, int(m[1]), today)
    return None


def _years_between(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _stated(tokens: list[str]) -> list[tuple[int, int]]:
    """Where "hampir 66 thn" says an age: an approximator before a number of years.

    Only when no word of other years ("iuran", "kerja") stands before it or right after its
    years word: "sy hampir 66 thn, pedagang, mau cek iuran" is an age, "iuran hampir 10 thn"
    and "hampir 10 tahun bayar" are not. Returns the approximator's place, like ``amounts.matches``.
    """
    table = _age_table()
    other = amounts.matches(tokens, table.not_age)
    return [
        (start, end)
        for start, end in amounts.matches(tokens, table.almost)
        if end + 1 < len(tokens)
        and tokens[end].isdigit()
        and tokens[end + 1] in table.years
        and not any(s < start or s == end + 2 for s, _ in other)
    ]


def _said_age(tokens: list[str]) -> list[tuple[int, int]]:
    """Where the tokens say an age is given: "umur", "lahir", "hampir 66 thn"."""
    table, stated = _age_table(), _stated(tokens)
    return amounts.matches(tokens, table.age) + amounts.matches(tokens, table.born) + stated


def read_age(text: str, today: date) -> AgeAnswer | str:
    """Like ``parse_age``, but says why a message is no age.

    The reasons: "format", "negative", "date" (no such day) or "future". Ages above
    ``MAX_AGE`` are returned for the caller to refuse with the number quoted back.
    """
    t = _clean(text)
    if len(t) > _LONGEST_AGE_ANSWER:
        return "format"
    table = _age_table()
    tokens = amounts.tokens(t)
    said_age = _said_age(tokens)
    if amounts.matches(tokens, table.not_age) and not said_age:
        return "format"  # "kerja 8 thn", "sudah bayar 15 tahun"
    born = _birth_date(t, today)
    if isinstance(born, date):
        return AgeAnswer(_years_between(born, today), born, certain=True)
    if born is not None:
        return born
    figures = [
        f
        for f in amounts.figures(tokens)
        if not f.money
        and (tokens[f.end] if f.end < len(tokens) else "") not in table.after
        and (tokens[f.start - 1] if f.start else "") not in table.before
    ]
    if said_age:  # "umur 40, kerja 8 thn": the first number after "umur"
        marked = min(end for _, end in said_age)
        figures = [f for f in figures if f.start >= marked][:1] or figures

    def almost(f: amounts.Figure) -> bool:  # "hampir 66": 65
        return any(tuple(tokens[max(f.start - len(p), 0) : f.start]) == p for p in table.almost)

    if len(figures) > 1:  # "64 mau 65": the age reached
        figures = [f for f in figures if not almost(f)] or figures
    if len({f.value for f in figures}) != 1:
        return "format"
    figure = figures[0]
    if figure.start == 1 and tokens[0] in amounts.table().negative:
        return "negative"
    if figure.value != figure.value.to_integral_value():
        return "format"
    n = int(figure.value)
    born_said = bool(amounts.matches(tokens, table.born))
    if n >= 1800 or (born_said and n < 100 and tokens[figure.start].isdigit()):
        year = n if n >= 1800 else n + (2000 if n <= today.year % 100 else 1900)
        if year > today.year:
            return "future"
        return AgeAnswer(today.year - year, None, certain=False)  # off by one before birthday
    return AgeAnswer(n - 1 if almost(figure) else n, None, certain=True)


def parse_age(text: str, today: date) -> AgeAnswer | None:
    """A person's age from an age, a spelled age, a birth year or a birth date.

    Years of work or of contributions, percentages, amounts and counts are never an age.

    >>> today = date(2026, 11, 21)
    >>> parse_age("umur 35", today), parse_age("tiga puluh", today).age
    (AgeAnswer(age=35, birth_date=None, certain=True), 30)
    >>> parse_age("lahir 1980", today)
    AgeAnswer(age=46, birth_date=None, certain=False)
    >>> parse_age("kerja 8 thn", today), parse_age("50%", today), parse_age("2 anak", today)
    (None, None, None)
    >>> [parse_age(t, today).age for t in ("hampir 66", "64 mau 65", "udah 65 lebih")]
    [65, 64, 65]
    >>> parse_age("sy hampir 66 thn, mau cek iuran", today).age, parse_age("iuran 15 tahun", today)
    (65, None)
    """
    answer = read_age(text, today)
    if isinstance(answer, str) or not 0 <= answer.age <= MAX_AGE:
        return None
    return answer


def age_in_message(text: str, today: date) -> AgeAnswer | None:
    """The age a whole message states: read at once, else from a clause that names an age.

    ``parse_age`` reads an answer to "how old are you?" and gives up on a long message, but a
    request can be a story: "Umur saya 65 lewat dikit, belum pernah ikut BPJS TK, tapi masih
    aktif jualan gorengan. Boleh ikut BPU?" states 65.

    >>> today = date(2026, 11, 21)
    >>> story = "Umur saya 65 lewat dikit, belum pernah ikut BPJS TK, tapi masih aktif jualan"
    >>> age_in_message(story + " gorengan di depan sekolah tiap hari. Boleh ikut BPU?", today).age
    65
    >>> age_in_message("Saya ojol sudah bayar iuran 15 tahun, kerja 8 thn, anak 2, istri"
    ...                " jualan di rumah tiap hari. Kalau berhenti JHT cair berapa?", today)
    """
    whole = parse_age(text, today)
    if whole is not None or len(_clean(text)) <= _LONGEST_AGE_ANSWER:
        return whole
    for clause in re.split(r"[,.;?!\n]+", text):
        tokens = amounts.tokens(clause)
        if _said_age(tokens) and (age := parse_age(clause, today)) is not None:
            return age
    return None
