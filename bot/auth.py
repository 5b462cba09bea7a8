"""Staff passwords (argon2id) and the login rate limit.

The limiter counts failed logins per (username, client IP) in a sliding window, so a
guesser is slowed without letting anyone lock a colleague out from another address. It
lives in the process: with several workers each allows its own budget (still bounded).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
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


class LoginLimiter:
    """At most `attempts` failures per key within `window` seconds; a success clears the key."""

    def __init__(
        self,
        attempts: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.attempts, self.window, self._clock = attempts, window, clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        cutoff = self._clock() - self.window
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] < cutoff:
            failures.popleft()
        return failures

    def blocked(self, username: str, ip: str) -> bool:
        with self._lock:
            return len(self._recent((username.lower(), ip))) >= self.attempts

    def failed(self, username: str, ip: str) -> None:
        with self._lock:
            self._recent((username.lower(), ip)).append(self._clock())
            if len(self._failures) > 10_000:  # forget idle keys so memory stays bounded
                for key in [k for k, v in self._failures.items() if not v][:5_000]:
                    del self._failures[key]

    def succeeded(self, username: str, ip: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), ip), None)
