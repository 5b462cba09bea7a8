"""The facts in a request to check eligibility ("saya petani umur 57 bisa ikut?").

Whether a message is such a request is `bot.domain.intent.wants_eligibility_check`'s
decision; this module only reads what it says about the person, so the form does not ask it
again. Only what is certain is kept: an age the words say is one ("umur 57", never "kerja 8
thn" or "50%", by `chatwords.age_in_message`) and a monthly income that needs no confirmation
(a per-day amount or a range is asked, and confirmed, by the form itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.domain.amounts import parse_amount
from bot.domain.chatwords import age_in_message
from bot.domain.intent import earned_amount
from bot.domain.money import plausible_monthly_income
from bot.domain.occupations import Occupation, paid_work


@dataclass(frozen=True, slots=True)
class Facts:
    """What a request said about the person; None where it said nothing certain."""

    occupation: Occupation | None = None
    occupation_word: str = ""
    age: int | None = None
    birth_date: date | None = None
    income: Decimal | None = None


def read_request(text: str, today: date) -> Facts:
    """The kind of work, age and monthly income named in a request.

    >>> facts = read_request("saya petani umur 57 bisa ikut?", date(2026, 11, 21))
    >>> facts.occupation.key, facts.occupation_word, facts.age, facts.income
    ('farmer_fisher', 'petani', 57, None)
    >>> read_request("aku ojol 2jt sebulan iurannya brp", date(2026, 11, 21)).income
    Decimal('2000000')
    >>> read_request("saya ojol sudah bayar 15 tahun, kerja 8 thn", date(2026, 11, 21)).age
    >>> read_request("aku ojol 100rb sehari brp iurannya", date(2026, 11, 21)).income
    >>> read_request("Pemkab menganggarkan Rp2 miliar untuk 20 ribu pekerja. Saya tukang kayu, "
    ...              "penghasilan Rp3 juta, iurannya berapa?", date(2026, 11, 21)).income
    Decimal('3000000')
    """
    work = paid_work(text)
    age = age_in_message(text, today)
    amount = parse_amount(text)
    if not (amount and amount.certain) and (said := earned_amount(text)):
        amount = parse_amount(said)  # "… Rp2 miliar … penghasilan saya Rp3 juta": Rp3 juta
    income = Decimal(amount.monthly) if amount and amount.certain else None
    occupation, word = work if work else (None, "")
    return Facts(
        occupation,
        word,
        age.age if age and age.certain else None,
        age.birth_date if age and age.certain else None,
        income if income is not None and plausible_monthly_income(income) else None,
    )
