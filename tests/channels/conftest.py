"""Fixtures of the channel tests: the stub Bot API and a polling python-telegram-bot Application;
the stub Graph API and the app under uvicorn with WhatsApp configured."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import httpx
import pytest

from bot.channels.telegram import ALLOWED_UPDATES, build_application
from bot.config import Secret, Settings
from bot.services import Services
from bot.web.app import create_app
from tests.channels.test_whatsapp import APP_SECRET, VERIFY_TOKEN
from tests.conftest import FAST_OUTBOX, wait_for_outbox
from tests.stubs import graph_api
from tests.stubs.graph_api import PHONE_NUMBER_ID, GraphStub
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
        await application.updater.start_polling(
            poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES
        )
        yield
        await application.updater.stop()
        await application.stop()


@pytest.fixture
def graph() -> Iterator[tuple[GraphStub, str]]:
    stub = GraphStub(hang_seconds=2.0)
    # a call left hanging when the test ends is cut off, not waited for
    with serve(stub.app, timeout_graceful_shutdown=0.1) as url:
        yield stub, url


@pytest.fixture
def wa_settings(settings: Settings, graph: tuple[GraphStub, str]) -> Settings:
    return replace(
        settings,
        whatsapp_token=Secret(graph_api.TOKEN),
        whatsapp_phone_number_id=PHONE_NUMBER_ID,
        whatsapp_app_secret=Secret(APP_SECRET),
        whatsapp_verify_token=Secret(VERIFY_TOKEN),
        whatsapp_api_url=graph[1],
        outbox=FAST_OUTBOX,
    )


@pytest.fixture
def bot(services: Services, wa_settings: Settings, faq_indexes: None) -> Iterator[httpx.Client]:
    """A client whose webhook posts return once the replies left the outbox (200 comes first)."""

    def delivered(response: httpx.Response) -> None:
        if response.request.url.path == "/webhooks/whatsapp":
            wait_for_outbox(services)

    with (
        serve(create_app(replace(services, settings=wa_settings))) as url,
        httpx.Client(base_url=url, timeout=20, event_hooks={"response": [delivered]}) as client,
    ):
        yield client
