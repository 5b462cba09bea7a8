"""App factory and lifespan: resources are made at start-up and closed at shutdown."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.channels.http1 import Http1Client
from bot.channels.telegram import ALLOWED_UPDATES, build_application
from bot.channels.whatsapp import WhatsAppSender
from bot.config import Settings
from bot.services import Services
from bot.web import dashboard, webchat, webhooks, whatsapp
from bot.web.db_retry import RetryLostConnection

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


def create_app(services: Services, *, telegram_polling: bool = False) -> Starlette:
    """The HTTP app; with a Telegram token it also runs the bot (webhook, or polling if asked)."""
    settings = services.settings

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.services = services
        async with _whatsapp(app, settings, services), _telegram(app, services, telegram_polling):
            yield

    routes: list[Any] = [
        Route("/healthz", healthz),
        *webchat.routes,
        *webhooks.routes,
        *whatsapp.routes,
        *dashboard.routes,
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=str(settings.secret_key),
            session_cookie="jamsostek_chat",
            max_age=60 * 60 * 24 * 90,
            same_site="lax",
        ),
        Middleware(RetryLostConnection),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
