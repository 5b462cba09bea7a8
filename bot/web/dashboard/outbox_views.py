"""The outbox page, for admins: replies waiting to be sent or refused, and sending them again.

The same rows as `python -m bot outbox list`; chat ids (phone numbers on WhatsApp) masked.
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.storage import outbox
from bot.web.dashboard.render import render, translator
from bot.web.dashboard.security import PREFIX, Viewer, form_of, staff_only


def _page(request: Request, viewer: Viewer) -> Response:
    status = request.query_params.get("status")
    statuses = [status] if status in outbox.STATUSES else [outbox.PENDING, outbox.FAILED]
    with request.app.state.services.sessions() as session:
        rows = outbox.listing(session, statuses)
        counts = outbox.counts(session)
    _ = translator(request).gettext
    for row in rows:  # the listing is the CLI's JSON: ISO times, status codes
        row["due_at"] = datetime.fromisoformat(row["due_at"])
    return render(
        request,
        "outbox.html",
        viewer,
        rows=rows,
        status_labels={
            outbox.PENDING: _("Pending"),
            outbox.FAILED: _("Failed"),
            outbox.SENT: _("Sent"),
        },
        counts=counts,
        shown=statuses,
        statuses_all=outbox.STATUSES,
    )


def _retry(request: Request) -> None:
    form = form_of(request)
    ids = [int(value) for value in form.getlist("id") if isinstance(value, str) and value.isdigit()]
    with request.app.state.services.sessions.begin() as session:
        outbox.retry(session, None if form.get("all") else ids, datetime.now(UTC))


@staff_only("admin")
async def outbox_page(request: Request, viewer: Viewer) -> Response:
    """GET: the list; POST: failed rows (checked ones, or all) back to pending."""
    if request.method == "POST":
        await run_in_threadpool(_retry, request)
        return RedirectResponse(f"{PREFIX}/outbox", status_code=303)
    return await run_in_threadpool(_page, request, viewer)
