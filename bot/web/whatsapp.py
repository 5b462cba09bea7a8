"""The WhatsApp Cloud API webhook: GET verifies the URL, POST brings signed messages.

A POST is checked against `X-Hub-Signature-256` (HMAC-SHA256 of the raw body keyed with
WHATSAPP_APP_SECRET) before anything in it is read: 403 otherwise; a signed body that is
not a webhook's frame is a 400, and one message of an odd shape inside a good frame is
skipped, the others answered. Chats whose id changed (a new BSUID, a phone-keyed chat now
carrying a BSUID) move first. Each message is then handled in one engine transaction that
also writes its replies to the outbox; we answer 200 once every message is committed, and
this process's sender delivers the replies right after. Meta's redeliveries are
deduplicated by the engine on the wamid, and wake the sender for replies not yet sent.
Failed delivery statuses are recorded once each, others ignored.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections import OrderedDict

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.channels.whatsapp import MalformedWebhook, parse_webhook, record_failures
from bot.conversation import Channel
from bot.outbox import OutboxSender
from bot.services import Services
from bot.storage.chats import move_chat

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
        webhook = parse_webhook(json.loads(body), services.settings.whatsapp_phone_number_id)
    except (ValueError, RecursionError) as error:  # not JSON, too deep, or not a webhook
        reason = error if isinstance(error, MalformedWebhook) else type(error).__name__
        log.warning("whatsapp webhook: signed body refused: %s", reason)
        return PlainTextResponse("Bad Request", status_code=400)
    await record_failures(services.sessions, webhook.failures)
    await move_chats(services, _moves_seen(request).new(webhook.moves))
    for incoming in webhook.incomings:
        held = sender.held(incoming.chat_id)
        answer = await services.answer(incoming, held.rows)  # replies in the outbox, committed
        sender.schedule(incoming, answer, held)
    return Response(status_code=200)


class _Seen:
    """The last `size` id moves this app made: a user's next messages skip the write."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._moves: OrderedDict[tuple[str, str], None] = OrderedDict()

    def new(self, moves: list[tuple[str, str]]) -> list[tuple[str, str]]:
        fresh = [move for move in moves if move not in self._moves]
        for move in moves:
            self._moves[move] = None
            self._moves.move_to_end(move)
        while len(self._moves) > self.size:
            self._moves.popitem(last=False)
        return fresh


def _moves_seen(request: Request) -> _Seen:
    seen: _Seen | None = getattr(request.app.state, "whatsapp_moves", None)
    if seen is None:
        seen = request.app.state.whatsapp_moves = _Seen(100_000)
    return seen


async def move_chats(services: Services, moves: list[tuple[str, str]]) -> None:
    """Carry chats over to their new ids, on the turn threads under the turn lock (SQLite)."""
    if not moves:
        return

    def run() -> None:
        with services.engine.turn_lock, services.sessions.begin() as session:
            for old, new in moves:
                if move_chat(session, Channel.WHATSAPP, old, new):
                    log.info("whatsapp chat moved to a new id")

    await asyncio.get_running_loop().run_in_executor(services.turns, run)


routes = [
    Route("/webhooks/whatsapp", verify, methods=["GET"]),
    Route("/webhooks/whatsapp", receive, methods=["POST"]),
]
