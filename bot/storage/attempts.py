"""Failed tries (wrong one-time codes, wrong passwords), counted in the database.

The counts live in their own table, not in a conversation or a contact: a new web chat is
only a new cookie, and "hapus data saya" deletes the person's data, so a limit kept there
resets at will. Every worker process sees the same counts. Subjects are stored hashed (with
the secret key), so the table names nobody.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.crypto import Crypto
from bot.storage.models import Attempt

KEEP = timedelta(days=2)  # the longest window any limit looks back over, with a margin


def subject(crypto: Crypto | None, *parts: str) -> str:
    """A hash of who tries (e.g. channel and user id), keyed when the process has its secret."""
    joined = "\x1f".join(parts)
    return crypto.hash(joined) if crypto else hashlib.sha256(joined.encode()).hexdigest()


def record(session: Session, kind: str, who: str, now: datetime) -> None:
    """Count one failed try of `kind` by `who` (a `subject` hash)."""
    session.add(Attempt(kind=kind, subject=who, at=now))
    session.flush()


def count(session: Session, kinds: tuple[str, ...], since: datetime, who: str | None = None) -> int:
    """Failed tries of these kinds since `since`: by `who`, or by anyone when None."""
    stmt = select(func.count()).select_from(Attempt).where(Attempt.kind.in_(kinds))
    stmt = stmt.where(Attempt.at > since)
    if who is not None:
        stmt = stmt.where(Attempt.subject == who)
    return int(session.scalar(stmt) or 0)


def purge(session: Session, now: datetime) -> int:
    """Forget tries older than any limit looks at; returns how many went."""
    result = session.execute(delete(Attempt).where(Attempt.at < now - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)


# ---------------------------------------------------------------- one-time codes

CODE_PURPOSES = ("link", "consent", "staff")  # officers' links, workers' consent, staff links
MAX_WRONG_PER_PERSON = 5  # an hour, every kind of code together
MAX_WRONG_PER_CODE = 10  # of its purpose, typed by anyone while it is live


def code_kind(purpose: str) -> str:
    """The `attempts.kind` of a wrong code of `purpose`."""
    return f"code:{purpose}"


CODE_KINDS = tuple(code_kind(purpose) for purpose in CODE_PURPOSES)


def code_locked(session: Session, purpose: str, issued_at: datetime) -> bool:
    """Whether a code issued at `issued_at` has seen too many wrong tries to be trusted.

    A wrong code does not say which live code it guessed at, so every wrong try of the
    purpose counts against every code live at the time: a guesser gets a few tries for all
    of them together, wherever they type from. The rightful owner asks for a new code.
    """
    return count(session, (code_kind(purpose),), issued_at - timedelta(microseconds=1)) >= (
        MAX_WRONG_PER_CODE
    )


def last(session: Session, kind: str, who: str, since: datetime) -> tuple[int, datetime | None]:
    """How many failed tries of `kind` by `who` since `since`, and when the latest was."""
    stmt = select(func.count(), func.max(Attempt.at)).where(
        Attempt.kind == kind, Attempt.subject == who, Attempt.at > since
    )
    tried, latest = session.execute(stmt).one()
    return int(tried or 0), latest


def forget(session: Session, kind: str, who: str) -> None:
    """Drop `who`'s failed tries of `kind` (a login that succeeded)."""
    session.execute(delete(Attempt).where(Attempt.kind == kind, Attempt.subject == who))
