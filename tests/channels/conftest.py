"""Fixtures of the channel tests: the stub Bot API and a polling python-telegram-bot Application."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from bot.channels.telegram import build_application
from bot.config import Settings
from bot.services import Services
from tests.stubs.server import serve
from tests.stubs.telegram_api import TOKEN, TelegramStub


@pytest.fixture
def stub() -> Iterator[tuple[TelegramStub, str]]:
    telegram = TelegramStub()
    with serve(telegram.app) as url:
        yield telegram, url


@pytest.fixture
def telegram_settings(settings: Settings, stub: tuple[TelegramStub, str]) -> Settings:
    return replace(settings, telegram_bot_token=TOKEN, telegram_api_url=f"{stub[1]}/bot")


@pytest.fixture
async def polling_bot(services: Services, telegram_settings: Settings) -> AsyncIterator[None]:
    application = build_application(telegram_settings, services.engine, polling=True)
    async with application:
        await application.start()
        assert application.updater
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        yield
        await application.updater.stop()
        await application.stop()
