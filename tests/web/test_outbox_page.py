"""The outbox page of the dashboard: admins see what is undelivered and send it again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from bot.conversation import Channel, Incoming, Kind, Reply
from bot.services import Services
from bot.storage import outbox
from bot.storage.models import OutboxMessage
from bot.web.app import create_app
from tests.stubs.server import serve
from tests.web.test_dashboard_http import csrf_of, login, seed

PHONE = "6285712345678"


@pytest.fixture
def dashboard(services: Services) -> Iterator[str]:
    seed(services)
    for chat in (PHONE, "6281200000001"):
        incoming = Incoming(Channel.WHATSAPP, chat, chat, Kind.TEXT)
        with services.db.connect() as connection, connection.begin():
            outbox.write(connection, incoming, [Reply("Halo")], pending=True, now=datetime.now(UTC))
    with services.sessions.begin() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.chat_id == PHONE)
            .values(status="failed", error="131047: Re-engagement message", attempts=1)
        )
    with serve(create_app(services)) as url:
        yield url


def test_admins_see_undelivered_replies_masked_and_send_them_again(
    dashboard: str, services: Services
) -> None:
    with login(dashboard, "admin") as client:
        page = client.get("/dashboard/outbox")
        assert page.status_code == 200
        assert "131047: Re-engagement message" in page.text
        assert "5678" in page.text and PHONE not in page.text  # the number is masked
        assert "Gagal: 1" in page.text and "Menunggu: 1" in page.text
        sent_again = client.post("/dashboard/outbox", data={"csrf": csrf_of(client), "all": "1"})
        assert sent_again.status_code == 303
    with services.sessions() as session:
        assert set(session.scalars(select(OutboxMessage.status))) == {"pending"}


def test_the_outbox_page_is_for_admins_only(dashboard: str) -> None:
    with login(dashboard, "dps") as client:
        assert client.get("/dashboard/outbox").status_code == 403
        token = csrf_of(client)
        assert client.post("/dashboard/outbox", data={"csrf": token, "all": "1"}).status_code == 403
