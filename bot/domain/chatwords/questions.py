"""Whether a message asks rather than answers (data/chatwords/questions.toml).

The one detector of questions for every step and flow, and the answer a question may carry
("dalung kan?", "desa? dalung").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.domain.chatwords.reading import _at, _clean, _fold, _load, _phrase, _words


@dataclass(frozen=True, slots=True)
class _Questions:
    anywhere: frozenset[str]
    first: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # yes-or-no
    requests: frozenset[tuple[str, str]]  # asking for an explanation
    last: frozenset[str]
    what: frozenset[str]
    yes_no_first: frozenset[str]
    tail_fillers: frozenset[str]
    openings: tuple[tuple[str, ...], ...]
    closings: tuple[tuple[str, ...], ...]
    addressing: tuple[tuple[str, ...], ...]
    signing: tuple[tuple[str, ...], ...]
    marks: tuple[tuple[str, ...], ...]


@cache
def _question_table() -> _Questions:
    data = _load("questions.toml")

    def phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(_phrase(p) for p in items)

    def two_words(items: list[str]) -> frozenset[tuple[str, str]]:
        return frozenset((p[0], p[1]) for p in phrases(items) if len(p) == 2)

    return _Questions(
        anywhere=frozenset(_fold(w) for w in data["anywhere"]),
        first=frozenset(_fold(w) for w in data["first"]),
        pairs=two_words(data["pairs"]),
        requests=two_words(data["requests"]),
        last=frozenset(_fold(w) for w in data["last"]),
        what=frozenset(_fold(w) for w in data["what"]),
        yes_no_first=frozenset(_fold(w) for w in data["yes_no_first"]),
        tail_fillers=frozenset(_fold(w) for w in data["tail_fillers"]),
        openings=phrases(data["frame"]["openings"]),
        closings=phrases(data["frame"]["closings"]),
        addressing=phrases(data["frame"]["addressing"]),
        signing=phrases(data["frame"]["signing"]),
        marks=phrases(data["request"]["opening_marks"]),
    )


def yes_no_pairs() -> frozenset[tuple[str, str]]:
    """The two-word yes-or-no patterns of questions.toml ("bisa ga", "boleh tidak")."""
    return _question_table().pairs


def _asks(
    ws: tuple[str, ...], table: _Questions, *, yes_no: bool = True, anywhere: bool = True
) -> bool:
    """Whether these words ask: a question word, a request, a yes-or-no pair or tag.

    `yes_no=False` leaves the pairs and tags out (`asks_more`), `anywhere=False` the question
    words and requests (`asks_what`).
    """
    pairs = list(zip(ws, ws[1:], strict=False))
    if anywhere and (
        any(w in table.anywhere for w in ws) or any(p in table.requests for p in pairs)
    ):
        return True
    if not yes_no:
        return False
    if any(pair in table.pairs for pair in pairs):
        return True
    end = len(ws)
    while end > 1 and ws[end - 1] in table.tail_fillers:
        end -= 1
    return end >= 3 and ws[end - 1] in table.last


def is_question(text: str) -> bool:
    """Whether a message asks something rather than answers.

    A "?", a question word, a letter's "mohon informasi", or a yes-or-no tag at its end
    ("ditanggung gak"). The one detector for every step and every flow: a question typed at
    a step is answered briefly and the step asked again, never taken as the answer; a message
    that asks something is answered as a question, never taken as a request to register or
    as thanks.

    >>> is_question("iuran brp"), is_question("cara daftar"), is_question("bisa ga kalau 60 th")
    (True, True, True)
    >>> is_question("Saya ingin mendaftar. Mohon informasi iurannya"), is_question("ojol ikut ga")
    (True, True)
    >>> is_question("iya setuju"), is_question("Budi Santoso"), is_question("bisa")
    (False, False, False)
    """
    t = _clean(text)
    if "?" in t:
        return True
    ws = _words(t)
    if not ws:
        return False
    table = _question_table()
    return (len(ws) >= 2 and ws[0] in table.first) or _asks(ws, table)


@cache
def _answered() -> tuple[frozenset[str], frozenset[str]]:
    """questions.toml [answered]: the tags, and the words that ask about the rest."""
    data = _load("questions.toml")["answered"]
    return frozenset(map(_fold, data["tags"])), frozenset(map(_fold, data["asking"]))


def answer_in_question(text: str) -> tuple[str, bool] | None:
    """A step's answer inside a message with one "?", and whether its step was echoed first.

    "desa? dalung" and "nama saya? Siti Aminah" echo the step (at most three words, asking
    nothing else) then answer it: (answer, True). "dalung kan?" and "jkk jkm aja bisa?" answer
    with a tag asking to be sure (questions.toml [answered]), "pedagang?" with the mark alone:
    (answer, False), of up to three words with a tag, two without, and none asking about the
    rest ("jht itu wajib?"). None otherwise.

    >>> answer_in_question("desa? dalung"), answer_in_question("dalung kan?")
    (('dalung', True), ('dalung', False))
    >>> answer_in_question("apa itu jkk? saya bingung"), answer_in_question("jht itu wajib?")
    (None, None)
    """
    if text.count("?") != 1:
        return None
    before, _, after_mark = (part.strip(" ,.!:;-") for part in text.partition("?"))
    if after_mark:
        echo = _words(_clean(before))
        if 0 < len(echo) <= 3 and not is_question(before) and not is_question(after_mark):
            return after_mark, True
        return None
    (tags, asking), ws = _answered(), before.split()
    tagged = bool(ws) and _fold(ws[-1].strip(",.!").casefold()) in tags
    while ws and _fold(ws[-1].strip(",.!").casefold()) in tags:
        ws.pop()
    answer = " ".join(ws).strip(" ,.!:;-")
    if not ws or len(ws) > (3 if tagged else 2) or is_question(answer):
        return None
    return None if asking.intersection(_words(_clean(answer))) else (answer, False)


def asks_what(text: str) -> bool:
    """Whether a message asks what, how much, when … and never yes or no.

    A "Ya." opening an answer answers nothing of it ("dapet apa?"); a sentence opening with
    "apa" or "can" asks yes or no, as does a pair or tag ("bisa ga", "ditanggung gak").

    >>> asks_what("kalo meninggal bukan karena kerja dapet apa?"), asks_what("iuran brp")
    (True, True)
    >>> asks_what("apa jkm bisa cair?"), asks_what("bisa ikut ga? iurannya berapa")
    (False, False)
    >>> asks_what("bisa bayar di alfamart?"), asks_what("Can I pay at Alfamart, and how?")
    (False, False)
    """
    table = _question_table()
    asked = False
    for clause in _CLAUSES.split(text):
        ws = _words(clause)
        if not ws:
            continue
        if ws[0] in table.yes_no_first or _asks(ws, table, anywhere=False):
            return False
        asked = asked or any(w in table.what for w in ws)
    return asked


def asks_more(rest: str) -> bool:
    """Whether what is left of a message, once a flow's own request is taken out, asks more.

    A flow whose request is itself a question ("saya petani umur 57 bisa ikut?", "saya sudah
    didaftarkan desa?") starts only when that request is all the message asks: its caller
    takes the request's words out and passes the rest. The rest's "?", a yes-or-no mark at
    its start ("apakah"), pair ("sudah … belum") or tag ("ga") belong to the request; any
    other question word or request ("di mana", "dapat apa", "mohon informasi") is another
    question, which the FAQ answers.

    >>> asks_more("saya petani umur 57 ?"), asks_more("apakah saya desa"), asks_more("52 tk ga")
    (False, False, False)
    >>> asks_more("saya nelayan daftarnya di mana dan"), asks_more("keluarga dapat apa?")
    (True, True)
    >>> asks_more("saya petani berusia 57 tahun. apakah saya")
    False
    """
    table = _question_table()
    for sentence in _SENTENCES.split(rest):  # "Saya petani berusia 57 tahun. Apakah saya …"
        ws = _words(sentence)
        ws = ws[_at(ws, 0, table.marks) :]
        if ws and (ws[0] in table.first and len(ws) >= 2 or _asks(ws, table, yes_no=False)):
            return True
    return False


_SENTENCES = re.compile(r"[.!;\n]+\s")
_CLAUSES = re.compile(r"[.!?;,\n]+")  # a clause asks on its own: "bisa ga, dan berapa?"
