"""Chat words: how every step of every form reads yes/no, questions, commands and typed values.

One module so that registration, eligibility and the officer's forms agree on what "iya
bener", "ga jadi" or "100rb sehari" mean; numbers and amounts are read by their one grammar,
``bot.domain.amounts``. The word tables live in ``data/chatwords/*.toml``
(each file names its source and licence) so that a non-programmer can review and extend them;
they are read once per process. Every function is pure and never raises on odd input.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from bot.domain import amounts
from bot.domain.validation import clean_input
from bot.domain.validation import parse_name as validated_name
from bot.domain.validation import parse_phone as validated_phone
from bot.errors import ValidationError

__all__ = [
    "MAX_AGE",
    "AgeAnswer",
    "Pick",
    "after",
    "age_in_message",
    "acknowledges",
    "closing_yes_no",
    "asks_more",
    "asks_to_register",
    "asks_to_register_here",
    "command",
    "corrected",
    "count_of",
    "dont_know",
    "holds_form_data",
    "is_question",
    "mentions",
    "named",
    "negations",
    "offers",
    "parse_age",
    "parse_name",
    "parse_phone",
    "phrase_value",
    "pick_place",
    "place_key",
    "quantity",
    "read_age",
    "read_paste",
    "name_in_paste",
    "names_place",
    "names_relative",
    "registers_relative",
    "same_words",
    "soft_command",
    "without_courtesies",
    "words",
    "yes_no",
]

_DATA = Path(__file__).parent / "data" / "chatwords"
_MAX_CHARS = 300  # longer messages are never a yes/no answer or a command
_YES_NO_OPENING = 3  # words: the longest yes or no that opens a longer answer ("iya bener sih")
_TOKEN = re.compile(r"(?:^/)?[^\W_]+")
_REPEAT = re.compile(r"([^\W\d_])\1+")  # letters only: "11 bulan" stays eleven
_SLOT = re.compile(r"\{(\w+)\}")
_PUNCTUATION = re.compile(r"[,.;:!?\n]")  # "Ibu, saya …": an address, then the writer


def _load(name: str) -> dict[str, Any]:
    with (_DATA / name).open("rb") as f:
        return tomllib.load(f)


def _fold(word: str) -> str:
    """One spelling for drawn-out words: "iyaaa" → "iya", "siiip" → "sip", "nggak" → "ngak"."""
    return _REPEAT.sub(r"\1", word)


def _clean(text: str) -> str:
    """Case-folded ``clean_input``: NFKC, invisible marks (zero-width, LRM) dropped."""
    return clean_input(text).casefold()


def _words(text: str) -> tuple[str, ...]:
    """The words of a message as the tables compare them, repeated letters folded.

    Lower case, no punctuation or emoji, apostrophes joined ("don't" → "dont"); a leading "/"
    is kept for commands such as "/start".

    >>> _words("Iyaaa, BETUL pak! 👍"), _words("/start")
    (('iya', 'betul', 'pak'), ('/start',))
    """
    t = _clean(text).replace("'", "").replace("\u2019", "")
    return tuple(_fold(_single(w)) for w in _TOKEN.findall(t))


def _single(word: str) -> str:
    """A word said twice the chat way is the word: "iya2" → "iya", "ok2" → "ok"."""
    return word[:-1] if len(word) > 2 and word[-1] == "2" and word[:-1].isalpha() else word


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(_fold(w) for w in text.casefold().split())


# -------------------------------------------------------------------------------- yes / no


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


_CLAUSE_END = re.compile(r"[,.;!]+\s*")


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
    """
    if len(text) > _MAX_CHARS:
        return None
    ends = [m.end() for m in islice(_WORD_END.finditer(text), _YES_NO_OPENING)]
    for end in reversed(ends):
        rest = text[end:].strip(" ,.;:-!")
        if rest and _WORD_END.search(rest) and (said := yes_no(text[:end])) is not None:
            return said, rest
    return None


# ------------------------------------------------------------------------------- questions


@dataclass(frozen=True, slots=True)
class _Questions:
    anywhere: frozenset[str]
    first: frozenset[str]
    pairs: frozenset[tuple[str, str]]  # yes-or-no
    requests: frozenset[tuple[str, str]]  # asking for an explanation
    last: frozenset[str]
    tail_fillers: frozenset[str]
    openings: tuple[tuple[str, ...], ...]
    closings: tuple[tuple[str, ...], ...]
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
        tail_fillers=frozenset(_fold(w) for w in data["tail_fillers"]),
        openings=phrases(data["frame"]["openings"]),
        closings=phrases(data["frame"]["closings"]),
        marks=phrases(data["request"]["opening_marks"]),
    )


def yes_no_pairs() -> frozenset[tuple[str, str]]:
    """The two-word yes-or-no patterns of questions.toml ("bisa ga", "boleh tidak")."""
    return _question_table().pairs


def _asks(ws: tuple[str, ...], table: _Questions, *, yes_no: bool = True) -> bool:
    """Whether these words ask: a question word, a request, a yes-or-no pair or tag.

    `yes_no=False` leaves the pairs and tags out (`asks_more`).
    """
    pairs = list(zip(ws, ws[1:], strict=False))
    if any(w in table.anywhere for w in ws) or any(p in table.requests for p in pairs):
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
    opened = _openings().sub("", text, count=1)
    clauses = _CLAUSE.findall(opened)
    start, end = 0, len(clauses)
    while start < end and _at(_words(clauses[start]), 0, table.closings):
        start += 1  # "terima kasih, saya sudah daftar. kapan kartunya jadi?"
    while end > start and _at(_words(clauses[end - 1]), 0, table.closings):
        end -= 1
    rest = "".join(clauses[start:end]).strip()
    greeted = opened != text and len(_words(rest)) >= _STATEMENT_WORDS
    return _without_first(rest if rest and (is_question(rest) or greeted) else text)


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


# -------------------------------------------------------------------------------- commands


@dataclass(frozen=True, slots=True)
class _Commands:
    same: dict[str, str]
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
    )


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
    """
    t = _clean(text)
    if len(t) > _MAX_CHARS:
        return None
    table = _command_table()
    ws = tuple(table.same.get(w, w) for w in _words(t))
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
        *why, last = [tuple(table.same.get(w, w) for w in _words(c)) for c in _CLAUSE_END.split(t)]
        if why and all(set(c) <= table.excuses for c in why):
            found = _stripped_command(last, table, asks)
    if found in table.not_actions and table.not_command.intersection(ws):
        return None  # "gk jadi, jkk jkm jht aja": a change of the programs
    return found


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
        if action is not None and (not asks or is_question(" ".join(ws))):
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
    words = (table.same.get(w, w) for w in _words(_clean(text)))
    rest = [w for w in words if table.actions.get((w,)) != "resume"]
    return bool(rest) and yes_no(" ".join(rest)) is True


def soft_command(action: str | None) -> bool:
    """Whether `action` gives way to a button the words name ("nanti aja" → its "Nanti saja")."""
    return action in _load_commands()["soft"]["actions"]


def offers(ids: Sequence[str]) -> list[str]:
    """The choice ids among `ids` that a yes typed at the menu would take (commands.toml).

    >>> offers(["faq_more:jht.when", "register", "menu"]), offers(["faq:a", "faq:b", "faq_none"])
    (['register'], ['faq:a', 'faq:b'])
    """
    taken = _load_commands()["offers"]["ids"]
    return [i for i in ids if i.partition(":")[0] in taken]


@cache
def _load_commands() -> dict[str, Any]:
    return _load("commands.toml")


# ------------------------------------------------------------------------------ step words


@cache
def _steps() -> dict[str, Any]:
    return _load("steps.toml")


def _node(table: str) -> Any:
    node: Any = _steps()
    for part in table.split("."):
        node = node[part]
    return node


@lru_cache(maxsize=64)
def _step_phrases(table: str) -> tuple[tuple[str, ...], ...]:
    node = _node(table)
    return tuple(_phrase(p) for p in (node["words"] if isinstance(node, dict) else node))


def _at(ws: tuple[str, ...], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """The length of the longest phrase that starts at word ``i``, else 0."""
    return max((len(p) for p in phrases if ws[i : i + len(p)] == p), default=0)


@cache
def _voice_marks() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    data = _load("voice.toml")
    end, between = data["end"], data["between"]

    def words(table: dict[str, str]) -> str:
        return "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))

    return (
        re.compile(rf"\s+({words(end)})[\s.]*$", re.IGNORECASE),
        end,
        re.compile(rf"(?<=\w)\s+({words(between)})\s+(?=\w)", re.IGNORECASE),
        between,
    )


def spoken_marks(text: str) -> str:
    """Punctuation voice typing wrote out as a word, as the mark (data/chatwords/voice.toml).

    >>> spoken_marks("nama saya budi santoso titik"), spoken_marks("dalung koma kuta utara")
    ('nama saya budi santoso.', 'dalung, kuta utara')
    >>> spoken_marks("Titik Suryani")
    'Titik Suryani'
    """
    end_re, end, between_re, between = _voice_marks()
    text = end_re.sub(lambda m: end[m.group(1).casefold()], text)
    return between_re.sub(lambda m: between[m.group(1).casefold()] + " ", text)


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
    t = clean_input(text)
    if len(t) > _MAX_CHARS or is_question(t):
        return None
    if not (mentions(t, "corrects") or mentions(t, "change_mind")):
        return None
    spans = list(_WORD_SPAN.finditer(t))
    ws = tuple(_fold(m[0].casefold()) for m in spans)
    fields = _node("corrects.fields")
    for i in range(len(ws)):
        found = max(
            ((_at(ws, i, _step_phrases(f"corrects.fields.{key}")), key) for key in fields),
            default=(0, ""),
        )
        if found[0]:
            break
    else:
        return None
    n, key = found
    skip, instead = _step_phrases("corrects.skip"), _step_phrases("corrects.instead")
    start = i + n
    while start < len(ws) and _at(ws, start, skip):
        start += _at(ws, start, skip)
    end = next(
        (j for j in range(start + 1, len(ws)) if _at(ws, j, instead)), len(spans)
    )  # "43 bukan 34": the old answer after the new
    if start >= len(spans):
        wrong = _step_phrases("corrects.wrong")
        return (key, "") if any(_at(ws, j, wrong) for j in range(i + n, len(ws))) else None
    stop = spans[end].start() if end < len(spans) else len(t)
    return key, t[spans[start].start() : stop].strip(" ,.;:-")


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


def asks_to_register(text: str) -> bool:
    """A request to register in a sentence: a want, then what, or a phrase of its own.

    >>> asks_to_register("Dengan hormat, saya ingin mendaftar sebagai peserta")
    True
    >>> asks_to_register("I would like to register"), asks_to_register("mau tanya iuran")
    (True, False)
    """
    ws = _words(text[:_MAX_CHARS])  # a long story that opens with "mau daftar." asks it too
    wants, joiners = _step_phrases("register.wants"), _step_phrases("register.joiners")
    what, phrases = _step_phrases("register.what"), _step_phrases("register.phrases")
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


# --------------------------------------------------------------------------------- amounts


def period_alone(text: str) -> str | None:
    """The period a message names with no amount ("sebulan", "per hari pak"), else None.

    Day, week, month or year: the unit of an amount sent just before it, as two messages at
    once ("2jt", "sebulan").

    >>> period_alone("sebulan"), period_alone("Per hari pak"), period_alone("2jt sebulan")
    ('month', 'day', None)
    """
    if len(text) > _MAX_CHARS:
        return None
    fillers = _yes_no_table().filler
    tokens = [t for t in amounts.tokens(text) if _fold(t) not in fillers]
    periods = amounts.table().periods
    return periods.get(tuple(tokens)) if tokens else None


def figure_alone(text: str) -> str | None:
    """The figure a message is and nothing else, with its scale or period if any, else None.

    With no form asking, "35" may be an age, an income or a count of months: the index took
    it for an answer of its own. The figure is given as read, without what surrounds it.

    >>> [figure_alone(t) for t in ("35!", "2,5jt", "Rp 100rb sehari", "dua juta")]
    ['35', '2,5 jt', 'rp 100 rb sehari', 'dua juta']
    >>> [figure_alone(t) for t in ("umur 35", "sebulan", "0,89%", "3 anak")]
    [None, None, None, None]
    """
    if len(text) > _MAX_CHARS:
        return None
    table = amounts.table()
    fillers = _yes_no_table().filler
    tokens = [t for t in amounts.tokens(text) if _fold(t) not in fillers]
    figures = {t for t in tokens if t[0].isdigit() or t in table.numbers or t in table.tens}
    rest = tuple(t for t in tokens if t not in figures | table.scales.keys() | table.currency)
    alone = figures and (not rest or rest in table.periods)
    return " ".join(tokens) if alone else None


def with_period(text: str, amount: object) -> str | None:
    """The amount just answered with the period sent right after it, as one answer, else None.

    A form's income field amends its answer with it (`Field.amended`): "100rb", then "sehari".

    >>> with_period("sehari", "100000"), with_period("2jt", "100000"), with_period("sehari", None)
    ('100000 sehari', None, None)
    """
    return f"{amount} {text}" if amount is not None and period_alone(text) else None


def dont_know(text: str) -> bool:
    """Whether the person says they do not know, or that it varies ("ga tau", "UMR").

    >>> dont_know("gak tahu kak"), dont_know("tergantung musim"), dont_know("2 juta")
    (True, True, False)
    """
    t = _clean(text)
    if len(t) > _MAX_CHARS:
        return False
    ws = _words(t)
    unsure = {p for p, said in _yes_no_table().phrases.items() if said == "unsure"}
    if any(ws[i : i + len(p)] == p for p in unsure for i in range(len(ws))):
        return True
    return bool(amounts.matches(amounts.tokens(t), amounts.table().varies))


# ------------------------------------------------------------------------------------ ages

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


# ------------------------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class _NameWords:
    opener: re.Pattern[str]
    closer: re.Pattern[str]
    not_name: frozenset[str]


def _alternatives(items: list[str]) -> str:
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))
    return "|".join(escaped)


@cache
def _name_table() -> _NameWords:
    data = _load("names.toml")
    return _NameWords(
        opener=re.compile(
            rf"^(?:{_alternatives(data['openers']['words'])})(?![^\W\d_])[\s:,.\-]*",
            re.IGNORECASE,
        ),
        closer=re.compile(
            rf"(?<![^\W\d_])(?:{_alternatives(data['closers']['words'])})[\s.,!]*$",
            re.IGNORECASE,
        ),
        not_name=frozenset(_fold(w) for w in data["not_name"]["words"]),
    )


_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+")  # emoji and pictographs
_EMOJI_ENDS = re.compile(rf"^(?:{_EMOJI.pattern}|\s)+|(?:{_EMOJI.pattern}|\s)+$")


_NAME_END = re.compile(r"(?<=[^\W\d_]{4})[.!]+$")


def parse_name(text: str) -> str | None:
    """A person's name without "nama saya", "sy" or a closing "pak", spelled as on a KTP.

    None when nothing is left, when it holds digits (a NIK or phone at the wrong step), or
    when the message is a yes/no, a command or a question rather than a name.

    >>> parse_name("nama saya sri wahyuni"), parse_name("sy Budi Santoso pak")
    ('Sri Wahyuni', 'Budi Santoso')
    >>> parse_name("Nama Sinaga"), parse_name("3201011508950001"), parse_name("ok")
    ('Nama Sinaga', None, None)
    >>> parse_name("Siti Aminah 🙏"), parse_name("Nama saya Siti Rahmawati."), parse_name("Ibu Sri")
    ('Siti Aminah', 'Siti Rahmawati', 'Sri')
    >>> parse_name("Benar, saya tinggal di Kabupaten Badung."), parse_name("sy tinggal di dalung")
    (None, None)
    """
    t = _EMOJI_ENDS.sub("", clean_input(text))  # "Siti Aminah 🙏": the name, not the emoji
    t = _NAME_END.sub("", t)  # "Nama saya Siti Rahmawati.": a sentence's end, not "S.Pd."
    if len(t) > _MAX_CHARS or is_question(t) or yes_no(t) is not None or command(t):
        return None
    table = _name_table()
    for _ in range(3):
        t = table.opener.sub("", t, count=1).strip()
        t = table.closer.sub("", t, count=1).strip()
    if any(w in table.not_name for w in _words(t)):  # "Tinggal di Dalung": a sentence
        return None
    try:
        return validated_name(t)
    except ValidationError:
        return None


def gives_name(text: str) -> bool:
    """Whether a message is a name, typed at a step that asked something else (the consent).

    Labelled ("nama saya budi", "nama: Budi"), or two to five words each opening with a
    capital, as on a KTP ("Budi Santoso", "SITI AMINAH"); not "oh gitu" or "baca dulu".

    >>> gives_name("Budi Santoso"), gives_name("nama saya budi"), gives_name("oh gitu")
    (True, True, False)
    """
    if parse_name(text) is None:
        return False
    t = clean_input(text).strip()
    table = _paste_labels()
    if label := table.label.match(t):
        return table.kinds.get(" ".join(label.group().casefold().strip(" :=-").split())) == "name"
    words = t.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def name_in_paste(text: str) -> str | None:
    """The name of a message that pastes the other data after it, else None.

    >>> name_in_paste("nama Siti Aminah nik 3201014101800002 lahir 1980 desa Cikole")
    'Siti Aminah'
    >>> name_in_paste("Siti Aminah"), name_in_paste("nik 3201014101800002")
    (None, None)
    >>> name_in_paste("Wayan 123")
    """
    return read_paste(text, date.max).get("name")


# ------------------------------------------------------------------------------- pasted data


@dataclass(frozen=True, slots=True)
class _PasteLabels:
    label: re.Pattern[str]
    kinds: dict[str, str]  # a label as typed (folded, one space) -> what it labels
    kept: frozenset[str]


_PASTE_KINDS = (
    "name",
    "nik",
    "birth",
    "phone",
    "village",
    "district",
    "regency",
    "work",
    "income",
    "programs",
    "period",
)
_FIGURES = frozenset({"nik", "birth", "phone", "income"})  # labels a digit must follow
_ALONG = frozenset({"programs", "period"})  # read with a paste's data, never a paste alone
_NIK_RUN = re.compile(r"(?<![\d+])\d(?:[ .\-]?\d){15}(?![\d])")
_PHONE_RUN = re.compile(r"(?<![\d])(?:\+?62|0)[ \-]?8(?:[ \-]?\d){7,11}(?![\d])")
_FIGURE = re.compile(r"\d")


@cache
def _paste_labels() -> _PasteLabels:
    data = _load("paste.toml")
    kinds = {" ".join(w.casefold().split()): k for k, ws in data["labels"].items() for w in ws}
    return _PasteLabels(
        label=re.compile(
            rf"(?<![^\W_])(?:{_alternatives(list(kinds))})(?![^\W\d_])[\s:=.\-]*",
            re.IGNORECASE,
        ),
        kinds=kinds,
        kept=frozenset(data["kept"]["words"]),
    )


def read_paste(text: str, today: date, *, least: int = 2) -> dict[str, str]:
    """The data of a message that pastes several at once, by kind; {} for fewer than `least`.

    Kinds: name, nik, birth (ISO date), phone (E.164), village, district, regency, work,
    income (the words of the amount), programs, period (their words). A label
    (data/chatwords/paste.toml) opens each value; a 16-digit NIK, a mobile number and a full
    date are found without one. The name may come
    first without its label. Values are read, never judged: each step checks its own.

    >>> read_paste("nama Siti Aminah nik 3201 2345 6789 0123 lahir 12-03-1980", date(2026, 1, 1))
    {'name': 'Siti Aminah', 'nik': '3201234567890123', 'birth': '1980-03-12'}
    >>> read_paste("Budi" + chr(10) + "WA: 0812-3456-7890", date(2026, 1, 1))
    {'name': 'Budi', 'phone': '+6281234567890'}
    >>> read_paste("desa Dalung", date(2026, 1, 1)), read_paste("2jt sebulan", date(2026, 1, 1))
    ({}, {})
    >>> read_paste("iuran jkk brp sih", date(2026, 1, 1))
    {}
    """
    if len(text) > _MAX_CHARS * 2:
        return {}
    table = _paste_labels()
    cuts: list[tuple[int, int, str]] = []  # where each label starts, where its value starts
    matches = list(table.label.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        said = " ".join(m.group().casefold().strip(" :=-").split())
        kind = table.kinds.get(said) or table.kinds.get(said.rstrip("."))
        if kind is None or (kind in _FIGURES and not _FIGURE.search(text[m.end() : end])):
            continue
        cuts.append((m.start(), m.start() if said in table.kept else m.end(), kind))
    found: dict[str, str] = {}
    figure = re.search(r"\+?\d", text)  # "Budi Santoso 5103…": the name before the figures
    first = min(cuts[0][0] if cuts else len(text), figure.start() if figure else len(text))
    for i, (_, start, kind) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        value = _OTHER_LINE.split(text[start:end])[0].strip(" ,;:-.\n")  # not "Agama : …"
        if value and kind not in found:
            found[kind] = value
    if address := found.pop("address", None):
        found.setdefault("village", address)
    # The name may open the message unlabelled; a labelled one wins ("Data pendaftar:" heads a
    # list whose "Nama : …" line holds it).
    if first and "name" not in found and (name := parse_name(text[:first].strip(" ,;:-\n"))):
        found["name"] = name
    _read_figures(found, text, today)
    enough = len(found.keys() - _ALONG) >= least  # "iuran jkk brp sih" is no paste
    return {k: found[k] for k in _PASTE_KINDS if k in found} if enough else {}


#: A line of another label than ours ("Kewarganegaraan : WNI" after "Pekerjaan : …"), or a
#: list's next numbered line ("1. Nama : I Made Suarta" then "2. NIK : …"): a value ends before it.
_OTHER_LINE = re.compile(r"\s*\n(?:[^\n:]{1,30}:|\s*\d{1,2}[.)]\s)")


def holds_form_data(text: str, today: date) -> bool:
    """Whether a message is a form's data rather than words: a NIK, a mobile number, a paste.

    >>> day = date(2026, 1, 1)
    >>> holds_form_data("5103 0615 0895 0001", day), holds_form_data("0812-3456-7890", day)
    (True, True)
    >>> holds_form_data("iuran 16800", day)
    False
    """
    if len(text) > _MAX_CHARS * 2:
        return False
    return bool(_NIK_RUN.search(text) or parse_phone(text) or read_paste(text, today))


def _read_figures(found: dict[str, str], text: str, today: date) -> None:
    """Check the figures' values and find the unlabelled ones by their shape, in place."""
    if name := parse_name(found.pop("name", "")):
        found["name"] = name
    nik = _NIK_RUN.search(found.get("nik", "")) or _NIK_RUN.search(text)
    found.pop("nik", None)
    if nik:
        found["nik"] = re.sub(r"\D", "", nik.group())
    rest = _NIK_RUN.sub(" ", text)
    phone = _PHONE_RUN.search(_NIK_RUN.sub(" ", found.pop("phone", ""))) or _PHONE_RUN.search(rest)
    if phone and (e164 := parse_phone(phone.group())):
        found["phone"] = e164
    born = _birth_date(found.pop("birth", ""), today) or _birth_date(
        _PHONE_RUN.sub(" ", rest), today
    )
    if isinstance(born, date):
        found["birth"] = born.isoformat()
    work = found.get("work", "")
    if "income" not in found and (figure := _FIGURE.search(work)):  # "jualan sayur 2jt sebulan"
        found["work"], found["income"] = (
            work[: figure.start()].strip(" ,;:-"),
            work[figure.start() :],
        )
    if not found.get("work"):
        found.pop("work", None)


# ------------------------------------------------------------------------------- phones


def parse_phone(text: str) -> str | None:
    """A mobile number as E.164 ("+62…"), or None (a landline, a foreign number, two numbers).

    Reads "0812 3456 7890", "0812-3456-7890", "+62 812…" and "62812…" through
    ``bot.domain.validation.parse_phone``, which checks the number against lokal's plan.

    >>> parse_phone("0812-3456-7890"), parse_phone("(021) 555-1234"), parse_phone("081234567890 📱")
    ('+6281234567890', None, '+6281234567890')
    """
    try:
        return validated_phone(_EMOJI.sub("", text))  # "081234567890 📱"
    except ValidationError:
        return None


# ------------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Pick:
    """The place a typed name most likely means, and whether to ask before taking it.

    ``confirm`` is False only when the text matched one name exactly and no other name is
    close; ``alternatives`` are the other close names, best first, for buttons.
    """

    index: int
    score: float
    confirm: bool
    alternatives: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Places:
    prefixes: tuple[tuple[str, ...], ...]  # longest first
    suffixes: tuple[tuple[str, ...], ...]  # longest first
    abbreviations: dict[str, str]
    min_score: float
    close_score: float


@cache
def _place_table() -> _Places:
    data = _load("places.toml")
    prefixes = {tuple(_TOKEN.findall(w.casefold())) for w in data["prefixes"]["words"]}
    suffixes = {tuple(_TOKEN.findall(w.casefold())) for w in data["suffixes"]["words"]}
    return _Places(
        prefixes=tuple(sorted(prefixes, key=len, reverse=True)),
        suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        abbreviations=dict(data["abbreviations"]),
        min_score=float(data["min_score"]),
        close_score=float(data["close_score"]),
    )


def _unaccented(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def place_key(text: str) -> str:
    """A place name as compared, typed or official: the one normaliser of place names.

    Lower case, no accents or punctuation, no "kec."/"desa" in front nor "village" after it
    ("Dalung village", as English chats write it), short forms written out ("utr" → "utara").

    >>> place_key("Kec. Kuta Utr"), place_key("tinggal di Desa Dalung"), place_key("Kota")
    ('kuta utara', 'dalung', 'kota')
    """
    ws = _TOKEN.findall(_unaccented(_clean(text)).replace("'", ""))
    table = _place_table()
    stripped = True
    while stripped:
        stripped = False
        for p in table.prefixes:
            if len(ws) > len(p) and tuple(ws[: len(p)]) == p:
                ws, stripped = ws[len(p) :], True
                break
        for p in table.suffixes:
            if len(ws) > len(p) and tuple(ws[-len(p) :]) == p:
                ws, stripped = ws[: -len(p)], True
                break
    return " ".join(table.abbreviations.get(w, w) for w in (w.lstrip("/") for w in ws))


def names_place(text: str) -> bool:
    """Whether `text` names a place, beyond the words before a name ("tinggal di", "desa").

    >>> names_place("desa cibinong"), names_place("saya tinggal di"), names_place("di")
    (True, False, False)
    """
    return place_key(f"{text} {_NAMELESS}") != _NAMELESS


_NAMELESS = "zzz"  # a word no prefix is: what place_key leaves of the prefixes alone


@lru_cache(maxsize=64)
def _place_keys(names: tuple[str, ...]) -> list[str]:
    """The keys of a list of names; forms offer the same few lists again and again."""
    return [place_key(name) for name in names]


_MAX_ALTERNATIVES = 4


def pick_place(typed: str, names: Sequence[str]) -> Pick | None:
    """The name in ``names`` that ``typed`` means (rapidfuzz WRatio), or None if none is near.

    >>> names = ["Kotabaru Hulu", "Kotabaru Hilir"]
    >>> pick = pick_place("kec. kotabaru hilr", names)
    >>> pick.index, pick.confirm, pick.alternatives
    (1, True, (0,))
    >>> pick_place("Kotabaru Hilir", names).confirm
    False
    >>> pick_place("Jakarta", names) is None
    True

    An exact name that is part of a longer one is confirmed, the longer one offered: "benoa"
    is how Tanjung Benoa is called too, "kerobokan" Kerobokan Kaja.

    >>> pick = pick_place("benoa", ["Benoa", "Tanjung Benoa", "Jimbaran"])
    >>> pick.index, pick.confirm, pick.alternatives
    (0, True, (1,))
    """
    if len(typed) > _MAX_CHARS or not names:
        return None
    key = place_key(typed)
    if sum(ch.isalpha() for ch in key) < 3:
        return None
    table = _place_table()
    keys = _place_keys(tuple(names))
    scored = process.extract(
        key, keys, scorer=fuzz.WRatio, score_cutoff=table.min_score, limit=_MAX_ALTERNATIVES + 2
    )
    exact = [i for i, k in enumerate(keys) if k == key]
    ranked = exact + [i for _, _, i in scored if i not in exact]
    score = {i: s for _, s, i in scored} | dict.fromkeys(exact, 100.0)
    if not ranked:
        return None
    best = ranked[0]
    near = max(table.close_score, score[best] - 5) if not exact else table.close_score
    alternatives = tuple(i for i in ranked[1:] if score[i] >= min(near, table.close_score))
    longer = tuple(i for i, k in enumerate(keys) if exact and _within(key, k))
    alternatives = longer + tuple(i for i in alternatives if i not in longer)
    # The exact name is taken though a neighbour's is close ("Kotabaru Hilir" beside "Kotabaru
    # Hulu"), unless it is part of the neighbour's; a near one is confirmed; two of the same
    # name are a choice.
    confirm = not exact or len(exact) > 1 or bool(longer)
    return Pick(best, score[best], confirm, alternatives[:_MAX_ALTERNATIVES])


def _within(key: str, other: str) -> bool:
    """Whether the words of `key` stand in the longer name `other` ("benoa", "tanjung benoa")."""
    return key != other and f" {key} " in f" {other} "
