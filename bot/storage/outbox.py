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
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from bot.conversation import Choice, Deferred, Document, Incoming, Reply
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
    )


@dataclass
class Claimed:
    """A claimed row: one turn's replies to one chat, and how far its delivery got."""

    id: int
    channel: str
    chat_id: str
    replies: list[Reply]
    progress: int
    attempts: int
    created_at: datetime


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


def write(
    connection: Connection,
    incoming: Incoming,
    replies: Sequence[Reply],
    *,
    pending: bool,
    now: datetime,
) -> None:
    """Store a turn's replies in its transaction: pending for a sender, or already sent."""
    connection.execute(
        insert(OutboxMessage),
        {
            "channel": incoming.channel.value,
            "chat_id": incoming.chat_id,
            "message_id": incoming.message_id,
            "created_at": now,
            "status": PENDING if pending else SENT,
            "attempts": 0,
            "progress": 0,
            "due_at": now,
            "replies": [reply_record(reply) for reply in replies],
            "sent_at": None if pending else now,
        },
    )


def stored_replies(connection: Connection, channel: str, message_id: str) -> list[Reply]:
    """The replies stored for a message already handled (a retried request gets them again)."""
    rows = connection.execute(
        select(OutboxMessage.replies)
        .where(OutboxMessage.channel == channel, OutboxMessage.message_id == message_id)
        .order_by(OutboxMessage.id)
    ).scalars()
    return [reply_of(record) for records in rows for record in records]


def claim(
    connection: Connection,
    channels: Sequence[str],
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
    row, before = OutboxMessage, aliased(OutboxMessage)
    same_chat = and_(
        before.channel == row.channel,
        before.chat_id == row.chat_id,
        before.status == PENDING,
    )
    rank = (
        select(func.count()).where(same_chat, before.id <= row.id).correlate(row).scalar_subquery()
    )
    blocked = exists().where(
        same_chat,
        before.id < row.id,
        or_(before.due_at > now, before.lease_until >= now),
    )
    query = (
        select(
            row.id,
            row.channel,
            row.chat_id,
            row.replies,
            row.progress,
            row.attempts,
            row.created_at,
            rank,
        )
        .where(
            row.status == PENDING,
            row.channel.in_(channels),
            row.due_at <= now,
            or_(row.lease_until.is_(None), row.lease_until < now),
            ~blocked,
        )
        .order_by(row.id)
        .limit(limit)
    )
    if chat_id is not None:
        query = query.where(row.chat_id == chat_id)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update(of=row, skip_locked=True)
    taken: list[Claimed] = []
    kept: dict[tuple[str, str], int] = {}  # chat → its rows kept so far; -1: a gap, none more
    for id_, channel, chat, records, progress, attempts, created_at, position in connection.execute(
        query
    ):
        key = (channel, chat)
        if kept.get(key, 0) + 1 != position:  # not the chat's next row: another sender has one
            kept[key] = -1
            continue
        kept[key] = position
        replies = [reply_of(record) for record in records]
        taken.append(Claimed(id_, channel, chat, replies, progress, attempts, created_at))
    if taken:
        connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([c.id for c in taken]))
            .values(lease_until=now + lease)
        )
    return taken


def settle(connection: Connection, outcomes: Sequence[Outcome], now: datetime) -> None:
    """Write back what the sender did: sent, failed (and recorded), or due again later."""
    for outcome in outcomes:
        values: dict[str, Any] = {
            "status": outcome.status,
            "progress": outcome.progress,
            "lease_until": None,
            "error": outcome.error,
        }
        if outcome.attempted:
            values["attempts"] = OutboxMessage.attempts + 1
        if outcome.status == SENT:
            values["sent_at"] = now
        if outcome.due_at is not None:
            values["due_at"] = outcome.due_at
        connection.execute(
            update(OutboxMessage).where(OutboxMessage.id == outcome.id).values(values)
        )
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
