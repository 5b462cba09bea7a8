"""When a branch calls a worker back, and how long WhatsApp lets the bot write first.

One computation of the "call by" day: the confirmation the worker reads and the dashboard's
overdue marker both come from `call_by`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from lokal import add_working_days

#: Working days a branch takes to call, unless it set its own (branches.call_within_days).
CALL_WITHIN_DAYS = 3
#: WhatsApp lets a business write freely this long after the person's last message.
WINDOW = timedelta(hours=24)
#: A half-finished form is nudged this long after the person's last message.
REMIND_AFTER = timedelta(hours=20)
#: No nudge this close to the window's end: it might arrive after the window closed.
REMIND_MARGIN = timedelta(minutes=30)


def call_by(day_in: date, working_days: int = CALL_WITHIN_DAYS) -> date:
    """The day the branch promised to call: `working_days` working days after `day_in`.

    Weekends, national holidays and cuti bersama are skipped (lokal's calendar).

    >>> call_by(date(2026, 12, 4), 3)  # a Friday: Monday, Tuesday, Wednesday
    datetime.date(2026, 12, 9)
    """
    result: date = add_working_days(day_in, working_days)
    return result


def window_until(last_inbound: datetime | None) -> datetime | None:
    """When the 24-hour window of a chat whose last message came at `last_inbound` closes."""
    return last_inbound + WINDOW if last_inbound is not None else None


def window_open(last_inbound: datetime | None, now: datetime) -> bool:
    """Whether a free-form message may still be sent."""
    until = window_until(last_inbound)
    return until is not None and now < until
