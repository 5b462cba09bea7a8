"""Failed dashboard logins slow the next try down, per username and per address.

Counted in the database (`attempts`), so every worker process sees the same numbers and a
restart forgets nothing. A username's own count does not depend on the address, so a
guesser rotating `X-Forwarded-For` gains nothing against one account. Past a few free
failures each next try waits twice as long as the one before, up to a cap: a delay, not a
lock-out, so colleagues behind one shared proxy address are slowed by an attacker for a
minute at most, never shut out for a quarter of an hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.crypto import Crypto
from bot.storage import attempts

WINDOW = timedelta(hours=1)  # failures older than this no longer count


@dataclass(frozen=True)
class Limit:
    """One kind of count: free failures in the window, then a doubling delay up to `cap`."""

    kind: str
    free: int
    cap: timedelta
    first: timedelta = timedelta(seconds=5)

    def delay(self, failures: int) -> timedelta:
        if failures < self.free:
            return timedelta(0)
        return min(self.first * (1 << min(failures - self.free, 20)), self.cap)


USERNAME = Limit("login:user", free=3, cap=timedelta(minutes=15))
ADDRESS = Limit("login:addr", free=20, cap=timedelta(minutes=1))


def _subjects(crypto: Crypto | None, username: str, address: str) -> list[tuple[Limit, str]]:
    return [
        (USERNAME, attempts.subject(crypto, USERNAME.kind, username.strip().lower())),
        (ADDRESS, attempts.subject(crypto, ADDRESS.kind, address)),
    ]


def wait(
    session: Session, crypto: Crypto | None, username: str, address: str, now: datetime
) -> timedelta:
    """How long before this username may be tried again from this address (0: now)."""
    longest = timedelta(0)
    for limit, who in _subjects(crypto, username, address):
        failures, latest = attempts.last(session, limit.kind, who, now - WINDOW)
        if latest is not None:
            if latest.tzinfo is None:  # SQLite gives back naive UTC
                latest = latest.replace(tzinfo=now.tzinfo)
            longest = max(longest, latest + limit.delay(failures) - now)
    return longest


def failed(
    session: Session, crypto: Crypto | None, username: str, address: str, now: datetime
) -> None:
    for limit, who in _subjects(crypto, username, address):
        attempts.record(session, limit.kind, who, now)


def succeeded(session: Session, crypto: Crypto | None, username: str) -> None:
    """The right password: the username's own count starts again (the address's does not)."""
    limit, who = _subjects(crypto, username, "")[0]
    attempts.forget(session, limit.kind, who)
