"""Yes and no in every everyday form ("iya bener", "ga jadi", "👍"), and acknowledgements.

Every step that asks a yes-or-no question reads its answer here (data/chatwords/yes_no.toml),
so that all forms agree on what a yes is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice

from bot.domain.chatwords.questions import is_question
from bot.domain.chatwords.reading import (
    _CLAUSE_END,
    _MAX_CHARS,
    _alternatives,
    _clean,
    _fold,
    _load,
    _phrase,
    _step_phrases,
    _words,
)

_YES_NO_OPENING = 3  # words: the longest yes or no that opens a longer answer ("iya bener sih")


@dataclass(frozen=True, slots=True)
class _YesNo:
    yes: frozenset[str]
    no: frozenset[str]
    negation: frozenset[str]
    filler: frozenset[str]
    acknowledgement: frozenset[str]
    acknowledgement_emoji: tuple[str, ...]
    yes_emoji: tuple[str, ...]
    no_emoji: tuple[str, ...]
    phrases: dict[tuple[str, ...], str]
    longest: int
    then: re.Pattern[str]  # a closing "trus?": its question mark


@cache
def _yes_no_table() -> _YesNo:
    data = _load("yes_no.toml")
    phrases = {_phrase(k): v for k, v in data["phrases"].items()}
    then = data["then"]["words"]
    return _YesNo(
        yes=frozenset(_fold(w) for w in data["yes"]["words"]),
        no=frozenset(_fold(w) for w in data["no"]["words"]),
        negation=frozenset(_fold(w) for w in data["negation"]["words"]),
        filler=frozenset(_fold(w) for w in [*data["filler"]["words"], *then]),
        acknowledgement=frozenset(_fold(w) for w in data["acknowledgement"]["words"]),
        acknowledgement_emoji=tuple(data["acknowledgement"]["emoji"]),
        yes_emoji=tuple(data["yes"]["emoji"]),
        no_emoji=tuple(data["no"]["emoji"]),
        phrases=phrases,
        longest=max(len(p) for p in phrases),
        then=re.compile(rf"(?<![^\W\d_])(?:{_alternatives(then)})\s*(\?+)\s*$"),
    )


@cache
def negations() -> frozenset[str]:
    """The words that negate the word after them ("tidak", "bukan", "ga"), as written.

    Other readers that must not take a negated word as said (a kind of work after "bukan")
    use this one list.
    """
    return frozenset(_load("yes_no.toml")["negation"]["words"])


def yes_no(text: str, *, send: bool = False) -> bool | None:
    """True for a yes in any everyday form, False for a no, None for anything else.

    Every word must be a yes word (or a filler such as "pak", "deh", "aja"), or every word a
    no word; a negation before a yes word is a no ("tidak setuju"). Questions, "ga tau" and
    mixed or unknown words are None, so the step asks again rather than guess.

    >>> yes_no("iya bener"), yes_no("udh bener aja"), yes_no("👍")
    (True, True, True)
    >>> yes_no("gak"), yes_no("ga jadi"), yes_no("tidak setuju")
    (False, False, False)
    >>> yes_no("ga tau"), yes_no("ya?"), yes_no("iya tapi nanti")
    (None, None, None)
    >>> yes_no("bolehlah"), yes_no("sonde mau"), yes_no("kada")
    (True, False, False)

    "kirim" sends a form at its summary only (steps.toml [summary] send): a yes with `send`.

    >>> yes_no("kirim"), yes_no("udh bener kirim aja"), yes_no("all correct, submit", send=True)
    (None, None, True)
    >>> yes_no("oke setuju, trus?"), yes_no("trus?")
    (True, None)
    """
    table = _yes_no_table()
    t = _clean(text)
    if then := table.then.search(t):  # "oke setuju, trus?" asks only what comes next
        t = t[: then.start(1)]
    if len(t) > _MAX_CHARS or is_question(t):
        return None
    seen: set[str] = set()
    if any(e in t for e in table.yes_emoji):
        seen.add("yes")
    if any(e in t for e in table.no_emoji):
        seen.add("no")
    yes = table.yes | _send_words() if send else table.yes
    ws = tuple(_without_lah(w, table, yes) for w in _words(t))
    i = 0
    while i < len(ws):
        for n in range(min(table.longest, len(ws) - i), 0, -1):
            if (said := table.phrases.get(ws[i : i + n])) is not None:
                seen.add(said)
                i += n
                break
        else:
            w = ws[i]
            if w in table.negation and i + 1 < len(ws) and ws[i + 1] in yes:
                seen.add("no")
                i += 1
            elif w in yes:
                seen.add("yes")
            elif w in table.no:
                seen.add("no")
            elif w not in table.filler:
                return None
            i += 1
    if seen == {"yes"}:
        return True
    if seen == {"no"}:
        return False
    return None


def sends(text: str) -> bool:
    """Whether a message asks to send a summary and is no plain yes ("udh kirim aja").

    A step before the summary cannot read it as its answer (forms.py says steps are left).

    >>> sends("udh kirim aja"), sends("iya kirim"), sends("iya"), sends("kirim nik saya")
    (True, True, False, False)
    """
    return yes_no(text) is None and yes_no(text, send=True) is True


def _without_lah(word: str, table: _YesNo, yes: frozenset[str]) -> str:
    """A yes or no word with the particle "-lah" ("kirimlah", "bolehlah") is that word.

    Only a word none of the lists holds loses it: "salah" stays a no word.
    """
    if word in yes or word in table.no or word in table.filler or not word.endswith("lah"):
        return word
    stem = word[: -len("lah")]
    return stem if stem in yes or stem in table.no else word


@cache
def _send_words() -> frozenset[str]:
    """The one-word sends of the summary (steps.toml [summary] send): "kirim", "submit"."""
    return frozenset(p[0] for p in _step_phrases("summary.send") if len(p) == 1)


def acknowledges(text: str) -> bool:
    """Whether a message only acknowledges what the bot said: a yes, "oke deh", "baik pak".

    At a step that asks for a name it answers nothing, and is never the name.

    >>> acknowledges("oke deh"), acknowledges("baik pak, ditunggu"), acknowledges("👍🙏")
    (True, True, True)
    >>> acknowledges("🙏"), acknowledges("🍜")
    (True, False)
    >>> acknowledges("Budi Santoso"), acknowledges("ga"), acknowledges("baik, nama saya Budi")
    (False, False, False)
    """
    if yes_no(text) is True:
        return True
    t = _clean(text)
    if len(t) > _MAX_CHARS or is_question(t):
        return False
    table = _yes_no_table()
    ws = _words(t)
    if not ws:  # emoji only: "🙏", "😊"
        return any(e in t for e in table.acknowledgement_emoji)
    known = table.acknowledgement | table.yes | table.filler
    return any(w in table.acknowledgement for w in ws) and all(w in known for w in ws)


_WORD_END = re.compile(r"[^\W_]+")


def closing_yes_no(text: str) -> bool | None:
    """`yes_no`, or the yes or no that closes a message after words that say no other one.

    "ini anak saya yg ketik, saya setuju": who is typing, then the answer.

    >>> closing_yes_no("ini anak saya yg ketik, saya setuju"), closing_yes_no("iya")
    (True, True)
    >>> closing_yes_no("ga mau, setuju"), closing_yes_no("saya mau tanya, setuju?")
    (None, None)
    """
    said = yes_no(text)
    if said is not None or len(text) > _MAX_CHARS or is_question(text):
        return said
    *before, last = [c for c in _CLAUSE_END.split(text) if c.strip()] or [""]
    said = yes_no(last)
    if said is None or any(yes_no(c) not in (None, said) or _negated(c) for c in before):
        return None
    return said


def _negated(clause: str) -> bool:
    """Whether a clause holds a no word ("ga mau"), whatever else it says."""
    table = _yes_no_table()
    return any(w in table.no or w in table.negation for w in _words(clause))


def yes_no_then(text: str) -> tuple[bool, str] | None:
    """A yes or no that opens a message with more after it, and the rest of the message.

    For a question answered and added to in one go: "ga, saya tinggal di cibinong".

    >>> yes_no_then("ga, saya tinggal di cibinong"), yes_no_then("iya bener di Dalung")
    ((False, 'tinggal di cibinong'), (True, 'Dalung'))
    >>> yes_no_then("iya"), yes_no_then("saya di cibinong")
    (None, None)

    A yes with "kirim" sends a summary; typed a step too early it is no yes to that step:

    >>> yes_no_then("udh bener kirim aja"), yes_no_then("iya kirim")
    (None, None)
    """
    if len(text) > _MAX_CHARS or sends(text):
        return None
    ends = [m.end() for m in islice(_WORD_END.finditer(text), _YES_NO_OPENING)]
    for end in reversed(ends):
        rest = text[end:].strip(" ,.;:-!")
        if rest and _WORD_END.search(rest) and (said := yes_no(text[:end])) is not None:
            return said, rest
    return None
