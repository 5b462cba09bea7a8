"""What a worker is told about their branch office, and the reference sent to her own phone.

The office's name, phone, address and hours in its zone (from the branches CSV, `python -m bot
branches import`; the zone from the provinces the branch serves), for the status check and
the handover. `send_reference`: after an officer filled in a registration for a worker, the
worker gets its reference and her office's contact in her own chat, through the outbox.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.domain.office_hours import OfficeHours, clock, weekday
from bot.domain.zones import label
from bot.engine import OUTBOX_CHANNELS
from bot.i18n import Translator
from bot.storage import outbox
from bot.storage.lead_queries import branch_zone
from bot.storage.models import Branch, Contact, Lead, Officer


def office_card(session: Session, t: Translator, branch: Branch) -> str:
    """The office's name, phone, address and opening hours, one per line."""
    lines = [branch.name]
    if branch.phone:
        lines.append(t.gettext("Phone: {phone}").format(phone=branch.phone))
    if branch.address:
        lines.append(t.gettext("Address: {address}").format(address=branch.address))
    hours = hours_text(session, t, branch)
    lines.append(t.gettext("Opening hours: {hours}").format(hours=hours))
    return "\n".join(lines)


def hours_text(session: Session, t: Translator, branch: Branch) -> str:
    """`Senin–Jumat 08.00–15.30 WITA, kecuali hari libur nasional`."""
    zone = branch_zone(session, branch.id)
    hours = OfficeHours.parse(branch.hours)
    return t.gettext("{hours} {zone}, except public holidays").format(
        hours=hours.describe(t.locale), zone=label(zone)
    )


def when_open(session: Session, t: Translator, branch: Branch, now: datetime) -> str:
    """Whether the office is open now, or when it opens: a sentence for the worker."""
    zone = branch_zone(session, branch.id)
    hours = OfficeHours.parse(branch.hours)
    if hours.is_open(now, zone):
        return t.gettext("The office is open now.")
    opening = hours.next_opening(now, zone)
    return t.gettext(
        "The office is closed now. It opens on {day}, {date} at {time} {zone}."
    ).format(
        day=weekday(opening.date(), t.locale),
        date=t.date(opening.date()),
        time=clock(opening.time()),
        zone=label(zone),
    )


def send_reference(session: Session, lead: Lead, now: datetime) -> None:
    """Queue, in the caller's transaction, the lead's reference for the worker's own chat."""
    contact = session.get(Contact, lead.contact_id) if lead.contact_id else None
    if contact is None or Channel(contact.channel) not in OUTBOX_CHANNELS:
        return
    t = Translator(contact.language or "id")
    officer = session.get(Officer, lead.assisted_by_officer_id or lead.officer_id or -1)
    branch = session.get_one(Branch, lead.branch_id)
    text = t.gettext(
        "Officer {officer} has sent your registration. Your reference number is {reference}. "
        "The branch office will contact you by phone; type cek status at any time to see "
        "where it stands."
    ).format(officer=officer.name if officer else "", reference=lead.reference)
    text += "\n\n" + t.gettext("Your branch office:") + "\n" + office_card(session, t, branch)
    chat = Incoming(Channel(contact.channel), contact.user_id, contact.user_id, Kind.TEXT)
    reply = Reply(text, language=t.locale)
    outbox.write(session.connection(), chat, [reply], pending=True, now=now)
