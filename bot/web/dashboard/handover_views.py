"""The handover inbox: chats a worker handed to staff, read and answered from the dashboard.

Scoped like leads (bot/storage/handovers.py handover_scope). A staff reply is written to the
outbox in the same transaction as its copy in the conversation, then sent at once by this
process's sender for the worker's channel (the sweep would take it otherwise). Closing hands
the chat back to the bot and tells the worker so. Every reply and close is audited.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.channels.telegram import OUTBOX
from bot.conversation import Channel, Incoming, Kind, Reply
from bot.engine import OUTBOX_CHANNELS
from bot.i18n import Translator
from bot.outbox import OutboxSender
from bot.storage import outbox
from bot.storage.branches import is_sample_mapping
from bot.storage.handovers import (
    STAFF,
    add_message,
    audit,
    close_handover,
    get_handover,
    inbox,
    recent_messages,
)
from bot.storage.lead_queries import branch_zone, branch_zones, get_lead, view_zone
from bot.storage.models import Branch, Contact, Handover
from bot.storage.notices import window
from bot.storage.staff import LEAD_ROLES
from bot.web.dashboard.leads_views import now
from bot.web.dashboard.render import error_page, render, translator
from bot.web.dashboard.security import PREFIX, Viewer, form_of, staff_only

log = logging.getLogger(__name__)
MAX_REPLY = 2000  # characters; WhatsApp takes 4096, a reply to one worker is far shorter


@staff_only(*LEAD_ROLES)
async def inbox_page(request: Request, viewer: Viewer) -> Response:
    """The open handovers in the viewer's scope, the longest waiting first."""

    def work() -> Response:
        with request.app.state.services.sessions() as session:
            rows = inbox(session, viewer.scope)
            branches = {row.id: row.name for row in session.execute(select(Branch.id, Branch.name))}
            zone = view_zone(session, viewer.scope)
            zones = branch_zones(session, {row.handover.branch_id for row in rows})
            sample = is_sample_mapping(session)
        return render(
            request,
            "handovers.html",
            viewer,
            rows=rows,
            branches=branches,
            zone=zone,
            zones=zones,
            sample_mapping=sample,
        )

    return await run_in_threadpool(work)


def _page(request: Request, viewer: Viewer, handover_id: int, error: str | None = None) -> Response:
    with request.app.state.services.sessions() as session:
        handover = get_handover(session, viewer.scope, handover_id)
        if handover is None:
            return error_page(request, viewer, 404)
        lead = get_lead(session, viewer.scope, handover.lead_id) if handover.lead_id else None
        return render(
            request,
            "handover.html",
            viewer,
            handover=handover,
            messages=recent_messages(session, handover),
            lead=lead,
            branch=session.get_one(Branch, handover.branch_id),
            chat=outbox.mask_chat(handover.chat_id),
            window=window(session, handover.channel, handover.chat_id, now(request)),
            can_send=Channel(handover.channel) in OUTBOX_CHANNELS,
            error=error,
            status_code=400 if error else 200,
            zone=branch_zone(session, handover.branch_id),
            sample_mapping=is_sample_mapping(session),
        )


@staff_only(*LEAD_ROLES)
async def handover_page(request: Request, viewer: Viewer) -> Response:
    """GET: the conversation, the lead, the reply box. POST: a reply (`text`) or `close`."""
    handover_id: int = request.path_params["handover_id"]
    if request.method == "GET":
        return await run_in_threadpool(_page, request, viewer, handover_id)
    form = form_of(request)
    closing = bool(form.get("close"))
    text = str(form.get("text") or "").strip()[:MAX_REPLY]
    if not closing and not text:
        return await run_in_threadpool(
            _page, request, viewer, handover_id, translator(request).gettext("Write a reply first.")
        )
    if not closing and (closed := await run_in_threadpool(_window_closed, request, handover_id)):
        return await run_in_threadpool(_page, request, viewer, handover_id, closed)
    sent = await run_in_threadpool(_act, request, viewer, handover_id, text, closing)
    if sent is None:
        return error_page(request, viewer, 404)
    _schedule(request, sent)
    return RedirectResponse(f"{PREFIX}/handovers/{handover_id}", status_code=303)


def _window_closed(request: Request, handover_id: int) -> str | None:
    """Why a free reply cannot go: WhatsApp's 24-hour window closed (refused with 131047)."""
    with request.app.state.services.sessions() as session:
        handover = session.get(Handover, handover_id)
        if handover is None:
            return None
        shut = not window(session, handover.channel, handover.chat_id, now(request)).open
    if not shut:
        return None
    return translator(request).gettext(
        "The worker last wrote more than 24 hours ago, so WhatsApp refuses a free message. "
        "Open the lead's page and send an approved template instead."
    )


def _act(
    request: Request, viewer: Viewer, handover_id: int, text: str, closing: bool
) -> Incoming | None:
    """Keep the reply (or close), queue the worker's message; the chat to send to, or None."""
    at = now(request)
    with request.app.state.services.sessions.begin() as session:
        handover = get_handover(session, viewer.scope, handover_id)
        if handover is None or handover.closed_at is not None:
            return None
        branch = session.get_one(Branch, handover.branch_id)
        contact = session.get(Contact, handover.contact_id)
        t = Translator(
            (contact.language if contact else None)
            or request.app.state.services.settings.default_locale
        )
        if closing:
            close_handover(session, handover, viewer.actor, at)
            message = t.gettext(
                "The staff of {branch} have closed this conversation. I answer your questions "
                "again; type bicara dengan petugas to reach a person."
            ).format(branch=branch.name)
        else:
            add_message(session, handover, STAFF, text, at, author=viewer.actor)
            audit(session, viewer.actor, "handover_reply", handover, at)
            message = t.gettext("Staff of {branch}:").format(branch=branch.name) + "\n" + text
        incoming = _chat(handover)
        if Channel(handover.channel) in OUTBOX_CHANNELS:
            reply = Reply(message, language=t.locale)
            outbox.write(session.connection(), incoming, [reply], pending=True, now=at)
    log.info("handover %s: %s by %s", handover_id, "closed" if closing else "reply", viewer.actor)
    return incoming


def _chat(handover: Handover) -> Incoming:
    """The worker's chat as the outbox addresses it."""
    channel = Channel(handover.channel)
    return Incoming(channel, handover.chat_id, handover.chat_id, Kind.TEXT)


def _schedule(request: Request, incoming: Incoming) -> None:
    """Send now through this process's sender of the channel, if it runs one."""
    state = request.app.state
    sender: OutboxSender | None = None
    if incoming.channel is Channel.WHATSAPP:
        sender = getattr(state, "whatsapp", None)
    elif incoming.channel is Channel.TELEGRAM and getattr(state, "telegram", None) is not None:
        sender = state.telegram.bot_data[OUTBOX]
    if sender is not None:
        sender.schedule(incoming)


routes = [
    Route("/", inbox_page, methods=["GET"]),
    Route("/{handover_id:int}", handover_page, methods=["GET", "POST"]),
]
