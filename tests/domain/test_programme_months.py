"""Months a programme's group has paid: the dashboard never states more than can be paid."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.programmes import months_paid

NOV, JAN = date(2026, 11, 1), date(2026, 1, 1)


@pytest.mark.parametrize(
    ("active_from", "start", "months", "today", "paid"),
    [
        pytest.param(None, NOV, 12, date(2026, 12, 5), 0, id="not marked active"),
        pytest.param(NOV, NOV, 12, date(2026, 11, 21), 1, id="this month, paid in advance"),
        pytest.param(NOV, NOV, 12, date(2026, 12, 5), 2, id="November and December"),
        pytest.param(date(2026, 8, 1), NOV, 12, date(2026, 12, 5), 2, id="none before start"),
        pytest.param(date(2027, 1, 1), NOV, 12, date(2026, 12, 5), 0, id="marked from later"),
        pytest.param(date(2026, 5, 1), JAN, 12, date(2026, 11, 21), 7, id="May to November"),
        pytest.param(JAN, JAN, 6, date(2027, 3, 1), 6, id="at most its months"),
    ],
)
def test_months_paid(
    active_from: date | None, start: date, months: int, today: date, paid: int
) -> None:
    assert months_paid(active_from, start, months, today) == paid
