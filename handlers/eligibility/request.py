"""The facts in a request to check eligibility ("saya petani umur 57 bisa ikut?").

Whether a message is such a request is `bot.domain.intent.wants_eligibility_check`'s
decision; this module only reads what it says about the person, so the form does not ask it
again. An age is read only where the words say it is one ("umur 57", "57 tahun",
"lahir 1980"); years of work or of contributions ("kerja 8 thn", "sudah bayar 15 tahun"), a
percentage or an amount never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.domain.age import parse_age
from bot.domain.money import check_monthly_income, parse_money
from bot.domain.occupations import Occupation, find_occupation
from bot.errors import ValidationError
from handlers.eligibility.parse import birth_date

# "umur 57", "usia: 57", "lahir 1980", "lahir 17-08-1980", or "57 tahun" / "57th" when the word
# before is no verb of work or payment (group "before").
_AGE = re.compile(
    r"\b(?:umur|umurnya|usia|usianya|berumur|berusia)\s*:?\s*(?P<said>\d{1,3})\b"
    r"|\blahir\s*(?:tahun|thn|th|tgl|tanggal)?\s*(?P<born>\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\b"
    r"|(?:\b(?P<before>[a-z]+)\s+)?\b(?P<years>\d{1,3})\s*(?:th|thn|tahun|taun)\b"
)
_NOT_AGE_BEFORE = frozenset(
    "kerja bekerja bayar membayar bayarnya iuran ikut mengikuti jadi menjadi selama masa sudah "
    "udah sdh udh lalu baru kontrak nabung menabung terdaftar".split()
)
_MONEY = re.compile(
    r"(?:rp\.?\s*)?\d+(?:[.,]\d+)*\s*(?:jt|juta|jeti|rb|ribu|rebu|k)(?:an)?\b(?:\s*setengah)?"
    r"|rp\.?\s*\d+(?:[.,]\d+)*"
    r"|\b(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s*"
    r"(?:juta|ribu|ratus ribu)(?:an)?(?:\s*setengah)?"
)


@dataclass(frozen=True, slots=True)
class Facts:
    """What a request said about the person; None where it said nothing."""

    occupation: Occupation | None = None
    occupation_word: str = ""
    age: int | None = None
    birth_date: date | None = None
    income: Decimal | None = None


def _age(text: str, today: date) -> tuple[int, date | None] | None:
    for m in _AGE.finditer(text):
        if m["before"] in _NOT_AGE_BEFORE:
            continue
        piece = m["said"] or m["born"] or m["years"]
        try:
            return parse_age(piece, today), birth_date(piece) if m["born"] else None
        except ValidationError:
            continue
    return None


def _income(text: str) -> Decimal | None:
    if m := _MONEY.search(text):
        try:
            return check_monthly_income(parse_money(m.group(0)))
        except ValidationError:
            return None
    return None


def read_request(text: str, today: date) -> Facts:
    """The kind of work, age and monthly income named in a request.

    >>> facts = read_request("saya petani umur 57 bisa ikut?", date(2026, 11, 21))
    >>> facts.occupation.key, facts.occupation_word, facts.age, facts.income
    ('farmer_fisher', 'petani', 57, None)
    >>> read_request("aku ojol 2jt sebulan iurannya brp", date(2026, 11, 21)).income
    Decimal('2000000')
    >>> read_request("saya ojol sudah bayar 15 tahun, kerja 8 thn", date(2026, 11, 21)).age
    >>> read_request("saya 50% cacat, umur 40", date(2026, 11, 21)).age
    40
    """
    plain = " ".join(text.casefold().replace("/", "-").split())
    work = find_occupation(text)
    age = _age(plain, today)
    occupation, word = work if work else (None, "")
    return Facts(
        occupation,
        word,
        age[0] if age else None,
        age[1] if age else None,
        _income(plain),
    )
