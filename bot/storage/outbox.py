"""The outbox table: each turn's replies, written in the turn's transaction, claimed by senders.

A row holds one turn's replies for one chat, in order, and `progress`: how many of them
went out (a retry starts there, so a reply is not sent twice because a later one failed).
A sender claims a chat's rows by setting `lease_until`; only the oldest pending row of a
chat, and the rows right after it, can be claimed, so each chat's messages keep their order
whichever process sends them. On PostgreSQL the claim reads with `FOR UPDATE SKIP LOCKED`,
so two processes claiming at once take different chats; on SQLite claims run under the
writer lock, one at a time.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    DateTime,
    Dialect,
    Integer,
    Table,
    Text,
    all_,
    and_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from bot.conversation import Choice, Deferred, Document, Incoming, Reply, Template
from bot.storage.conversations import _SAVE, CONVERSATIONS, StaleConversation, _cursor, _Statement
from bot.storage.models import DeliveryFailure, OutboxMessage

PENDING, SENT, FAILED = "pending", "sent", "failed"
STATUSES = (PENDING, FAILED, SENT)


def reply_record(reply: Reply) -> dict[str, Any]:
    """A reply as JSON: what the sender needs to deliver it, a document's bytes included."""
    record: dict[str, Any] = {"text": reply.text, "language": reply.language}
    if reply.choices:
        record["choices"] = [[choice.id, choice.label] for choice in reply.choices]
    if reply.request_phone:
        record["request_phone"] = True
    if (document := reply.document) is not None:
        record["document"] = {
            "filename": document.filename,
            "mime_type": document.mime_type,
            "caption": document.caption,
            "content": base64.b64encode(document.content).decode(),
        }
    if (deferred := reply.deferred) is not None:
        record["deferred"] = {"kind": deferred.kind, "params": deferred.params}
    if (template := reply.template) is not None:
        record["template"] = [template.name, template.language, list(template.params)]
    return record


def reply_of(record: dict[str, Any]) -> Reply:
    """The reply `reply_record` stored."""
    document = None
    if stored := record.get("document"):
        document = Document(
            stored["filename"],
            base64.b64decode(stored["content"]),
            stored["mime_type"],
            stored.get("caption", ""),
        )
    return Reply(
        record["text"],
        tuple(Choice(id_, label) for id_, label in record.get("choices", [])),
        request_phone=bool(record.get("request_phone")),
        document=document,
        language=record.get("language", ""),
        deferred=Deferred(**record["deferred"]) if "deferred" in record else None,
        template=_template(record.get("template")),
    )


def _template(stored: list[Any] | None) -> Template | None:
    return Template(stored[0], stored[1], tuple(stored[2])) if stored else None


@dataclass
class Claimed:
    """A claimed row: one turn's replies to one chat, and how far its delivery got."""

    id: int
    channel: str
    chat_id: str
    replies: list[Reply]
    progress: int
    attempts: int
    lease_until: datetime | None = None  # the claimer's lease; None: not known


@dataclass
class Outcome:
    """What became of a claimed row; the sender writes these back in one transaction."""

    id: int
    progress: int
    status: str  # SENT, FAILED, or PENDING again (a retry at `due_at`)
    due_at: datetime | None = None
    error: str | None = None
    failures: list[tuple[str, str, str, str]] = field(default_factory=list)  # to record:
    # (channel, chat, code, detail) in `delivery_failures`
    attempted: bool = True  # False: given back untried, behind a row that waits for a retry
    lapsed: bool = False  # not sent, its lease too near its end: not written back either


_OUTBOX: Table = OutboxMessage.__table__  # type: ignore[assignment]
_AT = DateTime(timezone=True)
_PENDING_SQL: ColumnElement[str] = literal_column(
    f"'{PENDING}'"
)  # a constant in the SQL, not a parameter


_WRITTEN = (
    "channel",
    "chat_id",
    "message_id",
    "created_at",
    "status",
    "attempts",
    "progress",
    "due_at",
    "lease_until",
    "replies",
    "sent_at",
)


def _saved_then_written() -> Any:
    """The turn's save of its conversation, then its outbox row, in one PostgreSQL statement.

    The row is inserted only if the save matched (no row back: a stale conversation), and
    is leased to the caller (`lease_until` kept) only if none of the chat's replies is
    waiting but `held`. The check reads after the save, under the conversation's lock,
    in a snapshot taken after that lock was granted.
    """
    o = _OUTBOX.c
    saved = _SAVE.returning(CONVERSATIONS.c.id).cte("saved")
    waiting = exists().where(
        o.channel == bindparam("channel"),
        o.chat_id == bindparam("chat_id"),
        o.status == _PENDING_SQL,
        o.id != all_(bindparam("held", type_=ARRAY(Integer()))),
    )
    values: list[Any] = [bindparam(name, type_=o[name].type) for name in _WRITTEN]
    values[_WRITTEN.index("lease_until")] = case((~waiting, values[8]), else_=null())
    return (
        insert(_OUTBOX)
        .from_select(list(_WRITTEN), select(*values).select_from(saved))
        .returning(o.id, o.lease_until)
    )


def _lazy_commit() -> Any:
    """A FROM item that makes the statement's transaction commit without waiting for the disk.

    `set_config(…, is_local => true)`: `synchronous_commit` is off for this transaction
    only, the connection's next one waits again. The sender's write-back runs it: a
    durable commit waits for the WAL's flush (about 5 ms on this project's machine), and
    a turn thread waited with it. What it trades: if the server itself crashes within
    a moment (up to three times `wal_writer_delay`) of a write-back, that write-back is lost, and
    its rows, still pending, are sent again once their lease runs out: delivery stays at
    least once, with a few more duplicates after such a crash, and no reply is lost,
    since the turn's own commit, which queued it, still waits for the disk. The WAL is
    one sequence, so a lost write-back takes the later ones with it and a chat's order
    holds.
    """
    setting = func.set_config(
        literal_column("'synchronous_commit'"), literal_column("'off'"), true()
    )  # constants in the SQL, not parameters
    return select(setting.label("lazy")).subquery("lazy_commit")


class _Compiled:
    """The statements a sender and a turn run on every message, compiled once per database.

    Built with SQLAlchemy Core and run on the DBAPI cursor (as bot.storage.conversations
    does): building and caching a Core statement per call cost more CPU than the send.
    """

    def __init__(self, dialect: Dialect) -> None:
        o = _OUTBOX.c
        self.write = _Statement(
            insert(_OUTBOX)
            .values({name: bindparam(name, type_=_OUTBOX.c[name].type) for name in _WRITTEN})
            .returning(o.id),
            dialect,
        )
        self.saved_then_written = (
            _Statement(_saved_then_written(), dialect) if dialect.name == "postgresql" else None
        )
        self.waiting = _Statement(
            select(o.id)
            .where(
                o.channel == bindparam("channel"),
                o.chat_id == bindparam("chat_id"),
                o.status == _PENDING_SQL,
            )
            .limit(bindparam("limit"))
            .offset(bindparam("offset")),
            dialect,
        )
        before = _OUTBOX.alias("before")
        same_chat = and_(
            before.c.channel == o.channel,
            before.c.chat_id == o.chat_id,
            before.c.status == _PENDING_SQL,
        )
        now = bindparam("now", type_=_AT)
        rank = select(func.count()).where(same_chat, before.c.id <= o.id).scalar_subquery()
        blocked = exists().where(
            same_chat,
            before.c.id < o.id,
            or_(before.c.due_at > now, before.c.lease_until >= now),
        )
        query = (
            select(o.id, o.chat_id, o.replies, o.progress, o.attempts, rank)
            .where(
                o.status == _PENDING_SQL,
                o.channel == bindparam("channel"),
                o.due_at <= now,
                or_(o.lease_until.is_(None), o.lease_until < now),
                ~blocked,
            )
            .order_by(o.id)
            .limit(bindparam("limit"))
            .offset(bindparam("offset"))  # SQLite's LIMIT comes with one
        )
        if dialect.name == "postgresql":
            query = query.with_for_update(of=_OUTBOX, skip_locked=True)
        self.claim_all = _Statement(query, dialect)
        self.claim_chat = _Statement(query.where(o.chat_id == bindparam("chat_id")), dialect)
        self.lease = _Statement(
            update(_OUTBOX)
            .where(o.id == bindparam("row_id"))
            .values(lease_until=bindparam("until", type_=_AT)),
            dialect,
        )
        settle = update(_OUTBOX).where(o.id == bindparam("row_id"))
        if dialect.name == "postgresql":
            settle = settle.where(_lazy_commit().c.lazy.is_not(None))
        self.settle = _Statement(
            settle.values(
                status=bindparam("status", type_=o.status.type),
                progress=bindparam("progress", type_=Integer()),
                lease_until=null(),
                error=bindparam("error", type_=Text()),
                attempts=o.attempts + bindparam("tried", type_=Integer()),
                sent_at=func.coalesce(bindparam("sent", type_=_AT), o.sent_at),
                due_at=func.coalesce(bindparam("due", type_=_AT), o.due_at),
            ),
            dialect,
        )


@cache
def _compiled(dialect: Dialect) -> _Compiled:
    return _Compiled(dialect)


def write(
    connection: Connection,
    incoming: Incoming,
    replies: Sequence[Reply],
    *,
    pending: bool,
    now: datetime,
    lease_until: datetime | None = None,
    held: frozenset[int] = frozenset(),
    saving: dict[str, Any] | None = None,
) -> int | None:
    """Store a turn's replies in its transaction: pending for a sender, or already sent.

    With `lease_until`, a pending row is leased to the caller's process if none of the
    chat's replies is waiting but those of `held`, rows that process is sending to the
    chat already (the conversation's lock keeps other turns of the chat out meanwhile):
    its id is returned, and that process sends it after them, without a claim.
    `saving`: the conversation's save, which `TurnStore.write_back` left to this statement
    (PostgreSQL); a stale conversation raises `StaleConversation`.
    """
    compiled = _compiled(connection.dialect)
    if not pending:
        lease_until = None
    values = {
        "channel": incoming.channel.value,
        "chat_id": incoming.chat_id,
        "message_id": incoming.message_id,
        "created_at": now,
        "status": PENDING if pending else SENT,
        "attempts": 0,
        "progress": 0,
        "due_at": now,
        "lease_until": lease_until,
        "replies": [reply_record(reply) for reply in replies],
        "sent_at": None if pending else now,
    }
    with _cursor(connection) as cursor:
        if saving is not None:
            statement = compiled.saved_then_written
            assert statement is not None, "a save is left to this statement on PostgreSQL only"
            cursor.execute(
                statement.sql, statement.params({**saving, **values, "held": list(held)})
            )
            if (written := cursor.fetchone()) is None:
                raise StaleConversation(f"conversation {saving['id']} changed during the turn")
            row_id, lease_until = written
        else:
            if lease_until is not None:
                key = {**values, "limit": len(held) + 1, "offset": 0}
                cursor.execute(compiled.waiting.sql, compiled.waiting.params(key))
                if any(waiting not in held for (waiting,) in cursor.fetchall()):
                    values["lease_until"] = lease_until = None
            statement = compiled.write
            cursor.execute(statement.sql, statement.params(values))
            row_id = cursor.fetchone()[0]
    return int(row_id) if lease_until is not None else None


def stored_replies(connection: Connection, channel: str, message_id: str) -> list[Reply]:
    """The replies stored for a message already handled (a retried request gets them again)."""
    rows = connection.execute(
        select(OutboxMessage.replies)
        .where(OutboxMessage.channel == channel, OutboxMessage.message_id == message_id)
        .order_by(OutboxMessage.id)
    ).scalars()
    return [reply_of(record) for records in rows for record in records]


def recent_replies(
    connection: Connection, channel: str, chat_id: str, limit: int = 30
) -> list[Reply]:
    """The chat's last `limit` replies still kept, oldest first (a reloaded web chat shows them)."""
    rows = connection.execute(
        select(OutboxMessage.replies)
        .where(OutboxMessage.channel == channel, OutboxMessage.chat_id == chat_id)
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    ).scalars()
    replies = [reply_of(record) for records in reversed(list(rows)) for record in records]
    return replies[-limit:]


def claim(
    connection: Connection,
    channel: str,
    now: datetime,
    lease: timedelta,
    *,
    chat_id: str | None = None,
    limit: int = 100,
) -> list[Claimed]:
    """Lease the due rows of chats no other sender holds, oldest first, each chat from its head.

    A row qualifies when it is pending, due and not leased, and no older pending row of its
    chat is leased or waiting for a retry. Rows another claimer has locked are skipped
    (PostgreSQL); a chat is kept only from its oldest pending row on, without a gap, so a
    chat half-locked elsewhere waits for the next claim.
    """
    compiled = _compiled(connection.dialect)
    statement = compiled.claim_all if chat_id is None else compiled.claim_chat
    key = {"channel": channel, "now": now, "limit": limit, "offset": 0, "chat_id": chat_id}
    taken: list[Claimed] = []
    kept: dict[str, int] = {}  # chat → its rows kept so far; -1: a gap, none more
    until = now + lease
    with _cursor(connection) as cursor:
        cursor.execute(statement.sql, statement.params(key))
        for raw in cursor.fetchall():
            id_, chat, records, progress, attempts, position = statement.row(raw)
            if kept.get(chat, 0) + 1 != position:  # not the chat's next row: another has one
                kept[chat] = -1
                continue
            kept[chat] = position
            replies = [reply_of(record) for record in records]
            taken.append(Claimed(id_, channel, chat, replies, progress, attempts, until))
        if taken:
            _execute(
                cursor,
                compiled.lease.sql,
                [compiled.lease.params({"row_id": c.id, "until": until}) for c in taken],
            )
    return taken


PIPELINE_FROM = 8  # rows; fewer are cheaper one by one (psycopg's executemany is a pipeline)


def _execute(cursor: Any, sql: str, rows: Sequence[Any]) -> None:
    """`executemany`, or one `execute` a row for a few rows.

    psycopg runs `executemany` in pipeline mode: for one to five rows that cost up to twice
    the CPU of separate statements, in this process and in the server, and the sender's
    write-backs are mostly of one to three rows.
    """
    if len(rows) < PIPELINE_FROM:
        for row in rows:
            cursor.execute(sql, row)
    else:
        cursor.executemany(sql, rows)


def _settled(outcome: Outcome, now: datetime) -> dict[str, Any]:
    return {
        "row_id": outcome.id,
        "status": outcome.status,
        "progress": outcome.progress,
        "error": outcome.error,
        "tried": 1 if outcome.attempted else 0,
        "sent": now if outcome.status == SENT else None,
        "due": outcome.due_at,
    }


def settle(connection: Connection, outcomes: Sequence[Outcome], now: datetime) -> None:
    """Write back what the sender did: sent, failed (and recorded), or due again later."""
    statement = _compiled(connection.dialect).settle
    rows = [statement.params(_settled(outcome, now)) for outcome in outcomes]
    if rows:
        with _cursor(connection) as cursor:
            _execute(cursor, statement.sql, rows)
    failures = [failure for outcome in outcomes for failure in outcome.failures]
    if failures:
        connection.execute(
            insert(DeliveryFailure),
            [
                {
                    "at": now,
                    "channel": channel,
                    "chat_id": chat[:64],
                    "code": code[:32],
                    "detail": detail,
                }
                for channel, chat, code, detail in failures
            ],
        )


def settle_alone(driver: Any, dialect: Dialect, outcome: Outcome, now: datetime) -> None:
    """`settle` of one row with no failure to record, on a DBAPI connection in autocommit.

    The statement is atomic by itself: no BEGIN and COMMIT around it, and none of
    SQLAlchemy's bookkeeping of a connection and its isolation level, which cost the
    app more CPU (about 0.1 ms) than the statement.
    """
    statement = _compiled(dialect).settle
    driver.autocommit = True
    try:
        with driver.cursor() as cursor:
            cursor.execute(statement.sql, statement.params(_settled(outcome, now)))
    finally:
        driver.autocommit = False


def purge(connection: Connection, before: datetime) -> int:
    """Delete sent and failed rows created before `before`; the number deleted."""
    result = connection.execute(
        delete(OutboxMessage).where(
            OutboxMessage.status.in_([SENT, FAILED]), OutboxMessage.created_at < before
        )
    )
    return int(result.rowcount or 0)


def listing(session: Session, statuses: Sequence[str], limit: int = 200) -> list[dict[str, Any]]:
    """Rows not delivered, for an operator: id, channel, masked chat, status, attempts, error."""
    rows = session.execute(
        select(OutboxMessage)
        .where(OutboxMessage.status.in_(statuses))
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    ).scalars()
    return [
        {
            "id": row.id,
            "channel": row.channel,
            "chat": mask_chat(row.chat_id),
            "status": row.status,
            "attempts": row.attempts,
            "created_at": row.created_at.isoformat(),
            "due_at": row.due_at.isoformat(),
            "replies": len(row.replies),
            "sent": row.progress,
            "error": row.error or "",
        }
        for row in rows
    ]


def counts(session: Session) -> dict[str, int]:
    """How many rows each status holds."""
    rows = session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    return {status: int(count) for status, count in rows}


def retry(session: Session, ids: Sequence[int] | None, now: datetime) -> int:
    """Make failed rows (these, or all when `ids` is None) pending again, due now."""
    query = update(OutboxMessage).where(OutboxMessage.status == FAILED)
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    result = session.execute(query.values(status=PENDING, due_at=now, lease_until=None, error=None))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def mask_chat(chat_id: str) -> str:
    """A chat id (a phone number on WhatsApp) with all but its last 4 characters hidden.

    >>> mask_chat("6285712345678")
    '•••••••••5678'
    """
    return "•" * max(0, len(chat_id) - 4) + chat_id[-4:]


def forget_replies(session: Session, channel: str, chat_id: str) -> None:
    """The chat's stored replies (they may repeat a name or a birth date): the outbox's rows."""
    session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.channel == channel, OutboxMessage.chat_id == chat_id
        )
    )
