"""The long-lived parts one process needs, built once from Settings and passed down."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.crypto import Crypto
from bot.engine import Clock, Engine, utc_now
from bot.storage.db import make_engine, make_session_factory, turn_lock
from handlers import build_router, officer


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
    officer.configure(settings)  # the bot username and WhatsApp number officers' links use
    engine = Engine(
        sessions, build_router(), default_locale=settings.default_locale, clock=clock,
        crypto=Crypto(settings.secret_key), turn_lock=turn_lock(db),
    )
    return Services(settings=settings, db=db, sessions=sessions, engine=engine)
