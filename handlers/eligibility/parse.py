"""Reading the typed answers of the eligibility chat: kinds of work, yes/no, dates, free text.

Pure functions over strings (the money and age parsers themselves live in `bot.domain.money`
and `bot.domain.age`); the flow in `handlers.eligibility` turns their results into questions
and replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.domain.age import parse_age
from bot.domain.money import check_monthly_income, parse_money
from bot.domain.occupations import Occupation, find_occupation, occupations
from bot.domain.textnorm import normalize
from bot.errors import ValidationError
from bot.routing import simplify

OCCUPATIONS = occupations()


_YES = {
    "ya",
    "iya",
    "y",
    "sudah",
    "udah",
    "sdh",
    "udh",
    "pernah",
    "yes",
    "already",
    "terdaftar",
    "sudah terdaftar",
    "sudah jadi peserta",
    "sudah punya",
}
_NO = {
    "belum",
    "blm",
    "blom",
    "tidak",
    "tdk",
    "ga",
    "gak",
    "nggak",
    "enggak",
    "no",
    "not yet",
    "baru",
    "belum pernah",
    "belum terdaftar",
    "pertama",
}


def yes_no(text: str) -> bool | None:
    """True for "sudah"/"ya", False for "belum"/"tidak", None when neither."""
    words = simplify(text)
    if words in _YES or words.split(" ")[0] in {"sudah", "udah", "sdh", "ya", "iya"}:
        return True
    if words in _NO or words.split(" ")[0] in {"belum", "blm", "tidak", "tdk", "ga", "gak"}:
        return False
    return None


_WNI = re.compile(r"\b(?:wni|indonesia|indo|warga negara indonesia|orang indonesia)\b")
_WNA = re.compile(r"\b(?:wna|asing|warga negara asing|foreigner|foreign|expat|ekspat)\b")


def citizenship(text: str) -> str | None:
    """Return "wni" or "wna" from what was typed, else None."""
    words = simplify(text)
    if _WNA.search(words) or "bukan" in words.split():
        return "wna"
    if _WNI.search(words):
        return "wni"
    return None


_QUESTION_WORDS = {
    "apa",
    "berapa",
    "bagaimana",
    "kapan",
    "mana",
    "kenapa",
    "mengapa",
    "siapa",
    "bisa",
    "boleh",
    "apakah",
    "syarat",
    "cara",
    "gimana",
    "what",
    "how",
    "why",
    "when",
    "can",
}


def looks_like_question(text: str) -> bool:
    """Whether `text` reads as a question rather than an answer: the step then lets it go."""
    if "?" in text:
        return True
    return bool(set(normalize(text).split()) & _QUESTION_WORDS)


_NUMERIC_DATE = re.compile(
    r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b|\b(\d{4})-(\d{1,2})-(\d{1,2})\b"
)


def birth_date(text: str) -> date | None:
    """A full numeric birth date in `text` ("17-08-1990", "1990-08-17"), for registration."""
    m = _NUMERIC_DATE.search(text)
    if not m:
        return None
    day, month, year = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def months(text: str) -> int | None:
    """Whole months from "8", "8 bulan", "2 tahun" (24), else None."""
    m = re.fullmatch(r"(\d{1,3})\s*(bulan|bln|bl|tahun|thn|th)?", simplify(text))
    if not m:
        return None
    return int(m[1]) * (12 if m[2] in ("tahun", "thn", "th") else 1)


_AGE_IN_TEXT = re.compile(
    r"\b(?:umur|usia|umurnya|usianya)\s*(\d{1,3})\b|\b(\d{1,3})\s*(?:th|thn|tahun|taun)\b"
    r"|\blahir\s*(?:tahun|thn|th)?\s*(\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
)
_MONEY_IN_TEXT = re.compile(
    r"(?:rp\.?\s*)?\d+(?:[.,]\d+)*\s*(?:jt|juta|jeti|rb|ribu|rebu|k)(?:an)?\b(?:\s*setengah)?"
    r"|rp\.?\s*\d+(?:[.,]\d+)*"
    r"|\b(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s*"
    r"(?:juta|ribu|ratus ribu)(?:an)?(?:\s*setengah)?"
)
_INTENT = re.compile(
    r"\b(?:iuran|iurannya|bayar|biaya|ikut|syarat|daftar|bisa|boleh|berapa|brp|masuk|"
    r"peserta|program)\b"
)
# Questions about claims and accounts name ages and amounts too: they belong to the FAQ.
_OTHER_TOPIC = re.compile(
    r"\b(?:cair\w*|pencairan|klaim|ambil|saldo|pensiun|meninggal|kecelakaan|phk|lupa|kartu|"
    r"kpj|hilang|bsu|subsidi|bantuan)\b"
)
_ME = re.compile(r"\b(?:saya|sy|aku|aq|gw|gue|kami|suami|istri|bapak|ibu|ayah|anak)\b")


@dataclass(frozen=True, slots=True)
class Found:
    """What a free-text message said about the person; None where it said nothing."""

    occupation: Occupation | None = None
    occupation_word: str = ""
    age: int | None = None
    birth_date: date | None = None
    income: Decimal | None = None


def read_free_text(text: str, today: date) -> Found | None:
    """The facts in a message like "saya petani umur 57 bisa ikut?", or None if it is no such.

    It must be about the writer (an age, an income, or "saya" + a kind of work) and ask about
    joining or cost, or give two facts; plain questions ("iuran bpu berapa") are left to the FAQ.

    >>> found = read_free_text("saya petani umur 57 bisa ikut?", date(2026, 11, 21))
    >>> found.occupation.key, found.age, found.income
    ('farmer_fisher', 57, None)
    >>> read_free_text("iuran kalau penghasilan 2 juta berapa", date(2026, 11, 21)).income
    Decimal('2000000')
    >>> read_free_text("iuran bpu berapa sebulan?", date(2026, 11, 21)) is None
    True
    >>> read_free_text("jht bisa cair umur 56?", date(2026, 11, 21)) is None
    True
    """
    plain = simplify(text)
    if _OTHER_TOPIC.search(plain):
        return None
    work = find_occupation(text)
    age = born = income = None
    if m := _AGE_IN_TEXT.search(plain.replace("/", "-")) or _AGE_IN_TEXT.search(text.lower()):
        piece = next(g for g in m.groups() if g)
        try:
            age = parse_age(piece, today)
            born = birth_date(piece)
        except ValidationError:
            age = None
    if m := _MONEY_IN_TEXT.search(text.lower()):
        try:
            income = check_monthly_income(parse_money(m.group(0)))
        except ValidationError:
            income = None
    facts = sum(x is not None for x in (work, age, income))
    personal = age is not None or income is not None or (work is not None and _ME.search(plain))
    if not (facts >= 2 or (personal and _INTENT.search(plain))):
        return None
    occupation, word = work if work else (None, "")
    return Found(occupation, word, age, born, income)
