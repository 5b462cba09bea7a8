"""The question a message asks, without its greeting, letter opening, thanks or closing.

The FAQ reads "Selamat pagi, mau tanya cara klaim jht. Terima kasih" as what it asks; the
greetings and closings are questions.toml's [frame].
"""

from __future__ import annotations

import re
from functools import cache

from bot.domain.chatwords.questions import _question_table, is_question
from bot.domain.chatwords.reading import _at, _step_phrases, _words

_CLAUSE = re.compile(r"[^,.;:!?\n]+[,.;:!?\n]*")  # a stretch of words and the marks after it


def _doubled(word: str) -> str:
    """`word` with each letter typed once or more: "asalamualaikum", "assalamualaikum"."""
    return "".join(f"{re.escape(letter)}+" for letter in word)


@cache
def _openings() -> re.Pattern[str]:
    """Greetings and letter openings at the start of a message, any number in a row.

    The table's words are normalised ("asalamualaikum"), so each letter may be typed doubled.
    """
    words = sorted((r"[\W_]+".join(map(_doubled, p)) for p in _question_table().openings), key=len)
    return re.compile(rf"^[\W_]*(?:(?:{'|'.join(reversed(words))})(?![^\W_])[\W_]*)+", re.I)


_STATEMENT_WORDS = 3  # after a greeting, "pak admin" is still the greeting; three words say more


def without_courtesies(text: str) -> str:
    """The question a message asks, without its greeting, letter opening, thanks or closing.

    The whole message when it asks nothing: that is small talk ("makasih ya"); but a greeting
    before a statement of some length is set aside too, so that the statement is read, not
    the greeting ("assalamualaikum, sy mau daftarin anak sy, dia udah 25 th kerja bengkel").

    >>> without_courtesies("Selamat pagi, mau tanya cara klaim jht. Terima kasih atas bantuannya.")
    'mau tanya cara klaim jht.'
    >>> without_courtesies("Makasih, kalau jkm berapa?")
    'kalau jkm berapa?'
    >>> without_courtesies("makasih ya"), without_courtesies("halo pak admin")
    ('makasih ya', 'halo pak admin')
    >>> without_courtesies("Assalamualaikum, anak saya kerja bengkel umur 25")
    'anak saya kerja bengkel umur 25'
    """
    table = _question_table()
    opened = _without_opening(text)
    clauses = _CLAUSE.findall(opened)
    start, end = 0, len(clauses)
    while start < end and _at(_words(clauses[start]), 0, table.closings):
        start += 1  # "terima kasih, saya sudah daftar. kapan kartunya jadi?"
    end = _unsigned(clauses, start)
    while end > start and _at(_words(clauses[end - 1]), 0, table.closings):
        end -= 1
    rest = "".join(clauses[start:end]).strip()
    greeted = opened != text and len(_words(rest)) >= _STATEMENT_WORDS
    return _without_first(rest if rest and (is_question(rest) or greeted) else text)


_NAME_WORDS = 8  # an addressee ("Kepala Kantor Cabang BPJS Ketenagakerjaan Gorontalo") at most
_SIGNATURE_WORDS = 4  # a signature ("Ketua Kelompok", "Bagian Hukum Setkab") at most
_SIGNATURE_CLAUSES = 2


def _without_opening(text: str) -> str:
    """`text` without its greetings or letter opening, and the addressee a letter names.

    >>> _without_opening("Kepada Yth. Kepala Kantor Cabang, dengan hormat, kami mohon info.")
    'kami mohon info.'
    >>> _without_opening("Yth admin, mohon info cara daftar jkm?")
    'mohon info cara daftar jkm?'
    """
    found = _openings().match(text)
    if found is None:
        return text
    rest = text[found.end() :]
    said = _words(found.group(0))
    if any(_at(said, i, _question_table().addressing) for i in range(len(said))):
        name = _CLAUSE.match(rest)
        words = _words(name.group(0)) if name else ()
        if name and words and len(words) <= _NAME_WORDS and not is_question(name.group(0)):
            rest = _openings().sub("", rest[name.end() :], count=1).lstrip()
    return rest


def _unsigned(clauses: list[str], start: int) -> int:
    """Where a letter's text ends: before a sign-off followed by a short signature only.

    "…berapa iurannya. Hormat kami, Kepala Desa." ends before "Hormat kami"; the words that
    sign are no part of the question.
    """
    end = len(clauses)
    for signed in range(end - 1, max(start, end - _SIGNATURE_CLAUSES - 1), -1):
        clause = clauses[signed]
        if len(_words(clause)) > _SIGNATURE_WORDS or is_question(clause):
            break
        if signed > start and _at(_words(clauses[signed - 1]), 0, _question_table().signing):
            return signed
    return end


@cache
def _first_end() -> re.Pattern[str]:
    words = "|".join(re.escape(" ".join(p)) for p in _step_phrases("asks_about.then"))
    return re.compile(rf"(?:[\W_]+(?:{words}))+[\W_]*$", re.IGNORECASE)


def _without_first(text: str) -> str:
    """A message that says it asks, without the words ending it that mean "first".

    "mau tanya jkm dulu" asks about JKM now, not about JKM in the past (steps.toml
    asks_about); "jkm kayak dulu?" says no asking word and keeps its "dulu".

    >>> _without_first("mau tanya jkm dulu ya?"), _without_first("jkm masih kayak dulu?")
    ('mau tanya jkm', 'jkm masih kayak dulu?')
    """
    ws = _words(text)
    asks = _step_phrases("asks_about.asks")
    if not any(_at(ws, i, asks) for i in range(len(ws))):
        return text
    return _first_end().sub("", text) or text
