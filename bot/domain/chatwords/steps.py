"""The words and phrases each form step reads, by table (data/chatwords/steps.toml).

Whether a message mentions a table's words or is nothing but them, which key or value of a
table it names, a quantity or count with its unit, the rest after a command word, and an
earlier answer corrected by its name: one reading for every form's steps.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from rapidfuzz.distance import DamerauLevenshtein

from bot.domain import amounts
from bot.domain.chatwords.amount_words import money_alone
from bot.domain.chatwords.questions import is_question
from bot.domain.chatwords.reading import (
    _MAX_CHARS,
    _at,
    _fold,
    _node,
    _phrase,
    _step_phrases,
    _words,
)
from bot.domain.chatwords.yesno import yes_no
from bot.domain.validation import clean_input


def mentions(text: str, table: str) -> bool:
    """Whether the message says a word or phrase listed under ``table`` in ``steps.toml``.

    >>> mentions("ga usah pake JHT", "without"), mentions("yg minimal aja", "programs.base")
    (True, True)
    >>> mentions("tiap bulan", "period.yearly")
    False

    A table's ``alone`` words say it only as the whole message ("udah?" asks whether it is sent;
    "sudah termasuk jht?" asks something else):
    >>> mentions("udah?", "about.summary"), mentions("sudah termasuk jht?", "about.summary")
    (True, False)
    """
    if len(text) > _MAX_CHARS:
        return False
    ws, phrases = _words(text), _step_phrases(table)
    if any(_at(ws, i, phrases) for i in range(len(ws))):
        return True
    return bool(ws) and set(ws) <= _alone_words(table)


MISSPELT_LENGTH = 6  # letters a word needs before a slip in it is read as the word


def mentions_misspelt(text: str, table: str) -> bool:
    """Whether a word of the message is a one-word phrase of ``table`` a letter off.

    A letter missing, extra or wrong, or two swapped ("bulnan", "tahnuan"), in words of
    `MISSPELT_LENGTH` letters or more: for a step with few answers, read after `mentions`.

    >>> mentions_misspelt("bulnan", "period.monthly"), mentions_misspelt("tahnuan", "period.yearly")
    (True, True)
    >>> mentions_misspelt("bulan", "period.monthly"), mentions_misspelt("tahunan", "period.monthly")
    (False, False)
    """
    if len(text) > _MAX_CHARS:
        return False
    known = [p[0] for p in _step_phrases(table) if len(p) == 1 and len(p[0]) >= MISSPELT_LENGTH]
    return any(
        DamerauLevenshtein.distance(word, phrase, score_cutoff=1) <= 1
        for word in _words(text)
        if len(word) >= MISSPELT_LENGTH - 1
        for phrase in known
    )


@lru_cache(maxsize=64)
def _alone_words(table: str) -> frozenset[str]:
    """A table's words that count only when the message has no other (``mentions``)."""
    node = _node(table)
    return frozenset(node.get("alone", ())) if isinstance(node, dict) else frozenset()


def asked_about(text: str) -> str | None:
    """The question a message says it asks ("... mau tanya jkm dulu" → "jkm"), else None.

    >>> asked_about("lupa, tadi sy mau tanya jkm dulu"), asked_about("mau tanya")
    ('jkm', None)
    >>> asked_about("lupa")
    """
    ws = _words(text)
    asks, then = _step_phrases("asks_about.asks"), _step_phrases("asks_about.then")
    start = next((i + n for i in range(len(ws)) if (n := _at(ws, i, asks))), None)
    if start is None or len(text) > _MAX_CHARS:
        return None
    end = len(ws)
    while end > start and _at(ws, end - 1, then) == 1:
        end -= 1
    return " ".join(ws[start:end]) or None


def said_only(text: str, table: str) -> bool:
    """Whether the message is nothing but ``table``'s words and phrases, and figures.

    A phrase's words count only together: "sebulan sekali" is a payment period, "sebulan" alone
    is not in `later_choices`.

    >>> said_only("JKK + JKM aja", "later_choices"), said_only("jkk jkm, dalung", "later_choices")
    (True, False)
    >>> said_only("sebulan sekali", "later_choices"), said_only("sebulan", "later_choices")
    (True, False)
    """
    ws, phrases = _words(text), _step_phrases(table)
    if not ws or len(text) > _MAX_CHARS:
        return False
    i = 0
    while i < len(ws):
        step = _at(ws, i, phrases) or (1 if ws[i].isdigit() else 0)
        if not step:
            return False
        i += step
    return True


def refuses(text: str, *, bare_no: bool = True) -> bool:
    """Whether the message refuses to give what is asked: "gak mau", "ga usah kasih", "males ah".

    Nothing but the words of ``refuses`` in steps.toml, one of its refusals among them; a bare
    no ("ga", "tidak") refuses too, unless `bare_no` is False: at a yes-or-no question ("Benar?")
    it answers it. "ga usah jht" names what it does without: no refusal.

    >>> refuses("gak mau"), refuses("ga usah kasih nomor"), refuses("rahasia dong kak")
    (True, True, True)
    >>> refuses("ga usah jht"), refuses("gak mau, dalung aja"), refuses("dalung")
    (False, False, False)
    >>> refuses("ga usah", bare_no=False), refuses("ga", bare_no=False)
    (True, False)
    >>> refuses("bukan", bare_no=False), refuses("salah pak", bare_no=False)
    (False, False)
    """
    ws = _words(text)
    if not ws or len(text) > _MAX_CHARS:
        return False
    if bare_no and yes_no(text) is False:
        return True
    refusals = _step_phrases("refuses")
    phrases = (*refusals, *_step_phrases("refuses.with"))
    i, refused = 0, False
    while i < len(ws):
        step = _at(ws, i, phrases)
        if not step:
            return False
        refused = refused or _at(ws, i, refusals) == step
        i += step
    return refused


def named(text: str, table: str) -> str | None:
    """The first key of ``table`` whose words the message says.

    >>> named("alamat sy salah", "summary.fields"), named("change my phone", "summary.fields")
    ('address', 'phone')
    """
    return next((key for key in _node(table) if mentions(text, f"{table}.{key}")), None)


@lru_cache(maxsize=16)
def _values(table: str) -> dict[tuple[str, ...], str]:
    return {_phrase(k): v for k, v in _node(table).items()}


def phrase_value(text: str, table: str) -> str | None:
    """What the whole message stands for in ``table`` (a phrase → a value), else None.

    >>> phrase_value("Statistik  saya!", "officer"), phrase_value("statistik bulan ini", "officer")
    ('officer_stats', None)
    """
    return _values(table).get(_words(text)) if len(text) <= _MAX_CHARS else None


_LEADING = re.compile(r"\s*/?")
_LETTERS = re.compile(r"[^\W\d_]+")


def after(text: str, table: str) -> str | None:
    """The rest of a message that opens with a phrase of ``table`` (a "/" before it allowed).

    For a typed command with an argument: "cek petugas K7M2QX", "staf 482 913", "/export 7".

    >>> after("Cek petugas K7M2QX", "codes.check"), after("/staf", "codes.staff")
    (' K7M2QX', '')
    >>> after("staff482913", "codes.staff"), after("saya staf", "codes.staff")
    ('482913', None)
    """
    t = clean_input(text)
    if len(t) > _MAX_CHARS:
        return None
    phrases = _step_phrases(table)
    start = _LEADING.match(t).end()  # type: ignore[union-attr]  # it matches "" too
    words: list[str] = []
    ends = [start]
    for run in islice(_LETTERS.finditer(t, start), max(len(p) for p in phrases)):
        gap = t[ends[-1] : run.start()]
        if (gap and not words) or any(ch.isalnum() for ch in gap):
            break
        words.append(_fold(run[0].casefold()))
        ends.append(run.end())
    n = _at(tuple(words), 0, phrases)
    return t[ends[n] :] if n else None


_WORD_SPAN = re.compile(r"[^\W_]+")


def corrected(text: str) -> tuple[str, str] | None:
    """An earlier answer corrected by its name: the field's key and the new answer as typed.

    The message says a change word and a field's name (steps.toml [corrects]); the answer is
    what follows the name, past words such as "salah, harusnya", and before a closing "bukan …"
    (the old answer). It is "" when nothing follows and the name is said wrong ("eh nomornya
    salah"). None for a question.

    >>> corrected("yg tadi salah, nomornya 0812-9876-5432")
    ('phone', '0812-9876-5432')
    >>> corrected("eh namanya salah, harusnya Siti Aminah"), corrected("eh umurnya 43 bukan 34")
    (('name', 'Siti Aminah'), ('age', '43'))
    >>> corrected("eh nomornya salah"), corrected("bukan, sy ga punya wa")
    (('phone', ''), None)
    >>> corrected("nomornya salah?")
    """
    found = corrections(text)
    return found[0] if found else None


def corrections(text: str, *, invited: bool = False) -> list[tuple[str, str]]:
    """Each earlier answer a message corrects by its name, in order; [] for none.

    `invited`: at a step that shows the answers for changing (the summary), no change word is
    needed, each field named takes what follows up to the next name ("namanya Siti Aminah,
    hp nya 0812…", joined by "sama", "dan"), and an answer alone that only one field's shape
    fits is that field's ("5103…": a NIK retyped). Elsewhere, the first name takes the rest.

    >>> corrections("namanya Siti Aminah, hp nya 0812 9999 8888 ya", invited=True)
    [('name', 'Siti Aminah'), ('phone', '0812 9999 8888')]
    >>> corrections("5103065704970004", invited=True), corrections("namanya Siti Aminah")
    ([('nik', '5103065704970004')], [])
    """
    t = clean_input(text)
    if len(t) > _MAX_CHARS or is_question(t):
        return []
    if invited and (bare := _bare_answer(t)):
        return [bare]
    changes = mentions(t, "corrects") or mentions(t, "change_mind")
    if not changes and (not invited or yes_no(t, send=True) is not None):
        return []  # "namanya udah bener" at the summary: a yes
    spans = list(_WORD_SPAN.finditer(t))
    ws = tuple(_fold(m[0].casefold()) for m in spans)
    fields = _node("corrects.fields")
    names: list[tuple[int, int, str]] = []  # where each field's name starts, its length, key
    i = 0
    while i < len(ws) and (invited or not names):
        n, key = max(
            ((_at(ws, i, _step_phrases(f"corrects.fields.{k}")), k) for k in fields),
            default=(0, ""),
        )
        if n:
            names.append((i, n, key))
        i += n or 1
    if not names:
        return []
    skip, instead = _step_phrases("corrects.skip"), _step_phrases("corrects.instead")
    joins, wrong = _step_phrases("corrects.joins"), _step_phrases("corrects.wrong")
    found = []
    for (i, n, key), following in zip(names, [*names[1:], (len(ws), 0, "")], strict=True):
        start = i + n
        while start < following[0] and _at(ws, start, skip):
            start += _at(ws, start, skip)
        end = next((j for j in range(start + 1, following[0]) if _at(ws, j, instead)), following[0])
        while end > start and _at(ws, end - 1, joins):  # "0812… sama namanya …"
            end -= 1
        if start >= end:
            if any(_at(ws, j, wrong) for j in range(i + n, following[0])):
                found.append((key, ""))
            continue
        stop = spans[end].start() if end < len(spans) else len(t)
        typed = t[spans[start].start() : stop].strip(" ,.;:-")
        if not (invited and yes_no(typed, send=True) is not None):  # "namanya udah bener"
            found.append((key, typed))
    return found


def _bare_answer(text: str) -> tuple[str, str] | None:
    """A message that is only an answer whose shape one field alone takes.

    [corrects.bare], or an amount of money ([corrects] money), past the opening of a change of
    mind ("eh salah, 3jtan sebulan").
    """
    text = past_change_of_mind(text) or text
    digits = re.sub(r"[\s.\-]", "", text)
    for key, shape in _node("corrects.bare").items():
        if re.fullmatch(str(shape), digits):
            return key, text.strip()
    return (str(_node("corrects.money")), text.strip()) if money_alone(text) else None


def past_change_of_mind(text: str) -> str | None:
    """What follows the words opening a change of mind, or None without them.

    "eh ga jadi, …", "eh salah, …", "maksudnya …": chatwords/steps.toml `change_mind`.

    >>> past_change_of_mind("eh salah, 3jtan sebulan"), past_change_of_mind("3jt")
    ('3jtan sebulan', None)
    """
    rest = None
    for _ in range(3):
        if (cut := after(text, "change_mind")) is None:
            break
        rest = text = cut.strip(" ,.:;-")
    return rest


def quantity(text: str, table: str) -> tuple[int, str | None] | None:
    """A message that is a whole number and perhaps its unit: the number and the unit's key.

    The key is the one of ``table`` whose words name the unit, None when no unit is typed;
    a unit the table does not know, a fraction or more words give None.

    >>> quantity("8", "duration"), quantity("2 thn.", "duration"), quantity("8bln", "duration")
    ((8, None), (2, 'years'), (8, 'months'))
    >>> quantity("8 minggu", "duration"), quantity("0,89%", "duration")
    (None, None)
    """
    tokens = amounts.tokens(text) if len(text) <= _MAX_CHARS else []
    if not 1 <= len(tokens) <= 2 or not tokens[0].isdigit() or len(tokens[0]) > 3:
        return None
    unit = named(tokens[1], table) if len(tokens) == 2 else None
    return None if len(tokens) == 2 and unit is None else (int(tokens[0]), unit)


def words(text: str) -> tuple[str, ...]:
    """The words of a message as the tables compare them, for a step that reads them in turn.

    >>> words("/export XLSX, 7 hari!")
    ('/export', 'xlsx', '7', 'hari')
    """
    return _words(text) if len(text) <= _MAX_CHARS else ()


def same_words(text: str, other: str) -> bool:
    """Whether two texts are the same words as the tables compare them ("Sedang!" is "sedang").

    >>> same_words("  Sangat RENDAH. ", "sangat rendah"), same_words("rendah", "sangat rendah")
    (True, False)
    """
    return len(text) <= _MAX_CHARS and _words(text) == _words(other)


_COUNT = re.compile(r"([0-9]{1,2})([^\W\d_]*)")


def count_of(text: str, table: str) -> int | None:
    """A number of units said in figures or words ("3 bulan", "tiga bln", "every 6 months").

    ``table`` lists the ``units`` and the number words (``numbers``).

    >>> count_of("per 3bln aja", "period"), count_of("dua belas bulan", "period")
    (3, 12)
    >>> count_of("every six months", "period"), count_of("3 orang", "period")
    (6, None)
    """
    if len(text) > _MAX_CHARS:
        return None
    ws = _words(text)
    units = _step_phrases(f"{table}.units")
    numbers = sorted(_values(f"{table}.numbers").items(), key=lambda kv: -len(kv[0]))
    for i, word in enumerate(ws):
        if m := _COUNT.fullmatch(word):
            glued = m.group(2)
            if (glued and (glued,) in units) or (not glued and _at(ws, i + 1, units)):
                return int(m.group(1))
        for phrase, value in numbers:
            if ws[i : i + len(phrase)] == phrase and _at(ws, i + len(phrase), units):
                return int(value)
    return None
