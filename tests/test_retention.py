"""Retention: unregistered leads older than LEADS_RETENTION_MONTHS are deleted with their chats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from bot.cli import main
from bot.config import Settings
from bot.conversation import Channel, Incoming, Kind, Reply
from bot.housekeeping import months_before
from bot.services import Services
from bot.storage import outbox
from bot.storage.models import Conversation, Lead, LeadEvent, OutboxMessage
from tests.web.test_dashboard_http import seed


def test_unregistered_leads_past_retention_go_with_their_conversations(
    services: Services,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    world = seed(services)  # three new leads, of Telegram contacts c1, c2, c3
    long_ago = months_before(datetime.now(UTC), 12) - timedelta(days=1)
    with services.sessions.begin() as session:
        old = {world.dps_lead: "baru", world.bdg_lead: "terdaftar"}
        for lead_id, status in old.items():
            session.execute(
                update(Lead).where(Lead.id == lead_id).values(created_at=long_ago, status=status)
            )
        for chat in ("c1", "c3"):
            session.add(
                Conversation(
                    channel="telegram", chat_id=chat, state="idle", data={}, updated_at=long_ago
                )
            )
    with services.db.connect() as connection, connection.begin():
        incoming = Incoming(Channel.TELEGRAM, "c1", "c1", Kind.TEXT)
        outbox.write(connection, incoming, [Reply("Made Wirawan")], pending=False, now=long_ago)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", "k" * 40)
    assert main(["leads", "purge"]) == 0
    assert "1 unregistered leads older than 12 months deleted" in capsys.readouterr().out
    with services.sessions() as session:
        kept = set(session.scalars(select(Lead.id)))
        assert kept == {world.dps_other_lead, world.bdg_lead}  # recent, or registered
        assert set(session.scalars(select(Conversation.chat_id))) == {"c3"}
        assert session.scalars(select(OutboxMessage)).all() == []
        purged = session.scalars(select(LeadEvent).where(LeadEvent.actor == "retention")).one()
        assert (purged.lead_id, purged.to_status) == (None, "dihapus")
    assert main(["leads", "purge"]) == 0  # the next day: nothing more
    assert "0 unregistered leads" in capsys.readouterr().out
