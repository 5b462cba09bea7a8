"""Daily jobs of every web process: unregistered leads past their retention are purged.

Each process runs them (a DELETE found nothing to do in all but the first); the first run
waits FIRST_RUN seconds after start, so a process that lives a minute touches nothing.
"""

from __future__ import annotations

import asyncio
import calendar
import logging
from datetime import UTC, datetime

from bot.services import Services
from bot.storage.retention import purge_stale_leads

log = logging.getLogger(__name__)

FIRST_RUN = 600.0  # seconds after start
EVERY = 24 * 3600.0


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


async def daily(services: Services) -> None:
    """Run the daily jobs until cancelled; a failed run is logged and tried the next day."""
    await asyncio.sleep(FIRST_RUN)
    while True:
        try:
            await asyncio.get_running_loop().run_in_executor(services.turns, purge_leads, services)
        except Exception:
            log.exception("retention purge failed")
        await asyncio.sleep(EVERY)
