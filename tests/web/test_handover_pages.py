"""The handover pages over HTTP as staff read them: the inbox's last message is the worker's,
and a WhatsApp chat's 24-hour window is shown where staff reply."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from bot.conversation import Channel, Incoming, Kind
from bot.services import Services
from bot.storage.models import Conversation, Handover
from tests.conftest import FIXED_NOW
from tests.web.test_dashboard_http import base_url, csrf_of, login, world

__all__ = ["base_url", "world"]  # the fixtures, used by name

CHAT = "6281234567890"


def whatsapp(services: Services, text: str, number: int) -> None:
    services.engine.handle(
        Incoming(Channel.WHATSAPP, CHAT, CHAT, Kind.TEXT, text=text, message_id=f"wamid.{number}")
    )


def handed_over(services: Services) -> int:
    """A WhatsApp worker asks for a person, then writes again."""
    whatsapp(services, "bicara dengan petugas", 1)
    whatsapp(services, "Pak, kapan saya ditelepon kantor cabang?", 2)
    with services.sessions() as session:
        return session.scalars(select(Handover.id)).one()


def test_the_inbox_shows_the_workers_last_message_not_the_staff_reply(
    services: Services, base_url: str
) -> None:
    number = handed_over(services)
    with login(base_url, "admin") as client:
        page = f"/dashboard/handovers/{number}"
        reply = "Besok pagi, Pak. Petugas kami menelepon."
        sent = client.post(page, data={"csrf": csrf_of(client), "text": reply})
        assert sent.status_code == 303
        assert reply in client.get(page).text, "the reply is in the conversation"
        inbox = client.get("/dashboard/handovers/").text
    assert "Pesan terakhir pekerja" in inbox
    assert "kapan saya ditelepon kantor cabang?" in inbox and reply not in inbox


def test_the_handover_page_shows_the_whatsapp_window(services: Services, base_url: str) -> None:
    number = handed_over(services)
    with login(base_url, "admin") as client:
        page = client.get(f"/dashboard/handovers/{number}").text
        assert "Jendela terbuka</span> sampai 22 November 2026 17:30 WITA" in page
        with services.sessions.begin() as session:  # the worker last wrote 30 hours ago
            session.execute(
                update(Conversation)
                .where(Conversation.chat_id == CHAT)
                .values(updated_at=FIXED_NOW - timedelta(hours=30))
            )
        page = client.get(f"/dashboard/handovers/{number}").text
    assert "Jendela tertutup" in page and "Hanya template yang disetujui" in page
