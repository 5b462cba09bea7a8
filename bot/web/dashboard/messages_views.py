"""WhatsApp's 24-hour window for staff: templates, messages per month, writing to a worker.

Inside the window staff may write freely; outside it only an approved template goes
(bot/storage/notices.py). A refusal the platform sent back (131047: the window closed) is
shown on the lead's page, not swallowed.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.conversation import Reply, Template
from bot.i18n import N_
from bot.storage import notices
from bot.storage.lead_queries import get_lead
from bot.storage.models import Contact, MessageTemplate
from bot.storage.tally import monthly
from bot.web.dashboard.leads_views import now
from bot.web.dashboard.render import error_page, render, translator
from bot.web.dashboard.security import PREFIX, Viewer, form_of, staff_only

PURPOSE_LABELS = {
    "status": N_("Status news to the worker"),
    "officer": N_("Notice to an officer"),
    "staff": N_("Staff message"),
}
MAX_TEXT = 1000
MAX_PARAM = 200


@staff_only("admin", "branch_admin")
async def templates_page(request: Request, viewer: Viewer) -> Response:
    """GET: the templates and the messages sent per month; POST (admins): add or retire one."""
    if request.method == "POST":
        if viewer.role != "admin":
            return error_page(request, viewer, 403)
        await run_in_threadpool(_save, request)
        return RedirectResponse(f"{PREFIX}/templates", status_code=303)

    t = translator(request)

    def work() -> Response:
        with request.app.state.services.sessions() as session:
            rows = notices.templates(session)
            counts = monthly(session, None if viewer.role == "admin" else viewer.branch_id)
        return render(
            request,
            "templates.html",
            viewer,
            templates=rows,
            counts=counts,
            purposes=notices.PURPOSES,
            purpose_labels={k: t.gettext(v) for k, v in PURPOSE_LABELS.items()},
        )

    return await run_in_threadpool(work)


def _save(request: Request) -> None:
    form = form_of(request)
    with request.app.state.services.sessions.begin() as session:
        if retire := str(form.get("retire") or ""):
            row = session.get(MessageTemplate, int(retire)) if retire.isdigit() else None
            if row is not None:
                row.active = False
            return
        name = str(form.get("name") or "").strip()[:512]
        language = str(form.get("language") or "").strip()[:16]
        purpose = str(form.get("purpose") or "")
        params = [p.strip() for p in str(form.get("params") or "").split(",") if p.strip()]
        if name and language and purpose in notices.PURPOSES:
            notices.save_template(session, name, language, purpose, params)


@staff_only("admin", "branch_admin")
async def message(request: Request, viewer: Viewer) -> Response:
    """POST: a message to the lead's worker: free text in the window, else a template."""
    form = form_of(request)
    lead_id: int = request.path_params["lead_id"]

    def work() -> Response:
        with request.app.state.services.sessions.begin() as session:
            lead = get_lead(session, viewer.scope, lead_id)
            contact = session.get(Contact, lead.contact_id) if lead and lead.contact_id else None
            if lead is None or contact is None:
                return error_page(request, viewer, 404)
            at = now(request)
            window = notices.window(session, contact.channel, contact.user_id, at)
            text = str(form.get("text") or "").strip()[:MAX_TEXT]
            chosen = str(form.get("template") or "")
            found = session.get(MessageTemplate, int(chosen)) if chosen.isdigit() else None
            if found is not None and found.active and contact.channel == "whatsapp":
                values = [str(v)[:MAX_PARAM] for v in form.getlist("param")]
                template = Template(found.name, found.language, tuple(values[: len(found.params)]))
                reply = Reply(text or found.name, language=found.language, template=template)
            elif text and window.open:
                reply = Reply(text, language=contact.language or "id")
            else:
                return RedirectResponse(f"{PREFIX}/leads/{lead_id}?message=refused", 303)
            notices.send(session, contact.channel, contact.user_id, reply, at)
        return RedirectResponse(f"{PREFIX}/leads/{lead_id}?message=queued", 303)

    return await run_in_threadpool(work)
