"""Staff passwords (argon2id). Failed logins are limited in bot/storage/login_limits.py."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_PASSWORD = 10


@cache
def _dummy_hash() -> str:
    """Verified for an unknown username: a wrong username costs as much time as a wrong password.

    Made on first use, not at import: an argon2 hash takes 64 MB and a good part of a second.
    """
    return _HASHER.hash("not a password of anyone")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; always spends one argon2 verification."""
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
