"""Normalise chat Indonesian so that the FAQ matcher sees one spelling per word.

Workers type on WhatsApp: "gmn cara cairin jht sy klo udh resign gk kerja lg??",
"bpjs tk", "bangettt", "lima puluh enam". This module lowercases, strips punctuation,
squeezes repeated letters, expands slang and abbreviations, writes amounts and number
words as digits (bot.domain.amounts: "Rp42 juta" and "42jt" read the same), drops filler
words and stems with PySastrawi (cached: stemming is the slow part).
The word tables are data files in bot/domain/data/textnorm/ (read once at import). They
and the patterns are public because textnorm_en reads the Indonesian words that English
users mix in with them. Pure functions otherwise.

Licence note: PySastrawi's code is MIT, but the root-word dictionary it ships (used here by
`stem` and `is_word`) comes from Kateglo under CC-BY-NC-SA 3.0, which forbids commercial use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from bot.domain import amounts
from bot.domain.chatwords import negations, yes_no_pairs
from bot.domain.placenames import is_place
from bot.domain.wordtables import read_map, read_words

# Multi-word phrases first (matched on the lowercased, punctuation-free text).
PHRASE_TO = read_map("textnorm/id_phrases.tsv")


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of `phrases` as whole words; the longest wins ("bukan penerima upah")."""
    return re.compile(
        r"\b(?:" + "|".join(sorted(map(re.escape, phrases), key=len, reverse=True)) + r")\b"
    )


PHRASE_RE = phrase_pattern(PHRASE_TO)

# Single-token slang, abbreviations, regional words and common typos.
WORDS = read_map("textnorm/id_words.tsv")

# Affixed words that are not typos of a near word, with their root ("menunggu" -> "tunggu",
# never "menunggak").
STEMS = read_map("textnorm/id_stems.tsv")

# Words that say "can" before an affixed verb ("dapat mendaftar"), "get" before a noun.
MODAL = read_map("textnorm/id_modal.tsv")
_VERB_PREFIX = re.compile(r"^(?:di|me|be|te)[a-z]")
# … and the adverbs that may stand between the two ("dapat langsung dicairkan").
MODAL_ADVERBS = read_words("textnorm/id_modal_adverbs.txt")

# Words that end a yes/no question ("bisa daftar ga"): there they ask, they do not negate.
QUESTION_TAGS = read_words("textnorm/id_question_tags.txt")
# … and the words that, right after one, show it asks mid-sentence ("ada STMB ga dari BPJS?").
TAG_FOLLOWERS = read_words("textnorm/id_question_tag_followers.txt")

# Words that open a person's name: a capitalised word after one is never typo-fixed.
HONORIFICS = read_words("textnorm/id_honorifics.txt")

# Words that carry no meaning for matching (after slang expansion, before stemming).
STOP = read_words("textnorm/id_stopwords.txt")
# Question words kept on purpose: they separate "berapa" (amount) from "kapan" (when).

# Question and function words ("bisa", "harus"): a negation reaches past them (and past a word
# whose root is a stop word: "mempunyai"), they stay as said.
WEAK = read_words("textnorm/id_weak.txt")

# A word a negation reaches is read as its own token: "meninggal bukan karena kecelakaan kerja"
# reads "~karena ~jkk", no work accident, and matches phrasings that negate it alike.
NEGATED = "~"
UNNEGATED = read_words("textnorm/id_unnegated.txt")  # names end it: "tidak punya BPJS TK"
NEGATION_REACH = 2  # words a negation reaches, question and function words not counted

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?")
# A sentence or clause end (. ? ! ;), kept through normalising as a token of its own (never in
# `normalize`'s text): a negation reaches no word past it ("belum di-PHK. Bisa klaim JKP?").
# Not the comma: on the readable sets it fixed one row ("tidak keluar, buruh bisa klaim") but
# flipped a stated-condition row's reranked answer (trained on tokens without it).
SENTENCE_END = "."
MARKED_TOKEN_RE = re.compile(_TOKEN_RE.pattern + r"|[.?!;]+|,")
REPEAT3 = re.compile(r"([a-z])\1{2,}")
LONG_REPEAT = re.compile(r"[a-z]*([a-z])\1{2,}[a-z]*")
_REDUP = re.compile(r"\b([a-z]{2,})(?:-|2\b)\1?")
_CLITIC = re.compile(r"-(?:nya|ku|mu)\b")  # "SPT-nya", "JHT-ku": the word itself
# Words that may carry an affix Sastrawi removes; others are returned as they are.
_AFFIXED = re.compile(
    r"^(?:di|ke|ki|ku|ka|se|be|me|mi|pe|te|le|de|re)|(?:lah|kah|tah|pun|ku|mu|nya|i|kan|an)$"
)
# Voice typing spells abbreviations out: "j h t", "b p j s".
SPELLED = re.compile(r"\b[a-z](?: [a-z]\b)+")
# Program names and domain words that people glue a possessive to: "jhtku", "kpjnya".
_DOMAIN = frozenset(("jht jkk jkm jp jkp kpj bpu jmo bsu mlt pmi plkk bpjs bpjstk").split())
_GLUED = {base + suffix: base for base in _DOMAIN for suffix in ("nya", "ku", "mu", "ne", "e")}


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    words = _stemmer().delegatedStemmer.dictionary.words  # type: ignore[attr-defined]
    return frozenset(words)


def is_word(token: str) -> bool:
    """True for Indonesian root words (Sastrawi's dictionary): these are never 'typos'."""
    return token in _dictionary() or token in WORDS.values()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Sastrawi stem of one lowercase word, memoised; digits and short words pass through."""
    if len(word) <= 3 or not word.isalpha() or word in _dictionary() or is_place(word):
        return word  # "bekasi" is a city, not "bekas"
    # Chat morphology Sastrawi does not know, kept only when it yields a dictionary root:
    # Jakarta "-in" for "-kan" ("dilaporin", "gabungin"), Javanese "-ne"/"-e" ("carane").
    for cut, glue in (("innya", "kan"), ("in", "kan"), ("ne", ""), ("e", "")):
        if len(word) - len(cut) >= 4 and word.endswith(cut):
            root = stem(word[: -len(cut)] + glue) if glue else word[: -len(cut)]
            if root in _dictionary():
                return root
    if not _AFFIXED.search(word):  # Sastrawi would try every rule and keep it: ~0.5 ms saved
        return word
    result: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    if result == word and word.endswith("nya") and len(word) >= 9:
        # "kadaluarsanya": a possessive on a word Sastrawi does not know. Short slang keeps it
        # ("balesnya" is a complaint about the bot, not the filler "bales").
        return stem(word[:-3])
    return result or word


def _squeeze(m: re.Match[str]) -> str:
    """A letter typed 3+ times is one letter, or two when that spells a known word."""
    two = REPEAT3.sub(r"\1\1", m.group(0))
    return two if two in WORDS else REPEAT3.sub(r"\1", m.group(0))


@lru_cache(maxsize=20_000)
def normalize(text: str) -> str:
    """Lowercase, de-slang and de-noise a message; keeps word order, no stemming."""
    return " ".join(w for w in _marked(text).split() if w != SENTENCE_END)


@lru_cache(maxsize=20_000)
def _marked(text: str) -> str:
    """`normalize`'s text with a SENTENCE_END token where a sentence or clause ends."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = amounts.in_digits(s)  # "Rp16.800", "42jt", "lima puluh enam": before "rp2" reads "rp"
    s = s.replace("&", " dan ").replace("/", " ")
    s = _REDUP.sub(r"\1", _CLITIC.sub("", s))  # "tanya2" / "anak-anak" -> "tanya" / "anak"
    s = LONG_REPEAT.sub(_squeeze, s)  # "bangettt" -> "banget", "apaaan" -> "apaan"
    found = _with_ends(MARKED_TOKEN_RE.findall(s))
    s = SPELLED.sub(lambda m: m.group(0).replace(" ", ""), " ".join(found))
    s = _modals(_phrases_fixed(s))  # before phrases: "dapat menjadi peserta" is "bisa daftar"
    s = PHRASE_RE.sub(lambda m: PHRASE_TO[m.group(0)], s)
    words: list[str] = []
    for w in s.split():
        if len(w) > 3 and w[-1] == w[-2] and w[-1] in "aiueohkgn" and w not in WORDS:
            w = w[:-1]  # "gimanaa", "dongg", "yukk"
        if w not in WORDS and w.endswith("nya") and w[:-3] in WORDS:
            w = w[:-3]  # "dapetnya", "ngeceknya"
        w = WORDS.get(w, w)
        words.extend(w.split())
    return " ".join(words)


def _with_ends(tokens: list[str]) -> Iterator[str]:
    """The tokens, each sentence end as SENTENCE_END, and a comma only after a question tag.

    A comma leaves a negation's reach open ("tidak kerja, tidak usaha"), but after a tag it
    closes a question: "ditanggung ga, iurannya brp?" asks no "tidak iuran".
    """
    before = ""
    for t in tokens:
        if t == ",":
            if WORDS.get(before, before) in QUESTION_TAGS:
                yield SENTENCE_END
        else:
            yield t if t[0].isalnum() else SENTENCE_END
        before = t


def _modals(text: str) -> str:
    """`text` with each MODAL word before an affixed verb as the word that says "can".

    "dapat dicairkan" is "bisa dicairkan", and so is "dapat langsung dicairkan" (one MODAL_ADVERBS
    word between); the verb's stem must differ from it: "diskon" and "berapa" are words of their
    own, and "dapat diskon" is still what one gets.
    """
    words = text.split()
    for i, w in enumerate(words[:-1]):
        after = words[i + 1]
        if after in MODAL_ADVERBS and i + 2 < len(words):
            after = words[i + 2]
        if w in MODAL and _VERB_PREFIX.match(after) and stem(after) != after:
            words[i] = MODAL[w]
    return " ".join(words)


def _untagged(words: list[str]) -> list[str]:
    """The words without a question tag: at their end, mid-sentence or in a yes-or-no pair.

    "bisa daftar ga" asks "bisa daftar?"; "boleh ga dilaporin …" asks too, it says no "tidak".
    A tag ends a sentence ("bisa ikut gak? trus iurannya brp"); SENTENCE_END tokens are kept.
    Mid-sentence, a tag after a word it asks of and before a TAG_FOLLOWERS word asks too: "ada
    STMB ga dari BPJS?" names BPJS, "cair ga kalo masih kerja" says no "tidak kerja".
    """
    at: list[int] = []  # the kept words' places
    for sentence in _sentences(words):
        end = len(sentence)
        while end and words[sentence[end - 1]] in STOP:
            end -= 1
        if end > 2 and words[sentence[end - 1]] in QUESTION_TAGS:
            del sentence[end - 1]
        at.extend(i for k, i in enumerate(sentence) if not _asks_mid(words, sentence, k))
    pairs = _yes_no_pairs()
    kept = {j for k, j in enumerate(at) if k == 0 or (words[at[k - 1]], words[j]) not in pairs}
    return [w for i, w in enumerate(words) if i in kept or w == SENTENCE_END]


def _asks_mid(words: list[str], sentence: list[int], k: int) -> bool:
    """Whether the sentence's k-th word is a tag asking mid-sentence (see `_untagged`)."""
    if not 0 < k < len(sentence) - 1 or words[sentence[k]] not in QUESTION_TAGS:
        return False
    before, after = words[sentence[k - 1]], words[sentence[k + 1]]
    asked_of = before not in STOP and before not in WEAK and before not in _negations()
    return asked_of and after in TAG_FOLLOWERS


def _sentences(words: list[str]) -> list[list[int]]:
    """The places of each sentence's words, SENTENCE_END tokens left out."""
    out: list[list[int]] = [[]]
    for i, w in enumerate(words):
        if w == SENTENCE_END:
            out.append([])
        else:
            out[-1].append(i)
    return out


@lru_cache(maxsize=1)
def _yes_no_pairs() -> frozenset[tuple[str, str]]:
    """The yes-or-no pairs of chatwords as normalised words: "bisa gak" is ("bisa", "tidak")."""
    return frozenset((WORDS.get(a, a), WORDS.get(b, b)) for a, b in yes_no_pairs())


@lru_cache(maxsize=1)
def _slang_keys() -> tuple[str, ...]:
    return tuple(k for k in WORDS if len(k) >= 5 and " " not in k)


@lru_cache(maxsize=20_000)
def correct(word: str) -> str:
    """Fix a likely typo of a known slang/domain word ("kecelakan" -> "celaka"), else keep it.

    A place's name is no typo ("batam" is not "batas").
    """
    if len(word) < 5 or word in WORDS or not word.isalpha() or is_word(word) or is_place(word):
        return word
    hit = process.extractOne(word, _slang_keys(), scorer=OSA.distance, score_cutoff=_edits(word))
    if hit is None or hit[0][0] != word[0]:
        return word
    return WORDS[hit[0]]


def _derived(word: str) -> bool:
    """Whether `word` is a real word built on a dictionary root ("penempatan" on "tempat").

    Such a word is no typo of a phrase's word two letters off ("pengaturan" of "pengajuan");
    one letter off is still a typo: "kecelakan" (on "cela") is "kecelakaan". (In `correct`
    too it read the knowledge better, "kerugian" no longer "kecurian", but flipped a close
    call of the condition audit: listed words are kept there, id_stems.tsv.)
    """
    root = stem(word)
    return root != word and root in _dictionary()


def _edits(word: str) -> int:
    """Typos tolerated in a word: 1 (a swap counts as one), 2 from 8 letters on."""
    return 1 if len(word) < 8 else 2


@lru_cache(maxsize=1)
def _phrase_words() -> tuple[str, ...]:
    return tuple(sorted({w for phrase in PHRASE_TO for w in phrase.split() if len(w) >= 4}))


@lru_cache(maxsize=20_000)
def _fix_phrase_word(word: str) -> str:
    """'jaminn' -> 'jaminan', so that a typo does not hide "jaminan pensiun" (-> jp)."""
    if len(word) < 5 or word in WORDS or word in STEMS or not word.isalpha():
        return word
    if is_word(word) or is_place(word):
        return word
    hit = process.extractOne(word, _phrase_words(), scorer=OSA.distance, score_cutoff=_edits(word))
    if hit is None or hit[0][0] != word[0] or (hit[1] > 1 and _derived(word)):
        return word
    return hit[0]


def _phrases_fixed(text: str) -> str:
    """`text` with each typo fixed that completes a phrase ("jaminn pensiun"), and no other.

    A fix is kept for the phrase it completes only: "pengaturan manfaat jaminn pensiun" keeps
    "pengaturan", which is no typo of "pengajuan" ("pengajuan manfaat" reads "klaim").
    """
    words = text.split()
    for i, word in enumerate(words):
        fixed = _fix_phrase_word(word)
        if fixed != word:
            trial = " ".join([*words[:i], fixed, *words[i + 1 :]])
            if set(PHRASE_RE.findall(trial)) - set(PHRASE_RE.findall(" ".join(words))):
                words[i] = fixed
    return " ".join(words)


def _unglue(word: str) -> str:
    """'jhtku' -> 'jht': a possessive glued to a program name Sastrawi does not know."""
    return _GLUED.get(word, word)


_NAME_AFTER_HONORIFIC = re.compile(
    r"\b(?i:{})\s+([A-Z][a-z]+)".format("|".join(sorted(HONORIFICS, key=len, reverse=True)))
)


def _names(text: str) -> frozenset[str]:
    """Capitalised words after an honorific: "Pak Karto, petani" names Karto, not "kartu tani".

    Only a capital says so: "pak, kecelakan kerja ditanggung?" addresses the bot, and its typo
    is still fixed.
    """
    return frozenset(m.lower() for m in _NAME_AFTER_HONORIFIC.findall(text))


@lru_cache(maxsize=20_000)
def tokens(text: str) -> tuple[str, ...]:
    """Matching tokens: normalised, filler words dropped, typos of known words fixed, stemmed.

    A word a negation reaches is NEGATED + its token: "bukan nelayan" names no fisher.
    """
    names = _names(text)
    read: list[tuple[str, tuple[str, ...]]] = []  # each word, and its tokens
    for w in _untagged(_marked(text).split()):
        if w in STOP:
            continue
        if w == SENTENCE_END:
            read.append((w, ()))
        elif w in STEMS:  # its root, read as every root is ("penarikan" → "tarik" → "cair")
            read.append((w, (WORDS.get(STEMS[w], STEMS[w]),)))
        else:
            w = _unglue(w)
            parts = (w if w in names else correct(w)).split()
            read.append((w, tuple(WORDS.get(stem(p), stem(p)) for p in parts)))
    return marked_negations(read, _negations(), WEAK)


def marked_negations(
    read: Iterable[tuple[str, tuple[str, ...]]], negations: frozenset[str], weak: frozenset[str]
) -> tuple[str, ...]:
    """The tokens of each (word, its tokens), a word a negation reaches read as NEGATED + token.

    Both languages' tokenizers read negation so: `negations` are the words that negate,
    `weak` the tokens a negation reaches past. A SENTENCE_END word ends what is negated.
    """
    out: list[str] = []
    reach = 0  # words the last negation still reaches
    for w, toks in read:
        if w == SENTENCE_END:  # a negation reaches no word past the end of its sentence
            reach = 0
        elif w in negations:
            out.extend(toks)
            reach = NEGATION_REACH
        elif any(t in UNNEGATED for t in toks):  # a name ends what is negated
            out.extend(toks)
            reach = 0
        elif reach and not all(t in weak or t in STOP for t in toks):
            out.extend(NEGATED + t for t in toks)
            reach -= 1
        else:
            out.extend(toks)
    return tuple(out)


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    """Chatwords' negations as normalised words ("gak" is "tidak")."""
    return frozenset(WORDS.get(w, w) for w in negations())


def said(read: Iterable[str]) -> tuple[str, ...]:
    """Tokens with each negated one as its word: what a text names, negated or not."""
    return tuple(t.removeprefix(NEGATED) for t in read)


def both_said(read: Iterable[str]) -> tuple[str, ...]:
    """Tokens with each negated one also as its word ("~nelayan" is "nelayan", "~nelayan")."""
    return tuple(w for t in read for w in ((t[1:], t) if t.startswith(NEGATED) else (t,)))
