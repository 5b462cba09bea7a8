"""The long-lived parts one process needs, built once from Settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio
from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.conversation import Incoming, Reply
from bot.crypto import Crypto
from bot.engine import Clock, Engine, utc_now
from bot.storage.db import make_engine, make_session_factory, turn_lock
from handlers import build_router


@dataclass(frozen=True)
class Services:
    """Database and conversation engine of one process."""

    settings: Settings
    db: DbEngine
    sessions: sessionmaker[Session]
    engine: Engine
    _slots: list[anyio.CapacityLimiter] = field(default_factory=list, repr=False, compare=False)

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Run a turn in a worker thread, a bounded number at once.

        One at a time on SQLite (a single writer: more threads only queue and thrash),
        a pool's worth on PostgreSQL, whose row locks keep chats apart.
        """
        if not self._slots:  # made lazily: a limiter belongs to the running event loop
            self._slots.append(anyio.CapacityLimiter(1 if self.settings.is_sqlite else 8))
        return await anyio.to_thread.run_sync(self.engine.handle, incoming, limiter=self._slots[0])

    def close(self) -> None:
        self.db.dispose()


def build_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    """Connect to the database and wire the handlers into an engine."""
    db = make_engine(settings.database_url)
    sessions = make_session_factory(db)
    engine = Engine(
        sessions,
        build_router(),
        default_locale=settings.default_locale,
        clock=clock,
        crypto=Crypto(settings.secret_key),
        settings=settings,
        turn_lock=turn_lock(db),
    )
    return Services(settings=settings, db=db, sessions=sessions, engine=engine)
