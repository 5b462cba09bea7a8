"""Registration end to end on Telegram: the real PTB Application polling the stub Bot API."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy import select

from bot.services import Services
from bot.storage.branches import seed_if_empty
from bot.storage.models import Lead
from tests.channels.test_telegram import fixture, keyboard
from tests.handlers.test_registration_flow import NIK, REFERENCE
from tests.stubs.telegram_api import TelegramStub

_ids = iter(range(815100000, 815200000))


def text(value: str) -> dict[str, Any]:
    message = {**fixture("message_text")["message"], "text": value}
    return fixture("message_text", update_id=next(_ids), message=message)


def press(data: str) -> dict[str, Any]:
    update = fixture("callback_query", update_id=next(_ids))
    update["callback_query"]["data"] = data
    return update


async def send(telegram: TelegramStub, update: dict[str, Any], expect: str) -> dict[str, Any]:
    """Push one update and wait for the bot's message containing `expect`."""
    before = len(telegram.sent())
    telegram.push(update)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for message in telegram.sent()[before:]:
            if expect in message["text"]:
                return message
        await asyncio.sleep(0.02)
    raise AssertionError(
        f"no reply with {expect!r}: {[m['text'] for m in telegram.sent()[before:]]}"
    )


async def test_registration_over_telegram(
    services: Services,
    polling_bot: None,
    stub: tuple[TelegramStub, str],
) -> None:
    with services.sessions.begin() as session:
        seed_if_empty(session)
    telegram, _ = stub
    await send(telegram, fixture("message_start_deeplink"), "Apa yang ingin Anda lakukan?")
    consent = await send(telegram, press("register"), "persetujuan versi 2026-11")
    assert keyboard(consent) == [("Setuju", "agree"), ("Tidak setuju", "disagree")]
    await send(telegram, press("agree"), "nama lengkap")
    await send(telegram, text("I Wayan Sudarma"), "16 angka")
    confirm = await send(telegram, text(NIK), "Kab. Badung, Bali, lahir 15 Agustus 1995")
    assert keyboard(confirm)[0] == ("Ya, benar", "nik_yes")
    ask_phone = await send(telegram, press("nik_yes"), "Tekan tombol di bawah")
    button = ask_phone["reply_markup"]["keyboard"][0][0]
    assert button == {"text": "Kirim nomor HP saya", "request_contact": True}
    contact = fixture("message_contact", update_id=next(_ids))
    regency = await send(telegram, contact, "Apakah Anda tinggal di Kab. Badung, Bali?")
    assert regency["reply_markup"]["inline_keyboard"], "the share keyboard is gone"
    await send(telegram, press("regency_yes"), "desa atau kelurahan")
    await send(telegram, text("dalung"), "pekerjaan utama")
    await send(telegram, press("occ:farmer_fisher"), "penghasilan")
    await send(telegram, text("1,5 jt"), "Program apa")
    await send(telegram, press("prog:base"), "Seberapa sering")
    await send(telegram, press("period:1"), "pekerja rentan")
    summary = await send(telegram, press("sponsored_yes"), "Periksa data Anda")
    assert "Nomor HP: 081234567890" in summary["text"]
    done = await send(telegram, press("reg_submit"), "Pendaftaran Anda sudah terkirim")
    reference = REFERENCE.search(done["text"])
    assert reference
    again = await send(telegram, press("reg_submit"), "sudah terkirim")  # a second tap
    assert reference.group() in again["text"]
    with services.sessions() as session:
        [lead] = session.scalars(select(Lead)).all()
        assert (lead.reference, lead.channel, lead.phone) == (
            reference.group(),
            "telegram",
            "+6281234567890",
        )


def edited(update: dict[str, Any], value: str) -> dict[str, Any]:
    """`update`'s message edited in place to `value`: a new update id, `edited_message`."""
    message = {**update["message"], "text": value, "edit_date": 1763700099}
    return {"update_id": next(_ids), "edited_message": message}


async def test_a_nik_fixed_by_editing_the_message_is_read(
    services: Services,
    polling_bot: None,
    stub: tuple[TelegramStub, str],
) -> None:
    """Before, Telegram was not asked for edits: the fixed NIK got silence, and the user waited."""
    telegram, _ = stub
    await send(telegram, press("register"), "persetujuan versi 2026-11")
    await send(telegram, press("agree"), "nama lengkap")
    await send(telegram, text("I Wayan Sudarma"), "16 angka")
    typo = text(NIK[:-1])
    await send(telegram, typo, "tepat 16 angka")
    confirm = await send(telegram, edited(typo, NIK), "Kab. Badung, Bali, lahir 15 Agustus 1995")
    assert keyboard(confirm)[0] == ("Ya, benar", "nik_yes")
    # A post in a channel the bot administers is no one's message: nothing is answered.
    channel = {"id": -1001234567890, "title": "Info BPJS", "type": "channel"}
    post = {"message_id": 40, "chat": channel, "date": 1763700100, "text": "daftar"}
    before = len(telegram.sent())
    telegram.push({"update_id": next(_ids), "channel_post": post})
    await send(telegram, text("menu"), "Apa yang ingin Anda lakukan?")
    assert len(telegram.sent()) == before + 1
