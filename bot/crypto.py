"""NIK protection at rest: Fernet encryption and a keyed hash, both keyed from BOT_SECRET_KEY.

HKDF derives two independent keys from the one secret, so the dedupe hash cannot be used to
decrypt and the ciphertext says nothing about equality. The hash is HMAC-SHA256: without the
secret nobody can test a guessed NIK against it (a plain SHA-256 of 16 digits is brute-forced
in minutes).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["Crypto", "InvalidToken"]


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"jamsostek-bot", info=purpose).derive(
        secret.encode("utf-8")
    )


class Crypto:
    """Encrypts and hashes personal numbers; one per process, built from the settings' secret."""

    def __init__(self, secret_key: str) -> None:
        if len(secret_key) < 32:
            raise ValueError("the secret key must be at least 32 characters long")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(secret_key, b"nik-encryption-v1")))
        self._hash_key = _derive(secret_key, b"nik-hash-v1")

    def __repr__(self) -> str:
        return "Crypto(<secret>)"

    def encrypt(self, plain: str) -> bytes:
        """Authenticated ciphertext (a Fernet token, ASCII bytes); a new IV each call."""
        return self._fernet.encrypt(plain.encode("utf-8"))

    def decrypt(self, token: bytes | str) -> str:
        """The plain text back; raises InvalidToken if it was altered or made with another key."""
        raw = token.encode("ascii") if isinstance(token, str) else token
        return self._fernet.decrypt(raw).decode("utf-8")

    def hash(self, plain: str) -> str:
        """A stable keyed hash (64 hex characters) to find the same NIK without decrypting."""
        return hmac.new(self._hash_key, plain.encode("utf-8"), hashlib.sha256).hexdigest()
