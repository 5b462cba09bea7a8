"""Chat words: how every step of every form reads yes/no, questions, commands and typed values.

One module so that registration, eligibility and the officer's forms agree on what "iya
bener", "ga jadi" or "100rb sehari" mean. The word tables live in ``data/chatwords/*.toml``
(each file names its source and licence) so that a non-programmer can review and extend them;
they are read once per process. Every function is pure and never raises on odd input.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["command", "is_question", "yes_no"]

_DATA = Path(__file__).parent / "data" / "chatwords"
_MAX_CHARS = 300  # longer messages are never a yes/no answer or a command
_TOKEN = re.compile(r"(?:^/)?[^\W_]+")
_REPEAT = re.compile(r"(.)\1+")
_SLOT = re.compile(r"\{(\w+)\}")


def _load(name: str) -> dict[str, Any]:
    with (_DATA / name).open("rb") as f:
        return tomllib.load(f)


def _fold(word: str) -> str:
    """One spelling for drawn-out words: "iyaaa" → "iya", "siiip" → "sip", "nggak" → "ngak"."""
    return _REPEAT.sub(r"\1", word)


def _clean(text: str) -> str:
    """NFKC and case-folded, invisible marks (zero-width, LRM) dropped."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in t if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn"))


def _words(text: str) -> tuple[str, ...]:
    """The words of a message as the tables compare them, repeated letters folded.

    Lower case, no punctuation or emoji, apostrophes joined ("don't" → "dont"); a leading "/"
    is kept for commands such as "/start".

    >>> _words("Iyaaa, BETUL pak! 👍"), _words("/start")
    (('iya', 'betul', 'pak'), ('/start',))
    """
    t = _clean(text).replace("'", "").replace("\u2019", "").strip()
    return tuple(_fold(w) for w in _TOKEN.findall(t))


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_fold(w) for w in text.casefold().split())


# -------------------------------------------------------------------------------- yes / no


@dataclass(frozen=True, slots=True)
class _YesNo:
    yes: frozenset[str]
    no: frozenset[str]
    negation: frozenset[str]
    filler: frozenset[str]
    yes_emoji: tuple[str, ...]
    no_emoji: tuple[str, ...]
    phrases: dict[tuple[str, ...], str]
    longest: int


@cache
def _yes_no_table() -> _YesNo:
    data = _load("yes_no.toml")
    phrases = {_phrase(k): v for k, v in data["phrases"].items()}
    return _YesNo(
        yes=frozenset(_fold(w) for w in data["yes"]["words"]),
        no=frozenset(_fold(w) for w in data["no"]["words"]),
        negation=frozenset(_fold(w) for w in data["negation"]["words"]),
        filler=frozenset(_fold(w) for w in data["filler"]["words"]),
        yes_emoji=tuple(data["yes"]["emoji"]),
        no_emoji=tuple(data["no"]["emoji"]),
        phrases=phrases,
        longest=max(len(p) for p in phrases),
    )


def yes_no(text: str) -> bool | None:
    """True for a yes in any everyday form, False for a no, None for anything else.

    Every word must be a yes word (or a filler such as "pak", "deh", "aja"), or every word a
    no word; a negation before a yes word is a no ("tidak setuju"). Questions, "ga tau" and
    mixed or unknown words are None, so the step asks again rather than guess.

    >>> yes_no("iya bener"), yes_no("udh bener kirim aja"), yes_no("👍")
    (True, True, True)
    >>> yes_no("gak"), yes_no("ga jadi"), yes_no("tidak setuju")
    (False, False, False)
    >>> yes_no("ga tau"), yes_no("ya?"), yes_no("iya tapi nanti")
    (None, None, None)
    """
    t = _clean(text)
    if len(t) > _MAX_CHARS or is_question(t):
        return None
    table = _yes_no_table()
    seen: set[str] = set()
    if any(e in t for e in table.yes_emoji):
        seen.add("yes")
    if any(e in t for e in table.no_emoji):
        seen.add("no")
    ws = _words(t)
    i = 0
    while i < len(ws):
        for n in range(min(table.longest, len(ws) - i), 0, -1):
            if (said := table.phrases.get(ws[i : i + n])) is not None:
                seen.add(said)
                i += n
                break
        else:
            w = ws[i]
            if w in table.negation and i + 1 < len(ws) and ws[i + 1] in table.yes:
                seen.add("no")
                i += 1
            elif w in table.yes:
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


# ------------------------------------------------------------------------------- questions


@dataclass(frozen=True, slots=True)
class _Questions:
    anywhere: frozenset[str]
    first: frozenset[str]
    pairs: frozenset[tuple[str, str]]


@cache
def _question_table() -> _Questions:
    data = _load("questions.toml")
    pairs = {_phrase(p) for p in data["pairs"]}
    return _Questions(
        anywhere=frozenset(_fold(w) for w in data["anywhere"]),
        first=frozenset(_fold(w) for w in data["first"]),
        pairs=frozenset((p[0], p[1]) for p in pairs if len(p) == 2),
    )


def is_question(text: str) -> bool:
    """Whether a message asks something rather than answers: a "?" or a question word.

    The one detector for every step: a question typed at a step is answered briefly and the
    step asked again, never taken as the answer.

    >>> is_question("iuran brp"), is_question("cara daftar"), is_question("bisa ga kalau 60 th")
    (True, True, True)
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
    if any(w in table.anywhere for w in ws):
        return True
    if len(ws) >= 2 and ws[0] in table.first:
        return True
    return any(pair in table.pairs for pair in zip(ws, ws[1:], strict=False))


# -------------------------------------------------------------------------------- commands


@dataclass(frozen=True, slots=True)
class _Commands:
    same: dict[str, str]
    openers: tuple[tuple[str, ...], ...]  # longest first
    closers: tuple[tuple[str, ...], ...]
    actions: dict[tuple[str, ...], str]


def _expand(phrase: str, slots: dict[str, list[str]]) -> list[str]:
    """Every phrase a template stands for: "{talk} {staff}" → "bicara petugas" and so on."""
    m = _SLOT.search(phrase)
    if not m:
        return [phrase]
    return [
        done
        for word in slots[m.group(1)]
        for done in _expand(phrase[: m.start()] + word + phrase[m.end() :], slots)
    ]


@cache
def _command_table() -> _Commands:
    data = _load("commands.toml")
    same = {_fold(k): _fold(v) for k, v in data["same"].items()}

    def norm(text: str) -> tuple[str, ...]:
        return tuple(same.get(w, w) for w in _phrase(text))

    actions: dict[tuple[str, ...], str] = {}
    for action, phrases in data["actions"].items():
        for template in phrases:
            for phrase in _expand(template, data["slots"]):
                actions.setdefault(norm(phrase), action)
    by_length = sorted({norm(w) for w in data["openers"]["words"]}, key=len, reverse=True)
    closers = sorted({norm(w) for w in data["closers"]["words"]}, key=len, reverse=True)
    return _Commands(same, tuple(by_length), tuple(closers), actions)


def _strip_once(ws: tuple[str, ...], table: _Commands) -> tuple[str, ...]:
    """Drop one opening ("ok", "saya mau") and one closing ("dong", "bpjs") word group."""
    for op in table.openers:
        if len(ws) > len(op) and ws[: len(op)] == op:
            ws = ws[len(op) :]
            break
    for cl in table.closers:
        if len(ws) > len(cl) and ws[-len(cl) :] == cl:
            ws = ws[: -len(cl)]
            break
    return ws


def command(text: str) -> str | None:
    """The action a whole message asks for in everyday words ("ok daftar" → "register").

    Actions: start, menu, cancel, back, help, language, my_data, erase, register, resume,
    human. A question about the thing is not a command ("cara daftar gimana?" → None), and
    neither is a sentence that merely contains the word.

    >>> command("sy mau daftar bpjs tk"), command("Lanjut"), command("hapus data sy")
    ('register', 'resume', 'erase')
    >>> command("mau ngomong sama orang"), command("cara daftar gimana"), command("ok")
    ('human', None, None)
    """
    t = _clean(text)
    if len(t) > _MAX_CHARS:
        return None
    table = _command_table()
    ws = tuple(table.same.get(w, w) for w in _words(t))
    if (action := table.actions.get(ws)) is not None:
        return action
    if is_question(t):
        return None
    while ws:
        shorter = _strip_once(ws, table)
        if shorter == ws:
            return None
        ws = shorter
        if (action := table.actions.get(ws)) is not None:
            return action
    return None
