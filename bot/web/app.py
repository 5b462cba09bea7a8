"""App factory and lifespan: resources are made at start-up and closed at shutdown."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.channels.telegram import build_application
from bot.services import Services
from bot.web import webchat, webhooks

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


def create_app(services: Services, *, telegram_polling: bool = False) -> Starlette:
    """The HTTP app; with a Telegram token it also runs the bot (webhook, or polling if asked)."""
    settings = services.settings

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.services = services
        app.state.telegram = None
        if not settings.telegram_bot_token:
            yield
            return
        telegram = build_application(settings, services.engine, polling=telegram_polling)
        app.state.telegram = telegram
        async with telegram:
            await telegram.start()
            if settings.telegram_webhook_url:
                await telegram.bot.set_webhook(
                    settings.telegram_webhook_url,
                    secret_token=settings.telegram_webhook_secret,
                    allowed_updates=["message", "callback_query"],
                )
            elif telegram_polling and telegram.updater:
                await telegram.updater.start_polling(allowed_updates=["message", "callback_query"])
            yield
            if telegram.updater and telegram.updater.running:
                await telegram.updater.stop()
            await telegram.stop()

    routes: list[Any] = [
        Route("/healthz", healthz),
        *webchat.routes,
        *webhooks.routes,
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=str(settings.secret_key),
            session_cookie="jamsostek_chat",
            max_age=60 * 60 * 24 * 90,
            same_site="lax",
        )
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
