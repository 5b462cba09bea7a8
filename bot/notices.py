"""What the bot tells people unprompted: status news, an officer's new lead, one form reminder.

Each is queued in the outbox (bot/storage/notices.py) in the transaction of the change that
caused it. The reminder is the only one on a schedule: `send_reminders` runs in the
housekeeping loop of every process (bot/housekeeping.py) and finds the due chats in the
database itself, so no cron is needed, and the `chat_reminders` primary key lets only one
process send each.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.conversation import Reply
from bot.domain.followup import REMIND_AFTER, REMIND_MARGIN, WINDOW
from bot.exports import STATUS_LABELS
from bot.i18n import Translator
from bot.storage import notices
from bot.storage.models import Branch, ChatReminder, Contact, Conversation, Lead, Officer

log = logging.getLogger(__name__)
#: The form whose half-finished chats get a reminder (bot/forms.py names states "form.field").
REMINDED_FORM = "registration"
BATCH = 200


def status_changed(session: Session, lead: Lead, now: datetime) -> str:
    """Tell the worker their lead's new status, if their branch sends such news; the outcome."""
    branch = session.get(Branch, lead.branch_id)
    if branch is None or not branch.notify_status:
        return "branch off"
    contact = session.get(Contact, lead.contact_id) if lead.contact_id else None
    if contact is None:
        return "no chat"
    t = Translator(contact.language or "id")
    status = t.gettext(STATUS_LABELS.get(lead.status, lead.status))
    text = t.gettext("Your registration ({reference}) has been processed: {status}.").format(
        reference=lead.reference, status=status
    )
    text += "\n\n" + t.gettext("Questions about it? Reply here or call centre 175.")
    return notices.queue(
        session,
        contact.channel,
        contact.user_id,
        Reply(text, language=t.locale),
        now,
        purpose="status",
        params=(lead.reference, status),
    )


def lead_attributed(session: Session, lead: Lead, now: datetime) -> list[str]:
    """Tell the lead's officer, on each chat they linked, that a lead came in through them."""
    officer = session.get(Officer, lead.officer_id) if lead.officer_id else None
    if officer is None or not officer.active:
        return []
    t = Translator("id")
    text = t.gettext(
        "New registration through your code: {reference}. The branch calls by {date}."
    ).format(reference=lead.reference, date=t.date(lead.call_by) if lead.call_by else "—")
    chats = [("telegram", officer.telegram_user_id), ("whatsapp", officer.whatsapp_user_id)]
    return [
        notices.queue(
            session,
            channel,
            chat_id,
            Reply(text, language=t.locale),
            now,
            purpose="officer",
            params=(lead.reference,),
        )
        for channel, chat_id in chats
        if chat_id
    ]


def due_reminders(session: Session, now: datetime) -> list[tuple[str, str]]:
    """Chats in the middle of the form, quiet for REMIND_AFTER, whose window is still open.

    A chat with a `chat_reminders` row (reminded already, or stopped) is never due again.
    """
    rows = session.execute(
        select(Conversation.channel, Conversation.chat_id)
        .where(
            Conversation.state.startswith(f"{REMINDED_FORM}."),
            Conversation.channel.in_(notices.PUSH_CHANNELS),
            Conversation.updated_at <= now - REMIND_AFTER,
            Conversation.updated_at > now - WINDOW + REMIND_MARGIN,
            ~exists().where(
                ChatReminder.channel == Conversation.channel,
                ChatReminder.chat_id == Conversation.chat_id,
            ),
        )
        .limit(BATCH)
    )
    return [(channel, chat_id) for channel, chat_id in rows]


def remind(session: Session, channel: str, chat_id: str, now: datetime) -> bool:
    """Send one chat its reminder, unless another process just did; True if this one did.

    The chat is checked again first: the person may have written since it was found due.
    """
    state = session.scalar(
        select(Conversation.state).where(
            Conversation.channel == channel, Conversation.chat_id == chat_id
        )
    )
    last = notices.last_inbound(session, channel, chat_id)
    if (
        not (state or "").startswith(f"{REMINDED_FORM}.")
        or last is None
        or last > now - REMIND_AFTER
    ):
        return False
    try:
        with session.begin_nested():
            session.add(ChatReminder(channel=channel, chat_id=chat_id, sent_at=now))
    except IntegrityError:
        return False
    t = Translator(notices.contact_language(session, channel, chat_id))
    text = t.gettext("Your registration is not finished yet — type lanjut to continue.")
    text += " " + t.gettext("Type stop if you do not want reminders.")
    reply = Reply(text, language=t.locale)
    return notices.queue(session, channel, chat_id, reply, now, purpose="reminder") == "text"


def send_reminders(
    sessions: sessionmaker[Session], lock: AbstractContextManager[Any], now: datetime
) -> int:
    """Remind every due chat once; the number reminded."""
    with sessions() as session:
        due = due_reminders(session, now)
    sent = 0
    for channel, chat_id in due:
        with lock, sessions.begin() as session:
            sent += remind(session, channel, chat_id, now)
    if sent:
        log.info("reminders: %d half-finished forms nudged", sent)
    return sent
