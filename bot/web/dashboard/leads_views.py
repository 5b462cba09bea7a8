"""Overview, the leads list, one lead (status changes, NIK reveal); all scoped to the viewer."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.crypto import Crypto, InvalidToken
from bot.domain.regions import region_name
from bot.i18n import format_date, short_date
from bot.notices import status_changed
from bot.storage import notices
from bot.storage.branches import is_sample_mapping
from bot.storage.lead_queries import (
    TRANSITIONS,
    branch_zone,
    branch_zones,
    get_lead,
    history,
    is_overdue,
    list_page,
    record_nik_reveal,
    view_zone,
)
from bot.storage.leads import set_status
from bot.storage.models import Branch, Contact, Officer
from bot.storage.staff import LEAD_ROLES
from bot.web.dashboard import charts
from bot.web.dashboard.dates import parse_day, unread_days
from bot.web.dashboard.filters import (
    FILTER_KEYS,
    dated,
    form_options,
    parse_filter,
    query_string,
)
from bot.web.dashboard.own_link import own_link
from bot.web.dashboard.render import error_page, render, translator
from bot.web.dashboard.security import PREFIX, Viewer, form_of, staff_only
from bot.web.dashboard.stats import overview as overview_counts

log = logging.getLogger(__name__)
MAX_NOTE = 1000


def now(request: Request) -> datetime:
    """The engine's clock (fixed in tests), so audit rows and chats share one time source."""
    clock: datetime = request.app.state.services.engine.clock()
    return clock


def _crypto(request: Request) -> Crypto:
    return Crypto(request.app.state.services.settings.secret_key)


def mask_nik(nik: str) -> str:
    """`5103061234560001` → `5103********0001`: enough to compare with a card on the phone."""
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:] if len(nik) > 8 else "*" * len(nik)


@staff_only()
async def overview(request: Request, viewer: Viewer) -> Response:
    if viewer.role == "pemda":  # a Pemda login sees programmes only: its home page is theirs
        return RedirectResponse(f"{PREFIX}/programmes/", status_code=303)
    _ = translator(request).gettext
    lang = translator(request).locale
    number = translator(request).number
    params = request.query_params

    def work() -> Response:
        with request.app.state.services.sessions() as session:
            zone = view_zone(session, viewer.scope)
            today = now(request).astimezone(zone).date()
            until = parse_day(params.get("until")) or today
            since = parse_day(params.get("since")) or until - timedelta(days=29)
            since = max(since, until - timedelta(days=365))
            sample = is_sample_mapping(session)
            settings = request.app.state.services.settings
            officer_id = viewer.officer_id if viewer.role == "officer" else None
            mine = own_link(session, settings, officer_id)
            counts = overview_counts(
                session,
                viewer.scope,
                since,
                until,
                zone,
                no_officer=_("No officer"),
                unknown=_("Not stated"),
                today=today,
            )
        funnel_labels = {
            "chats": _("Chats started"),
            "eligibility": _("Eligibility checked"),
            "registration": _("Registration started"),
            "leads": _("Leads"),
            "registered": _("Registered"),
        }
        funnel = [(funnel_labels[k], n) for k, n in counts.funnel]
        return render(
            request,
            "overview.html",
            viewer,
            sample_mapping=sample,
            own=mine,
            since=since,
            until=until,
            unread=unread_days(params),
            counts=counts,
            funnel=funnel,
            chart_days=charts.columns(
                [(short_date(d, lang), n) for d, n in counts.per_day], number
            ),
            per_day=[(format_date(d, lang), n) for d, n in counts.per_day],
            chart_funnel=charts.bars(funnel, number),
            chart_officers=charts.bars(counts.per_officer, number),
            chart_districts=charts.bars(counts.per_district, number),
            chart_villages=charts.bars(counts.per_village, number),
            zone=zone,
        )

    return await run_in_threadpool(work)


@staff_only(*LEAD_ROLES)
async def leads(request: Request, viewer: Viewer) -> Response:
    f = parse_filter(request.query_params, viewer)
    cursor = request.query_params.get("after")

    def work() -> Response:
        with request.app.state.services.sessions() as session:
            f_today = dated(session, viewer, f, now(request))
            page = list_page(session, viewer.scope, f_today, cursor)
            options = form_options(session, viewer, f)
            officers = dict((o_id, name) for o_id, name in options.officers)
            sample = is_sample_mapping(session)
            zones = branch_zones(session, {lead.branch_id for lead in page.leads})
            if viewer.role == "officer" and viewer.officer_id:
                officer = session.get(Officer, viewer.officer_id)
                officers = {officer.id: officer.name} if officer else {}
        qs = query_string(request.query_params)
        next_url = (
            f"{PREFIX}/leads?{query_string(request.query_params, after=page.next_cursor)}"
            if page.next_cursor
            else None
        )
        return render(
            request,
            "leads.html",
            viewer,
            page=page,
            f=f,
            options=options,
            officers=officers,
            qs=qs,
            next_url=next_url,
            first_page=bool(cursor),
            zone=page.zone,
            zones=zones,
            branches=dict(options.branches),
            region=region_name,
            overdue=lambda lead: is_overdue(lead, f_today.today),
            request_filters=[(k, v) for k in FILTER_KEYS if (v := request.query_params.get(k))],
            unread=unread_days(request.query_params),
            sample_mapping=sample,
        )

    return await run_in_threadpool(work)


def _lead_page(
    request: Request,
    viewer: Viewer,
    lead_id: int,
    *,
    reveal: bool = False,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    services = request.app.state.services
    with services.sessions.begin() as session:
        lead = get_lead(session, viewer.scope, lead_id)
        if lead is None:
            return error_page(request, viewer, 404)
        try:
            nik = _crypto(request).decrypt(lead.nik_encrypted)
        except InvalidToken:
            nik = ""
        if reveal:
            record_nik_reveal(session, lead, actor=viewer.actor, now=now(request))
        events = history(session, lead)
        zone = branch_zone(session, lead.branch_id)  # one lead: its branch's time, for anyone
        officer = session.get(Officer, lead.officer_id) if lead.officer_id else None
        branch = session.get(Branch, lead.branch_id)
        contact = session.get(Contact, lead.contact_id) if lead.contact_id else None
        chat = None
        if contact is not None and contact.channel in notices.PUSH_CHANNELS:
            chat = {
                "channel": contact.channel,
                "window": notices.window(session, contact.channel, contact.user_id, now(request)),
                "refusals": notices.refusals(session, contact.channel, contact.user_id),
                "templates": notices.templates(session),
            }
        return render(
            request,
            "lead.html",
            viewer,
            lead=lead,
            events=events,
            officer=officer,
            branch=branch,
            nik=nik if reveal else mask_nik(nik),
            revealed=reveal,
            next_statuses=TRANSITIONS.get(lead.status, ()),
            chat=chat,
            message=request.query_params.get("message"),
            region=region_name,
            error=error,
            status_code=status_code,
            zone=zone,
            sample_mapping=is_sample_mapping(session),
        )


@staff_only(*LEAD_ROLES)
async def lead(request: Request, viewer: Viewer) -> Response:
    return await run_in_threadpool(_lead_page, request, viewer, request.path_params["lead_id"])


@staff_only("admin", "branch_admin")
async def reveal_nik(request: Request, viewer: Viewer) -> Response:
    """POST: the NIK in clear on this one response; a lead_events row records who saw it."""
    return await run_in_threadpool(
        _lead_page, request, viewer, request.path_params["lead_id"], reveal=True
    )


@staff_only("admin", "branch_admin")
async def change_status(request: Request, viewer: Viewer) -> Response:
    form = form_of(request)
    lead_id: int = request.path_params["lead_id"]
    status = str(form.get("status") or "")
    note = str(form.get("note") or "").strip()[:MAX_NOTE] or None
    _ = translator(request).gettext

    def work() -> Response | None:
        with request.app.state.services.sessions.begin() as session:
            found = get_lead(session, viewer.scope, lead_id)
            if found is None:
                return error_page(request, viewer, 404)
            if status not in TRANSITIONS.get(found.status, ()):
                return None
            set_status(session, found, status, actor=viewer.actor, now=now(request), note=note)
            told = status_changed(session, found, now(request))
        log.info("lead %s: status %s by %s; worker: %s", lead_id, status, viewer.actor, told)
        return RedirectResponse(f"{PREFIX}/leads/{lead_id}", status_code=303)

    done = await run_in_threadpool(work)
    if done is not None:
        return done
    return await run_in_threadpool(
        _lead_page,
        request,
        viewer,
        lead_id,
        error=_("This status change is not possible."),
        status_code=400,
    )
