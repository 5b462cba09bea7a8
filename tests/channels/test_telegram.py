"""Telegram end to end: the real python-telegram-bot Application against a stub Bot API on 127.0.0.1."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from typing import Any

import httpx
import pytest

from bot.config import Settings
from bot.services import Services
from bot.web.app import create_app
from tests.conftest import SHARED
from tests.stubs.server import serve
from tests.stubs.telegram_api import TelegramStub

FIXTURES = SHARED / "fixtures" / "telegram"


def fixture(name: str, **changes: Any) -> dict[str, Any]:
    path = FIXTURES / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"shared fixture {path} is missing")
    update: dict[str, Any] = copy.deepcopy(json.loads(path.read_text()))
    update.update(changes)
    return update


def sticker_update(update_id: int) -> dict[str, Any]:
    update = fixture("message_text", update_id=update_id)
    del update["message"]["text"]
    update["message"]["sticker"] = {
        "file_id": "CAACAgIAAxkBAAEB",
        "file_unique_id": "AgADAQAD",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }
    return update


def keyboard(call: dict[str, Any]) -> list[tuple[str, str]]:
    markup = call["reply_markup"]
    return [(row[0]["text"], row[0]["callback_data"]) for row in markup["inline_keyboard"]]


async def test_polling_conversation_end_to_end(
    polling_bot: None, stub: tuple[TelegramStub, str]
) -> None:
    telegram, _ = stub
    telegram.push(fixture("message_start_deeplink"))
    greeting, menu = await telegram.wait_for("sendMessage", 2)
    assert greeting["chat_id"] == 123456789
    assert greeting["text"].startswith("Halo! Saya asisten BPJS Ketenagakerjaan")
    assert keyboard(menu)[0] == ("Info program", "programs")
    assert [label for label, _ in keyboard(menu)] == [
        "Info program",
        "Cek syarat & iuran",
        "Daftar",
        "Tanya bebas",
        "Bahasa",
    ]

    press = fixture("callback_query", update_id=815000110)
    press["callback_query"]["data"] = "programs"
    telegram.push(press)
    programs = (await telegram.wait_for("sendMessage", 3))[2]
    assert "lima program" in programs["text"]
    assert ("JKK (Jaminan Kecelakaan Kerja)", "program:jkk") in keyboard(programs)
    assert (await telegram.wait_for("answerCallbackQuery", 1))[0][
        "callback_query_id"
    ] == "4382bfdwdsb323b2d9"

    telegram.push(fixture("callback_query", update_id=815000111))  # data: program:jkk
    page = (await telegram.wait_for("sendMessage", 4))[3]
    assert page["text"].startswith("JKK (Jaminan Kecelakaan Kerja)")
    assert "Sumber: PP" in page["text"]
    assert [label for label, _ in keyboard(page)] == ["Selengkapnya", "Kembali"]

    telegram.push(sticker_update(815000112))
    sticker_reply = (await telegram.wait_for("sendMessage", 5))[4]
    assert "hanya bisa membaca teks" in sticker_reply["text"]

    telegram.push(fixture("message_voice", update_id=815000113))
    assert "pesan suara" in (await telegram.wait_for("sendMessage", 6))[5]["text"]

    # The same update delivered again: no second reply.
    telegram.push(fixture("message_voice", update_id=815000113))
    telegram.push(
        fixture(
            "message_text",
            update_id=815000114,
            message={**fixture("message_text")["message"], "text": "menu"},
        )
    )
    sent = await telegram.wait_for("sendMessage", 7)
    assert [s["text"] for s in sent].count(sent[5]["text"]) == 1
    assert sent[6]["text"].startswith("Apa yang ingin Anda lakukan?")


async def test_english_speaker_gets_english(
    polling_bot: None, stub: tuple[TelegramStub, str]
) -> None:
    telegram, _ = stub
    update = fixture("message_start_deeplink")
    update["message"]["from"]["language_code"] = "en"
    telegram.push(update)
    assert (await telegram.wait_for("sendMessage", 2))[0]["text"].startswith("Hello! I am the BPJS")


async def test_webhook_checks_the_secret_token(
    services: Services, telegram_settings: Settings, stub: tuple[TelegramStub, str]
) -> None:
    telegram, _ = stub
    settings = replace(
        telegram_settings,
        telegram_webhook_url="https://bot.example.id/webhooks/telegram",
        telegram_webhook_secret="s3cret-token",
    )
    app = create_app(replace(services, settings=settings))
    body = json.dumps(fixture("message_start_deeplink")).encode()
    with serve(app) as url:
        async with httpx.AsyncClient(base_url=url) as client:
            missing = await client.post("/webhooks/telegram", content=body)
            wrong = await client.post(
                "/webhooks/telegram",
                content=body,
                headers={"X-Telegram-Bot-Api-Secret-Token": "nope"},
            )
            garbage = await client.post(
                "/webhooks/telegram",
                content=b"{not json",
                headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"},
            )
            assert (missing.status_code, wrong.status_code, garbage.status_code) == (403, 403, 400)
            assert telegram.sent() == []
            ok = await client.post(
                "/webhooks/telegram",
                content=body,
                headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"},
            )
            assert ok.status_code == 200
    assert telegram.sent("setWebhook")[0]["url"] == "https://bot.example.id/webhooks/telegram"
    assert telegram.sent("setWebhook")[0]["secret_token"] == "s3cret-token"
    assert telegram.sent()[0]["text"].startswith("Halo!")


def photo_update(update_id: int, caption: str) -> dict[str, Any]:
    """A photo with its caption, as the Bot API delivers it (sizes in `photo`, no `text`)."""
    update = fixture("message_text", update_id=update_id)
    del update["message"]["text"]
    update["message"]["photo"] = [
        {"file_id": "AgACAgUAAxkBAAIB", "file_unique_id": "AQADs", "width": 90, "height": 67},
        {"file_id": "AgACAgUAAxkBAAIC", "file_unique_id": "AQADt", "width": 800, "height": 600},
    ]
    update["message"]["caption"] = caption
    return update


async def test_a_photo_captioned_with_a_question_gets_its_answer(
    faq_indexes: None, polling_bot: None, stub: tuple[TelegramStub, str]
) -> None:
    """Before, only "Maaf, saya belum bisa membaca gambar atau berkas", the caption unread."""
    telegram, _ = stub
    telegram.push(photo_update(815000201, "iuran jkk jkm berapa sebulan?"))
    answer = (await telegram.wait_for("sendMessage", 1))[0]["text"]
    assert answer.startswith("Maaf, saya belum bisa membaca gambar atau berkas, jadi saya jawab")
    assert "Iuran pekerja mandiri (BPU) sebulan" in answer
