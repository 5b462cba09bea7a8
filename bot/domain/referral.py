"""Officers' referral codes and links: make them, and find them again in what people type.

A code is 6 characters from an alphabet without 0/O, 1/I/L, with at least one letter and one
digit (so no Indonesian word such as BERAPA is ever read as a code). Typed codes are
compared upper-cased with spaces and dashes removed: "abc 234", "ABC-234" and "Abc234" are
one code. Codes fit Telegram's start parameter (A-Z a-z 0-9 _ -, at most 64 characters).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from rapidfuzz import fuzz

from bot.domain import textnorm
from bot.domain.chatwords import is_question

if TYPE_CHECKING:
    from bot.config import Settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
KEYWORD = "DAFTAR"  # the first word of the prefilled WhatsApp text
_START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_WORD = re.compile(r"[A-Za-z0-9]+")
_PREFILLED_WORDS = 5  # "Daftar ya, kode k7m 2qx": the keyword, the code and a few words


def new_code() -> str:
    """A random code such as `K7M2QX`: about 30 bits, at least one letter and one digit."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if is_code_shaped(code):
            return code


def is_code_shaped(text: str) -> bool:
    return (
        len(text) == CODE_LENGTH
        and all(ch in ALPHABET for ch in text)
        and any(ch.isdigit() for ch in text)
        and any(ch.isalpha() for ch in text)
    )


def normalize_code(typed: str) -> str | None:
    """The code in `typed` (any case, spaces or dashes inside), or None if it is not one.

    >>> normalize_code(" k7m 2-qx "), normalize_code("BERAPA")
    ('K7M2QX', None)
    """
    code = re.sub(r"[\s\-_.]+", "", typed).upper()
    return code if is_code_shaped(code) else None


@dataclass(frozen=True)
class LinkConfig:
    """What links are built from: the bot's Telegram username and WhatsApp number."""

    telegram_bot_username: str
    whatsapp_number: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> LinkConfig:
        return cls(settings.telegram_bot_username, settings.whatsapp_number)


@dataclass(frozen=True)
class Links:
    """An officer's two links; `whatsapp` is None while the bot has no WhatsApp number."""

    telegram: str
    whatsapp: str | None


def prefilled_text(code: str) -> str:
    """What the WhatsApp link types for the person: short, so they rarely edit it."""
    return f"{KEYWORD} {code}"


def links(code: str, config: LinkConfig) -> Links:
    """The officer's Telegram deep link and WhatsApp click-to-chat link."""
    if not _START_PARAMETER.match(code):
        raise ValueError(f"{code!r} cannot be a Telegram start parameter")
    telegram = f"https://t.me/{config.telegram_bot_username.lstrip('@')}?start={code}"
    number = re.sub(r"\D", "", config.whatsapp_number or "")
    whatsapp = f"https://wa.me/{number}?text={quote(prefilled_text(code))}" if number else None
    return Links(telegram, whatsapp)


def consent_link(code: str, config: LinkConfig) -> str | None:
    """A wa.me link that types "SETUJU <code>" for a worker confirming an assisted registration."""
    number = re.sub(r"\D", "", config.whatsapp_number or "")
    return f"https://wa.me/{number}?text={quote(f'SETUJU {code}')}" if number else None


def code_from_start(payload: str) -> str | None:
    """The code in a /start parameter (Telegram deep link, web `?start=`), `ref-` prefix allowed.

    >>> code_from_start("K7M2QX"), code_from_start("ref-k7m2qx"), code_from_start("ref-BDG042")
    ('K7M2QX', 'K7M2QX', None)
    """
    if not payload or len(payload) > 64:
        return None
    return normalize_code(re.sub(r"^ref[-_]", "", payload, flags=re.IGNORECASE))


def code_from_text(text: str) -> str | None:
    """The code in a prefilled "DAFTAR K7M2QX" that the person may have edited a little.

    The keyword must still be there (typos allowed: "daftr", "Daftar ya"); the code may be
    split by a space or typed in lower case, and other words may surround it. A word of the
    language of four letters or more never is a piece of a split code: "umur 64 masih bisa
    daftar?" holds no UMUR64, while a poster's halves ("mas 2qx") may spell a short word. In a
    question (`chatwords.is_question`, read without the halves, which may spell "dmn") the
    code must be typed in one piece: "bapak saya udah 67 tahun, bisa daftar?" holds no UDAH67
    ("udah" is slang, in no dictionary).

    >>> code_from_text("Daftar ya, kode k7m 2qx"), code_from_text("daftar berapa")
    ('K7M2QX', None)
    >>> code_from_text("Saya umur 64, masih bisa daftar BPU?")
    >>> code_from_text("bapak saya udah 67 tahun, bisa daftar?")
    """
    words = _WORD.findall(text.upper())
    if len(words) > 12 or not any(
        len(word) >= 5 and fuzz.ratio(word, KEYWORD) >= 80 for word in words
    ):
        return None
    rest = [word for word in words if fuzz.ratio(word, KEYWORD) < 80]
    for size in (1, 2, 3):
        for start in range(len(rest) - size + 1):
            pieces = rest[start : start + size]
            if size > 1 and (
                any(_is_long_word(piece) for piece in pieces) or _asks_around(text, pieces)
            ):
                continue
            if code := normalize_code("".join(pieces)):
                return code
    return None


def only_a_code(text: str) -> bool:
    """Whether `text` is the prefilled text and little more ("DAFTAR K7M2QX", "daftar ya k7m2qx").

    Short words of a longer sentence may spell a code by chance ("dia udah 25 th kerja
    bengkel": UDAH25); such a code counts only when an active officer holds it.
    """
    return len(_WORD.findall(text)) <= _PREFILLED_WORDS


def _asks_around(text: str, pieces: list[str]) -> bool:
    """Whether `text` asks something once the would-be halves of a code are set aside.

    The halves themselves are not read: a code's half may spell a chat question word
    ("daftar dmn 89r": "dmn" is "di mana"), while "udah 67 bisa daftar?" still asks.
    """
    halves = {piece.casefold() for piece in pieces}
    around = " ".join(w for w in re.findall(r"\S+", text) if w.casefold() not in halves)
    return is_question(around)


def _is_long_word(piece: str) -> bool:
    """A dictionary word too long to be half of a six-character code typed off a poster."""
    return len(piece) >= 4 and textnorm.is_word(piece.casefold())
