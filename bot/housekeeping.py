"""The periodic work every web process runs, so no external cron is needed.

Every REMINDERS_EVERY the half-finished forms due a reminder get it (bot/notices.py) and the
messages delivered are added to the branches' monthly counts (bot/storage/tally.py); every
EVERY hours the short-lived rows go (handled message ids, failed tries); once a day the
unregistered leads past LEADS_RETENTION_MONTHS (bot/storage/retention.py). Each process runs
them (a DELETE finds nothing to do in all but the first; a reminder is sent by one process
only); the first run waits FIRST_RUN seconds after start, so a process that lives a minute
touches nothing.
"""

from __future__ import annotations

import asyncio
import calendar
import logging
from datetime import UTC, datetime, timedelta

from bot import notices
from bot.services import Services
from bot.storage.retention import purge_expired, purge_stale_leads
from bot.storage.tally import tally

log = logging.getLogger(__name__)

FIRST_RUN = 600.0  # seconds after start
EVERY = timedelta(hours=6)
LEADS_EVERY = timedelta(days=1)
REMINDERS_EVERY = timedelta(minutes=10)


def months_before(now: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st → the month's last day).

    >>> months_before(datetime(2026, 3, 31, tzinfo=UTC), 1).date()
    datetime.date(2026, 2, 28)
    """
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def purge_leads(services: Services, now: datetime | None = None) -> int:
    """Delete the unregistered leads older than the retention setting; the number deleted."""
    now = now or datetime.now(UTC)
    before = months_before(now, services.settings.leads_retention_months)
    with services.engine.turn_lock, services.sessions.begin() as session:
        count = purge_stale_leads(session, before=before, now=now)
    if count:
        log.info("retention: %d unregistered leads from before %s deleted", count, before.date())
    return count


def purge_short_lived(services: Services) -> int:
    """Delete handled message ids and failed tries past their retention."""
    with services.sessions.begin() as session:
        return purge_expired(session, datetime.now(UTC))


def send_reminders(services: Services) -> int:
    """The reminders due now (bot/notices.py), on the engine's clock."""
    return notices.send_reminders(
        services.sessions, services.engine.turn_lock, services.engine.clock()
    )


def tally_messages(services: Services) -> int:
    """Add the messages delivered since the last tally to the branches' monthly counts."""
    with services.engine.turn_lock, services.sessions.begin() as session:
        return tally(session)


async def run_forever(services: Services) -> None:
    """Run each job at its interval until cancelled; a failed run is tried at its next round."""
    await asyncio.sleep(FIRST_RUN)
    loop = asyncio.get_running_loop()
    every = {
        send_reminders: REMINDERS_EVERY,
        tally_messages: REMINDERS_EVERY,
        purge_short_lived: EVERY,
        purge_leads: LEADS_EVERY,
    }
    due = dict.fromkeys(every, datetime.now(UTC))
    while True:
        for job, interval in every.items():
            if datetime.now(UTC) < due[job]:
                continue
            due[job] = datetime.now(UTC) + interval
            try:
                await loop.run_in_executor(services.turns, job, services)
            except Exception:
                log.exception("housekeeping job %s failed", job.__name__)
        await asyncio.sleep(REMINDERS_EVERY.total_seconds())
