"""What every registration module shares: the flow's name, its answers, the NIK's keys.

The answers live in `turn.data["registration"]` until "Kirim"; the NIK only encrypted.
"""

from __future__ import annotations

from bot.crypto import Crypto
from bot.errors import ValidationError
from bot.routing import Turn
from handlers.registration.text import ERRORS, UNREADABLE

FLOW = "registration"
CONSENT_VERSION = "2026-11"
BASE_PROGRAMS = ["jkk", "jkm"]


def crypto(turn: Turn) -> Crypto:
    """The process's NIK encryption (the engine is built with one)."""
    if turn.crypto is None:
        raise RuntimeError("the engine has no Crypto: build it with build_services")
    return turn.crypto


def error_text(turn: Turn, error: ValidationError) -> str:
    """A validation code as the message that says what to do."""
    return turn._(ERRORS.get(error.code, UNREADABLE))
