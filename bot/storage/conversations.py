"""Claiming a message, and reading and writing back the conversation and contact of a turn.

Every incoming message runs these statements, so they skip SQLAlchemy's execution layer
(about 75 µs of Python per statement, more than SQLite takes to run one): each is a Core
statement compiled once for the database in use and run on the DBAPI cursor of the
turn's connection, inside the transaction the engine began on it. Values pass through
the columns' own SQLAlchemy types, so rows read and written here look exactly like the
ORM's (SQLite keeps timestamps and JSON as text). Nothing here commits: the engine owns
the one transaction per incoming message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    ClauseElement,
    Connection,
    Dialect,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    literal_column,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.sql.compiler import SQLCompiler

from bot.conversation import Incoming
from bot.storage.models import Contact, Conversation, HandledMessage

HANDLED: Table = HandledMessage.__table__  # type: ignore[assignment]
CONVERSATIONS: Table = Conversation.__table__  # type: ignore[assignment]
CONTACTS: Table = Contact.__table__  # type: ignore[assignment]

Processor = Callable[[Any], Any] | None


class _Statement:
    """A Core statement compiled once for one dialect, run on a DBAPI cursor."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
        self.sql = compiled.string
        self._positional = compiled.positiontup is not None  # SQLite's `?`, not psycopg's
        binds = {name: bind for bind, name in compiled.bind_names.items()}
        names = compiled.positiontup or list(binds)
        self._binds: list[tuple[str, Processor]] = [
            (name, binds[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names
        ]
        columns: list[Any] = (
            list(statement.selected_columns) if isinstance(statement, Select) else []
        )
        self._results: list[Processor] = [
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        ]

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """The DBAPI parameters for `values`, by bind name, converted by their types."""
        converted = [
            (name, convert(values[name]) if convert else values[name])
            for name, convert in self._binds
        ]
        return tuple(value for _, value in converted) if self._positional else dict(converted)

    def row(self, raw: Any) -> list[Any]:
        """A fetched row with its values converted by their columns' types."""
        return [
            convert(value) if convert else value
            for convert, value in zip(self._results, raw, strict=True)
        ]


def insert_ignore(table: Table, dialect: Dialect) -> Any:
    """`INSERT … ON CONFLICT DO NOTHING`, in the dialect's own construct."""
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    return insert(table).on_conflict_do_nothing()


_CONVERSATION_COLUMNS = [
    CONVERSATIONS.c.id,
    CONVERSATIONS.c.state,
    CONVERSATIONS.c.data,
    CONVERSATIONS.c.version,
    CONVERSATIONS.c.updated_at,
]
_CONTACT_COLUMNS = list(CONTACTS.c)
# The conversation, locked, and the sender's contact in one statement: the common turn.
_TURN = (
    select(*_CONVERSATION_COLUMNS, *_CONTACT_COLUMNS)
    .select_from(CONVERSATIONS)
    .outerjoin(
        CONTACTS,
        and_(
            CONTACTS.c.channel == CONVERSATIONS.c.channel,
            CONTACTS.c.user_id == bindparam("user_id"),
        ),
    )
    .where(
        CONVERSATIONS.c.channel == bindparam("channel"),
        CONVERSATIONS.c.chat_id == bindparam("chat_id"),
    )
    .with_for_update(of=CONVERSATIONS)  # SQLite has none: the engine's BEGIN IMMEDIATE locks
)
_SAVE = (
    update(CONVERSATIONS)
    .where(
        CONVERSATIONS.c.id == bindparam("id"),
        CONVERSATIONS.c.version == bindparam("old_version"),
    )
    .values(
        state=bindparam("state"),
        data=bindparam("data"),
        version=bindparam("new_version"),
        updated_at=bindparam("at"),
    )
)
_FORGET = delete(CONVERSATIONS).where(CONVERSATIONS.c.id == bindparam("id"))


def _claimed_turn(claim: Any) -> Select[Any]:
    """The claim and `_TURN` in one PostgreSQL statement: no row at all means a redelivery.

    The read is a LATERAL subquery on the claim's returned row, so it runs after the
    insert, only if it inserted: the order of two separate statements, which keeps a
    duplicate waiting on the claim rather than on the row lock (no deadlock). A new chat
    comes back as a row of NULLs.
    """
    claimed = claim.returning(literal_column("1").label("claimed")).cte("claim")
    turn = _TURN.where(claimed.c.claimed.is_not(None)).lateral("turn")
    return select(turn).select_from(claimed).outerjoin(turn, true())


def _created(new_conversation: Any, new_contact: Any) -> Select[Any]:
    """Both inserts in one PostgreSQL statement, with the rows they made: a turn's row.

    A row this transaction inserted is as good as locked: a turn of the same chat elsewhere
    waits on its key until we commit, and then finds it. No row back: one of the two
    existed already (or was being made elsewhere), and the turn reads them both as usual.
    """
    conversation = new_conversation.returning(*_CONVERSATION_COLUMNS).cte("new_conversation")
    contact = new_contact.returning(*_CONTACT_COLUMNS).cte("new_contact")
    return select(*conversation.c, *contact.c).select_from(conversation.join(contact, true()))


@dataclass
class ConversationState:
    """A chat's place in its flows, as read under the lock; written back by `TurnStore`."""

    id: int
    state: str
    data: dict[str, Any]
    version: int
    updated_at: datetime  # the chat's previous turn (its creation for a new chat)
    forget: bool = False  # delete the row instead: its key is the chat id (erasure)


ContactRow = dict[str, Any]  # the sender's contacts row, by column key


def load_contact(row: ContactRow) -> Contact:
    """The contact as an ORM object, as if a session had loaded it.

    Changes are tracked from here on, and a session it is added to takes it as the
    persistent row it is, without a query.
    """
    contact = Contact(**row)
    make_transient_to_detached(contact)
    return contact


def changed_columns(contact: Contact, loaded: ContactRow) -> ContactRow:
    """The columns of `contact` a handler changed since it was loaded as `loaded`."""
    return {key: value for key, old in loaded.items() if (value := getattr(contact, key)) != old}


class StaleConversation(RuntimeError):
    """The row changed under us: the lock was not held. Never expected; rolls the turn back."""


class TurnStore:
    """The statements of a turn, compiled once for one database; one per engine."""

    def __init__(self, dialect: Dialect) -> None:
        self._dialect = dialect
        claim = insert_ignore(HANDLED, dialect).values(
            channel=bindparam("channel"),
            message_id=bindparam("message_id"),
            handled_at=bindparam("at"),
        )
        self._claim = _Statement(claim, dialect)
        self._turn = _Statement(_TURN, dialect)
        # PostgreSQL claims and reads in one round trip (SQLite has no INSERT in WITH).
        self._claimed_turn = (
            _Statement(_claimed_turn(claim), dialect) if dialect.name == "postgresql" else None
        )
        new_conversation = insert_ignore(CONVERSATIONS, dialect).values(
            channel=bindparam("channel"),
            chat_id=bindparam("chat_id"),
            state=bindparam("state"),
            data=bindparam("data"),
            version=bindparam("version"),
            updated_at=bindparam("at"),
        )
        new_contact = insert_ignore(CONTACTS, dialect).values(
            channel=bindparam("channel"),
            user_id=bindparam("user_id"),
            language=bindparam("language"),
            first_seen=bindparam("at"),
        )
        self._new_conversation = _Statement(new_conversation, dialect)
        self._new_contact = _Statement(new_contact, dialect)
        # PostgreSQL creates both and returns them in one round trip instead of three.
        self._created = (
            _Statement(_created(new_conversation, new_contact), dialect)
            if dialect.name == "postgresql"
            else None
        )
        self._save = _Statement(_SAVE, dialect)
        self._forget = _Statement(_FORGET, dialect)
        self._contact_updates: dict[tuple[str, ...], _Statement] = {}

    def open(
        self, connection: Connection, incoming: Incoming, language: str, now: datetime
    ) -> tuple[ConversationState, ContactRow] | None:
        """Claim the message, then lock and read the conversation and the sender's contact.

        Each is created if new (the contact with `language`). None: a redelivery.

        The claim comes first: on PostgreSQL a simultaneous claim of the same id waits for
        the first transaction and then finds the conflict, so exactly one of two duplicate
        deliveries goes on. The lock is taken before the state is read (`FOR UPDATE` on
        PostgreSQL; on SQLite the engine's `BEGIN IMMEDIATE` holds the write lock).
        """
        key: dict[str, Any] = {
            "channel": incoming.channel.value,
            "chat_id": incoming.chat_id,
            "user_id": incoming.user_id,
            "message_id": incoming.message_id,
            "language": language,
            "state": "idle",  # a new chat's
            "data": {},
            "version": 1,
            "at": now,
        }
        with _cursor(connection) as cursor:
            if incoming.message_id is None:  # nothing to deduplicate by
                found = self._read(cursor, self._turn, key)
            elif self._claimed_turn is not None:
                cursor.execute(self._claimed_turn.sql, self._claimed_turn.params(key))
                if (raw := cursor.fetchone()) is None:
                    return None
                found = _unpack(self._claimed_turn.row(raw))
            else:
                cursor.execute(self._claim.sql, self._claim.params(key))
                if cursor.rowcount == 0:
                    return None
                found = self._read(cursor, self._turn, key)
            if found is None and self._created is not None:  # a new chat, or a new sender
                found = self._read(cursor, self._created, key)  # None: one of them existed
            elif found is None:
                cursor.execute(self._new_conversation.sql, self._new_conversation.params(key))
                cursor.execute(self._new_contact.sql, self._new_contact.params(key))
            if found is None:
                found = self._read(cursor, self._turn, key)
                assert found is not None, "inserted above, locked since"
        return found

    def write_back(
        self,
        connection: Connection,
        conversation: ConversationState,
        now: datetime,
        contact: ContactRow | None = None,
        *,
        joined: bool = False,
    ) -> dict[str, Any] | None:
        """Save the conversation (a stale write is refused), or delete it, and the contact.

        The conversation's version is bumped. `contact`: the changed columns of a contact
        no session tracks, and its id. `joined`: the turn writes an outbox row next; on
        PostgreSQL the save is left to that statement (`bot.storage.outbox.write`'s
        `saving`), one round trip fewer, and its values are returned.
        """
        with _cursor(connection) as cursor:
            if contact:
                changes = {key: value for key, value in contact.items() if key != "id"}
                update_contact = self._update_contact(tuple(sorted(changes)))
                cursor.execute(update_contact.sql, update_contact.params(contact))
            if conversation.forget:
                cursor.execute(self._forget.sql, self._forget.params({"id": conversation.id}))
                return None
            saved = {
                "id": conversation.id,
                "old_version": conversation.version,
                "state": conversation.state,
                "data": conversation.data,
                "new_version": conversation.version + 1,
                "at": now,
            }
            if joined and self._dialect.name == "postgresql":
                return saved
            cursor.execute(self._save.sql, self._save.params(saved))
            if cursor.rowcount != 1:
                raise StaleConversation(f"conversation {conversation.id} changed during the turn")
        return None

    def _read(
        self, cursor: Any, statement: _Statement, key: dict[str, Any]
    ) -> tuple[ConversationState, ContactRow] | None:
        cursor.execute(statement.sql, statement.params(key))
        raw = cursor.fetchone()
        return None if raw is None else _unpack(statement.row(raw))

    def _update_contact(self, columns: tuple[str, ...]) -> _Statement:
        """`UPDATE contacts SET <columns>`, compiled the first time these columns change."""
        if columns not in self._contact_updates:
            self._contact_updates[columns] = _Statement(
                update(CONTACTS)
                .where(CONTACTS.c.id == bindparam("id"))
                .values({name: bindparam(name) for name in columns}),
                self._dialect,
            )
        return self._contact_updates[columns]


def _unpack(row: list[Any]) -> tuple[ConversationState, ContactRow] | None:
    """The conversation and contact in a turn's row; None if either is missing (NULLs)."""
    split = len(_CONVERSATION_COLUMNS)
    conversation, contact = row[:split], row[split:]
    if conversation[0] is None or contact[0] is None:
        return None
    last = conversation[-1]
    if last.tzinfo is None:  # SQLite keeps no zone: every time written here is UTC
        conversation[-1] = last.replace(tzinfo=UTC)
    return (
        ConversationState(*conversation),
        {column.key: value for column, value in zip(_CONTACT_COLUMNS, contact, strict=True)},
    )


@contextmanager
def _cursor(connection: Connection) -> Iterator[Any]:
    """A cursor of the sqlite3 or psycopg connection the turn's transaction runs on."""
    driver = connection.connection.driver_connection
    assert driver is not None, "the turn's transaction holds it open"
    cursor = driver.cursor()
    try:
        yield cursor
    finally:
        cursor.close()
