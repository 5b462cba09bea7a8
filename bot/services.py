"""The long-lived parts one process needs, built once from Settings and passed down."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.conversation import Incoming, Reply
from bot.crypto import Crypto
from bot.engine import Answer, Clock, Engine, utc_now
from bot.storage.db import make_engine, make_session_factory, turn_lock
from handlers import build_router


@dataclass(frozen=True)
class Services:
    """Database and conversation engine of one process."""

    settings: Settings
    db: DbEngine
    sessions: sessionmaker[Session]
    engine: Engine
    turns: ThreadPoolExecutor

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Run a turn on the turn threads, off the event loop.

        One thread on SQLite (a single writer: more threads only queue and thrash), four on
        PostgreSQL, whose row locks keep chats apart (more only added tail latency on two
        cores). Turns queue in the executor, so under load a thread goes from one to the
        next without being woken.
        """
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.turns, self.engine.handle, incoming)

    async def answer(self, incoming: Incoming, held: frozenset[int] = frozenset()) -> Answer:
        """`handle`, with the outbox row leased to this process (`Engine.answer`)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.turns, self.engine.answer, incoming, held)

    def close(self) -> None:
        self.turns.shutdown(wait=True)
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
    turns = ThreadPoolExecutor(1 if settings.is_sqlite else 4, thread_name_prefix="turn")
    return Services(settings=settings, db=db, sessions=sessions, engine=engine, turns=turns)
