"""Requests to register, oneself or a relative ("mau daftar", "daftarin bapak saya").

The menu and the registration flow decide on these whether a message starts registering, and
for whom (steps.toml [register]).
"""

from __future__ import annotations

import re

from bot.domain.chatwords.commands import _command_table
from bot.domain.chatwords.questions import _question_table, is_question
from bot.domain.chatwords.reading import _MAX_CHARS, _at, _step_phrases, _words
from bot.domain.chatwords.steps import said_only
from bot.domain.chatwords.yesno import _yes_no_table

_PUNCTUATION = re.compile(r"[,.;:!?\n]")  # "Ibu, saya …": an address, then the writer


def asks_to_register(text: str) -> bool:
    """A request to register in a sentence: a want, then what, or a phrase of its own.

    >>> asks_to_register("Dengan hormat, saya ingin mendaftar sebagai peserta")
    True
    >>> asks_to_register("I would like to register"), asks_to_register("mau tanya iuran")
    (True, False)
    >>> asks_to_register("pak sy nelayan mau daptar bpjs tk")  # commands.toml [same] spellings
    True
    """
    same = _command_table().same
    # a long story that opens with "mau daftar." asks it too
    ws = tuple(same.get(w, w) for w in _words(text[:_MAX_CHARS]))

    def spelt(table: str) -> tuple[tuple[str, ...], ...]:  # "ingin segera": "mau segera"
        return tuple(tuple(same.get(w, w) for w in p) for p in _step_phrases(table))

    wants, joiners = spelt("register.wants"), spelt("register.joiners")
    what, phrases = spelt("register.what"), spelt("register.phrases")
    for i in range(len(ws)):
        if _at(ws, i, phrases):
            return True
        if n := _at(ws, i, wants):
            j = i + n
            j += _at(ws, j, joiners)
            if _at(ws, j, what):
                return True
    return False


def asks_to_register_here(text: str) -> bool:
    """A question that only asks whether one may register here: a request to register.

    >>> asks_to_register_here("bisa daftar di sini?"), asks_to_register_here("boleh daftar kak?")
    (True, True)
    >>> asks_to_register_here("bisa daftar kalau umur 60?"), asks_to_register_here("sini?")
    (False, False)
    """
    ws = _words(text[:_MAX_CHARS])
    asked = _step_phrases("register.asked")
    for i in range(len(ws)):
        if n := _at(ws, i, asked):
            rest = " ".join(ws[:i] + ws[i + n :])
            return not rest or said_only(rest, "register.here")
    return False


def registers_relative(text: str) -> str | None:
    """A request to register a relative, and the relative's facts said with it; None if none.

    "saya mau daftarin bapak saya" gives "". Facts that follow ("dia udah 25 th kerja
    bengkel") are the form's to keep, so they do not stop it. A question, a negation ("dia ga
    punya hp", "ga mau daftarin") or a problem (`register.relative_problems`: sick, abroad,
    dead) is answered first.

    >>> registers_relative("saya mau daftarin bapak saya"), registers_relative("daftarkan saya")
    ('', None)
    >>> registers_relative("sy mau daftarin anak sy, dia udah 25 th kerja bengkel")
    'dia udah 25 th kerja bengkel'
    >>> registers_relative("sy mau daftarin ibu sy, dia ga punya hp")
    >>> registers_relative("mau daftarin bapak sy, beliau lagi sakit stroke")
    """
    if len(text) > _MAX_CHARS or is_question(text):
        return None
    ws = _words(text)
    on_behalf, relatives = _step_phrases("register.on_behalf"), _step_phrases("register.relatives")
    if _relative_problem(ws):
        return None
    fillers, closers = _yes_no_table().filler, _command_table().closers
    for i in range(len(ws)):
        if (n := _at(ws, i, on_behalf)) and (m := _at(ws, i + n, relatives)):
            rest = list(ws[i + n + m :])
            while rest and (rest[0] in fillers or (rest[0],) in closers):
                del rest[0]  # "… bapak saya": his own words, not his facts
            return " ".join(rest)
    return None


def _relative_problem(ws: tuple[str, ...]) -> bool:
    """A negation or a problem (`register.relative_problems`): answered before registering.

    A question's yes-or-no tag ("bisa ikut gak?", "bisa ga ikut") negates nothing.
    """
    problems, negation = _step_phrases("register.relative_problems"), _yes_no_table().negation
    return any(w in negation or _at(ws, i, problems) for i, w in enumerate(_untagged(ws)))


def _untagged(ws: tuple[str, ...]) -> tuple[str, ...]:
    """The words without a yes-or-no tag (questions.toml `last`) or pair's second word."""
    table = _question_table()
    end = len(ws)
    while end > 1 and ws[end - 1] in table.tail_fillers:
        end -= 1
    if end >= 3 and ws[end - 1] in table.last:
        ws = ws[: end - 1] + ws[end:]
    return tuple(w for i, w in enumerate(ws) if i == 0 or (ws[i - 1], w) not in table.pairs)


def names_relative(text: str) -> bool:
    """Whether a message speaks of one's own relative ("anak saya"), with no problem stated.

    The writer's first "saya" must be the relative's: "Saya pedagang …, suami saya bisa
    sekalian?" tells the writer's own facts.

    >>> names_relative("pak, anak saya kerja bengkel umur 25, bisa ikut?")
    True
    >>> names_relative("Ibu, saya ojol bisa ikut?"), names_relative("anak sy sakit, bisa ikut?")
    (False, False)
    >>> names_relative("Saya pedagang umur 57. Suami saya bisa sekalian saya daftarkan?")
    False
    >>> names_relative("suami saya nelayan bisa ikut gak?"), names_relative("anak sy ga kerja?")
    (True, False)
    """
    relatives, owners = _step_phrases("register.relatives"), _step_phrases("register.owners")
    for clause in _PUNCTUATION.split(text[:_MAX_CHARS]):
        ws = _words(clause)
        for i in range(len(ws)):
            n = _at(ws, i, relatives)
            if n and ("my" in ws[i : i + n] or _at(ws, i + n, owners)):
                return not _relative_problem(_words(text[:_MAX_CHARS]))
            if _at(ws, i, owners):
                return False  # the writer's own words come first
    return False
