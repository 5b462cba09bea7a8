"""Migrations and the version guard, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from bot.services import Services
from bot.storage import migrate
from bot.storage.conversations import StaleConversation, lock_conversation, save_conversation
from bot.storage.db import make_engine
from bot.storage.models import Base, Conversation
from tests.conftest import FIXED_NOW


def test_migrations_create_every_model_table(services: Services) -> None:
    tables = set(inspect(services.db).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_migrations_go_down_and_up_again(database_url: str, services: Services) -> None:
    migrate.downgrade(database_url, "base")
    engine = make_engine(database_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    migrate.upgrade(database_url)
    assert "leads" in inspect(services.db).get_table_names()


def test_a_stale_conversation_write_is_refused(services: Services) -> None:
    """The version guard behind the row lock: a write based on an old read fails."""
    with services.sessions.begin() as session:
        old = lock_conversation(session, "web", "c", FIXED_NOW)
    with services.sessions.begin() as session:
        fresh = lock_conversation(session, "web", "c", FIXED_NOW)
        fresh.state = "programs"
        save_conversation(session, fresh, FIXED_NOW)
    old.state = "stale"
    with pytest.raises(StaleConversation), services.sessions.begin() as session:
        save_conversation(session, old, FIXED_NOW)
    with services.sessions() as session:
        assert session.execute(select(Conversation.state, Conversation.version)).one() == (
            "programs",
            2,
        )


def test_models_and_migrations_describe_the_same_schema(services: Services) -> None:
    """A model change without its migration (or the reverse) fails here, on both databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with services.db.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
