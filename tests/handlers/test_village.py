"""A worker asks "saya sudah didaftarkan desa?" and learns about their own place only."""

from __future__ import annotations

from sqlalchemy import select

from bot.conversation import Channel
from bot.crypto import Crypto
from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import Programme
from bot.storage.programmes import create_programme, import_list, mark_active
from tests.conftest import FIXED_NOW, Chat, texts

ROW = {"birth_date": "01-01-1990", "occupation": "Nelayan", "village": "Kedonganan"}


def enrol_list(services: Services, quota: int = 1) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
        programme = create_programme(
            session, area_code="51.03.01.1003", funding="SD", quota=quota, now=FIXED_NOW
        )
        rows = [
            ROW | {"nik": "5103014101900001", "name": "Ni Kadek Sari", "phone": "0812-3456-7890"},
            ROW | {"nik": "5103014101900002", "name": "Made Tunggu", "phone": "0813 1111 2222"},
        ]
        import_list(
            session, programme, rows, crypto=Crypto(services.settings.secret_key), actor="t",
            now=FIXED_NOW,
        )  # fmt: skip


def test_the_worker_hears_about_their_own_place_on_whatsapp(services: Services) -> None:
    enrol_list(services)
    sari = Chat(services, Channel.WHATSAPP, "6281234567890")
    reply = texts(sari.say("saya sudah didaftarkan desa?"))
    assert "Ya: Anda punya tempat di program Desa Kedonganan, Kuta, Kabupaten Badung" in reply
    assert "iuran JKK+JKM Anda selama 12 bulan mulai 1 November 2026" in reply
    assert "belum mencatat pembayaran pertama" in reply
    assert "Made Tunggu" not in reply and "5103014101900001" not in reply
    with services.sessions.begin() as session:
        programme = session.scalars(select(Programme)).one()
        mark_active(session, programme, FIXED_NOW.date())
    assert "Iuran dibayar sejak 1 November 2026." in texts(
        sari.say("apakah saya terdaftar di desa")
    )
    waiting = Chat(services, Channel.WHATSAPP, "6281311112222")
    assert "daftar tunggu program Desa Kedonganan" in texts(waiting.say("sy udah didaftarin desa?"))


def test_another_chat_learns_nothing_even_with_the_nik(services: Services) -> None:
    enrol_list(services)
    stranger = Chat(services, Channel.WEB, "web-1")
    reply = texts(stranger.say("NIK 5103014101900001 saya sudah didaftarkan desa?"))
    assert "tidak menemukan tempat" in reply and "Kedonganan" not in reply
    other_phone = Chat(services, Channel.WHATSAPP, "6281999999999")
    assert "tidak menemukan tempat" in texts(other_phone.say("saya sudah didaftarkan desa?"))


def test_a_story_that_mentions_the_pemda_gets_its_answer(services: Services) -> None:
    # "iurannya dibayar pemda" on the way to another question: not "no place for this chat"
    chat = Chat(services, Channel.WEB, "web-2")
    reply = texts(
        chat.say(
            "Bapak saya nelayan, meninggal karena perahunya karam diterjang ombak waktu melaut. "
            "Dia terdaftar BPJS TK, iurannya dibayar pemda. Keluarga dapat apa?"
        )
    )
    assert "tidak menemukan tempat" not in reply and "meninggal" in reply
