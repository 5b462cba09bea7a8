"""App factory and lifespan: resources are made at start-up and closed at shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.channels.http1 import Http1Client
from bot.channels.telegram import ALLOWED_UPDATES, build_application
from bot.channels.whatsapp import WhatsAppSender
from bot.config import Settings
from bot.services import Services
from bot.storage.retention import EVERY, purge_expired
from bot.web import dashboard, webchat, webhooks, whatsapp
from bot.web.db_retry import RetryLostConnection
from bot.web.middleware import CHAT_COOKIE_AGE, ChatSessions, Guard

log = logging.getLogger(__name__)


async def healthz(request: Request) -> JSONResponse:
    """Liveness and database reachability, for the platform's health checks."""
    services: Services = request.app.state.services
    try:
        with services.db.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        log.exception("health check: database unreachable")
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok"})


@contextlib.asynccontextmanager
async def _whatsapp(app: Starlette, settings: Settings, services: Services) -> AsyncIterator[None]:
    """One pooled Graph API client for every send of this process, when WhatsApp is set up."""
    app.state.whatsapp = None
    if not (settings.whatsapp_token and settings.whatsapp_phone_number_id):
        yield
        return
    async with Http1Client(
        settings.whatsapp_api_url,
        headers={"Authorization": f"Bearer {settings.whatsapp_token}"},
        timeout=httpx.Timeout(5.0, connect=3.0),
    ) as client:
        app.state.whatsapp = WhatsAppSender(
            client,
            settings.whatsapp_phone_number_id,
            services.sessions,
            default_language=settings.default_locale,
            rate=settings.whatsapp_send_rate / settings.web_workers,  # each worker its share
        )
        yield


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
        await telegram.stop()


def _purge(services: Services) -> int:
    with services.sessions.begin() as session:
        return purge_expired(session, datetime.now(UTC))


async def _purge_forever(services: Services) -> None:
    """Every few hours, drop what is kept only for a while (bot/storage/retention.py)."""
    while True:
        try:
            purged = await asyncio.to_thread(_purge, services)
            log.info("retention: %d expired rows deleted", purged)
        except Exception:
            log.exception("retention: purge failed; trying again later")
        await asyncio.sleep(EVERY.total_seconds())


@contextlib.asynccontextmanager
async def _retention(services: Services) -> AsyncIterator[None]:
    task = asyncio.create_task(_purge_forever(services))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def create_app(services: Services, *, telegram_polling: bool = False) -> Starlette:
    """The HTTP app; with a Telegram token it also runs the bot (webhook, or polling if asked)."""
    settings = services.settings

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.services = services
        async with (
            _whatsapp(app, settings, services),
            _telegram(app, services, telegram_polling),
            _retention(services),
        ):
            yield

    routes: list[Any] = [
        Route("/healthz", healthz),
        *webchat.routes,
        *webhooks.routes,
        *whatsapp.routes,
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
