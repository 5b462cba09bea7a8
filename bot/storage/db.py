"""Engine and session factories for SQLite (embedded default) and PostgreSQL.

SQLite gets WAL mode and `BEGIN IMMEDIATE`, so a turn takes the write lock before it
reads the conversation: the same guarantee `SELECT … FOR UPDATE` gives on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create the engine for `url`, creating the SQLite file's folder if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let BEGIN below be ours, not pysqlite's
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (replies are built from them)."""
    return sessionmaker(engine, expire_on_commit=False)


def turn_lock(engine: Engine) -> AbstractContextManager[Any]:
    """What one process holds around a turn's transaction.

    SQLite has one writer at a time; threads of one process queue on a Python lock
    instead of SQLite's busy handler, whose sleeps (up to 100 ms) would make the tail
    latency. PostgreSQL locks rows itself, so nothing is held there.
    """
    return threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()


@contextmanager
def transaction(database_url: str) -> Iterator[Session]:
    """One committed transaction on a short-lived engine: what a command-line command needs."""
    db = make_engine(database_url)
    try:
        with make_session_factory(db).begin() as session:
            yield session
    finally:
        db.dispose()
