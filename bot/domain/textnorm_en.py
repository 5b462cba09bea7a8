"""Normalise chat English so that the FAQ matcher sees one token per meaning.

English users type "hw much is iuran pls", "cant login jmo", "my dad passed away can we
take his jht". Running that through the Indonesian pipeline keeps "pls" and "passed"
as words and stems nothing. Here English gets its own stopwords, chat abbreviations,
typos, synonyms and Snowball's English stemmer; words it does not know as English still go
through the Indonesian rules (textnorm), because users mix in "iuran", "cair", "ojol".

Domain words map to the same tokens the Indonesian pipeline gives ("withdraw" and
"cairin" both give "cair", "contribution" and "iuran" both give "iur"): the English
index also holds the Indonesian phrasings (bot.knowledge.load_index), and the FAQ
matcher's program and anchor words stay one set. The word tables are data files in
bot/domain/data/textnorm/; pure functions otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.domain import amounts
from bot.domain import textnorm as id_norm
from bot.domain.placenames import is_place
from bot.domain.wordtables import read_map, read_words

# Multi-word phrases first (on the lowercased, punctuation-free text), longest first.
_PHRASES = read_map("textnorm/en_phrases.tsv")

_PHRASE_RE = id_norm.phrase_pattern(_PHRASES)

# Single words: chat spellings, typos, synonyms and words with an Indonesian twin. A value
# is read again by this table (so "hw" -> "how" -> "cara") and then by the Indonesian one.
_WORDS = read_map("textnorm/en_words.tsv")

# Words that carry no meaning for matching. Question words are not here: they are mapped
# to their Indonesian twins above and kept, as in the Indonesian pipeline.
_STOP = read_words("textnorm/en_stopwords.txt")

# Question and function words: a negation reaches past them ("not able to register"). The
# Indonesian ones too, which English words' tokens mostly are ("how" -> "cara").
WEAK = id_norm.WEAK | read_words("textnorm/en_weak.txt")

_ID_AFFIX = re.compile(r"^(?:me|di|ke|pe|be|te|se)|(?:kan|an|nya|lah|kah)$")
_LONG_WORD = 9  # letters; from here any one edit is taken as a typo (two from 10)
_VOWELS = frozenset("aeiou")
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR = {  # keys next to each other on a phone keyboard, in a row or the row below/above
    ch: "".join(
        row[j]
        for r, row in enumerate(_KEYBOARD)
        for j in range(len(row))
        if abs(r - ri) <= 1 and abs(j - ci) <= 1 and (r, j) != (ri, ci)
    )
    for ri, krow in enumerate(_KEYBOARD)
    for ci, ch in enumerate(krow)
}
_REDUP = re.compile(r"\b([a-z]{2,})(?:-\1\b|2\b)")
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
_VOWEL = re.compile(r"[aeiouy]")


def _strip_suffix(word: str) -> str:
    """The word without a plural, -ed or -ing, to look it up in the tables above.

    'claims' -> 'claim', 'covered' -> 'cover', 'stopped' -> 'stop': a dictionary form, which
    a stem ('activities' -> 'activ') is not.
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1] if _VOWEL.search(word[:-1]) else word  # not "bpjs", "cpns"
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and _VOWEL.search(stem):
            if word.endswith("eed"):
                return word
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # "stopped" -> "stop", "getting" -> "get"
            return stem
    return word


_SNOWBALL = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem, so that inflections meet: 'changes' -> 'chang'."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return str(_SNOWBALL.stemWord(word))


@lru_cache(maxsize=1)
def _typo_keys() -> tuple[str, ...]:
    return tuple(k for k in _WORDS if len(k) >= 5)


@lru_cache(maxsize=20_000)
def correct(word: str) -> str | None:
    """The glossary word a likely typo stands for ('contibution' -> 'contribution'), or None.

    Words under 6 letters are left alone ("fried" is not "fired"), and short ones are only
    fixed for the slips thumbs make (a swap, a dropped vowel, a doubled letter, a
    neighbouring key): "contact" is a word, not a typo of "contract".
    """
    if len(word) < 6 or not word.isalpha() or is_place(word):
        return None
    cutoff = 2 if len(word) >= _LONG_WORD + 1 else 1
    hits = process.extract(word, _typo_keys(), scorer=OSA.distance, score_cutoff=cutoff, limit=5)
    for key, _, _ in hits:
        if key[0] != word[0] or key.startswith(word) or word.startswith(key):
            continue  # "officer" is "office" plus a suffix, not a slip
        if len(word) >= _LONG_WORD or _slip(word, key):
            return key
    return None


def _slip(typed: str, meant: str) -> bool:
    """True when one thumb slip turns `meant` into `typed`."""
    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diff) == 2:  # a swap: "withdarw"
            i, j = diff
            return j == i + 1 and typed[i] == meant[j] and typed[j] == meant[i]
        a, b = typed[diff[0]], meant[diff[0]]
        return b in _NEAR.get(a, "") or (a in _VOWELS and b in _VOWELS)  # "benifit"
    longer, shorter = (typed, meant) if len(typed) > len(meant) else (meant, typed)
    i = next(
        (k for k, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter)
    )
    extra = longer[i]
    return extra in _VOWELS or extra in longer[max(i - 1, 0) : i] + longer[i + 1 : i + 2]


def _indonesian(word: str) -> tuple[str, ...]:
    """Tokens of a word the Indonesian rules know: slang, dictionary, affixed words."""
    out: list[str] = []
    for part in id_norm.normalize(word).split():
        if part in id_norm.STOP:
            continue
        for fixed in id_norm.correct(part).split():
            root = id_norm.stem(fixed)
            out.append(id_norm.WORDS.get(root, root))
    return tuple(out)


def _known_indonesian(word: str) -> bool:
    """Slang or a root word of the Indonesian rules (which know some English words too)."""
    return word in id_norm.WORDS or id_norm.is_word(word)


def _affixed_indonesian(word: str) -> bool:
    """An affixed form with a known root: 'pencairan' -> 'cair', 'iurannya' -> 'iur'.

    Only clear Indonesian affixes count: Sastrawi also finds roots in "bali" or "figure".
    """
    root = id_norm.stem(word)
    if root == word:
        return False
    return bool(_ID_AFFIX.search(word)) or (word.endswith("in") and len(root) >= 5)


@lru_cache(maxsize=50_000)
def word_tokens(word: str) -> tuple[str, ...]:
    """Matching tokens of one normalised word (none for a stopword)."""
    if word in _STOP or word in id_norm.STOP:
        return ()
    if word in _WORDS:
        value = _WORDS[word]
        return tuple(t for p in value.split() for t in (word_tokens(p) if p != word else (p,)))
    if not word.isalpha() or _known_indonesian(word):
        return _indonesian(word)
    base = _strip_suffix(word)
    if base != word and (base in _WORDS or _known_indonesian(base)):
        return word_tokens(base)  # "limits" -> "limit", "programs" -> "program"
    if _affixed_indonesian(word):
        return _indonesian(word)
    fixed = correct(word) or correct(base)
    if fixed is not None:
        return word_tokens(fixed)
    return (stem(word),)


@lru_cache(maxsize=20_000)
def normalize(text: str) -> str:
    """Lowercase, de-noise and join known phrases; keeps word order, no stemming."""
    return " ".join(w for w in _marked(text).split() if w != id_norm.SENTENCE_END)


@lru_cache(maxsize=20_000)
def _marked(text: str) -> str:
    """`normalize`'s text with a SENTENCE_END token where a sentence or clause ends."""
    s = amounts.in_digits(unicodedata.normalize("NFKC", text).lower())  # "Rp16.800", "lima puluh"
    s = _APOSTROPHE.sub("", s).replace("&", " and ").replace("/", " ")
    s = _REDUP.sub(r"\1", s)  # "anak-anak", "tanya2" -> "anak", "tanya"; not "job-loss"
    s = id_norm.LONG_REPEAT.sub(_squeeze, s)  # "pleaseee" -> "please"
    found = id_norm.MARKED_TOKEN_RE.findall(s)
    s = " ".join(t if t[0].isalnum() else id_norm.SENTENCE_END for t in found)
    s = id_norm.SPELLED.sub(lambda m: m.group(0).replace(" ", ""), s)  # "j h t" -> "jht"
    s = _PHRASE_RE.sub(lambda m: _PHRASES[m.group(0)], s)
    return id_norm.PHRASE_RE.sub(lambda m: id_norm.PHRASE_TO[m.group(0)], s)


def _squeeze(m: re.Match[str]) -> str:
    """A letter typed 3+ times is two letters when that spells a known word, else one."""
    two = id_norm.REPEAT3.sub(r"\1\1", m.group(0))
    return two if two in _WORDS else id_norm.REPEAT3.sub(r"\1", m.group(0))


@lru_cache(maxsize=20_000)
def tokens(text: str) -> tuple[str, ...]:
    """Matching tokens of an English (or mixed) message: normalised, filtered, stemmed.

    A word a negation reaches is NEGATED + its token, as in Indonesian: "not a fisher" is
    "~nelayan".
    """
    read = ((w, word_tokens(w)) for w in _marked(text).split())
    return id_norm.marked_negations(read, _negations(), WEAK)


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    """The negation words as `normalize` writes them ("don't" is "dont")."""
    return frozenset(normalize(w) for w in read_words("textnorm/en_negation_words.txt"))


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    return frozenset(t for w in (*_WORDS, *_PHRASES.values()) for t in tokens(w))


def is_word(token: str) -> bool:
    """True for tokens that are words we know (never 'typos' of another word)."""
    return token in _vocabulary() or id_norm.is_word(token)
