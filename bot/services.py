"""The long-lived parts one process needs, built once from Settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.engine import Clock, Engine, utc_now
from bot.storage.db import make_engine, make_session_factory
from handlers import build_router


@dataclass(frozen=True)
class Services:
    """Database and conversation engine of one process."""

    settings: Settings
    db: DbEngine
    sessions: sessionmaker[Session]
    engine: Engine

    def close(self) -> None:
        self.db.dispose()


def build_services(settings: Settings, *, clock: Clock = utc_now) -> Services:
    """Connect to the database and wire the handlers into an engine."""
    db = make_engine(settings.database_url)
    sessions = make_session_factory(db)
    engine = Engine(sessions, build_router(), default_locale=settings.default_locale, clock=clock)
    return Services(settings=settings, db=db, sessions=sessions, engine=engine)
