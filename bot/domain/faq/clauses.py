"""A message as its questions and statements: where one question ends and another begins.

Pure text functions, no index: the two-question reading, the reranker's story features
and the condition step split messages with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from bot.domain.chatwords import is_question
from bot.domain.faq.programmes import is_program_word
from bot.domain.wordtables import read_phrases, read_words

# Sentence ends: a long message is read again on its question sentence(s) alone.
_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")
# Where one question ends and another begins in a message that asks several: a "?" or the end
# of a sentence, or a join word ("terus", "dan") between two clauses that each ask.
_JOINS = "|".join(map(re.escape, read_phrases("textnorm/id_clause_joins.txt")))
_ASKED_END = re.compile(r"(\?+|[.!]+(?=\s|$)|\n+)")
# … or a bare comma between two clauses that each ask ("iurannya berapa, bayarnya dimana?");
# never one inside an amount ("1,5 juta").
_COMMA = re.compile(r"[,;]\s*(?=[^\W\d_])")
# Between two clauses: a join word or a bare comma (re.split keeps it at the odd places).
CLAUSE_JOIN = re.compile(rf"([,;]?\s+(?:{_JOINS})\s+(?=\w)|{_COMMA.pattern})", re.IGNORECASE)
# … and a join word after a comma (", dan"): the comma ends the clause before.
_COMMA_JOIN = re.compile(r"[,;]\s*\w")
# "Kalau JKM?" after a question asks it again about another thing (id_question_followups.txt).
_FOLLOWUPS = sorted(read_phrases("textnorm/id_question_followups.txt"), key=len, reverse=True)
_FOLLOWUP = re.compile(rf"^(?:{'|'.join(map(re.escape, _FOLLOWUPS))})\s+(?=\w)", re.IGNORECASE)
FOLLOWUP_WORDS = 3  # "kalau JHT-nya?"; longer, it is a question of its own
# "Atau …?" after a question is its other half: one question.
_ALTERNATIVE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, read_phrases('textnorm/id_clause_alternatives.txt')))})\b",
    re.IGNORECASE,
)
MAX_QUESTIONS = 3  # a message asking more is a list or a letter: read as one
# A numbered item, "1." or "2)" or "(3)": items numbered 1, 2 … in order are sentences apart.
_NUMBERED = re.compile(r"(?:^|\s+)\(?([1-9])[.)]\s+")
# Joins after which a part asking only by its "?" is a question of its own, if this long.
_QUESTION_JOINS = frozenset(read_words("textnorm/id_question_joins.txt"))
CLAUSE_WORDS = 4
# Words that ask for the papers, way or time of a thing without naming it ("dokumennya apa
# saja"): a question with nothing else asks about what the question before it asks about.
GENERIC_WORDS = read_words("textnorm/id_question_generic.txt")
# … and words that mark a stated clause as one more problem ("saya juga lupa nomor KPJ").
ALSO_WORDS = read_words("textnorm/id_clause_also.txt")


class Asked(NamedTuple):
    """One question of a message asking several, as `FaqIndex.questions_alone` reads it."""

    question: str  # with what the message states before it, and the programs it carries
    names: bool  # it names a program itself
    own: str  # its own words, when all it carries is what the message states
    tied: bool  # it names nothing of its own ("dokumennya apa saja"): read with the one before
    kinds: frozenset[str] = frozenset()  # what its own words ask for (bot.domain.asks)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a message: a question (`asks`) or a statement that gives it context."""

    text: str
    asks: bool


def question_part(text: str, min_words: int) -> str | None:
    """The question sentence(s) of a long message of several sentences, else None.

    The sentences that end in "?", or the last one when none does; a short one keeps the
    sentence before it ("Kemarin saya keserempet motor. Masih ditanggung?").

    >>> question_part("Saya tukang las, tangan saya cacat karena kecelakaan kerja tahun lalu. "
    ...               "Katanya ada program supaya bisa kerja lagi, itu apa?", 14)
    'Katanya ada program supaya bisa kerja lagi, itu apa?'
    >>> question_part("iuran bpu berapa?", 14) is None
    True
    """
    if len(text.split()) < min_words:
        return None
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return None
    asked = [i for i, p in enumerate(parts) if p.endswith("?")] or [len(parts) - 1]
    keep = sorted({j for i in asked for j in ((i - 1, i) if len(parts[i].split()) < 4 else (i,))})
    chosen = " ".join(parts[j] for j in keep if j >= 0)
    return chosen if chosen != " ".join(parts) else None


def own_question(clause: str) -> str:
    """A question clause's own words: after its last comma when what comes before only states.

    >>> own_question("Saya nelayan, daftarnya di mana"), own_question("iuran berapa, bayar di mana")
    ('daftarnya di mana', 'iuran berapa, bayar di mana')
    """
    asked = _COMMA.split(clause)[-1]
    stated = asked != clause and not is_question(clause.removesuffix(asked))
    return asked if stated else clause


def question_clauses(text: str) -> list[Clause]:
    """A message as its questions and statements, in order.

    Sentences end at "?", "." or "!" and a new line; a sentence splits again at a join word
    ("terus", "dan") only between two clauses that each ask by their own words (a question
    word, a yes-or-no tag: bot.domain.chatwords.is_question), so "Bisa klaim ke Jasa Raharja
    dan BPJS TK sekaligus?" stays one. A clause asks by its words or by the "?" it ends with;
    in a message that marks its questions with "?", a sentence ending in "." only states.

    >>> [c.text for c in question_clauses("Berapa lama JKM cair dan dokumennya apa saja?")]
    ['Berapa lama JKM cair', 'dokumennya apa saja']
    >>> question_clauses("Saya nelayan. Iurannya berapa?")
    [Clause(text='Saya nelayan', asks=False), Clause(text='Iurannya berapa', asks=True)]
    """
    clauses: list[Clause] = []
    marked = "?" in text  # then a sentence ending in "." states ("hilang entah ke mana.")
    pieces = _ASKED_END.split(unnumbered(text))
    for sentence, end in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
        parts = CLAUSE_JOIN.split(sentence)
        joined = [parts[0]]
        for before, join, part in zip(parts[:-1:2], parts[1::2], parts[2::2], strict=True):
            # ", dan" after a clause, not after a list's item ("JKK, JKM, dan JHT …").
            after_clause = bool(_COMMA_JOIN.match(join)) and len(before.split()) >= CLAUSE_WORDS
            last = (
                part is parts[-1]
                and "?" in end
                and (join.strip(" ,;").casefold() in _QUESTION_JOINS or after_clause)
                and len(part.split()) >= CLAUSE_WORDS
            )
            asked_again = _asked_again(join, part, "?" in end and part is parts[-1])
            if is_question(joined[-1]) and asked_again:
                joined.append(_about(joined[-1], asked_again))
            elif is_question(joined[-1]) and (is_question(part) or last):
                joined.append(part)
            else:
                joined[-1] += join + part
        for i, part in enumerate(p.strip(" ,;") for p in joined):
            if not part:
                continue
            # … and so does one announcing what follows ("Saya mau tanya: 1) …").
            states = marked and end.strip()[:1] in (".", "!") or part.endswith(":")
            asks = "?" in end and i == len(joined) - 1 or is_question(part) and not states
            again = _asked_again("", part, "?" in end) if clauses and clauses[-1].asks else ""
            if asks and clauses and clauses[-1].asks and _ALTERNATIVE.match(part):
                clauses[-1] = Clause(f"{clauses[-1].text}{end.strip()} {part}", True)
            elif again:
                clauses.append(Clause(_about(clauses[-1].text, again), True))
            else:
                clauses.append(Clause(part, asks))
    return clauses


def unnumbered(text: str) -> str:
    r"""`text` with the numbers of a numbered list made line breaks: one sentence an item.

    A number that does not count items from 1 in order ("umur 56. 2 tahun lalu") stays.

    >>> unnumbered("Mau tanya: 1) iuran berapa 2) daftar di mana")
    'Mau tanya:\niuran berapa\ndaftar di mana'
    """
    numbers = [int(m.group(1)) for m in _NUMBERED.finditer(text)]
    if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)):
        return text
    return _NUMBERED.sub("\n", text)


def _asked_again(join: str, part: str, last: bool) -> str:
    """What a short last question after `join` asks about, else "".

    When it asks the one before it again: "jkk itu apa, kalau jkm?" asks about "jkm".
    """
    said = f"{join.strip(' ,;')} {part}".strip()
    opened = _FOLLOWUP.match(said)
    thing = said[opened.end() :] if opened else ""
    words = thing.split()
    if not last or is_question(thing) or not any(map(is_program_word, words)):
        return ""  # "kalau kecelakaan ditanggung?" is a question of its own
    return thing.strip() if len(words) <= FOLLOWUP_WORDS else ""


def _about(question: str, thing: str) -> str:
    """`question` asked about `thing`: in place of the programs it names, else after it.

    >>> _about("jkk itu apa", "jkm"), _about("iurannya berapa", "JHT")
    ('jkm itu apa', 'iurannya berapa JHT')
    """
    words = question.split()
    kept = [w for w in words if not is_program_word(w)]
    if len(kept) == len(words):
        return f"{question} {thing}"
    at = next(i for i, w in enumerate(words) if w not in kept)
    return " ".join([*kept[:at], thing, *kept[at:]])
