"""Migrations and the version guard, on both databases."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, inspect, select, update

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.outbox import OutboxSender
from bot.services import Services
from bot.storage import migrate, outbox
from bot.storage.conversations import ConversationState, StaleConversation, TurnStore
from bot.storage.db import make_engine
from bot.storage.models import Base, Conversation, OutboxMessage
from tests.conftest import FAST_OUTBOX, FIXED_NOW


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


def _read(services: Services, store: TurnStore, incoming: Incoming) -> ConversationState:
    """The chat's conversation as a turn opens it (each call a reader of its own)."""
    with services.db.begin() as connection:
        opened = store.open(connection, incoming, "id", FIXED_NOW)
    assert opened is not None
    return opened[0]


def test_a_stale_conversation_write_is_refused(services: Services) -> None:
    """The version guard behind the row lock: a write based on an old read fails."""
    store = TurnStore(services.db.dialect)
    incoming = Incoming(Channel.WEB, "c", "c", Kind.TEXT, text="hi")
    old, fresh = _read(services, store, incoming), _read(services, store, incoming)
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


def test_a_stale_conversation_write_with_its_replies_is_refused(services: Services) -> None:
    """On PostgreSQL the save rides on the outbox insert: a stale one queues no reply."""
    store = TurnStore(services.db.dialect)
    incoming = Incoming(Channel.WHATSAPP, "62812", "62812", Kind.TEXT, text="hi")
    old, fresh = _read(services, store, incoming), _read(services, store, incoming)
    with services.db.begin() as connection:
        saving = store.write_back(connection, fresh, FIXED_NOW, joined=True)
        outbox.write(
            connection, incoming, [Reply("Halo")], pending=True, now=FIXED_NOW, saving=saving
        )
    with pytest.raises(StaleConversation), services.db.begin() as connection:
        saving = store.write_back(connection, old, FIXED_NOW, joined=True)
        outbox.write(
            connection, incoming, [Reply("Basi")], pending=True, now=FIXED_NOW, saving=saving
        )
    with services.sessions() as session:
        assert session.execute(select(Conversation.version)).scalar_one() == 2
        assert [r[0]["text"] for r in session.execute(select(OutboxMessage.replies)).scalars()] == [
            "Halo"
        ]


def round_trips(services: Services, trace: Path, work: Callable[[], object]) -> int:
    """How many times `work` waited on PostgreSQL: Syncs and simple Queries it sent."""
    traced: list[Any] = []

    def trace_it(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.pgconn.trace(file.fileno())
        dbapi_connection.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)
        traced.append(dbapi_connection)

    with trace.open("w") as file:
        event.listen(services.db, "checkout", trace_it)
        try:
            work()
        finally:
            event.remove(services.db, "checkout", trace_it)
            for dbapi_connection in traced:
                dbapi_connection.pgconn.untrace()
    sent = [line.split("\t") for line in trace.read_text().splitlines()]
    return sum(fields[:1] == ["F"] and fields[2:3] in (["Sync"], ["Query"]) for fields in sent)


def test_a_whatsapp_turn_and_its_write_back_on_postgresql_are_five_round_trips(
    services: Services, tmp_path: Path
) -> None:
    """The turn: BEGIN, claim and read (a new chat: and make its rows, one more), save
    and queue the replies, COMMIT; the sender's write-back of the sent row: one statement.
    Each round trip costs the app and the server more CPU than the statement it carries."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite has no round trips")

    def message(step: int) -> Incoming:
        return Incoming(
            Channel.WHATSAPP, "62813", "62813", Kind.TEXT, text="menu", message_id=f"w{step}"
        )

    # a new chat: its conversation and contact are made and read in one statement
    assert round_trips(services, tmp_path / "new", lambda: services.engine.answer(message(0))) == 5
    with services.sessions.begin() as session:  # and its first replies delivered
        session.execute(update(OutboxMessage).values(status="sent"))
    answers = []
    assert (
        round_trips(
            services, tmp_path / "turn", lambda: answers.append(services.engine.answer(message(1)))
        )
        == 4
    )
    assert answers[0].row is not None  # leased to this process's sender

    class Sink:
        channel = "whatsapp"

        def prepare(self, replies: Sequence[Reply]) -> list[Reply]:
            return list(replies)

        async def deliver(self, chat_id: str, reply: Reply) -> None:
            pass

    sender = OutboxSender(services.db, services.engine.turn_lock, None, [Sink()], FAST_OUTBOX)

    async def send() -> None:
        sender.schedule(message(1), answers[0])
        await sender.stop()  # the send and its write-back done

    assert round_trips(services, tmp_path / "sent", lambda: asyncio.run(send())) == 1
    with services.sessions() as session:
        assert set(session.execute(select(OutboxMessage.status)).scalars()) == {"sent"}


def test_a_write_back_on_postgresql_commits_without_waiting_for_the_disk_a_turn_waits(
    services: Services,
) -> None:
    """The sender's bookkeeping may be lost in a server crash (the reply is sent again);
    the turn that queued the reply may not, nor may the connection's next transaction."""
    if services.db.dialect.name != "postgresql":
        pytest.skip("SQLite's commits are not PostgreSQL's")
    incoming = Incoming(Channel.WHATSAPP, "62814", "62814", Kind.TEXT, text="menu", message_id="w")
    answer = services.engine.answer(incoming)
    assert answer.row is not None

    def waits(connection: Any) -> str:
        return str(connection.exec_driver_sql("SHOW synchronous_commit").scalar_one())

    with services.db.connect() as connection, connection.begin():
        assert waits(connection) == "on"  # as the turn's commit did
        outbox.settle(connection, [outbox.Outcome(answer.row, 1, outbox.SENT)], FIXED_NOW)
        assert waits(connection) == "off"
    with services.db.connect() as connection, connection.begin():
        assert waits(connection) == "on"
        status = connection.execute(select(OutboxMessage.status)).scalar_one()
    assert status == "sent"
