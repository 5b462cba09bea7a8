"""Registration typed from start to reference by people who never press a button.

Each persona asserts the turns it took (from its first message to the reference), that no
step failed to understand it (tests/conversations/driver.py defines that), and every column
of the lead stored. Budgets: typed ≤ 18 turns (issue 13), with buttons ≤ 14.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select

from bot.services import Services
from bot.storage.models import Lead, UnansweredQuestion
from tests.conftest import FIXED_NOW
from tests.conversations.driver import TypedChat, lead_columns

REFERENCE = re.compile(r"JMS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
TYPED_BUDGET = 18
BUTTON_BUDGET = 14
NIK = "5103061508950001"  # Kab. Badung, Kuta Utara, born 15-08-1995, male
NIK_WIFE = "5103065704970003"  # Kab. Badung, born 17-04-1997, female


def lead(**fields: Any) -> dict[str, Any]:
    """The lead a Badung worker registering on the web chat gets, with `fields` changed."""
    row: dict[str, Any] = {
        "reference": fields.pop("reference"),
        "contact_id": fields.pop("contact_id"),
        "channel": "web",
        "name": "Budi Santoso",
        "nik": NIK,
        "birth_date": date(1995, 8, 15),
        "gender": "L",
        "phone": "+6281234567890",
        "regency_code": "51.03",
        "district_code": "51.03.06",
        "village_code": "51.03.06.2006",
        "address": None,
        "occupation": "transport",
        "monthly_income": 2_000_000,
        "programs": ["jkk", "jkm"],
        "payment_period": 1,
        "sponsored_interest": False,
        "officer_id": None,
        "assisted_by_officer_id": None,
        "branch_id": "badung",
        "branch_flagged": False,
        "status": "baru",
        "consent_version": "2026-11",
        "consent_at": FIXED_NOW.replace(tzinfo=None),
    }
    row.update(fields)
    return row


def finish(chat: TypedChat, services: Services, **expected: Any) -> None:
    """The last reply holds the reference; the lead is exactly `expected`; nothing misread."""
    found = REFERENCE.search(chat.text())
    assert found, chat.text()
    assert chat.misses == [], chat.misses
    contact = _contact_id(services, found.group())
    assert lead_columns(services, found.group()) == lead(
        reference=found.group(), contact_id=contact, **expected
    )
    with services.sessions() as session:
        assert session.scalars(select(UnansweredQuestion)).all() == []


def _contact_id(services: Services, reference: str) -> int | None:
    with services.sessions() as session:
        return session.scalars(select(Lead.contact_id).where(Lead.reference == reference)).one()


def play(chat: TypedChat, lines: list[str]) -> None:
    for line in lines:
        chat.type(line)


def test_ojol_in_slang_with_typos(branches: Services) -> None:
    chat = TypedChat(branches)
    play(
        chat,
        [
            "mau daftar",
            "iya setuju",
            "nama sy budi santoso",
            "5103 0615 0895 0001",
            "iya bener",
            "0812-3456-7890",
            "iya",
            "dalung",
            "ojol",
            "2jt",
            "jkk jkm aja",
            "tiap bulan",
            "ga",
            "udh bener kirim aja",
        ],
    )
    assert chat.turns == 14 <= TYPED_BUDGET
    finish(chat, branches)
