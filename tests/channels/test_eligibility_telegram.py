"""The eligibility check end to end on Telegram: the real Application polling the stub Bot API."""

from __future__ import annotations

from typing import Any

from tests.channels.test_telegram import fixture, keyboard
from tests.stubs.telegram_api import TelegramStub


class Driver:
    """Pushes a user's presses and messages with fresh update ids, counts the bot's messages."""

    def __init__(self, telegram: TelegramStub) -> None:
        self.telegram = telegram
        self.update_id = 815100000
        self.sent = 0

    async def _push(self, update: dict[str, Any], expect: int) -> list[dict[str, Any]]:
        self.telegram.push(update)
        self.sent += expect
        return (await self.telegram.wait_for("sendMessage", self.sent))[-expect:]

    async def press(self, data: str, expect: int = 1) -> list[dict[str, Any]]:
        self.update_id += 1
        update = fixture("callback_query", update_id=self.update_id)
        update["callback_query"]["id"] = f"cb-{self.update_id}"
        update["callback_query"]["data"] = data
        return await self._push(update, expect)

    async def say(self, text: str, expect: int = 1) -> list[dict[str, Any]]:
        self.update_id += 1
        message = {**fixture("message_text")["message"], "message_id": self.update_id, "text": text}
        return await self._push(
            fixture("message_text", update_id=self.update_id, message=message), expect
        )


async def test_bpu_check_on_telegram(polling_bot: None, stub: tuple[TelegramStub, str]) -> None:
    bot = Driver(stub[0])
    intro, work = await bot.press("eligibility", expect=2)
    assert intro["chat_id"] == 123456789
    assert work["text"].startswith("Apa pekerjaan Anda?")
    assert keyboard(work)[0] == ("Ojol / ojek / sopir / kurir", "elig_work:transport")
    assert keyboard(work)[-1] == ("Kembali", "menu")  # the first question: back to the menu

    (age,) = await bot.press("elig_work:transport")
    assert age["text"].startswith("Berapa usia Anda?")
    (citizen,) = await bot.say("30")
    assert ("Warga negara Indonesia (WNI)", "elig_cit:wni") in keyboard(citizen)
    (participant,) = await bot.press("elig_cit:wni")
    assert participant["text"].startswith("Apakah Anda sudah menjadi peserta")
    (income,) = await bot.say("belum")
    assert income["text"].startswith("Kira-kira berapa rata-rata penghasilan Anda sebulan?")

    (answer,) = await bot.say("2 juta")
    assert answer["text"].startswith("Bisa. Anda bisa ikut sebagai pekerja mandiri (BPU).")
    assert "- JKK + JKM: Rp13.400" in answer["text"]
    assert "1 Januari 2026 sampai 31 Maret 2027" in answer["text"]
    assert keyboard(answer) == [
        ("Daftar sekarang", "register"),
        ("Tambah JHT", "elig_jht:on"),
        ("Selengkapnya", "elig_more"),
        ("Menu", "menu"),
    ]

    gives, payment = await bot.press("elig_more", expect=2)
    assert gives["text"].startswith("Manfaat tiap program:")
    assert "- 12 bulan: Rp254.600" in payment["text"]
    assert len(stub[0].sent("answerCallbackQuery")) >= 4
