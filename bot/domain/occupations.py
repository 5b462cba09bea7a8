"""Kinds of work and the words people type for them, read from `data/occupations.toml`.

The table is data so that someone who knows how workers talk can extend it without code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from bot.domain.chatwords import negations
from bot.domain.chatwords.steps import MISSPELT_LENGTH
from bot.domain.contributions import BpuSector
from bot.domain.eligibility import WorkKind
from bot.domain.textnorm import normalize

DATA = Path(__file__).parent / "data" / "occupations.toml"
NEGATION_REACH = 3  # words between a negation and the work it negates: "tidak lagi jadi karyawan"
_WORDS = re.compile(r"\w+")  # the words of a message, without its punctuation
_MISSPELT_WORDS = 3  # a longer answer describes a work in words of its own: kept as typed


@dataclass(frozen=True, slots=True)
class Occupation:
    """A kind of work: its segment and, for a self-employed worker, its PP 50/2025 sector."""

    key: str
    work: WorkKind
    sector: BpuSector = BpuSector.OTHER


def _data() -> dict[str, Any]:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


def _any(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@cache
def _negation() -> tuple[re.Pattern[str], frozenset[str]]:
    """A negation ending the text, with the word before it; the words that make it a tag."""
    table = _data()["negated"]
    pattern = re.compile(
        rf"(?<!\w)(?:(\w+) )?(?:{_any([*negations(), *table['openings']])})"
        rf"(?: (?:{_any(table['between'])})){{0,{NEGATION_REACH}}} $"
    )
    return pattern, frozenset(table["asked_after"])


def _negated(before: str) -> bool:
    """Whether the work named after `before` is negated ("saya bukan "), not asked ("bisa ga ")."""
    pattern, asked_after = _negation()
    m = pattern.search(before)
    return m is not None and m.group(1) not in asked_after


@cache
def _table() -> tuple[tuple[Occupation, re.Pattern[str]], ...]:
    """Each kind with its words; a shop word and its wares ("toko besi") name the shop's."""
    shop = _data()["shop"]
    kinds = _data()["kind"]
    return tuple(
        (
            Occupation(k["key"], WorkKind(k["work"]), BpuSector(k.get("sector", "other"))),
            re.compile(
                r"\b(?:"
                + "|".join(
                    k["words"]
                    + (
                        [rf"(?:{_any(shop['words'])}) (?:{_any(shop['wares'])})"]
                        if k["key"] == shop["key"]
                        else []
                    )
                )
                + r")\b"
            ),
        )
        for k in kinds
    )


@cache
def _shop() -> tuple[re.Pattern[str], frozenset[str], str]:
    """A shop word up to `reach` words before the text's end; the goods' kinds; the shop's kind."""
    shop = _data()["shop"]
    pattern = re.compile(rf"\b(?:{_any(shop['words'])})(?: \w+){{0,{shop['reach']}}} $")
    return pattern, frozenset(shop["goods"]), shop["key"]


def _sold(
    candidate: str, occupation: Occupation, named: re.Match[str]
) -> tuple[Occupation, str] | None:
    """The trader, when the work `named` is the goods a shop sells ("toko bangunan")."""
    pattern, goods, key = _shop()
    shop = pattern.search(candidate[: named.start()]) if occupation.key in goods else None
    return (occupations()[key], candidate[shop.start() : named.end()]) if shop else None


def occupations() -> dict[str, Occupation]:
    """Every kind of work by key, in the table's order."""
    return {occupation.key: occupation for occupation, _ in _table()}


def find_occupation(text: str) -> tuple[Occupation, str] | None:
    """The kind of work named in `text`, with the words that named it ("petani").

    >>> occupation, word = find_occupation("saya petani umur 57")
    >>> occupation.key, word
    ('farmer_fisher', 'petani')
    >>> find_occupation("kuli bangunan")[0].key, find_occupation("buruh pabrik")[0].key
    ('construction', 'wage_earner')

    Work named under a negation is not his: "Bukan Penerima Upah" is the BPU programme.

    >>> find_occupation("sudah berhenti jadi satpam, sekarang ojol")[0].key
    'transport'
    >>> find_occupation("saya bukan penerima upah")[1]
    'bpu'
    >>> find_occupation("saya bukan karyawan")
    >>> find_occupation("buruh pabrik dulu, skrg jualan gorengan")[0].key
    'trader'

    A shop names what it sells: a "toko bangunan" is a trader, a "tukang bangunan" builds.

    >>> find_occupation("saya punya toko bangunan")[0].key, find_occupation("tukang bangunan")[1]
    ('trader', 'tukang bangunan')

    Only goods after a shop word name a trader: "toko sebelah" is where a tailor works.

    >>> find_occupation("grosir sembako")[0].key, find_occupation("penjahit di toko sebelah")[1]
    ('trader', 'penjahit')
    """
    plain = " ".join(text.casefold().split())
    now = _now().search(plain)
    for candidate in ((plain[now.end() :],) if now else ()) + (plain, normalize(text)):
        for occupation, pattern in _table():
            for m in pattern.finditer(candidate):
                if not _negated(candidate[: m.start()]):
                    return _sold(candidate, occupation, m) or (occupation, _typed(plain, m[0]))
    return None


@cache
def _plain_words() -> tuple[tuple[str, Occupation], ...]:
    """Each kind's one-word names of `MISSPELT_LENGTH` letters or more, with their kind."""
    kinds = {k["key"]: k for k in _data()["kind"]}
    return tuple(
        (word, occupation)
        for key, occupation in occupations().items()
        for word in kinds[key]["words"]
        if word.isalpha() and len(word) >= MISSPELT_LENGTH
    )


def find_misspelt(text: str) -> tuple[Occupation, str] | None:
    """The kind of work a short answer names a letter off ("pedagan"), with the word meant.

    For a step that asks the work, read after `find_occupation` found none: a letter missing,
    extra, or two swapped (`_slip`), in a word of `MISSPELT_LENGTH` letters or more, and only
    when the words it is near all name one kind.

    >>> [(o.key, w) for o, w in filter(None, map(find_misspelt, ["pedagan", "nelayn", "petnai"]))]
    [('trader', 'pedagang'), ('farmer_fisher', 'nelayan'), ('farmer_fisher', 'petani')]
    >>> find_misspelt("guru ngaji"), find_misspelt("penari"), find_misspelt("pedagan di pasar kota")
    (None, None, None)
    """
    words = _WORDS.findall(text.casefold())
    if not 1 <= len(words) <= _MISSPELT_WORDS:
        return None
    near = {
        (occupation, name)
        for word in words
        if len(word) >= MISSPELT_LENGTH - 1
        for name, occupation in _plain_words()
        if _slip(word, name)
    }
    if len({occupation.key for occupation, _ in near}) != 1:
        return None
    return min(near, key=lambda found: found[1])


def _slip(word: str, name: str) -> bool:
    """Whether `word` is `name` with a letter dropped or added, or two letters swapped.

    Not a letter changed: that makes other words of work ("penari" is no "petani", "pelaut"
    no "melaut").

    >>> _slip("pedagan", "pedagang"), _slip("petnai", "petani"), _slip("penari", "petani")
    (True, True, False)
    """
    if DamerauLevenshtein.distance(word, name, score_cutoff=1) != 1:
        return False
    return len(word) != len(name) or sorted(word) == sorted(name)


@cache
def _wage() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], str, str]:
    """A wage word; pay from a payer ("upah dari toko"); what may follow a negation; the label."""
    w = _data()["wage"]
    return (
        re.compile(rf"\b(?:{_any(w['words'])})\b"),
        re.compile(
            rf"\b(?:{_any(w['pay'])}) (?:\w+ )?(?:{_any(w['from'])}) (?:\w+ )?"
            rf"(?:{_any(w['payer'])})\b"
        ),
        re.compile(rf"\b(?:{_any(w['had'])}) $"),
        w["key"],
        w["label"],
    )


def paid_work(text: str) -> tuple[Occupation, str] | None:
    """The work named in `text`, where a wage says an employee: the eligibility check's reading.

    "gaji sy 3jt sebulan" is an employee's wage, and his cost is his share of it, not a
    self-employed worker's (issue: a wage was priced as BPU). A wage word alone counts only
    when no work is named (an ojol's "gaji" is his income); pay from an employer counts even
    beside a shop's words.

    >>> occupation, word = paid_work("gaji sy 3jt sebulan, iuran brp?")
    >>> occupation.key, word
    ('wage_earner', 'Karyawan')
    >>> paid_work("kerja di toko, upah dari toko 1,5jt")[0].key
    'wage_earner'
    >>> paid_work("sy ojol, gaji ga tentu")[0].key, paid_work("belum ada gaji tetap")
    ('transport', None)
    """
    plain = " ".join(text.casefold().split())
    alone, paid_by, had, key, label = _wage()
    found = find_occupation(text)
    for pattern in (paid_by,) if found else (paid_by, alone):
        for m in pattern.finditer(plain):
            before = plain[: m.start()]
            if not (_negated(before) or _negated(had.sub("", before))):
                return occupations()[key], label
    return found


def _typed(plain: str, word: str) -> str:
    """The word as typed that textnorm read as the kind's `word`, else `word` itself.

    "ngojek" is read "ojol", yet a pangkalan ojek is not online: shown back as "Ojek".

    >>> _typed("saya ngojek pangkalan", "ojol"), _typed("saya ojol", "ojol")
    ('ngojek', 'ojol')
    """
    words = _WORDS.findall(plain)  # "bapak saya nelayan, bisa ikut?": no comma shown back
    if word in words:
        return word
    return next((w for w in words if normalize(w) == word), word)


@cache
def _said() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Each kind's labels, with the words each is said for (the table's `said`)."""
    return {
        k["key"]: tuple(
            (label, re.compile(_any(words))) for label, words in k.get("said", {}).items()
        )
        for k in _data()["kind"]
    }


def said_label(occupation: Occupation, word: str) -> str | None:
    """The work as the person said it, in a clean form, from the words that named it.

    None for a word that names only the kind (a warung): its kind's own label says it.

    >>> trader = occupations()["trader"]
    >>> said_label(trader, "berdagang"), said_label(trader, "jualan"), said_label(trader, "warung")
    ('Pedagang', 'Pedagang', None)
    >>> said_label(*find_occupation("bapak saya melaut"))
    'Nelayan'
    """
    return next((label for label, p in _said()[occupation.key] if p.fullmatch(word)), None)


@cache
def _now() -> re.Pattern[str]:
    """The last word that says what follows is the work now ("skrg")."""
    words = _any(_data()["now"]["words"])
    return re.compile(rf"\b(?:{words})\b(?!.*\b(?:{words})\b)")
