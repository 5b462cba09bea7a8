"""Migrations and the version guard, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from bot.conversation import Channel, Incoming, Kind
from bot.services import Services
from bot.storage import migrate
from bot.storage.conversations import ConversationState, StaleConversation, TurnStore
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
    store = TurnStore(services.db.dialect)
    incoming = Incoming(Channel.WEB, "c", "c", Kind.TEXT, text="hi")

    def read() -> ConversationState:
        with services.db.begin() as connection:
            opened = store.open(connection, incoming, "id", FIXED_NOW)
        assert opened is not None
        return opened[0]

    old, fresh = read(), read()
    fresh.state = "programs"
    with services.db.begin() as connection:
        store.write_back(connection, fresh, FIXED_NOW)
    old.state = "stale"
    with pytest.raises(StaleConversation), services.db.begin() as connection:
        store.write_back(connection, old, FIXED_NOW)
    with services.sessions() as session:
        assert session.execute(select(Conversation.state, Conversation.version)).one() == (
            "programs",
            2,
        )


@pytest.mark.filterwarnings(  # SQLite lacks the PostgreSQL-only trigram index, and says so
    "ignore:autogenerate skipping metadata-specified expression-based index 'ix_leads_name_trgm'"
)
def test_models_and_migrations_describe_the_same_schema(services: Services) -> None:
    """A model change without its migration (or the reverse) fails here, on both databases."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with services.db.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
