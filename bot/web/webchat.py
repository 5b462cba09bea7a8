"""Web chat: the page at `/` and its JSON endpoint; a signed session cookie names the chat."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from bot.channels.render import numbered_text
from bot.config import SUPPORTED_LOCALES
from bot.conversation import Channel, Incoming, Kind, Reply
from bot.i18n import Translator
from bot.services import Services
from bot.storage.outbox import recent_replies
from bot.web.middleware import csp_nonce

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(),
)
MAX_TEXT = 4096  # longer input is cut; nobody types more into a chat box


def _language(request: Request) -> str | None:
    header = request.headers.get("accept-language", "")
    first = header.split(",")[0].strip()[:2].lower()
    return first if first in SUPPORTED_LOCALES else None


async def page(request: Request) -> HTMLResponse:
    """GET /: the chat page, in Indonesian; English offered when the browser prefers it.

    A phone set to English is no sign its owner reads English better than Indonesian, so
    the chat does not switch by itself: one tap on "English" does (the `language` action).
    """
    default = request.app.state.services.settings.default_locale
    t = Translator(default)
    preferred = _language(request)
    html = TEMPLATES.get_template("chat.html").render(
        _=t.gettext,
        lang=t.locale,
        nonce=csp_nonce(request),
        offer_english=preferred == "en" and default != "en",
    )
    return HTMLResponse(html)


async def history(request: Request) -> Response:
    """GET /chat/history: the chat's recent replies, so a reloaded page shows them again."""
    chat_id = request.session.get("chat_id")
    if not isinstance(chat_id, str):
        return JSONResponse({"replies": []})
    services: Services = request.app.state.services

    def read() -> list[Reply]:
        with services.db.connect() as connection:
            return recent_replies(connection, Channel.WEB.value, chat_id)

    replies = await run_in_threadpool(read)
    return JSONResponse({"replies": [_render(r) for r in replies]})


def _incoming(request: Request, body: dict[str, Any], chat_id: str) -> Incoming | None:
    base: dict[str, Any] = {
        "channel": Channel.WEB,
        "chat_id": chat_id,
        "user_id": chat_id,
    }
    client_id = body.get("id")
    if isinstance(client_id, str) and 0 < len(client_id) <= 64:
        base["message_id"] = f"{chat_id}:{client_id}"
    if body.get("start"):
        return Incoming(kind=Kind.START, payload=str(body.get("ref") or "")[:64], **base)
    if isinstance(choice := body.get("choice"), str) and choice:
        return Incoming(kind=Kind.CHOICE, payload=choice[:64], **base)
    if isinstance(text := body.get("text"), str):
        return Incoming(kind=Kind.TEXT, text=text[:MAX_TEXT], **base)
    return None


def _render(reply: Reply) -> dict[str, Any]:
    return {
        "text": numbered_text(reply),
        "choices": [{"id": c.id, "label": c.label} for c in reply.choices],
    }


async def messages(request: Request) -> Response:
    """POST /chat/messages: `{"text"}`, `{"choice"}` or `{"start"}`, with a client `id`.

    `erased` is true when the turn deleted the person's data: the page then drops the
    transcript it keeps in the tab.
    """
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
        body = None
    if not isinstance(body, dict):
        return JSONResponse({"error": "expected a JSON object"}, status_code=400)
    chat_id = request.session.get("chat_id")
    if not isinstance(chat_id, str):
        chat_id = request.session["chat_id"] = secrets.token_urlsafe(16)
    incoming = _incoming(request, body, chat_id)
    if incoming is None:
        return JSONResponse({"error": "expected text, choice or start"}, status_code=400)
    services: Services = request.app.state.services
    answer = await services.answer(incoming)
    return JSONResponse({"replies": [_render(r) for r in answer.replies], "erased": answer.erased})


routes = [
    Route("/", page),
    Route("/chat/messages", messages, methods=["POST"]),
    Route("/chat/history", history, methods=["GET"]),
]
