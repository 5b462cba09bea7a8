"""Programmes pages: progress per desa, roll-ups for a Pemda, lists in, collective lists out.

Admins see every programme, branch staff their branch's, a `pemda` login its kabupaten's,
read-only and without any NIK or lead. Branch admins (and admins) add and edit programmes (audited),
mark a group active, and upload a village list, getting its row-by-row report back as a download.
The collective export has NIK only by POST from a role allowed to see it, audited first,
as the leads exports are.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.crypto import Crypto
from bot.domain.contributions import Funding
from bot.domain.programmes import CATEGORY_LABELS, Area, categories
from bot.domain.regions import region
from bot.programme_files import (
    ListFileError,
    collective_rows,
    read_list,
    record_programme_export,
    sponsor,
    write_collective,
    write_report,
)
from bot.storage.branches import is_sample_mapping
from bot.storage.models import Branch, Programme
from bot.storage.programmes import (
    CHANGED,
    CREATED,
    ENROLLED,
    WAITING,
    ProgrammeError,
    Terms,
    budget,
    change_programme,
    counts,
    create_programme,
    import_list,
    mark_active,
    occupations,
    progress,
    record_change,
    rollup,
    terms,
    visible,
)
from bot.web.dashboard.charts import bars
from bot.web.dashboard.dates import parse_month
from bot.web.dashboard.leads_views import now
from bot.web.dashboard.render import error_page, render, translator
from bot.web.dashboard.security import PREFIX, Viewer, form_of, staff_only

log = logging.getLogger(__name__)
READERS = ("admin", "branch_admin", "officer", "pemda")
WRITERS = ("admin", "branch_admin")
EXPORTERS = ("admin", "branch_admin", "officer")
MAX_UPLOAD = 20 * 1024 * 1024


def _name(code: str) -> str:
    place = region(code)
    return place.name if place else code


def _page(
    request: Request, viewer: Viewer, error: str | None = None, status_code: int = 200
) -> Response:
    t = translator(request)
    today = now(request).date()
    where = visible(viewer.role, viewer.branch_id, viewer.regency_code)
    with request.app.state.services.sessions() as session:
        rows = progress(session, where, today)
        per_category = occupations(session, where)
        branches = {b.id: b.name for b in session.scalars(select(Branch))}
        sample = is_sample_mapping(session)
    coverage = [
        (t.gettext(CATEGORY_LABELS[key]) if key else t.gettext("Other"), n)
        for key, n in per_category
    ]
    return render(
        request,
        "programmes.html",
        viewer,
        rows=rows,
        districts=rollup(rows, 3),
        regencies=rollup(rows, 2),
        coverage=coverage,
        chart=bars(coverage, t.number),
        place=_name,
        branches=branches,
        sample=sample,
        sponsor=sponsor,
        fundings=[f.value for f in Funding],
        categories=[(key, t.gettext(CATEGORY_LABELS[key])) for key in categories()],
        error=error,
        status_code=status_code,
    )


@staff_only(*READERS)
async def programmes(request: Request, viewer: Viewer) -> Response:
    return await run_in_threadpool(_page, request, viewer)


class UnreadableMonth(ValueError):
    """A month field's text that names no month: refused, not taken as empty."""


def _month(raw: object) -> date | None:
    """The month typed (`November 2026`, `11/2026`, ...), None when the field was left empty."""
    text = str(raw or "").strip()
    if not text:
        return None
    if (month := parse_month(text)) is None:
        raise UnreadableMonth(text)
    return month


def _unreadable_month(request: Request) -> str:
    return translator(request).gettext("Write the month like 11/2026 or November 2026.")


def _int(raw: object, default: int | None = None) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() else default


def _terms(form: FormData, area: Area, today: date) -> Terms:
    """The add and edit forms' fields, checked by the same rules as `programmes add`."""
    return terms(
        area,
        funding=str(form.get("funding") or ""),
        quota=_int(form.get("quota")),
        months=_int(form.get("months"), 12) or 12,
        programs=["jkk", "jkm", "jht"] if form.get("jht") else ["jkk", "jkm"],
        start=_month(form.get("start")) or today,
        categories=[str(c) for c in form.getlist("categories")],
    )


@staff_only(*WRITERS)
async def add(request: Request, viewer: Viewer) -> Response:
    form = form_of(request)
    t = translator(request)

    def work() -> Response:
        try:
            with request.app.state.services.sessions.begin() as session:
                area = str(form.get("area") or "").strip()
                place = region(area)
                checked = _terms(form, Area(place.code if place else area), now(request).date())
                programme = create_programme(
                    session,
                    area_code=area,
                    now=now(request),
                    start=checked.start_month,
                    **{k: v for k, v in asdict(checked).items() if k != "start_month"},
                )
                if viewer.role == "branch_admin" and programme.branch_id != viewer.branch_id:
                    raise ProgrammeError("another branch serves this area")
                detail = {"area": programme.area_code, **_plain_terms(checked)}
                record_change(
                    session, programme, actor=viewer.actor, action=CREATED, detail=detail,
                    now=now(request),
                )  # fmt: skip
        except ProgrammeError:
            return _page(request, viewer, t.gettext("Check the area code, quota and months."), 400)
        except UnreadableMonth:
            return _page(request, viewer, _unreadable_month(request), 400)
        return RedirectResponse(f"{PREFIX}/programmes", status_code=303)

    return await run_in_threadpool(work)


def _plain_terms(checked: Terms) -> dict[str, object]:
    return {**asdict(checked), "start_month": checked.start_month.strftime("%Y-%m")}


def _edit_page(
    request: Request, viewer: Viewer, programme_id: int, error: str | None = None
) -> Response:
    t = translator(request)
    with request.app.state.services.sessions() as session:
        programme = _own(session, viewer, programme_id)
        if programme is None:
            return error_page(request, viewer, 404)
        taken = counts(session, [programme.id]).get(programme.id, Counter())
        branch = session.get_one(Branch, programme.branch_id)
        monthly = budget(programme) / (programme.quota * programme.months)
        return render(
            request,
            "programme_edit.html",
            viewer,
            status_code=400 if error else 200,
            programme=programme,
            sponsor=sponsor(programme),
            branch=branch.name,
            sample=is_sample_mapping(session),
            enrolled=taken[ENROLLED],
            waiting=taken[WAITING],
            total=budget(programme),
            monthly=monthly,
            fundings=[f.value for f in Funding],
            categories=[(key, t.gettext(CATEGORY_LABELS[key])) for key in categories()],
            error=error,
        )


@staff_only(*WRITERS)
async def edit_form(request: Request, viewer: Viewer) -> Response:
    programme_id = int(request.path_params["programme_id"])
    return await run_in_threadpool(_edit_page, request, viewer, programme_id)


@staff_only(*WRITERS)
async def edit(request: Request, viewer: Viewer) -> Response:
    """New terms for a programme of the viewer's branch; the change is audited."""
    programme_id = int(request.path_params["programme_id"])
    form = form_of(request)
    t = translator(request)

    def work() -> Response:
        try:
            with request.app.state.services.sessions.begin() as session:
                programme = _own(session, viewer, programme_id)
                if programme is None:
                    return error_page(request, viewer, 404)
                checked = _terms(form, Area(programme.area_code), programme.start_month)
                changed = change_programme(session, programme, checked)
                if changed:
                    record_change(
                        session, programme, actor=viewer.actor, action=CHANGED, detail=changed,
                        now=now(request),
                    )  # fmt: skip
        except ProgrammeError:
            error = t.gettext(
                "Check the quota and months: the quota cannot be below the places taken."
            )
            return _edit_page(request, viewer, programme_id, error)
        except UnreadableMonth:
            return _edit_page(request, viewer, programme_id, _unreadable_month(request))
        return RedirectResponse(f"{PREFIX}/programmes/#programme-{programme_id}", status_code=303)

    return await run_in_threadpool(work)


def _own(session: Session, viewer: Viewer, programme_id: int) -> Programme | None:
    """The programme if this viewer may see it."""
    programme = session.get(Programme, programme_id)
    if programme is None:
        return None
    if viewer.role == "pemda":
        return programme if programme.regency_code == viewer.regency_code else None
    if viewer.role != "admin" and programme.branch_id != viewer.branch_id:
        return None
    return programme


@staff_only(*WRITERS)
async def activate(request: Request, viewer: Viewer) -> Response:
    programme_id = int(request.path_params["programme_id"])
    try:
        since = _month(form_of(request).get("active_from"))
    except UnreadableMonth:
        return await run_in_threadpool(_page, request, viewer, _unreadable_month(request), 400)

    def work() -> bool:
        with request.app.state.services.sessions.begin() as session:
            programme = _own(session, viewer, programme_id)
            if programme is None:
                return False
            mark_active(session, programme, since)
            return True

    if not await run_in_threadpool(work):
        return error_page(request, viewer, 404)
    return RedirectResponse(f"{PREFIX}/programmes", status_code=303)


@staff_only(*WRITERS)
async def upload(request: Request, viewer: Viewer) -> Response:
    """A village list in, its validation report out (CSV download); all rows or none stored."""
    programme_id = int(request.path_params["programme_id"])
    upload = form_of(request).get("list")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return error_page(request, viewer, 400)
    suffix = ".xlsx" if upload.filename.lower().endswith(".xlsx") else ".csv"
    folder = Path(tempfile.mkdtemp(prefix="jb-list-"))
    source = folder / f"list{suffix}"
    data = await upload.read(MAX_UPLOAD + 1)
    await upload.close()
    if len(data) > MAX_UPLOAD:
        shutil.rmtree(folder, ignore_errors=True)
        return error_page(request, viewer, 413)
    source.write_bytes(data)
    crypto = Crypto(request.app.state.services.settings.secret_key)

    def work() -> Path | None:
        rows = read_list(source)
        with request.app.state.services.sessions.begin() as session:
            programme = _own(session, viewer, programme_id)
            if programme is None:
                return None
            result = import_list(
                session, programme, rows, crypto=crypto, actor=viewer.actor, now=now(request)
            )
        report = folder / f"laporan-program-{programme_id}.csv"
        write_report(result, report, translator(request).locale)
        log.info("list imported by %s: %d accepted", viewer.actor, result.accepted)
        return report

    try:
        report = await run_in_threadpool(work)
    except (ListFileError, ValueError, OSError):
        shutil.rmtree(folder, ignore_errors=True)
        return error_page(request, viewer, 400)
    if report is None:
        shutil.rmtree(folder, ignore_errors=True)
        return error_page(request, viewer, 404)
    return FileResponse(
        report,
        filename=report.name,
        media_type="text/csv; charset=utf-8",
        headers={"Cache-Control": "no-store"},
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


@staff_only(*EXPORTERS)
async def export(request: Request, viewer: Viewer) -> Response:
    """The collective list; NIK only by POST with nik=1 from a role that may see it, audited."""
    programme_id = int(request.path_params["programme_id"])
    fmt = request.path_params["fmt"]
    if fmt not in ("csv", "xlsx"):
        return error_page(request, viewer, 404)
    with_nik = (
        request.method == "POST" and viewer.can_see_nik and form_of(request).get("nik") == "1"
    )
    reveal = Crypto(request.app.state.services.settings.secret_key).decrypt if with_nik else None
    folder = Path(tempfile.mkdtemp(prefix="jb-collective-"))

    def work() -> Path | None:
        with request.app.state.services.sessions.begin() as session:
            programme = _own(session, viewer, programme_id)
            if programme is None:
                return None
            rows = collective_rows(session, programme, reveal=reveal)
            if with_nik:
                record_programme_export(
                    session, programme, actor=viewer.actor, rows=len(rows), now=now(request)
                )
                log.warning("collective export with NIK by %s: %d rows", viewer.actor, len(rows))
        path = folder / f"kolektif-program-{programme_id}.{fmt}"
        write_collective(rows, path, fmt)
        return path

    path = await run_in_threadpool(work)
    if path is None:
        shutil.rmtree(folder, ignore_errors=True)
        return error_page(request, viewer, 404)
    media = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if fmt == "xlsx"
        else "text/csv; charset=utf-8"
    )
    return FileResponse(
        path,
        filename=path.name,
        media_type=media,
        headers={"Cache-Control": "no-store"},
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


routes = [
    Route("/", programmes, methods=["GET"]),
    Route("/", add, methods=["POST"]),
    Route("/{programme_id:int}/edit", edit_form, methods=["GET"]),
    Route("/{programme_id:int}/edit", edit, methods=["POST"]),
    Route("/{programme_id:int}/active", activate, methods=["POST"]),
    Route("/{programme_id:int}/import", upload, methods=["POST"]),
    Route("/{programme_id:int}/export.{fmt:str}", export, methods=["GET", "POST"]),
]
