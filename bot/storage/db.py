"""Engine and session factories for SQLite (embedded default) and PostgreSQL.

SQLite gets WAL mode and `BEGIN IMMEDIATE`, so a turn takes the write lock before it
reads the conversation: the same guarantee `SELECT … FOR UPDATE` gives on PostgreSQL.
Its file is made readable by its owner only, and deleted rows are overwritten
(`secure_delete`); `checkpoint` empties the WAL after an erasure. `synchronous=NORMAL`:
a commit reaches the WAL file but not the disk, which survives a killed process, not a
power cut (the README's delivery guarantee says what that may lose).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.writer_lock import WriterLock

log = logging.getLogger(__name__)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create the engine for `url`, creating the SQLite file's folder if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, **kwargs)
        _ping_when_idle(engine)
        return engine

    if parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)  # leads are personal data: owner only (WAL files follow it)
    engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let BEGIN below be ours, not pysqlite's
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # On the sqlite3 connection itself: `exec_driver_sql` adds ~30 µs to every transaction.
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")

    return engine


#: A pooled connection unused this long is pinged before it is handed out: the server may
#: have restarted or the network dropped it meanwhile. One in steady use is not, as
#: SQLAlchemy's `pool_pre_ping` would (a round trip per checkout, a fifth of a turn's);
#: a turn that still meets a dead connection is run again by the engine.
PING_AFTER_IDLE = 5.0  # seconds


def _ping_when_idle(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE:
            return  # a new connection, or one just used
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError("dead pooled connection") from error  # pool reconnects


def checkpoint(engine: Engine) -> None:
    """Write SQLite's WAL into the file and empty it, so deleted rows leave no copy there."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:  # on the driver's connection: no BEGIN around it
        driver: Any = connection.connection.driver_connection
        busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:  # a reader holds an old snapshot; the next checkpoint gets the rest
        log.warning("WAL checkpoint after an erasure was partial (a reader was busy)")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (replies are built from them)."""
    return sessionmaker(engine, expire_on_commit=False)


def turn_lock(engine: Engine) -> AbstractContextManager[Any]:
    """What a turn holds around its transaction.

    SQLite has one writer at a time: turns queue on `WriterLock` (threads and worker
    processes alike) instead of in SQLite's busy handler, whose sleeps (up to 100 ms) would
    make the tail latency. PostgreSQL locks rows itself, so nothing is held there.
    """
    if engine.dialect.name != "sqlite":
        return nullcontext()
    database = engine.url.database
    if not database or database == ":memory:":
        return threading.Lock()
    return WriterLock(Path(database))


class HeldConnections:
    """Each thread's own connection, kept open from one turn to the next (SQLite).

    Taking a connection from the pool and giving it back cost about 30 µs of SQLAlchemy's
    Python per transaction (CPU time, in-process), about what a turn's statements take
    in SQLite itself, and a turn thread runs one transaction after another. The connection
    is idle between them, in no transaction, so it holds no snapshot that would keep a
    checkpoint waiting. One that was closed or invalidated is replaced. On PostgreSQL each
    transaction takes one from the pool, whose checkout pings a connection idle too long.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._held = engine.dialect.name == "sqlite"
        self._local = threading.local()

    def __call__(self) -> AbstractContextManager[Connection]:
        """The connection to run one transaction on: `with connections() as c, c.begin(): …`."""
        if not self._held:
            return self.engine.connect()
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None or connection.closed or connection.invalidated:
            if connection is not None:
                connection.close()
            connection = self._local.connection = self.engine.connect()
        return nullcontext(connection)


@contextmanager
def transaction(database_url: str) -> Iterator[Session]:
    """One committed transaction on a short-lived engine: what a command-line command needs."""
    db = make_engine(database_url)
    try:
        with make_session_factory(db).begin() as session:
            yield session
    finally:
        db.dispose()
