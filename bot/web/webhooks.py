"""Platform webhooks. Each request is verified before anything in it is read.

Telegram: the `X-Telegram-Bot-Api-Secret-Token` header must equal our secret (403 otherwise,
400 for a body that is no Update, whatever its shape). The update is processed before we
answer 200, so an acknowledged update is never lost; a redelivery is deduplicated by the
engine.
"""

from __future__ import annotations

import hmac
import json
import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update

log = logging.getLogger(__name__)


async def telegram_webhook(request: Request) -> Response:
    """POST /webhooks/telegram: one Update from Telegram."""
    application = request.app.state.telegram
    secret = request.app.state.services.settings.telegram_webhook_secret
    if application is None or not secret:
        return PlainTextResponse("Telegram webhook is not configured", status_code=404)
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if not hmac.compare_digest(given.encode(), str(secret).encode()):
        log.warning("telegram webhook: wrong or missing secret token from %s", request.client)
        return PlainTextResponse("Forbidden", status_code=403)
    try:
        data = json.loads(await request.body())
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise ValueError("no update_id")
        update = Update.de_json(data, application.bot)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        log.warning("telegram webhook: body is not an Update")
        return PlainTextResponse("Bad Request", status_code=400)
    await application.process_update(update)
    return Response(status_code=200)


routes = [Route("/webhooks/telegram", telegram_webhook, methods=["POST"])]
