"""Follow-up by the branch: status news to the worker through the stub Graph API (a template
outside the 24-hour window), the overdue filter and counts, an officer's notice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.config import Settings
from bot.conversation import Channel
from bot.crypto import Crypto
from bot.services import Services
from bot.storage.leads import LeadData, create_lead
from bot.storage.models import (
    Branch,
    Contact,
    Conversation,
    Lead,
    MessageTemplate,
    Officer,
    OutboxMessage,
)
from bot.storage.notices import save_template
from bot.storage.tally import tally
from bot.web.app import create_app
from tests.conftest import FIXED_NOW, Chat, wait_for_outbox
from tests.stubs.graph_api import GraphStub
from tests.stubs.server import serve
from tests.web.test_dashboard_http import World, csrf_of, login, seed

WORKER = "6281299990001"


def worker_lead(services: Services, world: World, *, days_ago: int = 0) -> tuple[int, str]:
    """A worker who wrote on WhatsApp just now, with a lead in the Denpasar branch."""
    Chat(services, Channel.WHATSAPP, WORKER).say("halo")
    crypto = Crypto(services.settings.secret_key)
    with services.sessions.begin() as session:
        # the greeting went out then (this test's engine has no sender holding its lease)
        session.execute(update(OutboxMessage).values(status="sent", lease_until=None))
        contact = session.scalars(select(Contact).where(Contact.user_id == WORKER)).one()
        branch_id = session.get_one(Lead, world.dps_lead).branch_id
        lead = create_lead(
            session,
            LeadData(
                name="Ni Luh Sari",
                nik_encrypted=crypto.encrypt("5103064501900002"),
                nik_hash=crypto.hash("5103064501900002"),
                birth_date=date(1990, 1, 5),
                gender="P",
                phone="+" + WORKER,
                regency_code="51.03",
                district_code="51.03.06",
                village_code=None,
                occupation="Pedagang",
                programs=["jkk", "jkm"],
                consent_version="2026-11",
                consent_at=FIXED_NOW,
            ),
            contact=contact,
            branch_id=branch_id,
            branch_flagged=False,
            now=FIXED_NOW - timedelta(days=days_ago),
        )
        return lead.id, lead.reference


@pytest.fixture
def dashboard(
    services: Services, wa_settings: Settings, graph: tuple[GraphStub, str]
) -> Iterator[tuple[str, World]]:
    """The app with WhatsApp on the stub Graph API, and the dashboard's branches and logins."""
    world = seed(services)
    with serve(create_app(replace(services, settings=wa_settings))) as url:
        yield url, world


def change_status(services: Services, url: str, lead_id: int, status: str) -> None:
    with login(url, "dps") as client:
        done = client.post(
            f"/dashboard/leads/{lead_id}/status", data={"csrf": csrf_of(client), "status": status}
        )
        assert done.status_code == 303
    wait_for_outbox(services)


def sent_to_worker(graph: GraphStub) -> list[dict[str, Any]]:
    return [body for body in graph.sent if body.get("to") == WORKER]


def test_a_status_change_reaches_the_worker_inside_the_window(
    services: Services, dashboard: tuple[str, World], graph: tuple[GraphStub, str]
) -> None:
    url, world = dashboard
    lead_id, reference = worker_lead(services, world)
    change_status(services, url, lead_id, "dihubungi")
    news = [b["text"]["body"] for b in sent_to_worker(graph[0]) if b["type"] == "text"]
    assert f"Pendaftaran Anda ({reference}) sudah diproses: Dihubungi." in "\n".join(news)


def test_outside_the_window_the_news_goes_as_the_branchs_template(
    services: Services, dashboard: tuple[str, World], graph: tuple[GraphStub, str]
) -> None:
    url, world = dashboard
    lead_id, reference = worker_lead(services, world)
    wait_for_outbox(services)
    with services.sessions.begin() as session:  # the worker last wrote 25 hours ago
        session.execute(
            update(Conversation)
            .where(Conversation.chat_id == WORKER)
            .values(updated_at=FIXED_NOW - timedelta(hours=25))
        )
    before = len(sent_to_worker(graph[0]))
    change_status(services, url, lead_id, "dihubungi")  # no template set: nothing is sent
    assert len(sent_to_worker(graph[0])) == before
    with services.sessions.begin() as session:
        save_template(session, "status_pendaftaran", "id", "status", ["reference", "status"])
    change_status(services, url, lead_id, "terdaftar")
    assert sent_to_worker(graph[0])[before:] == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": WORKER,
            "type": "template",
            "template": {
                "name": "status_pendaftaran",
                "language": {"code": "id"},
                "components": [
                    {
                        "type": "body",
                        "parameters": [
                            {"type": "text", "text": reference},
                            {"type": "text", "text": "Terdaftar"},
                        ],
                    }
                ],
            },
        }
    ]


def test_a_branch_that_turned_news_off_sends_none(
    services: Services, dashboard: tuple[str, World], graph: tuple[GraphStub, str]
) -> None:
    url, world = dashboard
    lead_id, _ = worker_lead(services, world)
    with services.sessions.begin() as session:
        session.execute(update(Branch).values(notify_status=False))
    wait_for_outbox(services)
    before = len(sent_to_worker(graph[0]))
    change_status(services, url, lead_id, "dihubungi")
    assert len(sent_to_worker(graph[0])) == before


def test_overdue_filter_marker_and_counts(services: Services, dashboard: tuple[str, World]) -> None:
    url, world = dashboard
    late_id, late = worker_lead(services, world, days_ago=10)  # 11 Nov: call by 16 Nov
    with services.sessions() as session:
        assert session.get_one(Lead, late_id).call_by == date(2026, 11, 16)
        assert session.get_one(Lead, world.dps_other_lead).call_by == date(2026, 11, 23)
    with login(url, "dps") as client:
        overdue = client.get("/dashboard/leads", params={"overdue": "1"}).text
        assert late in overdue and "Terlambat" in overdue
        assert world.references[str(world.dps_other_lead)] not in overdue  # due 23 Nov
        assert world.references[str(world.dps_lead)] not in overdue
        exported = client.get("/dashboard/leads/export.csv", params={"overdue": "1"}).text
        assert late in exported and world.references[str(world.dps_lead)] not in exported
        every = client.get("/dashboard/leads").text
        assert world.references[str(world.dps_other_lead)] in every
        overview = client.get("/dashboard/").text
        assert 'id="overdue"' in overview and "<strong>1</strong>" in overview
        change_status(services, url, late_id, "dihubungi")  # called: no longer overdue
        assert late not in client.get("/dashboard/leads", params={"overdue": "1"}).text


def test_an_officer_with_a_linked_chat_hears_of_a_lead(services: Services) -> None:
    world = seed(services)
    with services.sessions.begin() as session:
        session.execute(
            update(Officer).where(Officer.id == world.wayan).values(telegram_user_id="777001")
        )
    Chat(services, Channel.TELEGRAM, "555001").start(_code(services, world.wayan))
    Chat(services, Channel.TELEGRAM, "555001").say("halo")
    with services.sessions.begin() as session:
        contact = session.scalars(select(Contact).where(Contact.user_id == "555001")).one()
        assert contact.officer_id == world.wayan
        crypto = Crypto(services.settings.secret_key)
        lead = create_lead(
            session,
            LeadData(
                name="Putu Ayu",
                nik_encrypted=crypto.encrypt("5103064501900003"),
                nik_hash=crypto.hash("5103064501900003"),
                birth_date=date(1990, 1, 5),
                gender="P",
                phone="+6281299990003",
                regency_code="51.03",
                district_code=None,
                village_code=None,
                occupation="Pedagang",
                programs=["jkk", "jkm"],
                consent_version="2026-11",
                consent_at=FIXED_NOW,
            ),
            contact=contact,
            branch_id=session.get_one(Officer, world.wayan).branch_id,
            branch_flagged=False,
            now=FIXED_NOW,
        )
        reference = lead.reference
    with services.sessions() as session:
        rows = session.scalars(
            select(OutboxMessage.replies).where(OutboxMessage.chat_id == "777001")
        ).all()
    assert [r["text"] for replies in rows for r in replies] == [
        f"Pendaftaran baru lewat kode Anda: {reference}. "
        "Kantor cabang menghubungi paling lambat 25 November 2026."
    ]


def _code(services: Services, officer_id: int) -> str:
    with services.sessions() as session:
        return session.get_one(Officer, officer_id).code


def test_the_window_and_a_refusal_are_shown_and_a_template_goes_out(
    services: Services, dashboard: tuple[str, World], graph: tuple[GraphStub, str]
) -> None:
    url, world = dashboard
    lead_id, reference = worker_lead(services, world)
    page = f"/dashboard/leads/{lead_id}"
    with login(url, "dps") as client:
        open_page = client.get(page).text
        assert "Jendela terbuka" in open_page and "22 November 2026 17:30 WITA" in open_page
        assert "Dibuat lewat WhatsApp" in open_page and "Pedagang" in open_page
        graph[0].fail("131047")  # the platform says the window closed after all
        client.post(page + "/message", data={"csrf": csrf_of(client), "text": "Halo Bu Sari"})
        wait_for_outbox(services)
        assert "(131047)" in client.get(page).text
    with services.sessions.begin() as session:
        session.execute(
            update(Conversation)
            .where(Conversation.chat_id == WORKER)
            .values(updated_at=FIXED_NOW - timedelta(hours=30))
        )
    with login(url, "admin") as admin:
        added = admin.post(
            "/dashboard/templates",
            data={
                "csrf": csrf_of(admin),
                "name": "tindak_lanjut",
                "language": "id",
                "purpose": "staff",
                "params": "reference",
            },
        )
        assert added.status_code == 303
        assert "tindak_lanjut" in admin.get("/dashboard/templates").text
    with login(url, "dps") as client:
        closed = client.get(page).text
        assert "Jendela tertutup" in closed and 'name="text"' not in closed
        refused = client.post(page + "/message", data={"csrf": csrf_of(client), "text": "Halo"})
        assert refused.headers["location"].endswith("message=refused")
        with services.sessions() as session:
            template_id = session.scalars(select(MessageTemplate.id)).one()
        client.post(
            page + "/message",
            data={"csrf": csrf_of(client), "template": str(template_id), "param": reference},
        )
        wait_for_outbox(services)
    last = sent_to_worker(graph[0])[-1]
    assert last["type"] == "template" and last["template"]["name"] == "tindak_lanjut"
    assert last["template"]["components"][0]["parameters"] == [{"type": "text", "text": reference}]


def test_messages_are_counted_per_branch_and_month(
    services: Services, dashboard: tuple[str, World], graph: tuple[GraphStub, str]
) -> None:
    url, world = dashboard
    lead_id, _ = worker_lead(services, world)
    change_status(services, url, lead_id, "dihubungi")  # the status news: one message
    with login(url, "dps") as client:
        client.post(
            f"/dashboard/leads/{lead_id}/message", data={"csrf": csrf_of(client), "text": "Halo"}
        )
    wait_for_outbox(services)
    with services.sessions.begin() as session:
        assert tally(session) == 2
    with services.sessions.begin() as session:
        assert tally(session) == 0  # counted once
    with login(url, "dps") as client:
        counts = client.get("/dashboard/templates").text
        assert re.search(
            r"<td>\d{4}-\d\d</td><td>Denpasar</td><td>WhatsApp</td><td[^>]*>2</td>", counts
        )
    with login(url, "bdg") as client:
        assert "Denpasar" not in client.get("/dashboard/templates").text
