"""Numbers and amounts of money as people type them: the one grammar of the bot.

"2jt", "1,5 jt", "Rp16.800", "16rb800", "sejuta setengah", "dua ratus rb", "2-3 juta",
"100rb sehari": the forms read an income from them (`parse_amount`), the age reader takes its
figures from `figures`, and the FAQ matcher reads every amount and spelled number as plain
digits (`in_digits`), so that "Rp42 juta", "42jt" and "empat puluh dua juta" match. Its words
are the data file ``data/amounts.toml``, read once. Every function is pure and never raises.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from bot.domain.validation import clean_input
from bot.domain.wordtables import DATA

__all__ = [
    "MAX_CHARS",
    "Amount",
    "Figure",
    "Numbers",
    "figures",
    "in_digits",
    "matches",
    "no_income",
    "parse_amount",
    "parse_percent",
    "phrases",
    "table",
    "tokens",
]

MAX_CHARS = 300  # longer messages are never an answer to a form's question
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|[-–—/%]")
_REDUPLICATED = re.compile(r"\b([^\W\d_]{2,})2(?!\w)")  # "rata2" → "rata rata"
_PERIODS = ("day", "week", "month", "year")
_MAX_RUPIAH = Decimal(10) ** 15


def phrases(items: list[str]) -> frozenset[tuple[str, ...]]:
    """Phrases of a word table as the tokens `tokens` splits a message into."""
    return frozenset(tuple(_TOKEN.findall(item.casefold())) for item in items)


@dataclass(frozen=True, slots=True)
class Numbers:
    """The words of ``amounts.toml``: numbers, scales, periods and what is not money."""

    numbers: dict[str, Decimal]
    tens: dict[str, Decimal]
    scales: dict[str, Decimal]
    currency: frozenset[str]
    currency_after: frozenset[str]
    negative: frozenset[str]
    periods: dict[tuple[str, ...], str]
    every_months: dict[str, frozenset[str]]  # [every_months]: months, before, after, not_after
    ranges: frozenset[tuple[str, ...]]
    average: frozenset[tuple[str, ...]]
    not_after: frozenset[str]
    not_before: frozenset[str]
    varies: frozenset[tuple[str, ...]]
    none: frozenset[tuple[str, ...]]
    days_per_month: Decimal
    weeks_per_month: Decimal
    round_to: Decimal
    bare_juta_below: Decimal
    bare_ribu_below: Decimal


@cache
def table(*, running_text: bool = False) -> Numbers:
    """The words of ``amounts.toml``; in running text without its answer-only words ("se")."""
    with (DATA / "amounts.toml").open("rb") as f:
        data = tomllib.load(f)
    skip = frozenset(data["answer_only"]["words"]) if running_text else frozenset()

    def values(words: dict[str, float]) -> dict[str, Decimal]:
        return {k: Decimal(str(v)) for k, v in words.items() if k not in skip}

    signs = data["signs"]
    return Numbers(
        numbers=values(data["numbers"]),
        tens=values(data["tens"]),
        scales=values(data["scales"]),
        currency=frozenset(signs["currency"]),
        currency_after=frozenset(signs["currency_after"]) - skip,
        negative=frozenset(signs["negative"]),
        periods={p: name for name in _PERIODS for p in phrases(data["periods"][name])},
        every_months={k: frozenset(v) for k, v in data["every_months"].items()},
        ranges=phrases(data["ranges"]["words"]),
        average=phrases(data["average"]["words"]),
        not_after=frozenset(data["not_money_after"]["words"]),
        not_before=frozenset(data["not_money_before"]["words"]),
        varies=phrases(data["varies"]["words"]),
        none=phrases(data["none"]["words"]),
        days_per_month=Decimal(str(data["working_days_per_month"])),
        weeks_per_month=Decimal(str(data["weeks_per_month"])),
        round_to=Decimal(str(data["round_to"])),
        bare_juta_below=Decimal(data["bare_juta_below"]),
        bare_ribu_below=Decimal(data["bare_ribu_below"]),
    )


def _clean(text: str) -> str:
    """Case-folded ``clean_input``: NFKC, invisible marks (zero-width, LRM) dropped."""
    return clean_input(text).casefold()


def tokens(text: str) -> list[str]:
    """Numbers, words and the signs that matter for amounts; "2jt" is "2", "jt".

    >>> tokens("Rp16.800 s/d 2jt, rata2")
    ['rp', '16.800', 'sampai', '2', 'jt', 'rata', 'rata']
    """
    t = _clean(text)
    for sign in ("s/d", "s.d.", "s.d"):
        t = t.replace(sign, " sampai ")
    words = table()
    keep = words.currency | words.scales.keys()
    t = _REDUPLICATED.sub(lambda m: m[0] if m[1] in keep else f"{m[1]} {m[1]}", t)
    return _TOKEN.findall(t)


def matches(
    tokens: list[str], phrases: frozenset[tuple[str, ...]] | dict[tuple[str, ...], str]
) -> list[tuple[int, int]]:
    """Where the phrases occur in tokens, as (start, end), longest first at each position."""
    found: list[tuple[int, int]] = []
    lengths = sorted({len(p) for p in phrases}, reverse=True)
    i = 0
    while i < len(tokens):
        for n in lengths:
            if i + n <= len(tokens) and tuple(tokens[i : i + n]) in phrases:
                found.append((i, i + n))
                i += n
                break
        else:
            i += 1
    return found


def _numeral(token: str, next_scale: Decimal | None) -> Decimal:
    """A typed figure: "1.500.000" and "2,000,000" group thousands, "1,5" and "1.5" are decimal.

    A single group of three digits is thousands ("1.500") unless a scale of a million or more
    follows ("1,500 jt" is 1,5 juta).
    """
    if "." in token and "," in token:  # the last sign is the decimal one: "2.000.000,00"
        decimal_sign = "." if token.rfind(".") > token.rfind(",") else ","
        whole, _, fraction = token.rpartition(decimal_sign)
        return Decimal(re.sub(r"[.,]", "", whole) + "." + fraction)
    sign = "." if "." in token else "," if "," in token else ""
    if not sign:
        return Decimal(token)
    parts = token.split(sign)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])
    if grouped and (len(parts) > 2 or not (next_scale and next_scale >= 1_000_000)):
        return Decimal("".join(parts))
    if len(parts) == 2:
        return Decimal(f"{parts[0]}.{parts[1]}")
    return Decimal("".join(parts))  # "1.2.3": take the digits


@dataclass(slots=True)
class Figure:
    """One number found in a message, with where it stands and what made it money."""

    start: int
    end: int = 0
    value: Decimal = Decimal(0)
    scale: Decimal | None = None  # the last scale word ("juta"), None for a bare figure
    money: bool = False  # a scale word or "Rp" said it is money
    per: str | None = None
    average: bool = False


class _FigureReader:
    """Reads the numbers of a message token by token: figures, words, scales and halves."""

    def __init__(self, words: Numbers) -> None:
        self.table = words
        self.found: list[Figure] = []
        self.cur: Figure | None = None
        self.total = self.group = self.digit = Decimal(0)
        self.last = ""  # the previous token of this number: num, word, tens, scale, or ""

    def begin(self, i: int, *, money: bool = False) -> Figure:
        self.close()
        self.cur = Figure(start=i, end=i + 1, money=money)
        self.total = self.group = self.digit = Decimal(0)
        return self.cur

    def fresh(self, i: int) -> Figure:
        """The number just opened by "Rp", or a new one."""
        if self.cur is not None and not self.last:
            return self.cur
        return self.begin(i)

    def close(self) -> None:
        cur = self.cur
        if cur is not None and self.last:
            pending = self.digit
            if self.last == "num" and cur.scale == 1_000_000 and pending < 1000:
                pending *= 1000  # "1jt 500" is 1,5 juta, not 1.000.500
            cur.value = self.total + self.group + pending
            self.found.append(cur)
        self.cur, self.last = None, ""

    def read(self, i: int, tok: str, next_scale: Decimal | None) -> None:
        table, last = self.table, self.last
        number = last in ("num", "word", "tens")
        if tok in table.currency:
            self.begin(i, money=True)
        elif tok in table.currency_after and self.cur is not None and last:
            self.cur.money, self.cur.end = True, i + 1
        elif tok[0].isdigit():
            if number or self.cur is None:
                self.fresh(i)
            try:
                self.digit = _numeral(tok, next_scale)
            except ArithmeticError:
                self.close()
                return
            self.step(i, "num")
        elif tok in table.numbers:
            self.word(i, table.numbers[tok])
        elif tok in table.tens and number:
            size = table.tens[tok]
            self.group += self.digit + size if tok == "belas" else self.digit * size
            self.digit = Decimal(0)
            self.step(i, "tens")
        elif tok in table.scales and number and self.cur is not None:
            scale, amount = table.scales[tok], self.group + self.digit
            if self.cur.scale is not None and scale > self.cur.scale:
                self.total = (self.total + amount) * scale  # "500 ribu juta": as written
            else:
                self.total += amount * scale
            self.group = self.digit = Decimal(0)
            self.cur.scale, self.cur.money = scale, True
            self.step(i, "scale")
        else:
            self.close()

    def word(self, i: int, value: Decimal) -> None:
        """A number word: "dua", "sepuluh", "seratus", "sejuta", "setengah"."""
        last = self.last
        cur = self.cur if self.cur is not None and last else None
        if value < 1:  # "setengah": of the scale before ("sejuta setengah") or a digit
            if cur is not None and last == "scale" and cur.scale is not None:
                self.total += cur.scale * value
            elif cur is not None and last in ("num", "word"):
                self.digit += value
            else:
                self.fresh(i)
                self.digit = value
        elif value >= 1000:  # "seribu", "sejuta": a scale with its own one
            if cur is None or last != "scale":
                cur = self.fresh(i)
            self.total += value
            cur.scale, cur.money = value, True
            self.step(i, "scale")
            return
        elif value == 100 and last in ("scale", "tens"):  # "sejuta seratus ribu"
            self.group += value
        elif cur is not None and last in ("scale", "tens"):  # "dua puluh lima"
            self.digit += value
        else:
            self.fresh(i)
            if value == 100:
                self.group = value
            else:
                self.digit = value
        self.step(i, "word")

    def step(self, i: int, kind: str) -> None:
        if self.cur is not None:
            self.cur.end = i + 1
        self.last = kind


def figures(tokens: list[str], words: Numbers | None = None) -> list[Figure]:
    """Every number in the tokens: figures, words ("dua ratus"), scales ("rb", "jt")."""
    words = table() if words is None else words
    reader = _FigureReader(words)
    for i, tok in enumerate(tokens):
        next_scale = words.scales.get(tokens[i + 1]) if i + 1 < len(tokens) else None
        reader.read(i, tok, next_scale)
    reader.close()
    return reader.found


# ------------------------------------------------------------------------- in running text


@cache
def _unit_words() -> dict[Decimal, str]:
    """Each scale's first word in ``amounts.toml``: 1000 is "ribu", 1000000 "juta"."""
    words: dict[Decimal, str] = {}
    for word, scale in table(running_text=True).scales.items():
        words.setdefault(scale, word)
    return words


def _written(tokens: list[str], figure: Figure) -> str | None:
    """A figure of running text as plain digits, or None to leave it as it is.

    An amount in figures keeps its unit word ("42jt" → "42000000 juta"): it says the number
    is money. A number in words is its digits alone ("dua ratus ribu" → "200000"). A bare
    figure is money only after "Rp" or grouped in thousands ("16.800"): "3 tahun", "jam
    06.00" and "3,55" stay.
    """
    value = figure.value
    if value != value.to_integral_value():
        return None
    first = next(t for t in tokens[figure.start : figure.end] if t not in table().currency)
    digits = str(int(value))
    if not first[0].isdigit():
        return digits
    if figure.scale is not None:
        unit = _unit_words()[figure.scale]
        # "1000000 juta" is this function's own output read again: it stays, so reading a
        # normalised text changes nothing. A count of the unit typed in full ("1500 ribu") is
        # not a whole multiple of it and is read as typed.
        if first.isdigit() and int(first) >= figure.scale and int(first) % figure.scale == 0:
            return f"{first} {unit}"
        return f"{digits} {unit}"
    grouped = value >= 1000 and ("." in first or "," in first)  # "16.800", "1.500.000,00"
    return digits if figure.money or grouped else None


_WORD = re.compile(r"[^\W_]+(?:[-.,][^\W_]+)*")  # "16rb800", "rp16.800", "2-3", "dua-duanya"
_BREAK = " "  # no word: it ends the figure before it


def _running_tokens(text: str, words: Numbers) -> tuple[list[str], list[tuple[int, int]]]:
    """The tokens of running text and where each stands; `_BREAK` after a spaced scale.

    A word that opens with a figure ("16rb800", "rp16.800", "2-3") is split into its parts;
    any other word is one token ("dua-duanya", "dua2nya", "s1"). A scale word ends its amount
    unless figures are glued to it: "16rb800" is one amount, "6 juta. 60 persen" and "Rp70
    juta 2 hari" two.
    """
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for w in _WORD.finditer(text):
        word = w[0]
        start = len(next((c for c in words.currency if word.startswith(c)), ""))
        parts = _TOKEN.finditer(word) if word[start : start + 1].isdigit() else [w]
        for i, part in enumerate(parts):
            if found and found[-1] in words.scales and i == 0:
                found.append(_BREAK)
                spans.append((w.start(), w.start()))
            offset = w.start() if part is not w else 0
            found.append(part[0])
            spans.append((offset + part.start(), offset + part.end()))
    return found, spans


def in_digits(text: str) -> str:
    """Every amount and spelled number of lowercase running text as plain digits, for matching.

    Answer-only words ("se", "setengah", "m") stay words here, and nothing is judged money
    or not by the words around it: the matcher only needs one spelling per number.

    >>> in_digits("iuran rp16.800 santunan 42jt upah rp2,5 juta bantuan 16rb800")
    'iuran 16800 santunan 42000000 juta upah 2500000 juta bantuan 16800 ribu'
    >>> in_digits("umur lima puluh enam, 3 tahun jam 06.00 saldo kosong setengah hari")
    'umur 56, 3 tahun jam 06.00 saldo kosong setengah hari'
    >>> in_digits("gaji 6 juta. 60 persennya, dua2nya")
    'gaji 6000000 juta. 60 persennya, dua2nya'
    >>> in_digits("gaji 6000000 juta"), in_digits("gaji 1500 ribu")
    ('gaji 6000000 juta', 'gaji 1500000 ribu')
    """
    words = table(running_text=True)
    if not any(map(str.isdigit, text)) and not any(
        w[0] in words.numbers for w in _WORD.finditer(text)
    ):
        return text  # no figure and no number word, so no amount: most questions, read faster
    found, spans = _running_tokens(text, words)
    out: list[str] = []
    done = 0
    for figure in figures(found, words):
        written = _written(found, figure)
        if written is not None:
            start, end = spans[figure.start][0], spans[figure.end - 1][1]
            out += [text[done:start], written]
            done = end
    return "".join(out) + text[done:]


# --------------------------------------------------------------------------------- amounts


@dataclass(frozen=True)
class Amount:
    """An income as read from a message, and whether the chat must confirm it.

    ``figure`` is the number as typed (the middle of a range; a bare "2" stays 2), ``per``
    what it was per; ``monthly`` is what we would store (for "2": Rp2.000.000). ``certain``
    is False for a range, for several figures, for a guessed unit and for any amount that is
    not per month: the form then asks "Rata-rata sebulan sekitar Rp1.500.000?".
    """

    monthly: int
    certain: bool
    figure: int
    per: str  # "month" | "day" | "week" | "year" | "<N> months" (once in N months)


def _money_figures(tokens: list[str]) -> list[Figure]:
    """The numbers that can be money: not "2 anak", "8 thn", "umur 35", "50%"."""
    words = table()
    kept = []
    for f in figures(tokens):
        after = tokens[f.end] if f.end < len(tokens) else ""
        before = tokens[f.start - 1] if f.start > 0 else ""
        if not f.money and (after in words.not_after or before in words.not_before):
            continue
        if not 0 <= f.value < _MAX_RUPIAH:
            continue
        kept.append(f)
    return kept


def _mark_periods(tokens: list[str], found: list[Figure]) -> None:
    """Give each figure the period named next to it: "100rb sehari", "sebulan 3jt"."""
    words = table()
    for start, end in matches(tokens, words.periods):
        per = words.periods[tuple(tokens[start:end])]
        before = [f for f in found if f.end <= start]
        after = [f for f in found if f.start >= end]
        prev = before[-1] if before else None
        nxt = after[0] if after else None
        if (
            prev is not None
            and prev.per is None
            and (nxt is None or start - prev.end <= nxt.start - end)
        ):
            prev.per = per
        elif nxt is not None and nxt.per is None:
            nxt.per = per
    _mark_every_months(tokens, found)
    for _start, end in matches(tokens, words.average):
        for f in found:
            if 0 <= f.start - end <= 1:
                f.average = True


def _mark_every_months(tokens: list[str], found: list[Figure]) -> None:
    """Give the amount nearest "3 bulan sekali" or "tiap 4 bulan" that period ("3 months")."""
    every = table().every_months
    for count in figures(tokens):
        at, end = count.start, count.end
        if not (end < len(tokens) and tokens[end] in every["months"]) or count.value < 2:
            continue
        said_before = at > 0 and tokens[at - 1] in every["before"]
        said_after = end + 1 < len(tokens) and tokens[end + 1] in every["after"]
        paid = every["not_after"].intersection(tokens[max(0, at - 3) : at])
        if not (said_before or said_after) or paid:
            continue
        free = [f for f in found if f.per is None and f.start != at]
        if free:
            nearest = min(free, key=lambda f: min(abs(f.start - end), abs(at - f.end)))
            nearest.per = f"{int(count.value)} months"


def _join_ranges(tokens: list[str], found: list[Figure]) -> tuple[list[Figure], bool]:
    """Merge "2-3 juta" and "1 atau 2 jt" into their middle; say whether any was merged."""
    ranges = table().ranges
    joined: list[Figure] = []
    merged = False
    for f in found:
        prev = joined[-1] if joined else None
        between = tokens[prev.end : f.start] if prev is not None else []
        if prev is not None and between and _only(between, ranges):
            low, high = prev.value, f.value
            if prev.scale is None and f.scale is not None:
                low *= f.scale  # "2-3 juta": the scale of the second belongs to both
            elif f.scale is None and prev.scale is not None and _bare(f):
                high *= prev.scale  # "kadang 1jt kadang 3": and the first's
            prev.value = (low + high) / 2
            prev.end, prev.money = f.end, prev.money or f.money
            prev.per = prev.per or f.per
            prev.average = prev.average or f.average
            merged = True
        else:
            joined.append(f)
    return joined, merged


def _share_scale(found: list[Figure]) -> None:
    """A bare figure beside others of one scale is of that scale, as in a range ("2-3 juta").

    "kadang 80rb sehari kadang 150" is 80rb or 150rb a day, "kadang 1jt kadang 3" 1 or 3 juta.
    """
    scales = {f.scale for f in found if f.scale is not None}
    if len(scales) != 1:
        return
    scale = scales.pop()
    for f in found:
        if f.scale is None and _bare(f):
            f.value *= scale
            f.scale, f.money = scale, True


def _bare(figure: Figure) -> bool:
    """A small number typed without a unit ("150"), which a unit said beside it gives one."""
    return not figure.money and 0 < figure.value < 1000


def _only(tokens: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    spans = matches(tokens, phrases)
    return sum(end - start for start, end in spans) == len(tokens)


def _monthly(value: Decimal, per: str) -> Decimal:
    """A month's worth of an amount paid by the day, week, year or once in N months.

    Rounded as ``amounts.toml`` says.
    """
    if per == "month":
        return value
    words = table()
    factor = {"day": words.days_per_month, "week": words.weeks_per_month}.get(per)
    if factor is not None:
        estimate = value * factor
    elif per.endswith(" months"):  # "3 months": once in that many
        estimate = value / int(per.split()[0])
    else:  # "year"
        estimate = value / 12
    return (estimate / words.round_to).quantize(Decimal(1)) * words.round_to


def parse_amount(text: str) -> Amount | None:
    """An amount of Rupiah as people type it, per month, and whether to confirm it.

    A daily amount becomes a monthly estimate at the working days of ``amounts.toml``
    (26: six days a week), a weekly one at 52/12 weeks; a range or several figures give their
    middle, unless one is marked as the usual one ("rata2"). A small bare number is read as
    juta or ribu ("2" → Rp2.000.000, ``figure`` keeps the 2). All of these are uncertain.

    >>> parse_amount("2jtan"), parse_amount("sejuta setengah").monthly
    (Amount(monthly=2000000, certain=True, figure=2000000, per='month'), 1500000)
    >>> parse_amount("100rb sehari")
    Amount(monthly=2600000, certain=False, figure=100000, per='day')
    >>> parse_amount("kalo panen bagus bisa 5 juta, rata2 1.5 juta")
    Amount(monthly=1500000, certain=False, figure=1500000, per='month')
    >>> parse_amount("sehari kadang 50 kadang 100rb").monthly, parse_amount("sehari dapet 80an")
    (1950000, Amount(monthly=2080000, certain=False, figure=80, per='day'))
    >>> parse_amount("kalo rame sehari 150rb kadang cuma 50rb").monthly  # both a day's
    2600000
    >>> parse_amount("kadang 80rb sehari kadang 150 ji").monthly  # the unit said once
    2990000
    >>> parse_amount("sekali panen 6jt, panennya 3 bulan sekali")
    Amount(monthly=2000000, certain=False, figure=6000000, per='3 months')
    >>> parse_amount("2jt, bayar tiap 3 bulan").monthly
    2000000
    >>> parse_amount("ga tau"), parse_amount("2 anak")
    (None, None)
    """
    t = _clean(text)
    if len(t) > MAX_CHARS:
        return None
    found_tokens = tokens(t)
    found = _money_figures(found_tokens)
    if found and found[0].start == 1 and found_tokens[0] in table().negative:
        return None  # "-500rb": a negative amount is no income
    _mark_periods(found_tokens, found)
    named = {f.per for f in found if f.per}
    for f in found if len(named) == 1 else ():  # "sehari 150rb kadang cuma 50rb": both a day's
        f.per = f.per or next(iter(named))
    found, ranged = _join_ranges(found_tokens, found)
    if not found:
        return None
    _share_scale(found)
    chosen = [f for f in found if f.average] or found
    guessed = len(chosen) == 1 and _guess_unit(chosen[0])
    if len({f.per or "month" for f in chosen}) > 1:  # "100rb sehari, sebulan 3jt": a month
        chosen = [f for f in chosen if (f.per or "month") == "month"] or chosen
    per = {f.per or "month" for f in chosen}
    if len(chosen) == 1 or len(per) == 1:
        the_per = per.pop()
        values = [f.value for f in chosen]
        figure = (min(values) + max(values)) / 2
        monthly = _monthly(figure, the_per)
    else:  # several figures for different periods: compare them as months
        months = [_monthly(f.value, f.per or "month") for f in chosen]
        the_per, figure = "month", (min(months) + max(months)) / 2
        monthly = figure
    certain = len(found) == 1 and not ranged and the_per == "month" and not guessed
    return Amount(
        monthly=int(monthly.to_integral_value()),
        certain=certain,
        figure=int((guessed or figure).to_integral_value()),
        per=the_per,
    )


def _guess_unit(figure: Figure) -> Decimal | None:
    """For "2" or "500" typed alone, read juta or ribu (to confirm); return the typed number.

    A day's or a week's bare number is ribu: "sehari dapet 80an" is Rp80.000 a day.
    """
    words = table()
    if figure.money or figure.scale is not None or not 0 < figure.value < words.bare_ribu_below:
        return None
    typed = figure.value
    juta = typed < words.bare_juta_below and figure.per not in ("day", "week")
    figure.value *= 1_000_000 if juta else 1000
    return typed


def no_income(text: str) -> bool:
    """Whether the person says they have no income (yet): "ga ada penghasilan", "belum ada".

    >>> no_income("belum ada penghasilan"), no_income("ga ada pak"), no_income("ga tentu")
    (True, True, False)
    """
    t = _clean(text)
    return len(t) <= MAX_CHARS and bool(matches(tokens(t), table().none))


_PERCENT = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*(%|persen|percent|pct)?")


def parse_percent(text: str) -> Decimal | None:
    """A percentage from the raw text ("0,89%", "0.89 %", "1,27 persen", or "0,89" alone).

    Read before any simplifying: ``simplify`` would turn "0,89%" into "0 89".

    >>> parse_percent("0,89%"), parse_percent("1,27 persen"), parse_percent("kelas 2")
    (Decimal('0.89'), Decimal('1.27'), None)
    """
    t = _clean(text)
    if len(t) > MAX_CHARS:
        return None
    found = {Decimal(m[1].replace(",", ".")) for m in _PERCENT.finditer(t) if m[2]}
    if not found and (m := _PERCENT.fullmatch(t.strip())):
        found = {Decimal(m[1].replace(",", "."))}
    if len(found) != 1:
        return None
    value = found.pop()
    return value if value <= 100 else None
