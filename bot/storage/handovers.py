"""Handovers: a worker's chat handed to branch staff, its messages, and who did what.

A handover belongs to the branch that would follow the worker up: their newest lead's,
else the branch of the officer who brought them, else the default office. Staff reach it
through the same `Scope` as leads. The worker's messages are kept only while it is open;
staff replies always. Opening, each reply and closing are `audit_events` rows (who, when).
Functions take the caller's session and never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bot.storage.branches import default_branch
from bot.storage.lead_queries import Scope
from bot.storage.leads import leads_of_contact
from bot.storage.models import AuditEvent, Contact, Handover, HandoverMessage, Officer

ASKED, STUCK = "asked", "stuck"  # why it opened: the worker asked, the bot could not answer
WORKER, STAFF = "worker", "staff"
MAX_TEXT = 2000  # characters kept of one message
RECENT = 50  # messages shown on a handover's page
KEY = "_handover"  # in the conversation's data: the id of the chat's open handover


def handover_scope(scope: Scope) -> list[ColumnElement[bool]]:
    """The rule of leads (lead_queries.scope_clause) applied to handovers."""
    if scope.nothing:
        return [Handover.id.is_(None)]
    clauses: list[ColumnElement[bool]] = []
    if scope.branch_id is not None:
        clauses.append(Handover.branch_id == scope.branch_id)
    if scope.officer_id is not None:
        clauses.append(Handover.officer_id == scope.officer_id)
    return clauses


def open_handover_of(session: Session, contact_id: int) -> Handover | None:
    """The contact's open handover, if any."""
    return session.scalars(
        select(Handover).where(Handover.contact_id == contact_id, Handover.closed_at.is_(None))
    ).first()


@dataclass(frozen=True)
class Route:
    """Who follows a contact up: the branch, the officer who brought them, their newest lead."""

    branch_id: int
    officer_id: int | None
    lead_id: int | None


def route_of(session: Session, contact: Contact) -> Route:
    """Their newest lead's branch, else the branch of their officer, else the default office."""
    leads = leads_of_contact(session, contact)
    lead = leads[-1] if leads else None
    if lead is not None:
        return Route(lead.branch_id, lead.officer_id, lead.id)
    officer = session.get(Officer, contact.officer_id) if contact.officer_id else None
    if officer is not None:
        return Route(officer.branch_id, officer.id, None)
    return Route(default_branch(session).id, None, None)


def open_handover(
    session: Session, contact: Contact, chat_id: str, reason: str, now: datetime
) -> tuple[Handover, bool]:
    """The contact's open handover, or a new one (True) routed to their branch."""
    if (existing := open_handover_of(session, contact.id)) is not None:
        return existing, False
    route = route_of(session, contact)
    handover = Handover(
        contact_id=contact.id,
        channel=contact.channel,
        chat_id=chat_id,
        branch_id=route.branch_id,
        officer_id=route.officer_id,
        lead_id=route.lead_id,
        reason=reason,
        opened_at=now,
    )
    session.add(handover)
    session.flush()
    audit(session, "bot", "handover_open", handover, now, reason)
    return handover, True


def keep_worker_message(
    session: Session, data: dict[str, Any], handover_id: int, text: str, now: datetime
) -> None:
    """A message of a chat marked as handed over: kept for staff while the handover is open.

    Once staff closed it, the chat's mark (`data[KEY]`) goes: the chat is the bot's alone again.
    """
    handover = session.get(Handover, handover_id)
    if handover is None or handover.closed_at is not None:
        data.pop(KEY, None)
        return
    add_message(session, handover, WORKER, text, now)


def add_message(
    session: Session,
    handover: Handover,
    sender: str,
    text: str,
    now: datetime,
    author: str | None = None,
) -> None:
    """Keep one message of the handover's conversation."""
    session.add(
        HandoverMessage(
            handover_id=handover.id,
            contact_id=handover.contact_id,
            at=now,
            sender=sender,
            author=author,
            text=text[:MAX_TEXT],
        )
    )
    session.flush()


def close_handover(session: Session, handover: Handover, actor: str, now: datetime) -> None:
    """Hand the chat back to the bot; the audit trail says who closed it."""
    handover.closed_at, handover.closed_by = now, actor
    audit(session, actor, "handover_close", handover, now)


def audit(
    session: Session,
    actor: str,
    action: str,
    handover: Handover,
    now: datetime,
    note: str = "",
) -> None:
    """An `audit_events` row naming the handover by id only (it outlives an erasure)."""
    detail = f"handover {handover.id} branch {handover.branch_id}" + (f" {note}" if note else "")
    session.add(AuditEvent(at=now, actor=actor, action=action, detail=detail, rows=None))
    session.flush()


@dataclass(frozen=True)
class InboxRow:
    """One open handover in the inbox: the handover, the worker's newest message, how many."""

    handover: Handover
    last_at: datetime | None
    last_text: str
    messages: int


def inbox(session: Session, scope: Scope, limit: int = 200) -> list[InboxRow]:
    """The open handovers a viewer reaches, the longest waiting first."""
    handovers = list(
        session.scalars(
            select(Handover)
            .where(Handover.closed_at.is_(None), *handover_scope(scope))
            .order_by(Handover.opened_at, Handover.id)
            .limit(limit)
        )
    )
    if not handovers:
        return []
    ids = [h.id for h in handovers]
    counts = dict(
        session.execute(
            select(HandoverMessage.handover_id, func.count())
            .where(HandoverMessage.handover_id.in_(ids))
            .group_by(HandoverMessage.handover_id)
        ).all()
    )
    newest = select(func.max(HandoverMessage.id)).where(  # the worker's, never a staff reply
        HandoverMessage.handover_id.in_(ids), HandoverMessage.sender == WORKER
    )
    last = {
        m.handover_id: m
        for m in session.scalars(
            select(HandoverMessage).where(
                HandoverMessage.id.in_(newest.group_by(HandoverMessage.handover_id))
            )
        )
    }
    return [
        InboxRow(
            h,
            last[h.id].at if h.id in last else None,
            last[h.id].text if h.id in last else "",
            int(counts.get(h.id, 0)),
        )
        for h in handovers
    ]


def get_handover(session: Session, scope: Scope, handover_id: int) -> Handover | None:
    """The handover if the scope reaches it; another branch's is simply not found."""
    return session.scalars(
        select(Handover).where(Handover.id == handover_id, *handover_scope(scope))
    ).first()


def recent_messages(
    session: Session, handover: Handover, limit: int = RECENT
) -> list[HandoverMessage]:
    """The conversation's newest messages of this contact, oldest first (earlier handovers too)."""
    rows = list(
        session.scalars(
            select(HandoverMessage)
            .where(HandoverMessage.contact_id == handover.contact_id)
            .order_by(HandoverMessage.at.desc(), HandoverMessage.id.desc())
            .limit(limit)
        )
    )
    return rows[::-1]
