"""The action a whole message asks for in everyday words (data/chatwords/commands.toml).

"ok daftar", "lanjut yg kemarin", "mau ngomong sama orang": the router reads them here, so
that a command typed at any step means the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.domain.chatwords.questions import is_question
from bot.domain.chatwords.reading import (
    _CLAUSE_END,
    _MAX_CHARS,
    _clean,
    _fold,
    _load,
    _phrase,
    _words,
)
from bot.domain.chatwords.yesno import yes_no

_SLOT = re.compile(r"\{(\w+)\}")
_ANY_CLAUSE = re.compile(r"[,.;!?]+\s*")  # a question mark ends a clause too


@dataclass(frozen=True, slots=True)
class _Commands:
    same: dict[str, str]
    address: frozenset[str]  # dropped wherever they stand: "bentar min ada orderan"
    openers: frozenset[tuple[str, ...]]
    opener_lengths: tuple[int, ...]  # longest first
    closers: frozenset[tuple[str, ...]]
    closer_lengths: tuple[int, ...]
    actions: dict[tuple[str, ...], str]
    emoji: dict[str, str]  # emoji -> the action a message of emoji only holding it asks for
    greetings: frozenset[tuple[str, ...]]  # set aside before a command ("pagi pak, lanjut")
    not_command: frozenset[str]  # words that keep a message from being one of `not_actions`
    not_actions: frozenset[str]
    excuses: frozenset[str]  # a clause of these before a command is set aside ("hp sy mati")
    reasons: frozenset[str]  # a clause of these after a pause is set aside ("mau masak")
    paused: tuple[str, ...]  # the actions such reasons may follow, the longest pause first
    asked: frozenset[str]  # actions a question still asks for ("bisa pakai bahasa indonesia?")
    clause: frozenset[str]  # actions one clause of several asks for
    tongues: dict[str, str]  # word -> the language it names ("inggris" -> "en")


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
    data = _load_commands()
    same = {_fold(k): _fold(v) for k, v in data["same"].items()}

    def norm(text: str) -> tuple[str, ...]:
        return tuple(same.get(w, w) for w in _phrase(text))

    actions: dict[tuple[str, ...], str] = {}
    for action, phrases in data["actions"].items():
        for template in phrases:
            for phrase in _expand(template, data["slots"]):
                actions.setdefault(norm(phrase), action)
    openers = frozenset(norm(w) for w in data["openers"]["words"])
    closers = frozenset(norm(w) for w in data["closers"]["words"])

    def lengths(groups: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
        return tuple(sorted({len(g) for g in groups}, reverse=True))

    emoji = {e: action for action, marks in data["emoji"].items() for e in marks}
    greetings = frozenset(norm(w) for w in data["greetings"]["words"])
    return _Commands(
        same,
        frozenset(w for text in data["address"]["words"] for w in norm(text)),
        openers,
        lengths(openers),
        closers,
        lengths(closers),
        actions,
        emoji,
        greetings,
        frozenset(data["not_command"]["words"]),
        frozenset(data["not_command"]["actions"]),
        frozenset(w for text in data["excuses"]["words"] for w in norm(text)),
        frozenset(
            w for text in (*data["reasons"]["words"], *data["slots"]["errand"]) for w in norm(text)
        ),
        tuple(data["reasons"]["actions"]),
        frozenset(data["asked"]["actions"]),
        frozenset(data["clause"]["actions"]),
        {_fold(w): code for code, names in data["tongues"].items() for w in names},
    )


def _read(text: str, table: _Commands) -> tuple[str, ...]:
    """The words of `text` as the phrases are written: [same] replaced, [address] dropped.

    "bentar min ada orderan" → "bentar ada orderan"; "pak" alone stays "pak".
    """
    ws = tuple(table.same.get(w, w) for w in _words(text))
    kept = tuple(w for w in ws if w not in table.address)
    return kept or ws


def _strip_once(ws: tuple[str, ...], table: _Commands) -> tuple[str, ...]:
    """Drop one opening ("ok", "saya mau") and one closing ("dong", "bpjs") word group."""
    for n in table.opener_lengths:
        if len(ws) > n and ws[:n] in table.openers:
            ws = ws[n:]
            break
    for n in table.closer_lengths:
        if len(ws) > n and ws[-n:] in table.closers:
            ws = ws[:-n]
            break
    return ws


def command(text: str) -> str | None:
    """The action a whole message asks for in everyday words ("ok daftar" → "register").

    Actions: start, menu, cancel, back, help, language, my_data, erase, register, resume, status,
    human, stop, later, thanks, hold. A question about the thing is not a command ("cara daftar
    gimana?" → None), and neither is a sentence that merely contains the word.

    >>> command("sy mau daftar bpjs tk"), command("Lanjut"), command("hapus data sy")
    ('register', 'resume', 'erase')
    >>> command("mau ngomong sama orang"), command("cara daftar gimana"), command("ok")
    ('human', None, None)
    >>> command("👋"), command("🍜"), command("td sampe mana ya"), command("daftar ya?")
    ('start', None, 'resume', None)
    >>> command("pagi pak, lanjut yg kemarin ya"), command("hai kak")
    ('resume', 'start')
    >>> command("gk jadi deh"), command("gk jadi, jkk jkm jht aja")
    ('cancel', None)
    >>> command("maaf kemarin hp sy mati, lanjut ya"), command("saya ojek, lanjut")
    ('resume', None)
    >>> command("nanti dulu ya, mau masak"), command("nanti, 2jt")
    ('later', None)
    >>> command("bentar ya kak, lanjut besok"), command("bentar ya, mau masak")
    ('later', 'hold')
    >>> command("bentar min ada orderan"), command("tunggu bang lagi narik")
    ('hold', 'hold')
    >>> command("ntar lg ya min ada orderan"), command("tunggu dulu ada pembeli")
    ('later', 'hold')
    """
    t = _clean(text)
    if len(t) > _MAX_CHARS:
        return None
    table = _command_table()
    ws = _read(t, table)
    if not ws:  # "👋"
        return next((action for e, action in table.emoji.items() if e in t), None)
    asks = is_question(t)
    found = _stripped_command(ws, table, asks)
    for n in (2, 1):  # "pagi pak, lanjut yg kemarin ya": the command after the greeting
        if len(ws) > n and ws[:n] in table.greetings:
            after_greeting = _stripped_command(ws[n:], table, asks)
            if after_greeting is not None and after_greeting != "start":
                found = after_greeting
                break
    if found is None:  # "maaf kemarin hp sy mati, lanjut ya": why it stopped, then the command
        *why, last = [_read(c, table) for c in _CLAUSE_END.split(t)]
        if why and all(set(c) <= table.excuses for c in why):
            found = _stripped_command(last, table, asks)
    if found is None:  # "nanti dulu ya, mau masak", "bentar ya kak, lanjut besok"
        found = _pauses(t, table, asks)
    if found is None:
        found = _clause_command(t, table)
    if found in table.not_actions and table.not_command.intersection(ws):
        return None  # "gk jadi, jkk jkm jht aja": a change of the programs
    return found


def _pauses(t: str, table: _Commands, asks: bool) -> str | None:
    """The longest pause of a message whose clauses all pause or say why, else None.

    "nanti dulu ya, mau masak": a pause, then why; "bentar ya kak, lanjut besok": a wait, then
    "tomorrow": the form is kept for later. The why may follow in the pause's own clause, no
    comma between ("ntar lg ya min ada orderan", "tunggu dulu ada pembeli").
    """
    clauses = [_read(c, table) for c in _CLAUSE_END.split(t)]
    clauses = [c for c in clauses if c]
    said = [_pause_then_why(c, table, asks) for c in clauses]
    if not all(
        action is not None or set(c) <= table.reasons
        for action, c in zip(said, clauses, strict=True)
    ):
        return None
    return next((action for action in table.paused if action in said), None)


def _pause_then_why(ws: tuple[str, ...], table: _Commands, asks: bool) -> str | None:
    """The pause `ws` opens with when only words of [reasons] follow it, the longest first.

    "ntar lg ya ada orderan" → "later" ("ntar lg ya", then "ada orderan"); "bentar ya lg nyetir"
    → "hold"; "ntar 2jt" → None (an answer follows, no reason).
    """
    for n in range(len(ws), 0, -1):
        if set(ws[n:]) <= table.reasons:
            action = _stripped_command(ws[:n], table, asks)
            if action in table.paused:
                return action
    return None


def _clause_command(t: str, table: _Commands) -> str | None:
    """An action of [clause] one clause of several asks for.

    "bisa pakai bahasa indonesia aja? english saya kurang": the request, then its reason.
    """
    clauses = [c for c in _ANY_CLAUSE.split(t) if c.strip()]
    for clause in clauses if len(clauses) > 1 else ():
        ws = _read(clause, table)
        if (action := _stripped_command(ws, table, True)) in table.clause:
            return action
    return None


def language_asked(text: str) -> str | None:
    """The language a request to switch names ("pakai bahasa indonesia aja ya" → "id").

    >>> language_asked("bisa pakai bahasa indonesia aja? english saya kurang")
    'id'
    >>> language_asked("in english please"), language_asked("bahasa"), language_asked("ok")
    ('en', None, None)
    """
    table = _command_table()
    for clause in _ANY_CLAUSE.split(_clean(text)):
        if command(clause) == "language":
            named = (table.tongues.get(w) for w in _words(clause))
            return next((code for code in named if code), None)
    return None


def _stripped_command(ws: tuple[str, ...], table: _Commands, asks: bool) -> str | None:
    """The action left when openers and closers are dropped from `ws`, one pair at a time."""
    if (action := table.actions.get(ws)) is not None:
        return action
    while ws:
        shorter = _strip_once(ws, table)
        if shorter == ws:
            return None
        ws = shorter
        action = table.actions.get(ws)
        # A question is no command unless the phrase left asks it: "td sampe mana ya".
        if action is not None and (not asks or action in table.asked or is_question(" ".join(ws))):
            return action
    return None


def yes_and_resume(text: str) -> bool:
    """A yes with "lanjut" ("sip lanjut", "iya lanjut"): at a yes-or-no question, its yes.

    A bare "lanjut" (or "lanjut aja") is no yes: it resumes a form (`command`).

    >>> yes_and_resume("sip lanjut"), yes_and_resume("oke lanjut"), yes_and_resume("lanjut")
    (True, True, False)
    >>> yes_and_resume("lanjut aja"), yes_and_resume("setuju lanjut")
    (False, False)
    """
    if command(text) != "resume":
        return False
    table = _command_table()
    words = _read(_clean(text), table)
    rest = [w for w in words if table.actions.get((w,)) != "resume"]
    return bool(rest) and yes_no(" ".join(rest)) is True


def soft_command(action: str | None) -> bool:
    """Whether `action` gives way to a button the words name ("nanti aja" → its "Nanti saja")."""
    return action in _load_commands()["soft"]["actions"]


def offers(ids: Sequence[str]) -> list[str]:
    """The choice ids among `ids` that a yes typed at the menu would take (commands.toml).

    An offer of the answer itself ("Daftar sekarang") stands before those beside it (``aside``:
    the "Atau maksud Anda" entries), which count only when it makes none.

    >>> offers(["faq_more:jht.when", "register", "menu"]), offers(["faq:a", "faq:b", "faq_none"])
    (['register'], ['faq:a', 'faq:b'])
    >>> offers(["register", "menu", "faq:a", "faq:b", "faq_none"])
    ['register']
    """
    table = _load_commands()["offers"]
    taken = [i for i in ids if i.partition(":")[0] in table["ids"]]
    own = [i for i in taken if i.partition(":")[0] not in table.get("aside", [])]
    return own or taken


def withdraws(ids: Sequence[str]) -> str | None:
    """The choice among `ids` that a typed cancel presses (commands.toml, [withdraw]).

    >>> withdraws(["erase_yes", "erase_no"]), withdraws(["menu"])
    ('erase_no', None)
    """
    taken = _load_commands()["withdraw"]["ids"]
    return next((i for i in ids if i in taken), None)


@cache
def _load_commands() -> dict[str, Any]:
    return _load("commands.toml")
