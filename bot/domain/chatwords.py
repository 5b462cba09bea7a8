"""PROVISIONAL stand-in for branch `words`' chat-word module (CONTRACTS.md §1).

Only the functions the form engine calls, to the contract's signatures, so `forms` runs and
tests before `words` lands; replaced wholesale by `git checkout words -- bot/domain/chatwords.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.money import parse_money
from bot.domain.validation import clean_input
from bot.domain.validation import parse_name as _parse_name
from bot.domain.validation import parse_phone as _parse_phone
from bot.errors import ValidationError

_WORD = re.compile(r"[^\w\s]+", re.UNICODE)
_YES = {
    "ya", "iya", "iye", "yoi", "y", "yes", "ok", "oke", "okay", "sip", "siap", "betul", "bener",
    "benar", "udah", "udh", "sudah", "sdh", "gas", "setuju", "yup", "boleh", "mau",
}  # fmt: skip
_FILLER = {"pak", "bu", "kak", "mas", "mbak", "aja", "saja", "deh", "dong", "kok", "kirim", "sy"}
_NO = {
    "tidak", "tdk", "ga", "gak", "gk", "nggak", "ngga", "engga", "enggak", "blm", "belum",
    "jangan", "bukan", "salah", "no", "nope", "jadi",
}  # fmt: skip
_QUESTION = {
    "apa", "apakah", "berapa", "brp", "bagaimana", "gimana", "gmn", "kapan", "kenapa",
    "mengapa", "knp", "siapa", "dimana", "mana", "bisakah", "bolehkah", "how", "what", "why",
    "when", "where", "who",
}  # fmt: skip
_COMMANDS = {
    "start": "halo|hai|hi|hello|hallo|mulai|start|/start|assalamualaikum",
    "menu": "menu|/menu|menu utama|main menu",
    "cancel": "batal|/batal|cancel|/cancel|ga jadi|gak jadi|tidak jadi",
    "back": "kembali|/kembali|back",
    "help": "bantuan|/bantuan|help|/help|tolong",
    "language": "bahasa|/bahasa|language|/language",
    "my_data": "lihat data saya|lihat data sy|lihat data|data saya|my data",
    "erase": "hapus data saya|hapus data sy|hapus data|delete my data",
    "register": "daftar|mau daftar|ok daftar|oke daftar|daftar dong|sy mau daftar bpjs tk|"
    "saya mau daftar|mau daftar bpjs tk|mau daftar bpjs|daftar bpjs|register",
    "resume": "lanjut|lanjutin|terusin|lanjut daftar|lanjutkan",
    "human": "bicara dengan petugas|mau ngomong sama orang|admin|cs|operator|petugas cs",
}
_TABLE = {phrase: action for action, spec in _COMMANDS.items() for phrase in spec.split("|")}


def _words(text: str) -> list[str]:
    return _WORD.sub(" ", clean_input(text).casefold()).split()


def yes_no(text: str) -> bool | None:
    """True, False, or None (not a yes or no) for a whole typed reply."""
    raw = clean_input(text)
    if raw in ("👍", "👌", "✅", "🙏"):
        return True
    if raw in ("👎", "❌"):
        return False
    if "?" in raw:
        return None
    words = _words(raw)
    if not words:
        return None
    if words[0] in _NO and all(w in _NO | _YES | _FILLER for w in words):
        return False
    if all(w in _YES | _FILLER for w in words) and any(w in _YES for w in words):
        return True
    return None


def is_question(text: str) -> bool:
    """A question: a question mark, or a question word."""
    return "?" in text or bool(set(_words(text)) & _QUESTION)


def command(text: str) -> str | None:
    """The action a whole message names ("batal" → "cancel"), else None."""
    typed = clean_input(text).casefold()
    return _TABLE.get(typed) if typed.startswith("/") else _TABLE.get(" ".join(_words(typed)))


@dataclass(frozen=True)
class Amount:
    """An income as typed: the monthly figure to store and whether it must be confirmed."""

    monthly: int
    certain: bool
    figure: int
    per: str


_PER = (
    ("day", 25, r"(?:per|/|tiap|setiap)\s*(?:hari|hr)|sehari|harian"),
    ("week", 4, r"(?:per|/|tiap|setiap)\s*(?:minggu|mg|pekan)|seminggu|mingguan"),
)
_AVERAGE = re.compile(r"(?:rata2|rata-rata|rata rata|biasanya|umumnya)\s*(.+)$")


def parse_amount(text: str) -> Amount | None:
    """An amount with its period; ranges, averages and per-day figures are uncertain."""
    t = clean_input(text).lower()
    if m := _AVERAGE.search(t):
        found = parse_amount(m.group(1))
        return Amount(found.monthly, False, found.figure, found.per) if found else None
    for per, factor, pattern in _PER:
        if re.search(pattern, t):
            figure = _money(re.sub(pattern, " ", t))
            return Amount(figure * factor, False, figure, per) if figure else None
    certain = not re.search(r"\d\s*(?:-|sampai|sampe|s/d)\s*\d|\batau\b|\bbisa\b", t)
    figure = _money(t)
    return Amount(figure, certain, figure, "month") if figure else None


def _money(text: str) -> int:
    try:
        return int(parse_money(text))
    except (ValidationError, ValueError, ArithmeticError):
        return 0


_NAME_PREFIX = re.compile(
    r"^\s*(?:nama\s+(?:saya|sy|lengkap|lengkap\s+saya)|namaku|nama|saya|sy)\s*[:,]?\s+", re.I
)
_NAME_SUFFIX = re.compile(r"\s+(?:pak|bu|kak)\s*$", re.I)


def parse_name(text: str) -> str | None:
    """A person's name without "nama saya"; None when no name is left or it holds digits."""
    t = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", clean_input(text)))
    try:
        return _parse_name(t)
    except ValidationError:
        return None


def parse_phone(text: str) -> str | None:
    """E.164 from an everyday phone number, else None."""
    try:
        return _parse_phone(text)
    except ValidationError:
        return None


def parse_percent(text: str) -> Decimal | None:
    """A percentage ("0,89%"), else None."""
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(?:%|persen)\s*", clean_input(text))
    return Decimal(m.group(1).replace(",", ".")) if m else None
