"""App factory and lifespan: resources are made at start-up and closed at shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.channels.http1 import api_client
from bot.channels.telegram import ALLOWED_UPDATES, OUTBOX, build_application
from bot.channels.whatsapp import WhatsAppSender
from bot.config import Settings
from bot.housekeeping import run_forever
from bot.outbox import OutboxSender, outbox_sender
from bot.services import Services
from bot.web import dashboard, webchat, webhooks, whatsapp
from bot.web.db_retry import RetryLostConnection
from bot.web.middleware import CHAT_COOKIE_AGE, ChatSessions, Guard

log = logging.getLogger(__name__)


HEALTH_TIMEOUT = 3.0  # seconds; a platform's health check gives up after a few


async def healthz(request: Request) -> JSONResponse:
    """Liveness and database reachability, for the platform's health checks.

    The query runs on a thread of its own, so a database that does not answer holds
    neither the event loop nor a turn thread; after HEALTH_TIMEOUT the answer is 503.
    """
    services: Services = request.app.state.services

    def ping() -> None:
        with services.db.connect() as connection:
            connection.execute(text("SELECT 1"))

    try:
        await asyncio.wait_for(
            anyio.to_thread.run_sync(ping, abandon_on_cancel=True), HEALTH_TIMEOUT
        )
    except TimeoutError:
        log.error("health check: no answer from the database in %.0f s", HEALTH_TIMEOUT)
        return JSONResponse({"status": "error", "database": "timeout"}, status_code=503)
    except Exception:
        log.exception("health check: database unreachable")
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})


@contextlib.asynccontextmanager
async def _whatsapp(app: Starlette, settings: Settings, services: Services) -> AsyncIterator[None]:
    """The outbox's WhatsApp sender of this process, on one pooled Graph API client.

    Our own HTTP/1.1 client (bot/channels/http1.py), unless a proxy is configured for the
    Graph API: it costs half of httpx's CPU per send.
    """
    app.state.whatsapp = None
    if not (settings.whatsapp_token and settings.whatsapp_phone_number_id):
        yield
        return
    async with api_client(
        settings.whatsapp_api_url,
        headers={"Authorization": f"Bearer {settings.whatsapp_token}"},
        timeout=httpx.Timeout(5.0, connect=3.0, pool=5.0),
    ) as client:
        whatsapp = WhatsAppSender(
            client,
            settings.whatsapp_phone_number_id,
            default_language=settings.default_locale,
            rate=settings.whatsapp_send_rate / settings.web_workers,  # each worker its share
        )
        sender = outbox_sender(services.engine, [whatsapp], settings, services.turns)
        app.state.whatsapp = sender
        sender.start()
        try:
            yield
        finally:
            await sender.stop()


@contextlib.asynccontextmanager
async def _telegram(app: Starlette, services: Services, polling: bool) -> AsyncIterator[None]:
    """The Telegram bot, when a token is set: a webhook if its URL is set, else polling."""
    settings = services.settings
    app.state.telegram = None
    if not settings.telegram_bot_token:
        yield
        return
    telegram = build_application(settings, services.engine, polling=polling)
    app.state.telegram = telegram
    async with telegram:
        await telegram.start()
        sender: OutboxSender = telegram.bot_data[OUTBOX]
        sender.start()
        if settings.telegram_webhook_url:
            await telegram.bot.set_webhook(
                settings.telegram_webhook_url,
                secret_token=settings.telegram_webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        elif polling and telegram.updater:
            await telegram.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        yield
        if telegram.updater and telegram.updater.running:
            await telegram.updater.stop()
        await sender.stop()
        await telegram.stop()


def create_app(services: Services, *, telegram_polling: bool = False) -> Starlette:
    """The HTTP app; with a Telegram token it also runs the bot (webhook, or polling if asked)."""
    settings = services.settings

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.services = services
        jobs = asyncio.create_task(run_forever(services))
        try:
            async with (
                _whatsapp(app, settings, services),
                _telegram(app, services, telegram_polling),
            ):
                yield
        finally:
            jobs.cancel()
            await asyncio.gather(jobs, return_exceptions=True)

    routes: list[Any] = [
        *whatsapp.routes,  # first: the busiest path is matched before the others are tried
        *webhooks.routes,
        Route("/healthz", healthz),
        *webchat.routes,
        *dashboard.routes,
    ]
    middleware = [
        Middleware(Guard),
        Middleware(
            ChatSessions,
            secret_key=str(settings.secret_key),
            session_cookie="jamsostek_chat",
            max_age=CHAT_COOKIE_AGE,
            same_site="lax",
        ),
        Middleware(RetryLostConnection),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
