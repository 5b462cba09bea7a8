"""Officers page for branch admins (and admins): add, deactivate or reactivate, print a poster.

Officers are created and deactivated, and posters drawn, by the officers module
(bot.storage.officers, bot.posters); these views add the branch scope and the forms.
"""

from __future__ import annotations

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.domain.referral import LinkConfig
from bot.domain.regions import region_name
from bot.domain.validation import parse_name, parse_phone
from bot.errors import ValidationError
from bot.posters import poster_data, poster_pdf, poster_png
from bot.storage.branches import is_sample_mapping
from bot.storage.models import Branch
from bot.storage.officers import OfficerError, create_officer, deactivate
from bot.storage.officers_admin import get_officer, list_officers, reactivate
from bot.web.dashboard.leads_views import now
from bot.web.dashboard.render import error_page, render, translator
from bot.web.dashboard.security import PREFIX, Viewer, form_of, staff_only


def _page(
    request: Request, viewer: Viewer, error: str | None = None, status_code: int = 200
) -> Response:
    with request.app.state.services.sessions() as session:
        branch_id = viewer.branch_id if viewer.role == "branch_admin" else None
        officers = list_officers(session, branch_id)
        branches = list(session.scalars(select(Branch).order_by(Branch.name)))
        sample = is_sample_mapping(session)
    return render(
        request,
        "officers.html",
        viewer,
        officers=officers,
        error=error,
        branches={b.id: b for b in branches},
        region=region_name,
        sample_mapping=sample,
        status_code=status_code,
    )


@staff_only("admin", "branch_admin")
async def officers(request: Request, viewer: Viewer) -> Response:
    return await run_in_threadpool(_page, request, viewer)


@staff_only("admin", "branch_admin")
async def add(request: Request, viewer: Viewer) -> Response:
    form = form_of(request)
    _ = translator(request).gettext
    try:
        name = parse_name(str(form.get("name") or ""))
        raw_phone = str(form.get("phone") or "").strip()
        phone = parse_phone(raw_phone) if raw_phone else None
    except ValidationError:
        return await run_in_threadpool(
            _page, request, viewer, _("Check the name and the phone number."), 400
        )
    branch_id = viewer.branch_id
    if viewer.role == "admin":
        raw = str(form.get("branch") or "")
        branch_id = int(raw) if raw.isdigit() else None

    def work() -> Response | None:
        with request.app.state.services.sessions.begin() as session:
            branch = session.get(Branch, branch_id) if branch_id is not None else None
            if branch is None:
                return None
            try:
                create_officer(
                    session, name=name, branch_code=branch.code, phone=phone, now=now(request)
                )
            except OfficerError:
                return None
        return RedirectResponse(f"{PREFIX}/officers", status_code=303)

    done = await run_in_threadpool(work)
    if done is not None:
        return done
    return await run_in_threadpool(_page, request, viewer, _("Choose a branch office."), 400)


@staff_only("admin", "branch_admin")
async def toggle(request: Request, viewer: Viewer) -> Response:
    active = request.url.path.endswith("/activate")

    def work() -> Response:
        with request.app.state.services.sessions.begin() as session:
            branch_id = viewer.branch_id if viewer.role == "branch_admin" else None
            officer = get_officer(session, request.path_params["officer_id"], branch_id)
            if officer is None:
                return error_page(request, viewer, 404)
            if active:
                reactivate(session, officer)
            else:
                deactivate(session, officer.code)
        return RedirectResponse(f"{PREFIX}/officers", status_code=303)

    return await run_in_threadpool(work)


@staff_only("admin", "branch_admin", "officer")
async def poster(request: Request, viewer: Viewer) -> Response:
    """The officer's printable poster (bot.posters), as PNG or PDF by the URL's extension.

    Staff print any officer's of their branch; an officer their own only (any other: 404).
    """
    pdf = request.url.path.endswith(".pdf")
    extension = "pdf" if pdf else "png"

    def work() -> Response:
        services = request.app.state.services
        with services.sessions() as session:
            branch_id = viewer.branch_id if viewer.role == "branch_admin" else None
            officer = get_officer(session, request.path_params["officer_id"], branch_id)
            if viewer.role == "officer" and officer is not None and officer.id != viewer.officer_id:
                officer = None
            if officer is None or not officer.active:
                return error_page(request, viewer, 404)
            data = poster_data(
                officer,
                session.get_one(Branch, officer.branch_id),
                LinkConfig.from_settings(services.settings),
            )
        body, kind = (
            (poster_pdf(data), "application/pdf") if pdf else (poster_png(data), "image/png")
        )
        return Response(
            body,
            media_type=kind,
            headers={
                "Content-Disposition": f'inline; filename="poster-{officer.code}.{extension}"'
            },
        )

    return await run_in_threadpool(work)
