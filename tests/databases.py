"""Throw-away PostgreSQL databases for tests and benchmarks, so runs never collide."""

from __future__ import annotations

import os
import uuid

import psycopg
from sqlalchemy.engine import make_url

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def admin_url() -> str:
    """The server to create databases on: TEST_DATABASE_URL, or the local default."""
    return os.environ.get("TEST_DATABASE_URL") or DEFAULT_ADMIN_URL


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(prefix: str = "jb_test") -> tuple[str, str] | None:
    """A new empty database: (SQLAlchemy URL, name), or None when no server answers."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(_conninfo(admin_url()), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return None
    url = make_url(admin_url()).set(database=name).render_as_string(hide_password=False)
    return url, name


def drop_database(name: str) -> None:
    """Drop a database made by `create_database`, closing its connections."""
    with psycopg.connect(_conninfo(admin_url()), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_connections(url: str) -> None:
    """What a server restart does to a pool: every connection to the database is cut."""
    with psycopg.connect(_conninfo(url), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def backend_pids(name: str) -> list[int]:
    """The server processes serving database `name` now (a benchmark reads their CPU)."""
    with psycopg.connect(_conninfo(admin_url()), autocommit=True) as admin:
        rows = admin.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
        return [int(pid) for (pid,) in rows]
