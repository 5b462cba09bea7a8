"""What a worker is told about their branch office: name, phone, address, hours in its zone.

Shared by the status check and the handover; the figures come from the branches CSV
(`python -m bot branches import`), the zone from the provinces the branch serves.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.office_hours import OfficeHours, clock, weekday
from bot.domain.zones import label
from bot.routing import Turn
from bot.storage.lead_queries import branch_zone
from bot.storage.models import Branch


def office_card(turn: Turn, branch: Branch) -> str:
    """The office's name, phone, address and opening hours, one per line."""
    _ = turn._
    lines = [branch.name]
    if branch.phone:
        lines.append(_("Phone: {phone}").format(phone=branch.phone))
    if branch.address:
        lines.append(_("Address: {address}").format(address=branch.address))
    lines.append(_("Opening hours: {hours}").format(hours=hours_text(turn, branch)))
    return "\n".join(lines)


def hours_text(turn: Turn, branch: Branch) -> str:
    """`Senin–Jumat 08.00–15.30 WITA, kecuali hari libur nasional`."""
    zone = branch_zone(turn.session, branch.id)
    hours = OfficeHours.parse(branch.hours)
    return turn._("{hours} {zone}, except public holidays").format(
        hours=hours.describe(turn.t.locale), zone=label(zone)
    )


def when_open(turn: Turn, branch: Branch, now: datetime) -> str:
    """Whether the office is open now, or when it opens: a sentence for the worker."""
    zone = branch_zone(turn.session, branch.id)
    hours = OfficeHours.parse(branch.hours)
    if hours.is_open(now, zone):
        return turn._("The office is open now.")
    opening = hours.next_opening(now, zone)
    return turn._("The office is closed now. It opens on {day}, {date} at {time} {zone}.").format(
        day=weekday(opening.date(), turn.t.locale),
        date=turn.t.date(opening.date()),
        time=clock(opening.time()),
        zone=label(zone),
    )
