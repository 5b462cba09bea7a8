"""One reminder for a registration left half-way: once, inside the window, never after `stop`;
the branch's follow-up settings and templates by command."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.conversation import Channel
from bot.domain.followup import call_by
from bot.notices import send_reminders
from bot.services import Services
from bot.storage.models import Branch, OutboxMessage
from tests.conftest import FIXED_NOW, Chat, texts
from tests.web.test_dashboard_http import seed

REMINDER = "Pendaftaran Anda belum selesai — ketik lanjut"


def reminders_to(services: Services, chat_id: str) -> list[str]:
    """The reminder texts queued for one chat."""
    with services.sessions() as session:
        rows = session.scalars(
            select(OutboxMessage.replies).where(OutboxMessage.chat_id == chat_id)
        ).all()
    return [r["text"] for replies in rows for r in replies if REMINDER in r["text"]]


def run(services: Services, at: datetime) -> int:
    return send_reminders(services.sessions, services.engine.turn_lock, at)


def half_way(services: Services, chat_id: str, channel: Channel = Channel.WHATSAPP) -> Chat:
    """A worker who started registration, answered the first question and went quiet."""
    chat = Chat(services, channel, chat_id)
    chat.say("daftar")
    chat.press("agree")
    return chat


def test_one_reminder_about_20_hours_later_inside_the_window(services: Services) -> None:
    chat = half_way(services, "6281200000001")
    assert run(services, FIXED_NOW + timedelta(hours=19)) == 0  # too early
    assert run(services, FIXED_NOW + timedelta(hours=20, minutes=5)) == 1
    assert run(services, FIXED_NOW + timedelta(hours=21)) == 0  # never a second one
    assert run(services, FIXED_NOW + timedelta(hours=23)) == 0
    assert reminders_to(services, chat.chat_id) == [
        "Pendaftaran Anda belum selesai — ketik lanjut untuk melanjutkan. "
        "Ketik stop jika Anda tidak ingin diingatkan."
    ]
    assert "nama lengkap" in texts(chat.say("lanjut"))  # where the form stopped


def test_no_reminder_once_the_window_is_about_to_close(services: Services) -> None:
    half_way(services, "6281200000002")
    assert run(services, FIXED_NOW + timedelta(hours=23, minutes=45)) == 0
    assert run(services, FIXED_NOW + timedelta(hours=25)) == 0
    assert reminders_to(services, "6281200000002") == []


def test_stop_is_confirmed_and_honoured(services: Services) -> None:
    chat = half_way(services, "6281200000003")
    confirmed = texts(chat.say("berhenti"))
    assert "tidak akan mengirimi Anda pengingat" in confirmed
    chat.say("lanjut")  # back in the form, then quiet again: still no reminder
    assert run(services, FIXED_NOW + timedelta(hours=20, minutes=5)) == 0
    assert reminders_to(services, chat.chat_id) == []


def test_a_finished_or_web_chat_gets_no_reminder(services: Services) -> None:
    web = half_way(services, "web-chat-1", Channel.WEB)
    idle = Chat(services, Channel.WHATSAPP, "6281200000004")
    idle.say("halo")
    assert run(services, FIXED_NOW + timedelta(hours=20, minutes=5)) == 0
    assert reminders_to(services, web.chat_id) == reminders_to(services, idle.chat_id) == []


def test_branch_settings_and_templates_by_command(
    services: Services, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`followup branch` changes a branch's call-by days; `followup templates` its templates."""
    seed(services)
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("BOT_SECRET_KEY", str(services.settings.secret_key))
    assert main(["followup", "branch", "DPS", "--call-within", "1", "--status-news", "off"]) == 0
    assert capsys.readouterr().out == "DPS\tcall within 1 working days\tnews off\n"
    args = ["followup", "templates", "add", "status_pendaftaran", "id", "status"]
    assert main([*args, "reference", "status"]) == 0
    assert capsys.readouterr().out == "status_pendaftaran\tid\tstatus\treference status\n"
    assert main(["followup", "templates", "remove", "status_pendaftaran"]) == 0
    assert capsys.readouterr().out == ""
    with services.sessions() as session:
        branch = session.scalars(select(Branch).where(Branch.code == "DPS")).one()
        assert (branch.call_within_days, branch.notify_status) == (1, False)
        assert call_by(date(2026, 11, 20), branch.call_within_days) == date(2026, 11, 23)
