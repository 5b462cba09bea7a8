"""The WhatsApp Cloud API webhook: GET verifies the URL, POST brings signed messages.

A POST is checked against `X-Hub-Signature-256` (HMAC-SHA256 of the raw body keyed with
WHATSAPP_APP_SECRET) before anything in it is read: 403 otherwise. Each message is
handled in one engine transaction that also writes its replies to the outbox; we answer
200 once every message is committed, and this process's sender delivers the replies
right after. Meta's redeliveries are deduplicated by the engine on the wamid, and wake
the sender for replies not yet sent. Failed delivery statuses are recorded, others ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.whatsapp import failed_statuses, parse_webhook, record_failures
from bot.outbox import OutboxSender
from bot.services import Services

log = logging.getLogger(__name__)


def valid_signature(body: bytes, header: str, secret: str) -> bool:
    """Whether `header` is `sha256=<hex HMAC of body>`; constant-time."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


async def verify(request: Request) -> Response:
    """GET /webhooks/whatsapp: Meta's subscription check; echo the challenge to the right token."""
    token = request.app.state.services.settings.whatsapp_verify_token
    params = request.query_params
    given = params.get("hub.verify_token", "")
    if (
        token
        and params.get("hub.mode") == "subscribe"
        and hmac.compare_digest(given.encode(), str(token).encode())
    ):
        return PlainTextResponse(params.get("hub.challenge", ""))
    log.warning("whatsapp webhook verification refused from %s", request.client)
    return PlainTextResponse("Forbidden", status_code=403)


async def receive(request: Request) -> Response:
    """POST /webhooks/whatsapp: handle every message in the body, then 200; replies follow."""
    services: Services = request.app.state.services
    sender: OutboxSender | None = request.app.state.whatsapp
    secret = services.settings.whatsapp_app_secret
    body = await request.body()
    signature = request.headers.get("X-Hub-Signature-256", "")
    if not secret or not valid_signature(body, signature, secret):
        log.warning("whatsapp webhook: bad or missing signature from %s", request.client)
        return PlainTextResponse("Forbidden", status_code=403)
    if sender is None:
        return PlainTextResponse("WhatsApp is not configured", status_code=404)
    try:
        payload = json.loads(body)
    except ValueError:
        return PlainTextResponse("Bad Request", status_code=400)
    incomings, statuses = parse_webhook(payload, services.settings.whatsapp_phone_number_id)
    await record_failures(services.sessions, failed_statuses(statuses))
    for incoming in incomings:
        answer = await services.answer(incoming)  # the replies are in the outbox, committed
        sender.schedule(incoming, answer)
    return Response(status_code=200)


routes = [
    Route("/webhooks/whatsapp", verify, methods=["GET"]),
    Route("/webhooks/whatsapp", receive, methods=["POST"]),
]
