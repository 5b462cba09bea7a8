"""The overview's funnel never widens: a branch's registration starts cover its leads."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.crypto import Crypto
from bot.domain.zones import WITA
from bot.services import Services
from bot.storage.events import Step, record_event
from bot.storage.lead_queries import Scope
from bot.storage.models import Contact, Lead
from bot.web.dashboard.stats import overview
from tests.conftest import FIXED_NOW
from tests.web.test_dashboard_http import _lead, seed


def test_walk_ins_and_family_members_count_as_registration_starts(services: Services) -> None:
    world = seed(services)
    with services.sessions.begin() as session:
        dps = session.get_one(Lead, world.dps_lead).branch_id
        officer_brought = session.scalars(select(Contact).where(Contact.user_id == "c1")).one()
        walk_in = session.scalars(select(Contact).where(Contact.user_id == "c2")).one()
        record_event(session, officer_brought, Step.REGISTRATION_STARTED, FIXED_NOW)
        for _ in range(2):  # herself, then her husband from the same phone
            record_event(session, walk_in, Step.REGISTRATION_STARTED, FIXED_NOW)
        crypto = Crypto(services.settings.secret_key)
        husband = _lead(
            session, crypto, "c2b", "Ketut", None, dps, "51.71", None, None, "+6281200001111"
        )
        session.get_one(Lead, husband).contact_id = walk_in.id
    with services.sessions() as session:
        counts = overview(
            session,
            Scope(branch_id=dps),
            FIXED_NOW.date() - timedelta(days=29),
            date(2026, 11, 21),
            WITA,
            no_officer="-",
            unknown="-",
        )
    funnel = dict(counts.funnel)
    assert (funnel["registration"], funnel["leads"]) == (3, 3)
